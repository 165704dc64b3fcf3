// The big screen's layout rules, in one place: every activity's screen view uses them.
//
// A projector shows what is on it and nothing else: there is no scrolling. So
// text shrinks to fit its box, down to a floor that can still be read from the
// back of a hall (32 px on a 1080-line screen, scaled with the screen), and a
// list longer than its box at that floor is shown a page at a time, turning by
// itself ("page 2 of 5"); a page that begins inside a group (a table's cards)
// repeats the group's name, "(continued)". The facilitator (or anyone at the laptop) can pause
// the turning and step it with the keyboard: space, left and right arrows.
import { h } from "./dom.js";
import { formatNumber, t } from "./i18n.js";

/** The smallest text the screen may show, in px: 32 px at 1080 lines. */
export function floorPx() {
  return (32 * window.innerHeight) / 1080;
}

// The facilitator sets the pace from the console (presentation.pace).
let secondsPerPage = 8;
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
    h("ul", { class: "paged-items" }, items.map((item, i) => listItem(item, i === current))),
    h("p", { class: "page-of", "aria-hidden": "true" }));
}

// An item with the class "paged-heading" (a table's name over its cards) spans
// its row and is kept on the page of what follows it.
function listItem(item, current) {
  const heading = item instanceof Element && item.classList.contains("paged-heading");
  return h("li", { class: `paged-item${current ? " paged-current" : ""}${heading ? " paged-item-heading" : ""}` }, item);
}

// What a list of rows builds on demand: its count, how to build item i, which items to measure.
const rowLists = new WeakMap();

/**
 * A long list of one-line items in columns (a seating plan, the order of a
 * round): only the page on show is built. The rows' height is measured on a
 * few items (``probe``: indices of the longest, see ``longest``), the page
 * size follows from it, and each turn of the page builds that page alone; a
 * list of 2,000 names costs the screen a page of them, not 2,000.
 * ``build(i)`` makes item i; ``current`` is the item to show first (the speaker).
 */
export function pagedRows(id, count, build, { label, className = "", maxEm = 1.4, current = -1, probe = null } = {}) {
  const box = h("section", { id, class: `paged rows-of ${className}`, dataset: { paged: id, maxEm: String(maxEm), virtual: "1" }, "aria-label": label },
    h("ul", { class: "paged-items" }),
    h("p", { class: "page-of", "aria-hidden": "true" }));
  rowLists.set(box, { count, build, current, probe: probe || [...Array(Math.min(count, 8)).keys()] });
  return box;
}

/** The indices of the ``k`` longest of ``texts``: the items likeliest to wrap, measured for the rows' height. */
export function longest(texts, k = 8) {
  const top = [];
  texts.forEach((t, i) => {
    if (top.length < k || t.length > texts[top[top.length - 1]].length) {
      top.push(i);
      top.sort((a, b) => texts[b].length - texts[a].length);
      if (top.length > k) top.pop();
    }
  });
  return top;
}

/** Shrink ``el``'s text until it fits its box, from ``maxEm`` of its inherited size down to the floor. */
export function fitText(el, { maxEm = 1 } = {}) {
  el.style.fontSize = "";
  const spares = [...el.querySelectorAll(".spare")];
  for (const spare of spares) spare.style.display = "";
  const base = parseFloat(getComputedStyle(el).fontSize);
  const floor = floorPx();
  const fits = () => el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1;
  const hi = Math.max(base * maxEm, floor);
  const size = largestFitting(el, fits, floor, hi);
  if (fits() || !spares.length) return size;
  // Too much at the floor (a bilingual screen says everything twice): what the box can do
  // without (marked "spare": a note, a hint) is left out, the last first, until the rest fits.
  for (const spare of spares.reverse()) {
    spare.style.display = "none";
    if (fits()) break;
  }
  return largestFitting(el, fits, floor, hi);
}

/**
 * Keep ``el``'s text on one line (it is ``white-space: nowrap``: an address that must never
 * break inside): at its inherited size if it fits its box, else the largest that fits, down to
 * ``least`` (a share of the floor). True if it fits.
 */
export function fitOneLine(el, { least = 1 } = {}) {
  el.style.fontSize = "";
  const base = parseFloat(getComputedStyle(el).fontSize);
  const fits = () => el.scrollWidth <= el.clientWidth + 1;
  if (fits()) return true;
  largestFitting(el, fits, least * floorPx(), base);
  return fits();
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
  for (const row of root.querySelectorAll(".ruler")) fitRuler(row);
  for (const box of lists) {
    box.querySelector(".paged-items").hidden = false;
    if (rowLists.has(box)) layoutRows(box);
    else layoutOne(box);
  }
}

