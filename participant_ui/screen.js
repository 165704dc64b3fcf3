// The big screen: QR code, the code, who has arrived, then the current activity.
// Nothing scrolls on a projector: lib/fit.js shrinks and pages what is long.
import { $, coalesce, h, replace } from "./lib/dom.js";
import { connectLive, mergePatch, showStatus } from "./lib/live.js";
import { secretForThisTab } from "./lib/link_secret.js";
import { handToActivity, loadActivity } from "./lib/activity.js";
import { firstPageAll, fitOneLine, fitText, forgetGone, isPaused, layout, setPace, setPaused, stepAll } from "./lib/fit.js";
import { loadLanguage, loadSecondLanguage, pageLanguage, secondLanguage, t, tn } from "./lib/i18n.js";
import { inBothLanguages } from "./lib/own_texts.js";

const main = $("#main");
const code = main.dataset.event;
const activityEl = $("#activity");
let state = null;
// Who has arrived: the screen is sent how many are here and the latest few
// (the strip shows the newest while people come in), then one person at a time.
const arrivals = new Map();
let count = 0;
const ARRIVALS_KEPT = 40;

function heardRoster(view) {
  if (!view.arrivals) return;
  arrivals.clear();
  for (const p of view.arrivals) arrivals.set(p.id, p);
  count = view.count;
}

const current = { kind: null, module: null };

function closed(message) {
  state = null;
  arrivals.clear();
  count = 0;
  renderArrivals();
  replace(activityEl, h("p", { class: "lead", id: "screen-closed", text: message }));
}

// A patch leaves out a long list (the plan, the round's order, the board) that
// this screen was last sent; its digest says which copy to keep. A copy this
// screen does not hold (it connected in between) means a full snapshot again.
function keepLists(before, after) {
  if (!after || !after.lists) return true;
  for (const [key, digest] of Object.entries(after.lists)) {
    if (key in after) continue;
    const held = before && before.id === after.id && before.lists && before.lists[key] === digest && key in before;
    if (!held) return false;
    after[key] = before[key];
  }
  return true;
}

async function resync() {
  const reply = await live.send("sync", {});
  if (reply.ok && reply.snapshot) {
    state = reply.snapshot;
    heardRoster(state);
    render();
  }
}

// The room's languages, as the page was made in: the event's, and a second beside it.
// The words are loaded before the first draw; when the facilitator changes them, the page is made again.
await loadLanguage();
await loadSecondLanguage(main.dataset.secondLanguage || null);

function languagesChanged(event) {
  return (event.language || "en") !== pageLanguage() || (event.second_language || null) !== secondLanguage();
}

const live = connectLive({
  role: "screen",
  event: code,
  secret: secretForThisTab(`fc_screen_${code}`),
  onStatus: (s, detail) => showStatus($("#status"), s, detail),
  onRefused: (err) => closed(err.message),
  onSnapshot: (snap) => {
    state = snap;
    heardRoster(snap);
    render();
  },
  onPatch: (patch) => {
    if (!state) return;
    if ("activity" in patch && !keepLists(state.activity, patch.activity)) {
      resync();
      return;
    }
    const next = mergePatch(state, patch);
    if (!next) {
      resync();
      return;
    }
    state = next;
    heardRoster(patch);
    renderSoon();
  },
  onMessage: (name, payload) => {
    if (name === "roster.person") {
      if (payload.arrived && !arrivals.has(payload.id)) {
        count += 1;
        arrivals.set(payload.id, payload);
        if (arrivals.size > ARRIVALS_KEPT) arrivals.delete(arrivals.keys().next().value);
      } else if (arrivals.has(payload.id)) arrivals.set(payload.id, payload);
      renderArrivals();
    } else if (name === "roster.gone") {
      arrivals.delete(payload.id);
      count = Math.max(0, count - 1);
      renderArrivals();
    } else if (name === "event.deleted") {
      replace(activityEl, h("p", { class: "lead", text: payload.message }));
    } else if (name === "screen.turn") {
      stepAll(payload.by);
    } else if (name === "screen.closed") {
      closed(payload.message);
    } else if (state) {
      // To the activity's module, once loaded (lib/activity.js).
      const shown = () => state && state.activity;
      handToActivity(shown(), shown, (module) => module.message(name, payload, state, { rerender: renderSoon }));
    }
  },
});

// The agreements have their own moment (the working agreements activity and
// the welcome), not a band that takes space from every activity.

function renderArrivals() {
  $("#count").textContent = String(count);
  $("#count-label").textContent = tn("person here", "people here", count);
  // The newest arrivals first; a hall of hundreds shows the latest few dozen
  // (the strip is only there while people arrive).
  const latest = [...arrivals.values()].reverse();
  replace($("#names"), latest.map((p) =>
    h("li", { class: p.anonymous ? "anon" : "", dir: "auto", dataset: { online: p.online ? "1" : "0" } },
      p.anonymous ? t("Anonymous") : p.label)));
  wholeLinesOfNames();
}

// The strip shows as many lines of names as it holds, whole: the older names that
// would fall under its edge are left out, not cut through.
function wholeLinesOfNames() {
  const strip = $(".arrivals");
  if (getComputedStyle(strip).display === "none") return;
  const bottom = strip.getBoundingClientRect().bottom;
  const names = [...$("#names").children];
  const first = names.findIndex((li) => li.getBoundingClientRect().bottom > bottom + 1);
  if (first >= 0) for (const li of names.slice(first)) li.hidden = true;
}

// For bench/screen.py and the tests: how long a redraw took, and the window size the screen
// was last laid out for (a resized window lays out again after a short pause).
window.screenTimings = { lastRenderMs: null, renders: 0, laidOutFor: null };
const laidOut = () => { window.screenTimings.laidOutFor = `${window.innerWidth}x${window.innerHeight}`; };

