// The big screen's layout rules, in one place: every activity's screen view uses them.
//
// A projector shows what is on it and nothing else: there is no scrolling. So
// text shrinks to fit its box, down to a floor that can still be read from the
// back of a hall (32 px on a 1080-line screen, scaled with the screen), and a
// list longer than its box at that floor is shown a page at a time, turning by
// itself ("page 2 of 5"). The facilitator (or anyone at the laptop) can pause
// the turning and step it with the keyboard: space, left and right arrows.
import { h } from "./dom.js";

/** The smallest text the screen may show, in px: 32 px at 1080 lines. */
export function floorPx() {
  return (32 * window.innerHeight) / 1080;
}

const SECONDS_PER_PAGE = 8;
// Each paged list keeps its page across redraws (a card arriving redraws the screen).
const pagers = new Map();
let paused = false;

/**
 * A list the screen pages when it does not fit. ``items`` are elements (each
 * one item: a name, a card, a table); ``label`` names the list for a screen
 * reader. The caller puts the result in a box whose height the layout bounds
 * (a flex or grid child with min-height 0), then calls ``layout(root)``.
 */
export function pagedList(id, items, { label, className = "", maxEm = 1.4, current = -1 } = {}) {
  return h("section", { id, class: `paged ${className}`, dataset: { paged: id, maxEm: String(maxEm) }, "aria-label": label },
    h("ul", { class: "paged-items" }, items.map((item, i) =>
      h("li", { class: i === current ? "paged-item paged-current" : "paged-item" }, item))),
    h("p", { class: "page-of", "aria-hidden": "true" }));
}

/** Shrink ``el``'s text until it fits its box, from ``maxEm`` of its inherited size down to the floor. */
export function fitText(el, { maxEm = 1 } = {}) {
  el.style.fontSize = "";
  const base = parseFloat(getComputedStyle(el).fontSize);
  const floor = floorPx();
  const fits = () => el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1;
  return largestFitting(el, fits, floor, Math.max(base * maxEm, floor));
}

/** The largest font size from ``lo`` (the floor) to ``hi`` at which ``fits()`` holds, set on ``el``; ``lo`` if none. */
function largestFitting(el, fits, lo, hi) {
  el.style.fontSize = `${hi}px`;
  if (fits()) return hi;
  for (let i = 0; i < 7 && hi - lo > 0.5; i++) {
    const mid = (lo + hi) / 2;
    el.style.fontSize = `${mid}px`;
    if (fits()) lo = mid;
    else hi = mid;
  }
  el.style.fontSize = `${lo}px`;
  return lo;
}

/**
 * Lay out the screen under ``root``: boxes marked ``fit`` shrink their text
 * to fit (outer boxes first), then every paged list takes the largest text
 * that fits on one page, else pages at the floor.
 */
export function layout(root) {
  const lists = [...root.querySelectorAll(".paged")];
  // Fitting text lays the page out several times: with a list of 2,000 names
  // showing, each of those passes would lay out all of them. The lists are
  // folded to nothing first (their boxes keep their size: they flex into it).
  for (const box of lists) box.querySelector(".paged-items").hidden = true;
  for (const box of root.querySelectorAll(".fit")) fitText(box);
  for (const box of lists) {
    box.querySelector(".paged-items").hidden = false;
    layoutOne(box);
  }
}

function layoutOne(box) {
  const id = box.dataset.paged;
  const list = box.querySelector(".paged-items");
  const items = [...list.children];
  const footer = box.querySelector(".page-of");
  for (const item of items) item.hidden = false;
  footer.textContent = "";
  const base = parseFloat(getComputedStyle(box.parentElement).fontSize);
  const floor = floorPx();
  const fitsOnOnePage = () => list.scrollHeight <= list.clientHeight + 1 && list.scrollWidth <= list.clientWidth + 1;
  // At the floor first: a long list (hundreds of names) does not fit on one
  // page at any size, and is then laid out once, not eight times.
  box.style.fontSize = `${floor}px`;
  if (fitsOnOnePage()) largestFitting(box, fitsOnOnePage, floor, Math.max(floor, base * Number(box.dataset.maxEm || 1.4)));
  const pages = pageBreaks(list, items);
  const pager = pagers.get(id) || { page: 0, timer: null, current: -1 };
  pagers.set(id, pager);
  pager.pages = pages;
  pager.box = box;
  if (pager.page >= pages.length) pager.page = 0;
  // The item that matters now (the speaker) is shown when it changes, whatever page was turning.
  const current = list.querySelector(".paged-current");
  const currentIndex = current ? items.indexOf(current) : -1;
  if (currentIndex !== pager.current) {
    pager.current = currentIndex;
    if (current) pager.page = pages.findIndex((page) => page.includes(current));
  }
  box.dataset.pages = String(pages.length);
  show(pager);
  clearInterval(pager.timer);
  pager.timer = pages.length > 1 ? setInterval(() => !paused && step(pager, 1), SECONDS_PER_PAGE * 1000) : null;
}

/** Items grouped into pages that each fit the list's box; a page ends where a row ends. */
function pageBreaks(list, items) {
  const height = list.clientHeight;
  const top = list.getBoundingClientRect().top;
  const pages = [];
  let page = [];
  let pageTop = null;
  let lastTop = null;
  for (const item of items) {
    const box = item.getBoundingClientRect();
    const itemTop = box.top - top;
    const itemBottom = box.bottom - top;
    if (pageTop === null) pageTop = itemTop;
    // Items that share a row (a grid of tables, a flow of words) stay on one page.
    const sameRowAsLast = page.length && Math.abs(lastTop - itemTop) < 1;
    if (page.length && !sameRowAsLast && itemBottom - pageTop > height + 1) {
      pages.push(page);
      page = [];
      pageTop = itemTop;
    }
    page.push(item);
    lastTop = itemTop;
  }
  if (page.length) pages.push(page);
  return pages.length ? pages : [[]];
}

function show(pager) {
  pager.pages.forEach((page, i) => {
    for (const item of page) item.hidden = i !== pager.page;
  });
  const footer = pager.box.querySelector(".page-of");
  footer.textContent = pager.pages.length > 1 ? `page ${pager.page + 1} of ${pager.pages.length}${paused ? " (paused)" : ""}` : "";
  pager.box.dataset.page = String(pager.page + 1);
}

function step(pager, by) {
  const n = pager.pages.length;
  pager.page = (pager.page + by + n) % n;
  show(pager);
}

/** Turn every list on the screen a page forward (1) or back (-1). */
export function stepAll(by) {
  for (const pager of pagers.values()) if (pager.box.isConnected && pager.pages.length > 1) step(pager, by);
}

export function setPaused(value) {
  paused = value;
  for (const pager of pagers.values()) if (pager.box.isConnected) show(pager);
}

export function isPaused() {
  return paused;
}

/** Forget lists that left the screen (their activity ended). */
export function forgetGone() {
  for (const [id, pager] of pagers) {
    if (!pager.box || !pager.box.isConnected) {
      clearInterval(pager.timer);
      pagers.delete(id);
    }
  }
}
