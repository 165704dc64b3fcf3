// The circle: the talking piece goes round; anyone may pass. The check-in is
// this kind; the check-out, the consultation round and the check-out with
// goals are circles too, and draw themselves with circlePhone, circleScreen
// and circleConsole, adding their own part (``extra``).
//
// Times come from the server as deadlines (ISO strings); lib/clock.js's ticker
// redraws the clocks each second. Nothing ticks over the network.
import { h, onPage, patch, replace } from "../lib/dom.js";
import { longest, pagedRows } from "../lib/fit.js";
import { clocksChanged, serverNow } from "../lib/clock.js";
import { announce, busyTyping, buzz } from "../lib/announce.js";
import { armChime, chimeNote } from "../lib/chime.js";
import { settingsBox, speakerCard } from "../lib/circle_widgets.js";
import { formatNumber, t, tn } from "../lib/i18n.js";
import { pulseConsole, pulsePhone, pulseScreen } from "./pulse.js";

export { circlePhone as phone, circleConsole as console };

export function screen(root, state) {
  circleScreen(root, state); // without the screen's ctx: its third argument is the side's extra sections
}

// --- pieces ------------------------------------------------------------------

function silence(a) {
  if (!a.silence_ends_at || a.phase !== "ready") return null;
  const frozen = a.paused && a.paused_at ? { frozen: a.paused_at } : {};
  const at = frozen.frozen ? Date.parse(frozen.frozen) : serverNow();
  if (at >= Date.parse(a.silence_ends_at)) return null;
  return h("div", { class: "silence", id: "silence", role: "timer", dataset: { silenceEnds: a.silence_ends_at, ...frozen } },
    h("p", { class: "silence-word", text: t("A moment of silence") }),
    h("p", { class: "silence-clock", "aria-hidden": "true" },
      h("span", { class: "silence-left", dataset: { until: a.silence_ends_at, ...frozen } })));
}

function pausedBanner(a) {
  if (!a.paused) return null;
  const text = a.pause_by === "guardian"
    ? t("A pause has been asked for. We will carry on when the facilitator resumes.")
    : t("Paused. We will carry on shortly.");
  return h("p", { class: "paused-banner", role: "status", text });
}

// --- the phone ---------------------------------------------------------------

// What this phone last told its person about the piece: each change is said once.
const told = { activity: null, speaker: null, turn: null, done: false };

// When the piece comes to this person: one urgent announcement, a buzz, and
// (unless they are filling something in) focus on "It is your turn" with its
// buttons in view. A holder changing elsewhere is said politely, once; the
// clock is never read out.
function tellTurn(a, meId) {
  if (told.activity !== a.id) Object.assign(told, { activity: a.id, speaker: null, turn: null, done: false });
  const speaker = a.speaker ? a.speaker.id : null;
  const turn = speaker ? `${speaker}@${a.turn_started_at}` : null;
  if (a.phase === "done") {
    if (told.speaker === meId) refocus();
    // Worded apart from the visible lines, so neither a search nor a listener meets the same words twice.
    if (!told.done) announce(t("The round is over: everyone has had their turn."));
    Object.assign(told, { speaker: null, turn: null, done: true });
    return;
  }
  told.done = false;
  if (turn === told.turn) return;
  const wasMine = told.speaker === meId;
  told.turn = turn;
  told.speaker = speaker;
  if (wasMine && speaker !== meId) refocus();
  if (!speaker) return;
  if (speaker !== meId) {
    announce(t("{name} holds the talking piece.", { name: a.speaker.label }));
    return;
  }
  announce(t("Your turn now: you hold the talking piece. Speak when you are ready, or pass."), { urgent: true });
  buzz();
  if (busyTyping()) return; // their caret stays where it is; the words and the buzz tell them
  const title = document.getElementById("your-turn-title");
  const box = document.getElementById("your-turn");
  if (title) title.focus({ preventScroll: true });
  if (box) box.scrollIntoView({ block: "start" });
}

// Done or Pass took the focused button away with the turn: focus goes to what
// happens next (the note under the piece, or the piece), not to the top of the page.
function refocus() {
  if (document.activeElement && document.activeElement !== document.body) return;
  const next = document.getElementById("turn-note") || document.querySelector("#activity .piece");
  if (next) next.focus({ preventScroll: true });
}

