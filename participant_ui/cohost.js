// The co-host's phone: the talking piece, the timer and the café's rounds,
// with big buttons, so the lead facilitator can walk the room (core/cohost.py).
// It sees what every phone sees of the activity, and sends the console's own
// actions for these (the server refuses the rest to a co-host).
import { $, h, patch } from "./lib/dom.js";
import { connectLive, showStatus } from "./lib/live.js";
import { secretForThisTab } from "./lib/link_secret.js";
import { clocksChanged, countdown } from "./lib/clock.js";
import { speakerCard } from "./lib/circle_widgets.js";
import { formatNumber, loadLanguage, pageLanguage, t } from "./lib/i18n.js";
import { inLanguage } from "./lib/own_texts.js";

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
const PHASE = () => ({ ready: t("The round has not started."), round: t("The talking piece is going round."), done: t("The round is complete.") });

function circle(a) {
  const actions = [];
  if (a.phase === "ready") {
    actions.push(big("cohost-start", t("Start the round"), "circle.start", {}, "primary"));
    if (a.silence_seconds) {
      actions.push(big("cohost-silence", t("Begin the silence ({seconds} s)", { seconds: formatNumber(a.silence_seconds) }), "circle.silence"));
    }
  } else if (a.phase === "round") {
    actions.push(big("cohost-next", t("Move the piece on"), "circle.next", {}, "primary"));
    actions.push(big("cohost-pass", t("Pass for them"), "circle.pass"));
    actions.push(big("cohost-time", t("Add 1 minute"), "circle.add_time", { seconds: 60 }));
  }
  if (a.phase !== "done") {
    // Paused, carrying on is the one thing to do: it comes first.
    if (a.paused) actions.unshift(big("cohost-resume", t("Resume"), "circle.resume", {}, "primary"));
    else actions.push(big("cohost-pause", t("Pause"), "circle.pause"));
  }
  const c = a.counts || {};
  const phase = PHASE()[a.phase] || "";
  return [
    h("p", { id: "cohost-state", class: "now-state", text: a.paused ? (phase + " " + t("Paused.")).trim() : phase }),
    speakerCard(a),
    h("div", { class: "cohost-actions" }, actions),
    h("p", { class: "hint", id: "cohost-counts", text: t("{spoken} spoken · {waiting} waiting · {passed} passed",
      { spoken: formatNumber(c.spoken || 0), waiting: formatNumber(c.waiting || 0), passed: formatNumber(c.passed || 0) }) }),
  ];
}

// Where a café round stands, in plain words.
function roundState(r) {
  const at = { number: formatNumber(r.number), of: formatNumber(r.of) };
  if (!r.seated && r.status === "planned") return t("Round {number} of {of}: not seated yet.", at);
  return { planned: t("Round {number} of {of}: seated, not started.", at), running: t("Round {number} of {of}: under way.", at),
    paused: t("Round {number} of {of}: paused.", at), ended: t("Round {number} of {of}: ended.", at) }[r.status]
    || t("Round {number} of {of}", at);
}

function cafe(a) {
  const r = a.round;
  const running = r && (r.status === "running" || r.status === "paused");
  const last = r && r.status === "ended" && r.number === r.of;
  const actions = [];
  if (!r) actions.push(big("cohost-seat", t("Seat round 1"), "cafe.seat", {}, "primary"));
  else if (r.status === "paused") {
    actions.push(big("cohost-resume", t("Resume"), "cafe.round.resume", {}, "primary"),
      big("cohost-extend", t("Add 5 minutes"), "cafe.round.extend", { minutes: 5 }),
      big("cohost-end", t("End round"), "cafe.round.end"));
  } else if (r.status === "running") {
    actions.push(big("cohost-end", t("End round"), "cafe.round.end", {}, "primary"),
      big("cohost-extend", t("Add 5 minutes"), "cafe.round.extend", { minutes: 5 }),
      big("cohost-pause", t("Pause"), "cafe.round.pause"));
  } else if (!last) {
    const number = formatNumber(r.status === "ended" ? r.number + 1 : r.number);
    actions.push(big("cohost-start", t("Start round {number}", { number }), "cafe.round.start", {}, "primary"));
    actions.push(big("cohost-seat", r.status === "planned" && r.seated ? t("Seat again") : t("Seat the next round"), "cafe.seat"));
  }
  if (r && r.seated && r.status !== "ended") actions.push(big("cohost-seat-late", t("Seat people without a table"), "cafe.seat_late"));
  return [
    h("p", { id: "cohost-state", class: "now-state",
      text: !r ? t("Nobody is seated yet.") : last ? t("The rounds are over.") : roundState(r) }),
    r && r.question && !last ? h("p", { class: "question pre", dir: "auto", text: r.question }) : null,
    running ? countdown(r) : null,
    h("div", { class: "cohost-actions" }, actions),
  ];
}

function render() {
  if (!state) return;
  // The facilitator's texts in this phone's language where given, the toolkit's own in it always.
  const a = inLanguage(state, pageLanguage()).activity;
  let body;
  if (!a) body = [h("p", { class: "lead", text: t("Nothing is running yet. The lead facilitator starts the agenda from the console.") })];
  else if (CIRCLES.includes(a.kind)) body = circle(a);
  else if (a.kind === "cafe") body = cafe(a);
  else body = [h("p", { class: "lead", text: t("The lead facilitator runs this activity from the console. A circle or a café round shows its controls here.") })];
  // patch(): the button under a thumb stays the same button through every live update.
  patch(root,
    h("h1", { id: "cohost-title", dir: "auto", text: a ? a.title : t("Co-host") }),
    a && a.prompt ? h("p", { class: "prompt", dir: "auto", text: a.prompt }) : null,
    body);
  clocksChanged();
}

function closed(message) {
  closedWith = message;
  state = null;
  patch(root, h("h1", { id: "cohost-title", text: t("Co-host") }),
    h("p", { class: "lead", id: "cohost-closed", text: t(message) }));
}

await loadLanguage();

live = connectLive({
  role: "cohost",
  event: code,
  secret: secretForThisTab(`fc_cohost_${code}`),
  onStatus: (s, detail) => showStatus($("#status"), closedWith ? "refused" : s, closedWith ? t("Not connected") : detail),
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
