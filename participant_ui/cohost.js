// The co-host's phone: the talking piece, the timer and the café's rounds,
// with big buttons, so the lead facilitator can walk the room (core/cohost.py).
// It sees what every phone sees of the activity, and sends the console's own
// actions for these (the server refuses the rest to a co-host).
import { $, h, patch } from "./lib/dom.js";
import { connectLive, showStatus } from "./lib/live.js";
import { secretForThisTab } from "./lib/link_secret.js";
import { clocksChanged, countdown } from "./lib/clock.js";
import { speakerCard } from "./lib/circle_widgets.js";

const code = $("#main").dataset.event;
const root = $("#cohost");
const errorEl = $("#cohost-error");
let state = null;
let live = null;
let closedWith = null; // why this page no longer works (the link was withdrawn)

function showError(message) {
  errorEl.textContent = message || "";
  errorEl.hidden = !message;
}

async function send(name, payload = {}) {
  const reply = await live.send(name, { event: code, ...payload });
  showError(reply.ok ? "" : reply.error);
  return reply;
}

const big = (id, text, name, payload = {}, cls = "secondary") =>
  h("button", { type: "button", id, class: `big ${cls}`, text, onclick: () => send(name, payload) });

const CIRCLES = ["checkin", "checkout"];
const PHASE = { ready: "The round has not started.", round: "The talking piece is going round.", done: "The round is complete." };

function circle(a) {
  const actions = [];
  if (a.phase === "ready") {
    actions.push(big("cohost-start", "Start the round", "circle.start", {}, "primary"));
    if (a.silence_seconds) actions.push(big("cohost-silence", `Begin the silence (${a.silence_seconds} s)`, "circle.silence"));
  } else if (a.phase === "round") {
    actions.push(big("cohost-next", "Move the piece on", "circle.next", {}, "primary"));
    actions.push(big("cohost-pass", "Pass for them", "circle.pass"));
    actions.push(big("cohost-time", "Add 1 minute", "circle.add_time", { seconds: 60 }));
  }
  if (a.phase !== "done") {
    // Paused, carrying on is the one thing to do: it comes first.
    if (a.paused) actions.unshift(big("cohost-resume", "Resume", "circle.resume", {}, "primary"));
    else actions.push(big("cohost-pause", "Pause", "circle.pause"));
  }
  const c = a.counts || {};
  return [
    h("p", { id: "cohost-state", class: "now-state", text: `${PHASE[a.phase] || ""}${a.paused ? " Paused." : ""}` }),
    speakerCard(a),
    h("div", { class: "cohost-actions" }, actions),
    h("p", { class: "hint", id: "cohost-counts", text: `${c.spoken || 0} spoken · ${c.waiting || 0} waiting · ${c.passed || 0} passed` }),
  ];
}

const ROUND = { planned: "seated, not started", running: "under way", paused: "paused", ended: "ended" };

function cafe(a) {
  const r = a.round;
  const running = r && (r.status === "running" || r.status === "paused");
  const last = r && r.status === "ended" && r.number === r.of;
  const actions = [];
  if (!r) actions.push(big("cohost-seat", "Seat round 1", "cafe.seat", {}, "primary"));
  else if (r.status === "paused") {
    actions.push(big("cohost-resume", "Resume", "cafe.round.resume", {}, "primary"),
      big("cohost-extend", "Add 5 minutes", "cafe.round.extend", { minutes: 5 }),
      big("cohost-end", "End round", "cafe.round.end"));
  } else if (r.status === "running") {
    actions.push(big("cohost-end", "End round", "cafe.round.end", {}, "primary"),
      big("cohost-extend", "Add 5 minutes", "cafe.round.extend", { minutes: 5 }),
      big("cohost-pause", "Pause", "cafe.round.pause"));
  } else if (!last) {
    actions.push(big("cohost-start", `Start round ${r.status === "ended" ? r.number + 1 : r.number}`, "cafe.round.start", {}, "primary"));
    actions.push(big("cohost-seat", r.status === "planned" && r.seated ? "Seat again" : "Seat the next round", "cafe.seat"));
  }
  if (r && r.seated && r.status !== "ended") actions.push(big("cohost-seat-late", "Seat people without a table", "cafe.seat_late"));
  return [
    h("p", { id: "cohost-state", class: "now-state",
      text: !r ? "Nobody is seated yet." : last ? "The rounds are over." : `Round ${r.number} of ${r.of}: ${r.seated || r.status !== "planned" ? ROUND[r.status] : "not seated yet"}.` }),
    r && r.question && !last ? h("p", { class: "question pre", dir: "auto", text: r.question }) : null,
    running ? countdown(r) : null,
    h("div", { class: "cohost-actions" }, actions),
  ];
}

function render() {
  if (!state) return;
  const a = state.activity;
  let body;
  if (!a) body = [h("p", { class: "lead", text: "Nothing is running yet. The lead facilitator starts the agenda from the console." })];
  else if (CIRCLES.includes(a.kind)) body = circle(a);
  else if (a.kind === "cafe") body = cafe(a);
  else body = [h("p", { class: "lead", text: "The lead facilitator runs this activity from the console. A circle or a café round shows its controls here." })];
  // patch(): the button under a thumb stays the same button through every live update.
  patch(root,
    h("h1", { id: "cohost-title", dir: "auto", text: a ? a.title : "Co-host" }),
    a && a.prompt ? h("p", { class: "prompt", dir: "auto", text: a.prompt }) : null,
    body);
  clocksChanged();
}

function closed(message) {
  closedWith = message;
  state = null;
  patch(root, h("h1", { id: "cohost-title", text: "Co-host" }),
    h("p", { class: "lead", id: "cohost-closed", text: message }));
}

live = connectLive({
  role: "cohost",
  event: code,
  secret: secretForThisTab(`fc_cohost_${code}`),
  onStatus: (s, detail) => showStatus($("#status"), closedWith ? "refused" : s, closedWith ? "Not connected" : detail),
  onRefused: (err) => closed(err.message),
  onSnapshot: (snap) => {
    state = snap;
    render();
  },
  onPatch: (p) => {
    if (!state) return;
    state = { ...state, ...p };
    render();
  },
  onMessage: (name, payload) => {
    if (name === "cohost.closed" || name === "event.deleted") {
      closed(payload.message);
      live.socket.disconnect(); // a withdrawn link: nothing to come back to
    }
  },
});