export function circlePhone(root, state, ctx, extra = null) {
  const a = state.activity;
  const mine = state.mine || {};
  const meId = state.me.id;
  const myTurn = a.speaker && a.speaker.id === meId;
  const error = h("p", { class: "error", role: "alert", id: "circle-error", hidden: true });
  const act = (name) => async () => {
    const reply = await ctx.send(name, {});
    const shown = onPage(error);
    shown.hidden = reply.ok;
    if (!reply.ok) shown.textContent = reply.error;
  };
  let turnBox = null;
  if (myTurn) {
    // The buttons come straight after the heading: at large text sizes they stay on the first screen.
    turnBox = h("section", { class: "your-turn", id: "your-turn", "aria-labelledby": "your-turn-title" },
      h("h2", { id: "your-turn-title", tabindex: "-1", text: t("It is your turn") }),
      h("div", { class: "turn-buttons" },
        h("button", { type: "button", class: "primary big", id: "turn-done", text: t("Done"), onclick: act("circle.done") }),
        h("button", { type: "button", class: "secondary big", id: "turn-pass", text: t("Pass"), onclick: act("circle.pass") })),
      h("p", { class: "calm", text: t("Speak when you are ready, or pass: the piece will come back to you.") }));
  } else if (a.phase === "ready" && a.volunteer && a.volunteer.id === meId) {
    turnBox = h("p", { class: "calm", id: "you-go-first",
      text: t("You offered to go first: the piece comes to you when the silence is over and the round begins.") });
  } else if (a.phase === "ready" && !a.volunteer && (mine.status === "waiting" || mine.status === "passed_once")) {
    turnBox = h("button", { type: "button", class: "secondary big", id: "go-first", text: t("I'll go first"), onclick: act("circle.volunteer") });
  } else if (a.phase === "round" && mine.status === "passed_once") {
    turnBox = h("p", { class: "calm", id: "turn-note", tabindex: "-1", text: t("You passed. The piece will come back to you after the others.") });
  } else if (a.phase === "round" && a.next && a.next.id === meId) {
    turnBox = h("p", { class: "calm", id: "turn-note", tabindex: "-1", text: t("You are next.") });
  } else if (a.phase === "round" && mine.status === "waiting") {
    // Only the people whose turn changes get a personal update at each move,
    // so a count of people ahead would go stale: say what stays true.
    turnBox = h("p", { class: "calm", id: "turn-note", tabindex: "-1", text: t("Your turn will come. Listen while others speak.") });
  }
  const prompt = h("p", { class: "prompt-phone", id: "circle-prompt", dir: "auto", text: a.prompt });
  patch(root,
    myTurn ? [turnBox, prompt] : prompt,
    silence(a),
    pausedBanner(a),
    speakerCard(a, { meId }),
    myTurn ? null : turnBox,
    error,
    extra,
    pulsePhone(a, mine, ctx),
    a.phase !== "done" && !a.paused
      ? h("button", { type: "button", class: "link guardian", id: "guardian", text: t("Ask for a pause"), onclick: act("circle.guardian") })
      : null);
  clocksChanged();
  tellTurn(a, meId);
}

// --- the big screen ----------------------------------------------------------

/**
 * The big screen during a circle: the talking piece large on one side (who
 * holds it, for how long, who is next, how far round we are, the pulse), and
 * the order of the round on the other, paged when the circle is large.
 * ``extra`` is a list of further sections for that side (words, pledges,
 * shared questions), each paged by lib/fit.js; ``queue: false`` leaves the
 * order of the round out to give them the room (who is next stays in the
 * speaker's card).
 */
// The big screen is told where each person stands one letter each (activities/circle/rules.py TURN_LETTERS).
const TURNS = { w: "waiting", S: "speaking", s: "spoken", p: "passed_once", P: "passed_twice", k: "skipped" };

/**
 * The circle on the big screen: the talking piece on one side, the order of the round on the
 * other. ``extra`` goes under the order of the round; ``under`` under the talking piece (a list
 * there pages in what the piece leaves, and the order of the round keeps its whole column).
 */
export function circleScreen(root, state, extra = [], { queue: showQueue = true, under = [] } = {}) {
  const a = state.activity;
  if (typeof a.turns === "string") a.queue = a.queue.map((q, i) => ({ ...q, status: TURNS[a.turns[i]] || "waiting" }));
  const entry = (i) => {
    const q = a.queue[i];
    return h("span", { class: `queue-entry turn-${q.status}` },
      h("span", { class: "turn-number", text: `${formatNumber(i + 1)}.` }),
      h("bdi", { text: q.label }),
      q.status === "passed_once" ? h("span", { class: "hint", text: t("(passed)") }) : null);
  };
  const queue = pagedRows("circle-queue", a.queue.length, entry, { label: t("The order of the round"), className: "circle-queue columns narrow",
    current: a.queue.findIndex((q) => q.status === "speaking"),
    probe: longest(a.queue.map((q, i) => `${i + 1}. ${q.label}${q.status === "passed_once" ? ` ${t("(passed)")}` : ""}`)) });
  const armed = armChime(a) ? { chimeArmed: "1" } : {};
  const total = a.queue.length;
  const spoken = a.counts ? a.counts.spoken : a.queue.filter((q) => q.status === "spoken").length;
  replace(root,
    h("h2", { class: "prompt fit", dir: "auto", text: a.prompt, dataset: armed }),
    h("div", { class: "circle-stage" },
      h("div", { class: "circle-main fit" },
        silence(a),
        chimeNote(a),
        pausedBanner(a),
        speakerCard(a),
        total ? h("p", { class: "progress", id: "circle-progress",
          text: tn("{n} of {total} has spoken", "{n} of {total} have spoken", spoken, { total: formatNumber(total) }) }) : null,
        pulseScreen(a),
        under),
      h("div", { class: "circle-lists" },
        showQueue ? [h("h3", { text: t("The order of the round") }), queue] : null,
        (Array.isArray(extra) ? extra : [extra]).filter(Boolean))));
  clocksChanged();
}

