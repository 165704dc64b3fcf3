// How the phone shows what it has saved and what is still waiting to be sent.
//
// The outbox is the truth: every note here is drawn from its items, so a note
// stays right after a reload, a reconnect or a retry, not only when the first
// answer comes back.
import { REFUSED, SAVED, WAITING } from "./outbox.js";
import { remember, remembered } from "./dom.js";

// Array.prototype.at is missing on phones older than iOS 15.4, which still come to events.
export function lastOf(list) {
  return list.length ? list[list.length - 1] : null;
}

// The header's line: "2 waiting to send", "All saved ✓" or why something was not sent.
export function showOutbox(el, items) {
  if (!el) return;
  const waiting = items.filter((i) => i.state === WAITING).length;
  const refused = lastOf(items.filter((i) => i.state === REFUSED));
  let state = "";
  let text = "";
  if (waiting) {
    state = "waiting";
    text = `${waiting} waiting to send`;
  } else if (refused) {
    state = "refused";
    text = `Not sent: ${refused.error}`;
  } else if (items.length) {
    state = "saved";
    text = "All saved ✓";
  }
  el.textContent = text;
  el.dataset.state = state;
  el.className = `outbox-status ${state === "refused" ? "error" : state}`;
  el.hidden = !text;
}

// Keep the header line current, and call onItemsChanged when an item is
// added, answered or starts waiting (not for every retry while offline).
export function watchOutbox(outbox, el, onItemsChanged) {
  let last = null;
  return outbox.onChange((items) => {
    showOutbox(el, items);
    const now = items.map((i) => `${i.cid}:${i.state}:${i.tries ? 1 : 0}`).join(",");
    if (last !== null && now !== last && onItemsChanged) onItemsChanged();
    last = now;
  });
}

// Items of these actions (and matching `which`), oldest first.
export function itemsOf(outbox, names, which = () => true) {
  if (!outbox) return [];
  const wanted = Array.isArray(names) ? names : [names];
  return outbox.items.filter((i) => wanted.includes(i.name) && which(i));
}

export function waitingOf(outbox, names, which = () => true) {
  return itemsOf(outbox, names, (i) => i.state === WAITING && which(i));
}

export function latestOf(outbox, names, which = () => true) {
  return lastOf(itemsOf(outbox, names, which));
}

// {cls, text} for one item; `words.saved` (text, or a function of the item)
// says what "saved" means here, `words.waiting` what waiting for the connection means.
export function itemStatus(item, words = {}) {
  if (!item) return { cls: "", text: "" };
  if (item.state === SAVED) {
    const saved = typeof words.saved === "function" ? words.saved(item) : words.saved;
    return { cls: "saved", text: saved || "Saved ✓" };
  }
  if (item.state === REFUSED) return { cls: "error", text: item.error || "Not saved." };
  if (!item.tries) return { cls: "waiting", text: "Sending…" };
  if (item.code === "offline") {
    return { cls: "waiting", text: words.waiting || "Waiting for the connection: kept on this phone and sent when it is back." };
  }
  return { cls: "waiting", text: "Waiting to send: trying again in a moment." };
}

// Keep `el` showing the latest item of these actions for as long as it is on
// the page (a form kept while someone types is not rebuilt, so its note
// follows the outbox itself). `fallback` is shown when there is no item; `base`
// is the class the element always has. When a patch keeps an earlier render's
// note in place of `el`, the note follows this render's words and fallback.
export function followLatest(el, outbox, names, { which, words, fallback, base = "" } = {}) {
  if (!outbox) return el;
  remember(el, { names, which, words, fallback, base });
  let bound = false;
  const stop = outbox.onChange(() => {
    // The first call comes at once, before the element is placed; by any
    // later one (never during a render) an element off the page is gone.
    if (bound && !el.isConnected) {
      stop();
      return;
    }
    bound = true;
    const latest = remembered(el);
    const item = latestOf(outbox, latest.names, latest.which);
    const { cls, text } = item ? itemStatus(item, latest.words) : latest.fallback || { cls: "", text: "" };
    el.className = [latest.base, cls].filter(Boolean).join(" ");
    el.textContent = text;
  });
  return el;
}
