// Time on the page. Timers are deadlines from the server; we only need the
// offset between the server's clock and this device's, measured on each
// snapshot. One local ticker redraws every clock and countdown each second:
// nothing ticks over the network.
import { h, formatDuration } from "./dom.js";
import { t } from "./i18n.js";

let offset = 0;

export function syncClock(serverTimeMs) {
  if (typeof serverTimeMs === "number") offset = serverTimeMs - Date.now();
}

export function serverNow() {
  return Date.now() + offset;
}

export function msUntil(isoOrMs) {
  const t = typeof isoOrMs === "number" ? isoOrMs : Date.parse(isoOrMs);
  return t - serverNow();
}

// --- the ticker ----------------------------------------------------------------

let ticking = false;
const alsoEachSecond = [];

function tick() {
  const now = serverNow();
  for (const el of document.querySelectorAll("[data-since]")) {
    const frozen = el.dataset.frozen ? Date.parse(el.dataset.frozen) : now;
    el.textContent = formatDuration(frozen - Date.parse(el.dataset.since));
  }
  for (const el of document.querySelectorAll("[data-until]")) {
    // A pause holds a countdown where it was, as it holds the speaker's clock.
    const at = el.dataset.frozen ? Date.parse(el.dataset.frozen) : now;
    el.textContent = formatDuration(Date.parse(el.dataset.until) - at);
  }
  for (const el of document.querySelectorAll("[data-box-ends]")) {
    // A gentle signal, never a cut-off: the colour changes, nothing else.
    const over = !el.dataset.frozen && now > Date.parse(el.dataset.boxEnds);
    el.classList.toggle("over-time", over);
    const note = el.querySelector(".time-note");
    if (note) note.hidden = !over;
  }
  for (const el of document.querySelectorAll("[data-silence-ends]")) {
    const at = el.dataset.frozen ? Date.parse(el.dataset.frozen) : now;
    el.hidden = at >= Date.parse(el.dataset.silenceEnds);
  }
  document.querySelectorAll(".timer").forEach(drawTimer);
  for (const fn of alsoEachSecond) fn(now);
}

function startTicker() {
  if (ticking) return;
  ticking = true;
  setInterval(tick, 1000);
}

/** Redraws the clocks now, and each second from now on (after a render that drew some). */
export function clocksChanged() {
  startTicker();
  tick();
}

/** Calls ``fn(now)`` at each tick of the ticker, after the clocks are redrawn. */
export function eachSecond(fn) {
  alsoEachSecond.push(fn);
}

/** A café round's countdown: "12:34 left", "Paused · 3:00 left", "Time is up". */
export function countdown(round) {
  const el = h("p", { class: "timer", role: "timer", "aria-live": "off" });
  el.dataset.deadline = round.deadline ? String(round.deadline) : "";
  el.dataset.remaining = round.remaining_ms != null ? String(round.remaining_ms) : "";
  el.dataset.status = round.status;
  drawTimer(el);
  startTicker();
  return el;
}

function drawTimer(el) {
  const status = el.dataset.status;
  if (status === "paused") {
    el.textContent = t("Paused · {time} left", { time: formatDuration(Number(el.dataset.remaining || 0)) });
  } else if (status === "running" && el.dataset.deadline) {
    const left = msUntil(Number(el.dataset.deadline));
    el.textContent = left > 0 ? t("{time} left", { time: formatDuration(left) }) : t("Time is up");
  } else {
    el.textContent = "";
  }
}