/**
 * A row of column numbers (``.ruler-mark``, the number in ``data-mark``): where one does not fit its
 * column at the text's size, only the first and every fifth (``.fifth``) are written, as on a ruler,
 * centred over their column; the others are left blank rather than cut.
 */
function fitRuler(row) {
  const marks = [...row.querySelectorAll(".ruler-mark")];
  row.classList.remove("sparse");
  for (const mark of marks) mark.textContent = mark.dataset.mark;
  if (!marks.some((mark) => mark.scrollWidth > mark.clientWidth + 1)) return;
  row.classList.add("sparse");
  for (const mark of marks) if (!mark.classList.contains("fifth")) mark.textContent = "";
}

/** A pager for ``box``'s list, kept across redraws by the list's id. */
function pagerFor(box) {
  const id = box.dataset.paged;
  const pager = pagers.get(id) || { page: 0, timer: null, current: -1 };
  pagers.set(id, pager);
  pager.box = box;
  return pager;
}

function startTurning(pager) {
  pager.box.dataset.pages = String(pager.pageCount);
  show(pager);
  clearInterval(pager.timer);
  pager.timer = pager.pageCount > 1 ? setInterval(() => !paused && step(pager, 1), secondsPerPage * 1000) : null;
}

// Rows in columns: measure the rows on a few items at the floor, and if the
// whole list fits one page, build it all and grow its text; else page it at
// the floor, building only the page shown.
function layoutRows(box) {
  const spec = rowLists.get(box);
  const list = box.querySelector(".paged-items");
  box.querySelector(".page-of").textContent = "";
  const floor = floorPx();
  box.style.fontSize = `${floor}px`;
  const pager = pagerFor(box);
  pager.rows = spec;
  pager.perPage = perPage(list, spec);
  if (spec.count <= pager.perPage) {
    list.replaceChildren(...Array.from({ length: spec.count }, (_, i) => listItem(spec.build(i), i === spec.current)));
    const base = parseFloat(getComputedStyle(box.parentElement).fontSize);
    const fits = () => list.scrollHeight <= list.clientHeight + 1 && list.scrollWidth <= list.clientWidth + 1;
    largestFitting(box, fits, floor, Math.max(floor, base * Number(box.dataset.maxEm || 1.4)));
    pager.perPage = Math.max(spec.count, 1);
  }
  pager.pageCount = Math.max(1, Math.ceil(spec.count / pager.perPage));
  if (pager.page >= pager.pageCount) pager.page = 0;
  // The item that matters now (the speaker) is shown when it changes, whatever page was turning.
  if (spec.current !== pager.current) {
    pager.current = spec.current;
    if (spec.current >= 0) pager.page = Math.floor(spec.current / pager.perPage);
  }
  startTurning(pager);
}

/**
 * How many items one page holds: whole rows of the measured items' height, times the columns.
 * A row is measured on one line: a page with a name that wraps gives up a row when it is built
 * (buildRowsPage), rather than every page holding half as many names because some wrap.
 */
function perPage(list, spec) {
  list.replaceChildren(...spec.probe.map((i) => listItem(spec.build(i), false)));
  const style = getComputedStyle(list);
  const columns = Math.max(1, style.gridTemplateColumns.split(" ").filter((t) => t && t !== "none").length);
  let row = 0;
  list.style.whiteSpace = "nowrap";
  for (const item of list.children) row = Math.max(row, item.getBoundingClientRect().height);
  list.style.whiteSpace = "";
  const gap = parseFloat(style.rowGap) || 0;
  const rows = Math.max(1, Math.floor((list.clientHeight + gap + 1) / (row + gap)));
  return rows * columns;
}

/** Build the page on show; a row taller than those measured (a name that wraps) moves the page's end up a row. */
function buildRowsPage(pager) {
  const { count, build, current } = pager.rows;
  const list = pager.box.querySelector(".paged-items");
  const columns = Math.max(1, getComputedStyle(list).gridTemplateColumns.split(" ").filter((t) => t && t !== "none").length);
  for (;;) {
    const from = pager.page * pager.perPage;
    const to = Math.min(count, from + pager.perPage);
    list.replaceChildren(...Array.from({ length: to - from }, (_, k) => listItem(build(from + k), from + k === current)));
    if (list.scrollHeight <= list.clientHeight + 1 || pager.perPage <= columns) return;
    pager.perPage -= columns;
    pager.pageCount = Math.ceil(count / pager.perPage);
    pager.box.dataset.pages = String(pager.pageCount);
    // The page keeps the speaker if it had them, else the item it began with.
    pager.page = Math.floor((current >= from && current < to ? current : from) / pager.perPage);
  }
}

