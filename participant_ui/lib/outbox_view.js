// How the phone shows what it has saved and what is still waiting to be sent.
//
// The outbox is the truth: every note here is drawn from its items, so a note
// stays right after a reload, a reconnect or a retry, not only when the first
// answer comes back.
import { h, replace } from "./dom.js";
import { REFUSED, SAVED, WAITING } from "./outbox.js";
import { remember, remembered } from "./dom.js";
import { t, tn } from "./i18n.js";

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
    text = tn("{n} waiting to send", "{n} waiting to send", waiting);
  } else if (refused) {
    state = "refused";
    text = t("Not sent: {why}", { why: refused.error });
  } else if (items.length) {
    state = "saved";
    text = t("All saved ✓");
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
    return { cls: "saved", text: saved || t("Saved ✓") };
  }
  if (item.state === REFUSED) return { cls: "error", text: item.error || t("Not saved.") };
  if (!item.tries) return { cls: "waiting", text: t("Sending…") };
  if (item.code === "offline") {
    return { cls: "waiting", text: words.waiting || t("Waiting for the connection: kept on this phone and sent when it is back.") };
  }
  return { cls: "waiting", text: t("Waiting to send: trying again in a moment.") };
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

// What each kind of item is, in the person's words, for the list of what was not saved
// (a function: the words are looked up once the page's language is loaded).
const WHAT = () => ({
  "card.add": t("Your card"),
  "card.plus_one": t("Your +1"),
  "cafe.essence": t("Your round card"),
  "agreements.propose": t("Your proposal"),
  "question.add": t("Your question"),
  "checkout.word": t("Your word"),
  "checkout.pledge": t("Your pledge"),
  "goal.set": t("Your goal"),
  "vote.add": t("A dot"),
  "vote.remove": t("Taking back a dot"),
  "pulse.answer": t("Your answer"),
});

// Keep `el` listing every item the server refused, whatever the activity now
// is: what was written, why it was not saved, a way to copy it, and a button
// to let it go. The outbox keeps a refused item until that button is pressed.
export function showNotSent(el, outbox) {
  return outbox.onChange((items) => {
    const refused = items.filter((i) => i.state === REFUSED);
    el.hidden = !refused.length;
    if (!refused.length) {
      el.replaceChildren();
      return;
    }
    replace(el,
      h("h2", { text: tn("Not saved", "{n} not saved", refused.length) }),
      h("ul", { class: "not-sent-items" }, refused.map((item) => notSentItem(item, outbox))));
  });
}

// The words a person typed in what they sent, to copy: a round card has two fields.
function typedText(payload) {
  if (!payload) return "";
  return ["text", "essence", "next_question"].map((k) => payload[k]).filter((v) => typeof v === "string" && v).join("\n");
}

function notSentItem(item, outbox) {
  const text = typedText(item.payload);
  const note = h("p", { class: "hint", role: "status" });
  const what = WHAT()[item.name];
  // Each t() on its own: the extractor misses one nested in another's arguments.
  const sent = what || t("What you sent");
  const something = what || t("Something you sent");
  const why = item.error || t("refused.");
  const box = text ? h("textarea", { class: "not-sent-text", readonly: true, rows: 3, dir: "auto",
    "aria-label": t("{what}, to copy", { what: sent }) }) : null;
  if (box) box.value = text;
  return h("li", { class: "not-sent-item stack", dataset: { cid: item.cid } },
    h("p", { class: "error", text: t("{what} was not saved: {why}", { what: something, why }) }),
    box,
    h("div", { class: "row" },
      box ? h("button", { type: "button", class: "small secondary", text: t("Copy"), onclick: () => copy(box, note) }) : null,
      h("button", { type: "button", class: "small secondary", text: box ? t("I have copied it: remove") : t("Remove"),
        onclick: () => outbox.dismiss(item.cid) })),
    note);
}

// The clipboard API needs a secure page, and an event on a laptop's Wi-Fi is
// plain http: select the text and fall back to the old copy command, and say
// what happened so the person can copy it by hand if neither worked.
async function copy(box, note) {
  box.focus();
  box.select();
  try {
    await navigator.clipboard.writeText(box.value);
    note.textContent = t("Copied.");
    return;
  } catch {
    /* not a secure page, or no permission */
  }
  let done = false;
  try {
    done = document.execCommand("copy");
  } catch {
    done = false;
  }
  note.textContent = done ? t("Copied.") : t("Selected: use your phone's Copy to keep it.");
}
