// The big screen: QR code, the code, who has arrived, then the current activity.
import { $, h, replace } from "./lib/dom.js";
import { connectLive, showStatus } from "./lib/live.js";
import { loadActivity } from "./lib/activity.js";

const main = $("#main");
const code = main.dataset.event;
const activityEl = $("#activity");
let state = null;
const roster = new Map();

const current = { kind: null, module: null };

// The screen link's secret comes in the fragment (browsers never send it, so
// no log holds it). It is wiped from the address bar, which may be projected,
// and kept for this tab only, so a reload still opens the screen.
function screenSecret() {
  const stored = `fc_screen_${code}`;
  const match = location.hash.match(/key=([^&]+)/);
  if (match) {
    sessionStorage.setItem(stored, decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname + location.search);
  }
  return sessionStorage.getItem(stored);
}

function closed(message) {
  state = null;
  roster.clear();
  renderArrivals();
  replace(activityEl, h("p", { class: "lead", id: "screen-closed", text: message }));
}

connectLive({
  role: "screen",
  event: code,
  secret: screenSecret(),
  onStatus: (s, detail) => showStatus($("#status"), s, detail),
  onRefused: (err) => closed(err.message),
  onSnapshot: (snap) => {
    state = snap;
    roster.clear();
    for (const p of snap.roster || []) roster.set(p.id, p);
    render();
  },
  onPatch: (patch) => {
    if (!state) return;
    state = { ...state, ...patch };
    if (patch.roster) {
      roster.clear();
      for (const p of patch.roster) roster.set(p.id, p);
    }
    render();
  },
  onMessage: (name, payload) => {
    if (name === "roster.person") {
      roster.set(payload.id, payload);
      renderArrivals();
    } else if (name === "roster.gone") {
      roster.delete(payload.id);
      renderArrivals();
    } else if (name === "event.deleted") {
      replace(activityEl, h("p", { class: "lead", text: payload.message }));
    } else if (name === "screen.closed") {
      closed(payload.message);
    } else if (state && current.module && current.module.message) {
      current.module.message(name, payload, state, { rerender: render });
    }
  },
});

// "Our agreements" stay on the screen for the rest of the event, whatever runs;
// the working agreements activity shows them itself, with the proposals.
const agreementsEl = h("aside", { id: "our-agreements", class: "our-agreements agreements-strip", "aria-labelledby": "agreements-strip-title", hidden: true });
$(".arrivals").before(agreementsEl);

function renderAgreements() {
  const list = state.agreements || [];
  const kind = state.activity ? state.activity.kind : null;
  agreementsEl.hidden = list.length === 0 || kind === "agreements";
  if (agreementsEl.hidden) {
    replace(agreementsEl);
    return;
  }
  replace(agreementsEl,
    h("h3", { id: "agreements-strip-title", text: "Our agreements" }),
    h("ul", {}, list.map((a) => h("li", { dir: "auto", text: a.text }))));
}

function renderArrivals() {
  const people = [...roster.values()];
  $("#count").textContent = String(people.length);
  $("#count-label").textContent = people.length === 1 ? "person here" : "people here";
  // The newest arrivals first; a hall of hundreds shows the latest few dozen.
  const latest = people.slice(-40).reverse();
  replace($("#names"), latest.map((p) =>
    h("li", { class: p.anonymous ? "anon" : "", dir: "auto", dataset: { online: p.online ? "1" : "0" } },
      p.anonymous ? "Anonymous" : p.label)));
}

async function render() {
  if (!state) return;
  $("#screen-title").textContent = state.event.title;
  document.title = `${state.event.title} · big screen`;
  $("#join-code").textContent = state.event.display_code;
  if (state.short_join) $("#short-join").textContent = state.short_join;
  document.body.dataset.locked = state.event.locked ? "1" : "0";
  renderArrivals();
  renderAgreements();
  const activity = state.activity;
  const kind = activity ? activity.kind : null;
  document.body.dataset.activity = kind || "none";
  if (current.kind !== kind) {
    current.kind = kind;
    current.module = kind ? await loadActivity(kind) : null;
    if (current.kind !== kind) return;
  }
  if (!activity) {
    replace(activityEl, h("p", { class: "lead", text: "Welcome. We will begin shortly." }));
  } else if (current.module && current.module.screen) {
    current.module.screen(activityEl, state, { rerender: render });
  } else {
    replace(activityEl, h("h2", { text: activity.title }));
  }
}