function layoutOne(box) {
  const list = box.querySelector(".paged-items");
  for (const again of list.querySelectorAll(".paged-continued")) again.remove();
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
  const pager = pagerFor(box);
  pager.rows = null;
  pager.pages = pages;
  pager.pageCount = pages.length;
  if (pager.page >= pages.length) pager.page = 0;
  // The item that matters now (the speaker) is shown when it changes, whatever page was turning.
  const current = list.querySelector(".paged-current");
  const currentIndex = current ? items.indexOf(current) : -1;
  if (currentIndex !== pager.current) {
    pager.current = currentIndex;
    if (current) pager.page = pages.findIndex((page) => page.includes(current));
  }
  startTurning(pager);
}

/** Items grouped into pages that each fit the list's box; a page ends where a row ends. */
function pageBreaks(list, items) {
  const height = list.clientHeight;
  const top = list.getBoundingClientRect().top;
  const pages = [];
  let page = [];
  let pageTop = null;
  let lastTop = null;
  let heading = -1;
  const boxes = items.map((item) => item.getBoundingClientRect());
  for (const [i, item] of items.entries()) {
    const box = boxes[i];
    const itemTop = box.top - top;
    const isHeading = item.classList.contains("paged-item-heading");
    // A heading ends where the first row under it ends: it is never left alone at a page's foot.
    const under = isHeading && i + 1 < items.length ? boxes[i + 1] : box;
    const itemBottom = Math.max(box.bottom, under.bottom) - top;
    if (pageTop === null) pageTop = itemTop;
    // Items that share a row (a grid of tables, a flow of words) stay on one page.
    const sameRowAsLast = page.length && Math.abs(lastTop - itemTop) < 1;
    if (page.length && !sameRowAsLast && itemBottom - pageTop > height + 1) {
      pages.push(page);
      page = [];
      pageTop = itemTop;
      // A page that begins inside a group keeps room at its top for the group's name, "(continued)".
      if (!isHeading && heading >= 0) {
        page.continues = items[heading];
        pageTop -= boxes[heading].height + (boxes[heading + 1].top - boxes[heading].bottom);
      }
    }
    if (isHeading) heading = i;
    page.push(item);
    lastTop = itemTop;
  }
  if (page.length) pages.push(page);
  return pages.length ? pages : [[]];
}

function show(pager) {
  if (pager.rows) buildRowsPage(pager);
  else {
    pager.pages.forEach((page, i) => {
      for (const item of page) item.hidden = i !== pager.page;
    });
    for (const again of pager.box.querySelectorAll(".paged-continued")) again.remove();
    const page = pager.pages[pager.page];
    if (page.continues) page[0].before(continued(page.continues));
  }
  const footer = pager.box.querySelector(".page-of");
  const at = { n: formatNumber(pager.page + 1), count: formatNumber(pager.pageCount) };
  footer.textContent = pager.pageCount < 2 ? "" : paused ? t("page {n} of {count} (paused)", at) : t("page {n} of {count}", at);
  pager.box.dataset.page = String(pager.page + 1);
}

/** The group's name again at the top of a page that begins inside it. */
function continued(heading) {
  const again = heading.cloneNode(true);
  again.hidden = false;
  again.classList.add("paged-continued");
  again.firstElementChild.append(" ", t("(continued)"));
  return again;
}

function step(pager, by) {
  const n = pager.pageCount;
  pager.page = (pager.page + by + n) % n;
  show(pager);
}

/** Turn every list on the screen a page forward (1) or back (-1). */
export function stepAll(by) {
  for (const pager of pagers.values()) if (pager.box.isConnected && pager.pageCount > 1) step(pager, by);
}

/** Every list on the screen back to its first page (the Home key at the screen's laptop). */
export function firstPageAll() {
  for (const pager of pagers.values()) {
    if (!pager.box.isConnected || pager.pageCount < 2 || pager.page === 0) continue;
    pager.page = 0;
    show(pager);
  }
}

/** Seconds each page stays; the lists on the screen turn at the new pace from now. */
export function setPace(seconds) {
  if (!(seconds > 0) || seconds === secondsPerPage) return;
  secondsPerPage = seconds;
  for (const pager of pagers.values()) if (pager.box.isConnected) startTurning(pager);
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