// --- the console -------------------------------------------------------------

// Where each person stands, in the console's list.
const STATUS = () => ({
  waiting: t("waiting"), speaking: t("speaking"), spoken: t("spoken"),
  passed_once: t("passed once"), passed_twice: t("passed twice"), skipped: t("skipped"),
});

export function circleConsole(root, ev, ctx, extra = null) {
  const a = ev.activity;
  const btn = (text, name, payload = {}, cls = "secondary") =>
    h("button", { type: "button", class: cls, text, onclick: () => ctx.send(name, payload) });
  const controls = [];
  if (a.phase === "ready") {
    if (a.silence_seconds) controls.push(btn(t("Begin the silence ({seconds} s)", { seconds: formatNumber(a.silence_seconds) }), "circle.silence"));
    controls.push(btn(t("Start the round"), "circle.start", {}, "primary"));
    controls.push(btn(t("Join order"), "circle.arrange", { how: "join" }), btn(t("Shuffle"), "circle.arrange", { how: "shuffle" }));
  } else if (a.phase === "round") {
    controls.push(btn(t("Move the piece on"), "circle.next", {}, "primary"));
    controls.push(btn(t("Pass for them"), "circle.pass"));
    controls.push(btn(t("Add 1 minute"), "circle.add_time", { seconds: 60 }));
  }
  if (a.phase !== "done") controls.push(a.paused ? btn(t("Resume"), "circle.resume", {}, "primary") : btn(t("Pause"), "circle.pause"));
  controls.push(h("button", { type: "button", class: "secondary", text: t("Begin the round again"),
    onclick: () => confirm(t("Begin the round again? Everyone goes back to waiting, and who has spoken or passed is forgotten (the pulse answers stay). This cannot be undone.")) && ctx.send("circle.restart", {}) }));
  const settings = settingsBox(root, a, ctx);
  const focused = settings.contains(document.activeElement) ? document.activeElement : null;
  const rows = a.queue.map((q, i) => h("li", { class: `turn-${q.status}`, dataset: { key: `turn-${q.id}` } },
    h("span", { dir: "auto", text: q.label }),
    h("span", { class: "hint", text: ` · ${STATUS()[q.status] || q.status}${q.without_phone ? ` · ${t("no phone")}` : q.online ? "" : ` · ${t("away")}`}` }),
    a.phase === "ready" && (q.status === "waiting" || q.status === "passed_once")
      ? h("button", { type: "button", class: "small", text: t("Start with"), "aria-label": t("Start with {name}", { name: q.label }),
          onclick: () => ctx.send("circle.start", { participant: q.id }) }) : null,
    a.phase === "ready" && i > 0 && q.status === "waiting"
      ? h("button", { type: "button", class: "small", text: "↑", "aria-label": t("Move {name} earlier", { name: q.label }),
          onclick: () => {
            const ids = a.queue.filter((x) => x.status === "waiting" || x.status === "passed_once").map((x) => x.id);
            const at = ids.indexOf(q.id);
            if (at > 0) [ids[at - 1], ids[at]] = [ids[at], ids[at - 1]];
            ctx.send("circle.arrange", { how: "arranged", order: ids });
          } }) : null,
    ["waiting", "passed_once", "speaking"].includes(q.status)
      ? h("button", { type: "button", class: "small", text: t("Skip"), "aria-label": t("Skip {name}", { name: q.label }),
          onclick: () => ctx.send("circle.skip", { participant: q.id }) }) : null));
  // patch(): the settings being typed, an open menu and the focus stay through every turn.
  patch(root,
    h("p", { dir: "auto" }, h("strong", { text: a.title }), ": ", a.prompt),
    pausedBanner(a),
    speakerCard(a),
    h("div", { class: "row circle-controls" }, controls),
    h("ol", { class: "circle-queue console-queue" }, rows),
    pulseConsole(a),
    extra,
    settings);
  if (focused && document.activeElement !== focused) focused.focus();
  clocksChanged();
}
