// What a person has typed or chosen and not yet sent stays on this phone.
//
// A live update never loses it (patch() keeps the element); this keeps it
// across a reload too. A control with data-draft="<key>" is saved, as it
// changes, under the event's code and that key, in sessionStorage: the tab's
// own, gone when the tab is closed, so a shared phone does not keep someone's
// words for the next person. Radio buttons of a group share one key.
const RESTORED = Symbol("draftRestored");
let prefix = "cc-draft--";

function storageKey(key) {
  return `${prefix}${key}`;
}

function read(key) {
  try {
    return sessionStorage.getItem(storageKey(key));
  } catch {
    return null; // storage switched off: drafts live only on the page
  }
}

function write(key, value) {
  try {
    if (value === null) sessionStorage.removeItem(storageKey(key));
    else sessionStorage.setItem(storageKey(key), value);
  } catch {
    /* private mode or full storage: the page still holds it */
  }
}

function valueOf(el) {
  if (el.type === "checkbox") return el.checked ? "1" : "0";
  if (el.type === "radio") return el.checked ? el.value : null;
  return el.value;
}

/** Start keeping drafts for the event with this code (once, at start-up). */
export function keepDrafts(code) {
  prefix = `cc-draft-${code}-`;
  const save = (e) => {
    const el = e.target;
    if (!(el instanceof Element) || !el.dataset.draft) return;
    const value = valueOf(el);
    if (value !== null) write(el.dataset.draft, value);
  };
  document.addEventListener("input", save);
  document.addEventListener("change", save);
}

/** Put a kept draft back into controls that are new on the page (a reload, a new activity). */
export function restoreDrafts(root) {
  for (const el of root.querySelectorAll("[data-draft]")) {
    if (el[RESTORED]) continue;
    el[RESTORED] = true;
    const kept = read(el.dataset.draft);
    if (kept === null) continue;
    if (el.type === "checkbox") el.checked = kept === "1";
    else if (el.type === "radio") el.checked = el.value === kept;
    else el.value = kept;
    // A half-filled form folded away (the 3Cs pulse) opens again, as it was left.
    const folded = el.closest("details");
    if (folded && kept && kept !== "0") folded.open = true;
  }
}

/** The draft has been sent (or set aside on purpose): forget it. */
export function clearDraft(...keys) {
  for (const key of keys) write(key, null);
}
