// DOM helpers. User text only ever goes in as text nodes: never innerHTML.
//
// Phones draw with `patch(root, ...children)`: the new children are built
// with h() as if from scratch, then the page is changed only where it
// differs. An element that stays is the same node, so what a person has
// typed or chosen in it, their focus, caret and an opened <details> all stay
// too, whatever the live update. `replace()` rebuilds, and is only for pages
// nobody types into.

// Handlers set through h() live on the element (HANDLERS) and one listener
// per event type calls the current one: when patch() keeps an old element it
// hands it the new render's handlers, so a kept button never runs a stale closure.
const HANDLERS = Symbol("handlers");
// The element on the page that a freshly built one stands for, once patched
// (itself if it was placed as it is): see onPage().
const ON_PAGE = Symbol("onPage");
// What a long-lived listener needs from the latest render: see remember().
const LATEST = Symbol("latest");

function dispatch(event) {
  const fn = this[HANDLERS] && this[HANDLERS][event.type];
  if (fn) return fn.call(this, event);
  return undefined;
}

function listen(el, type, fn) {
  if (!el[HANDLERS]) el[HANDLERS] = {};
  el[HANDLERS][type] = fn;
  el.addEventListener(type, dispatch); // the same function twice is one listener
}

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key.startsWith("on") && typeof value === "function") listen(el, key.slice(2), value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function nodes(children) {
  const out = [];
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    out.push(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return out;
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** The element on the page for `el`, built in this or an earlier render.
 *
 * A handler that reaches another element built in the same render (an error
 * line, a text box) must go through onPage(): patch() may have kept the
 * element already on the page and dropped the one the closure holds. */
export function onPage(el) {
  return (el && el[ON_PAGE]) || el;
}

/** Keep `value` with `el` for a listener that outlives this render (an outbox
 * note, say); patch() hands the latest render's value to the element it keeps. */
export function remember(el, value) {
  el[LATEST] = value;
  return el;
}

export function remembered(el) {
  return el[LATEST];
}

/** Make `root`'s children look like `children` (built with h()), changing only what differs.
 *
 * Elements are matched by id (or data-key; an option by its value) first,
 * then by tag in order.
 * A kept form control keeps its value, checkedness and selection (only its
 * attributes follow the new render: a box nobody has typed in still shows
 * the new default), a kept <details> stays open or shut as the person left
 * it, and focus stays where it was. */
export function patch(root, ...children) {
  const focused = document.activeElement;
  const caret = selectionOf(focused);
  morphChildren(root, nodes(children));
  // A kept element that had to move (the order changed) loses focus in some browsers.
  if (focused && focused !== document.activeElement && focused.isConnected && root.contains(focused)) {
    focused.focus({ preventScroll: true });
    if (caret) {
      try {
        focused.setSelectionRange(caret[0], caret[1], caret[2]);
      } catch {
        /* not a text field */
      }
    }
  }
  return root;
}

function selectionOf(el) {
  try {
    if (el && typeof el.selectionStart === "number") return [el.selectionStart, el.selectionEnd, el.selectionDirection];
  } catch {
    /* inputs such as checkboxes throw on selectionStart */
  }
  return null;
}

function keyOf(node) {
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  if (node.id) return `#${node.id}`;
  if (node.dataset && node.dataset.key) return `@${node.dataset.key}`;
  // An option is its value: a theme added above the one chosen must not take the choice over.
  if (node.tagName === "OPTION") return `=${node.value}`;
  return null;
}

function sameKind(a, b) {
  if (a.nodeType !== b.nodeType) return false;
  if (a.nodeType !== Node.ELEMENT_NODE) return true;
  // An input that changes type (text to radio) is a different control.
  return a.tagName === b.tagName && (a.tagName !== "INPUT" || a.type === b.type);
}

function morphChildren(parent, wanted) {
  const old = [...parent.childNodes];
  const keyed = new Map();
  for (const node of old) {
    const key = keyOf(node);
    if (key && !keyed.has(key)) keyed.set(key, node);
  }
  const used = new Set();
  let cursor = 0;
  const result = wanted.map((node) => {
    const key = keyOf(node);
    let match = null;
    if (key) {
      const candidate = keyed.get(key);
      if (candidate && !used.has(candidate) && sameKind(candidate, node)) match = candidate;
    } else {
      // The next unkeyed old node of the same kind, in order.
      for (let i = cursor; i < old.length; i++) {
        const candidate = old[i];
        if (used.has(candidate) || keyOf(candidate) || !sameKind(candidate, node)) continue;
        match = candidate;
        cursor = i + 1;
        break;
      }
    }
    if (!match) return node;
    used.add(match);
    // An element kept for the page and handed back as it is (a form being edited): nothing to change.
    if (match !== node) morphNode(match, node);
    return match;
  });
  for (const node of old) if (!used.has(node)) node.remove();
  result.forEach((node, i) => {
    const at = parent.childNodes[i];
    if (at !== node) parent.insertBefore(node, at || null);
  });
}

function morphNode(from, to) {
  to[ON_PAGE] = from;
  if (from.nodeType !== Node.ELEMENT_NODE) {
    if (from.nodeValue !== to.nodeValue) from.nodeValue = to.nodeValue;
    return;
  }
  morphAttributes(from, to);
  // Handlers: the new render's, through the one dispatcher.
  const handlers = to[HANDLERS] || {};
  from[HANDLERS] = handlers;
  for (const type of Object.keys(handlers)) from.addEventListener(type, dispatch);
  if (LATEST in to) from[LATEST] = to[LATEST];
  // A text box's content is the person's: its children are its default, not its value.
  if (from.tagName === "TEXTAREA") return;
  morphChildren(from, [...to.childNodes]);
}

function morphAttributes(from, to) {
  for (const { name } of [...from.attributes]) {
    if (to.hasAttribute(name)) continue;
    if (name === "open" && from.tagName === "DETAILS") continue; // opened or shut by the person
    if (name === "style") from.style.cssText = "";
    else from.removeAttribute(name);
  }
  for (const { name, value } of [...to.attributes]) {
    if (name === "open" && from.tagName === "DETAILS") continue;
    if (name === "style") {
      // Through the CSSOM: the page's CSP refuses inline style attributes.
      if (from.style.cssText !== to.style.cssText) from.style.cssText = to.style.cssText;
    } else if (from.getAttribute(name) !== value) {
      from.setAttribute(name, value);
    }
  }
}

/** `fn`, to be called once for many asks: a rush of live messages (hundreds of arrivals, a
 * burst of cards) redraws once, not once a message. It runs at the next frame, and never sooner
 * after its last run than that run took: a redraw that takes 90 ms would otherwise run again
 * after every message (the browser draws a frame between any two tasks once one is due),
 * leaving the page no time for anything else. A page in a background tab gets no frames, so a
 * timer calls it there. */
export function coalesce(fn, fallbackMs = 250) {
  let pending = null;
  let readyAt = 0;
  const run = () => {
    if (!pending) return;
    if (pending.frame !== null) cancelAnimationFrame(pending.frame);
    clearTimeout(pending.timer);
    pending = null;
    const started = performance.now();
    fn();
    const ended = performance.now();
    readyAt = ended + (ended - started);
  };
  return () => {
    if (pending) return;
    const wait = readyAt - performance.now();
    pending = wait > 0 ? { frame: null, timer: setTimeout(run, wait) } : { frame: requestAnimationFrame(run), timer: setTimeout(run, fallbackMs) };
  };
}

export const $ = (selector, root = document) => root.querySelector(selector);

// A size set through the CSSOM: the page's CSP refuses inline style attributes.
export function sized(el, property, value) {
  el.style[property] = value;
  return el;
}

export function formatDuration(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}