// Deltas come in bursts (250 tables posting a card in the same second): the
// screen draws once with all of them, not once for each (a window in the
// background gets no frames: a timer draws it there).
const renderSoon = coalesce(() => render(), 100);

async function render() {
  if (!state) return;
  if (languagesChanged(state.event)) {
    location.reload();
    return;
  }
  const started = performance.now();
  // The facilitator's texts with their versions in the second language beside them.
  let shown = inBothLanguages(state, secondLanguage());
  $("#screen-title").textContent = shown.event.title;
  document.title = t("{title} · big screen", { title: shown.event.title });
  $("#join-code").textContent = state.event.display_code;
  if (state.short_join) showAddress(state.short_join);
  document.body.dataset.locked = state.event.locked ? "1" : "0";
  renderArrivals();
  const activity = shown.activity;
  const kind = activity ? activity.kind : null;
  document.body.dataset.activity = kind || "none";
  if (current.kind !== kind) {
    current.kind = kind;
    current.module = kind ? await loadActivity(kind) : null;
    if (current.kind !== kind) return;
    // Live updates that came while the module loaded drew nothing: draw the latest state, not this render's.
    shown = inBothLanguages(state, secondLanguage());
  }
  if (!activity) {
    replace(activityEl, h("p", { class: "lead", text: t("Welcome. We will begin shortly.") }));
  } else if (current.module && current.module.screen) {
    current.module.screen(activityEl, shown, { rerender: render });
  } else {
    replace(activityEl, h("h2", { text: activity.title }));
  }
  present(state.presentation);
  // How to join first: its corner's width (the address on one line) is what the activity is left.
  fitAddress();
  layout(activityEl);
  wholeLinesOfNames(); // the strip shows or goes with the activity
  forgetGone();
  window.screenTimings.lastRenderMs = performance.now() - started;
  window.screenTimings.renders += 1;
  laidOut();
}

// The address people type: the laptop's own, then the event's path. In the corner during an
// activity only the first part shows, at full size: the code is on the line below it, and the
// home page there asks for it.
let addressShown = null;
function showAddress(address) {
  if (address === addressShown) return;
  addressShown = address;
  const at = address.indexOf("/j/");
  replace($("#short-join"), h("span", { class: "join-host", text: at < 0 ? address : address.slice(0, at) }),
    at < 0 ? null : h("span", { class: "join-path", text: address.slice(at) }));
}

// The join address on one line, never broken inside it ("…:50" / "00" cannot be typed): smaller
// to fit the corner, down to three quarters of the floor; an address longer still widens the corner
// (to a third of the screen; on a narrower 4:3 screen, to two fifths).
const ADDRESS_LEAST = 0.75;
function fitAddress() {
  const box = $(".joinbox");
  const address = $("#short-join");
  box.style.width = "";
  box.style.maxWidth = "";
  if (fitOneLine(address, { least: ADDRESS_LEAST })) return;
  const more = address.scrollWidth - address.clientWidth;
  const widest = (window.innerWidth / window.innerHeight < 1.5 ? 0.4 : 0.34) * window.innerWidth;
  box.style.maxWidth = `${widest}px`;
  box.style.width = `${Math.min(box.getBoundingClientRect().width + more + 2, widest)}px`;
  fitOneLine(address, { least: ADDRESS_LEAST });
}

// The facilitator may pause the screen (the title and how to join, nothing
// else) or put one card, theme or pledge in the spotlight, full-screen.
let pagesHeld = null; // as the console last set it: the keyboard here may hold or turn them meanwhile

function present(presentation) {
  const p = presentation || { mode: "live", spotlight: null };
  if (p.pace) {
    setPace(p.pace);
    document.body.dataset.pace = String(p.pace);
  }
  if (p.pages && p.pages !== pagesHeld) {
    pagesHeld = p.pages;
    setPaused(p.pages === "held");
  }
  const spot = p.mode === "live" ? p.spotlight : null;
  document.body.dataset.presenting = p.mode === "paused" ? "paused" : spot ? "spotlight" : "live";
  const box = $("#spotlight");
  box.hidden = !spot;
  if (!spot) return;
  $("#spotlight-text").textContent = spot.text;
  $("#spotlight-detail").textContent = spot.kind === "theme" ? t("Theme · {name}", { name: spot.detail }) : spot.detail || "";
  fitText($("#spotlight-text"), { maxEm: 3 });
}

// bench/screen.py times a redraw of the same state.
document.addEventListener("screen:redraw", () => render());

// A window resized (or put in full screen) lays out again.
let resizing = null;
window.addEventListener("resize", () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => {
    fitAddress();
    layout(activityEl);
    renderArrivals();
    laidOut();
  }, 150);
});

// At the laptop: space pauses the turning pages, the arrows step them, Home goes back to the first.
document.addEventListener("keydown", (e) => {
  if (e.target.closest && e.target.closest("button, input, textarea, select")) return;
  if (e.key === "ArrowRight" || e.key === "PageDown") stepAll(1);
  else if (e.key === "ArrowLeft" || e.key === "PageUp") stepAll(-1);
  else if (e.key === "Home") firstPageAll();
  else if (e.key === " ") setPaused(!isPaused());
  else return;
  e.preventDefault();
});

// Full screen for the projector; the button and the hint show only in a window.
const tools = $(".screen-tools");
function showTools() {
  const full = document.fullscreenElement || (window.innerHeight >= screen.height - 2 && window.innerWidth >= screen.width - 2);
  tools.hidden = Boolean(full);
}
$("#fullscreen").addEventListener("click", () => {
  if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(() => {});
});
document.addEventListener("fullscreenchange", showTools);
window.addEventListener("resize", showTools);
showTools();
