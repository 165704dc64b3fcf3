// What a screen reader says about changes, said once: two hidden live regions
// that are in the page from the start (templates/phone.html), because a region
// added together with its words is often not read at all. Nothing else on the
// phone is live: the speaker's clock ticks every second and must stay quiet.

/** Say `text` politely (after what is being read), or now (`urgent`: the person's turn). */
export function announce(text, { urgent = false } = {}) {
  const el = document.getElementById(urgent ? "say-now" : "say");
  if (el) el.textContent = text;
}

/** Buzz the phone where it can (Android; not iOS), in a short double pattern. */
export function buzz() {
  try {
    if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
  } catch {
    /* some browsers throw without a tap on the page first */
  }
}

/** Is the person in the middle of filling in a control? Then focus and scroll stay theirs. */
export function busyTyping() {
  const el = document.activeElement;
  return Boolean(el && el.matches && el.matches("input, textarea, select, [contenteditable]"));
}
