// What the check-in and check-out circles share: the talking piece on phones,
// the big screen and the console, the 3Cs pulse, and "Our agreements".
//
// Times come from the server as deadlines (ISO strings); one local ticker
// redraws the clocks each second. Nothing ticks over the network.
import { h, onPage, patch, replace, formatDuration } from "../lib/dom.js";
import { longest, pagedRows } from "../lib/fit.js";
import { serverNow } from "../lib/clock.js";
import { announce, busyTyping, buzz } from "../lib/announce.js";
import { clearDraft } from "../lib/drafts.js";
import { chimeAllowed, chimeSupported, playChime } from "../lib/chime.js";

const C3 = [
  ["control", "Control", "How much control do you feel over your life and what affects it?"],
  ["contact", "Contact", "How connected do you feel to other people?"],
  ["confidence", "Confidence", "How confident do you feel?"],
];

// --- clocks ------------------------------------------------------------------

let ticking = false;

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
  // The big screen's chime: once, when a silence it watched running comes to its end.
  if (chimeAt && now >= Date.parse(chimeAt) && document.querySelector("[data-chime-armed]")) {
    chimedFor = chimeAt;
    chimeAt = null;
    playChime();
  }
}

// --- the chime (big screen only) -----------------------------------------------

let chimeAt = null; // the end of the silence this screen waits on, to chime
let chimedFor = null; // the end it has chimed for: once per silence

// Waits on a silence only while it runs here: a screen opened after the
// silence ended, a circle started before it ended, or the setting turned
// off, never chime. A pause disarms it; the resumed silence arms it again.
function armChime(a) {
  const on = a.chime && a.phase === "ready" && a.silence_ends_at && !a.paused && a.silence_ends_at !== chimedFor;
  if (!on) chimeAt = null;
  else if (a.silence_ends_at !== chimeAt) chimeAt = serverNow() < Date.parse(a.silence_ends_at) ? a.silence_ends_at : null;
  return chimeAt;
}

function chimeNote(a) {
  if (!a.chime) return null;
  if (!chimeSupported()) return h("p", { class: "chime-note hint", id: "chime-note", text: "This browser cannot play the chime." });
  return h("p", { class: "chime-note hint", id: "chime-note", role: "note", hidden: chimeAllowed(),
    text: "Click once to allow the chime: browsers keep sound off until the page is clicked." });
}

function startTicker() {
  if (ticking) return;
  ticking = true;
  setInterval(tick, 1000);
}

export function clocksChanged() {
  startTicker();
  tick();
}

// --- pieces ------------------------------------------------------------------

function silence(a) {
  if (!a.silence_ends_at || a.phase !== "ready") return null;
  const frozen = a.paused && a.paused_at ? { frozen: a.paused_at } : {};
  const at = frozen.frozen ? Date.parse(frozen.frozen) : serverNow();
  if (at >= Date.parse(a.silence_ends_at)) return null;
  return h("div", { class: "silence", id: "silence", role: "timer", dataset: { silenceEnds: a.silence_ends_at, ...frozen } },
    h("p", { class: "silence-word", text: "A moment of silence" }),
    h("p", { class: "silence-clock", "aria-hidden": "true" },
      h("span", { class: "silence-left", dataset: { until: a.silence_ends_at, ...frozen } })));
}

function pausedBanner(a) {
  if (!a.paused) return null;
  const text = a.pause_by === "guardian"
    ? "A pause has been asked for. We will carry on when the facilitator resumes."
    : "Paused. We will carry on shortly.";
  return h("p", { class: "paused-banner", role: "status", text });
}

export function speakerCard(a, { meId } = {}) {
  // On a phone the card can take focus from the script (after Done or Pass), never from Tab.
  const focusable = meId ? { tabindex: "-1" } : {};
  if (a.phase === "done") {
    return h("div", { class: "piece done", ...focusable }, h("p", { class: "piece-holder", text: "The circle is complete. Thank you, everyone." }));
  }
  if (!a.speaker) {
    return h("div", { class: "piece waiting-start", ...focusable },
      h("p", { class: "piece-holder", text: "The talking piece is waiting to begin." }),
      a.next ? h("p", { class: "piece-next" }, "First: ", h("strong", { dir: "auto", text: a.next.label })) : null);
  }
  const frozen = a.paused && a.paused_at ? { frozen: a.paused_at } : {};
  const attrs = { class: "piece", id: "piece", ...focusable, dataset: { ...frozen } };
  if (a.turn_ends_at) attrs.dataset.boxEnds = a.turn_ends_at;
  const mine = meId && a.speaker.id === meId;
  return h("div", attrs,
    h("p", { class: "piece-label", text: "Holding the talking piece" }),
    h("p", { class: "piece-holder", id: "speaker", dir: "auto", text: mine ? "You" : a.speaker.label }),
    h("p", { class: "piece-since" }, "for ", h("span", { class: "clock", dataset: { since: a.turn_started_at, ...frozen } })),
    h("p", { class: "time-note", hidden: true, text: "The suggested time has passed. Take the time you need to finish." }),
    a.next ? h("p", { class: "piece-next", id: "next-up" }, "Next: ", h("strong", { dir: "auto", text: a.next.id === meId ? "You" : a.next.label })) : null);
}

export function agreementsPanel(list) {
  if (!list || list.length === 0) return null;
  return h("aside", { class: "our-agreements", "aria-labelledby": "our-agreements-title" },
    h("h3", { id: "our-agreements-title", text: "Our agreements" }),
    h("ul", {}, list.map((a) => h("li", { dir: "auto", text: a.text }))));
}

function pulseForm(a, ctx, onDone) {
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const draft = (key) => `pulse-${a.id}-${key}`;
  return h("form", { class: "pulse-form stack", id: "pulse-form", "aria-describedby": "pulse-why", onsubmit: async (e) => {
    e.preventDefault();
    // The form on the page, not the one this render built: a patch may have kept the first.
    const form = e.currentTarget;
    const payload = {};
    for (const [key] of C3) {
      const picked = form.querySelector(`input[name=${key}]:checked`);
      if (picked) payload[key] = Number(picked.value);
    }
    const item = await ctx.outbox.add("pulse.answer", payload);
    if (item.state === "refused") {
      onPage(error).textContent = item.error;
      onPage(error).hidden = false;
    } else {
      clearDraft(...C3.map(([key]) => draft(key)));
      if (onDone) onDone();
    }
  } },
    h("h2", { text: "How are you today?" }),
    h("p", { id: "pulse-why", class: "calm", text: "Anonymous: only the group's averages are shown, and only once at least 3 people have answered. Skip any you like." }),
    ...C3.map(([key, label, question]) => h("fieldset", { class: "pulse-scale", dataset: { key } },
      h("legend", {}, h("strong", { text: label }), " ", h("span", { class: "hint", text: question })),
      h("div", { class: "scale" },
        [1, 2, 3, 4, 5].map((n) => h("label", { class: "scale-point" },
          h("input", { type: "radio", name: key, value: String(n), "aria-label": `${label} ${n} of 5`, dataset: { draft: draft(key) } }),
          h("span", { text: String(n) })))))),
    error,
    h("button", { type: "submit", class: "primary", text: "Send anonymously" }));
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
    if (!told.done) announce("The round is over: everyone has had their turn.");
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
    announce(`${a.speaker.label} holds the talking piece.`);
    return;
  }
  announce("Your turn now: you hold the talking piece. Speak when you are ready, or pass.", { urgent: true });
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
      h("h2", { id: "your-turn-title", tabindex: "-1", text: "It is your turn" }),
      h("div", { class: "turn-buttons" },
        h("button", { type: "button", class: "primary big", id: "turn-done", text: "Done", onclick: act("circle.done") }),
        h("button", { type: "button", class: "secondary big", id: "turn-pass", text: "Pass", onclick: act("circle.pass") })),
      h("p", { class: "calm", text: "Speak when you are ready, or pass: the piece will come back to you." }));
  } else if (a.phase === "ready" && a.volunteer && a.volunteer.id === meId) {
    turnBox = h("p", { class: "calm", id: "you-go-first",
      text: "You offered to go first: the piece comes to you when the silence is over and the round begins." });
  } else if (a.phase === "ready" && !a.volunteer && (mine.status === "waiting" || mine.status === "passed_once")) {
    turnBox = h("button", { type: "button", class: "secondary big", id: "go-first", text: "I'll go first", onclick: act("circle.volunteer") });
  } else if (a.phase === "round" && mine.status === "passed_once") {
    turnBox = h("p", { class: "calm", id: "turn-note", tabindex: "-1", text: "You passed. The piece will come back to you after the others." });
  } else if (a.phase === "round" && a.next && a.next.id === meId) {
    turnBox = h("p", { class: "calm", id: "turn-note", tabindex: "-1", text: "You are next." });
  } else if (a.phase === "round" && mine.status === "waiting") {
    // Only the people whose turn changes get a personal update at each move,
    // so a count of people ahead would go stale: say what stays true.
    turnBox = h("p", { class: "calm", id: "turn-note", tabindex: "-1", text: "Your turn will come. Listen while others speak." });
  }
  const pulseBox = a.pulse
    ? (mine.pulse_answered
      ? h("p", { class: "saved", id: "pulse-done", text: "Thank you: your 3Cs answer is in, anonymously." })
      : h("details", { class: "pulse", id: "pulse" }, h("summary", { text: "The 3Cs pulse (anonymous)" }), pulseForm(a, ctx, ctx.rerender)))
    : null;
  const prompt = h("p", { class: "prompt-phone", id: "circle-prompt", dir: "auto", text: a.prompt });
  patch(root,
    myTurn ? [turnBox, prompt] : prompt,
    silence(a),
    pausedBanner(a),
    speakerCard(a, { meId }),
    myTurn ? null : turnBox,
    error,
    extra,
    pulseBox,
    a.phase !== "done" && !a.paused
      ? h("button", { type: "button", class: "link guardian", id: "guardian", text: "Ask for a pause", onclick: act("circle.guardian") })
      : null);
  clocksChanged();
  tellTurn(a, meId);
}

// --- the big screen ----------------------------------------------------------

// Through the CSSOM: the page's CSP refuses inline style attributes.
export function sized(el, property, value) {
  el.style[property] = value;
  return el;
}

function pulseResults(results, title) {
  if (!results) return null;
  if (!results.enough) {
    return h("section", { class: "pulse-results" }, h("h3", { text: title }),
      h("p", { class: "calm", text: `The averages appear once at least ${results.minimum} people have answered.` }));
  }
  return h("section", { class: "pulse-results" }, h("h3", { text: title }),
    h("dl", { class: "pulse-bars" }, C3.map(([key, label]) => {
      const s = results.scores[key];
      return [h("dt", { text: label }),
        h("dd", {}, s.shown
          ? [sized(h("span", { class: "bar-fill", "aria-hidden": "true" }), "width", `${(s.mean / 5) * 100}%`),
            h("span", { class: "bar-text", text: `${s.mean.toFixed(1)} of 5 · ${s.count} answers` })]
          : h("span", { class: "calm", text: "fewer than 3 answers" }))];
    })),
    h("p", { class: "hint", text: `The averages move on after every ${results.step || results.minimum} answers, so no one answer can be picked out.` }));
}

/**
 * At the check-out: each C's average at the check-in and now, as two bars
 * (the check-in pale, now strong) and the numbers, readable from the back of
 * the room. Each row is one image to a screen reader, named in words
 * ("Control: 2.4 at check-in, 3.1 now, up 0.7"). Null until the check-in
 * had averages to show (then the check-out's own averages are shown).
 */
function pulseChart(results, before, change) {
  if (!before || !C3.some(([k]) => before[k] && before[k].shown)) return null;
  const now = (results && results.enough && results.scores) || {};
  const fmt = (v) => v.toFixed(1);
  const moved = (v) => (v > 0 ? `up ${fmt(v)}` : v < 0 ? `down ${fmt(-v)}` : "no change");
  const bar = (cls, mean) => sized(h("span", { class: `compare-bar ${cls}` }), "width", `${(mean / 5) * 100}%`);
  return h("section", { class: "pulse-chart", id: "pulse-chart", "aria-labelledby": "pulse-chart-title" },
    h("h3", { id: "pulse-chart-title", text: "The 3Cs: at check-in, and now" }),
    h("div", { class: "compare-rows" }, C3.map(([key, label]) => {
      const a = before[key] && before[key].shown ? before[key].mean : null;
      const b = now[key] && now[key].shown ? now[key].mean : null;
      const d = change && typeof change[key] === "number" ? change[key] : null;
      const words = `${label}: ${a !== null ? `${fmt(a)} at check-in` : "too few answers at check-in"}, `
        + `${b !== null ? `${fmt(b)} now` : "too few answers yet now"}${d !== null ? `, ${moved(d)}` : ""}`;
      return h("div", { class: "compare", role: "img", "aria-label": words, dataset: { c: key } },
        h("span", { class: "compare-label", text: label }),
        h("span", { class: "compare-bars" },
          h("span", { class: "compare-track" }, a !== null ? bar("before", a) : null),
          h("span", { class: "compare-track" }, b !== null ? bar("now", b) : null)),
        h("span", { class: "compare-values" },
          a !== null ? fmt(a) : "–", " → ", b !== null ? fmt(b) : "…",
          d !== null ? h("strong", { class: `compare-change ${d > 0 ? "up" : d < 0 ? "down" : "same"}`, text: ` ${d > 0 ? "+" : ""}${fmt(d)}` }) : null));
    })),
    h("p", { class: "compare-key hint", "aria-hidden": "true" },
      h("span", { class: "key before" }), " check-in ", h("span", { class: "key now" }), " now · out of 5"));
}

export function pulseChange(change) {
  if (!change || !C3.some(([k]) => typeof change[k] === "number")) return null;
  const sign = (v) => (v > 0 ? `+${v.toFixed(1)}` : v.toFixed(1));
  return h("p", { class: "pulse-change" }, "Since check-in: ",
    C3.filter(([k]) => typeof change[k] === "number").map(([k, label], i) =>
      [i ? " · " : "", `${label} ${sign(change[k])}`]));
}

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

export function circleScreen(root, state, extra = [], { queue: showQueue = true } = {}) {
  const a = state.activity;
  if (typeof a.turns === "string") a.queue = a.queue.map((q, i) => ({ ...q, status: TURNS[a.turns[i]] || "waiting" }));
  const entry = (i) => {
    const q = a.queue[i];
    return h("span", { class: `queue-entry turn-${q.status}` },
      h("span", { class: "turn-number", text: `${i + 1}.` }),
      h("bdi", { text: q.label }),
      q.status === "passed_once" ? h("span", { class: "hint", text: "(passed)" }) : null);
  };
  const queue = pagedRows("circle-queue", a.queue.length, entry, { label: "The order of the round", className: "circle-queue columns narrow",
    current: a.queue.findIndex((q) => q.status === "speaking"),
    probe: longest(a.queue.map((q, i) => `${i + 1}. ${q.label}${q.status === "passed_once" ? " (passed)" : ""}`)) });
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
        total ? h("p", { class: "progress", id: "circle-progress", text: `${spoken} of ${total} have spoken` }) : null,
        pulseChart(a.pulse_results, a.pulse_checkin, a.pulse_change)
          || [pulseResults(a.pulse_results, "The 3Cs, together"), pulseChange(a.pulse_change)]),
      h("div", { class: "circle-lists" },
        showQueue ? [h("h3", { text: "The order of the round" }), queue] : null,
        (Array.isArray(extra) ? extra : [extra]).filter(Boolean))));
  clocksChanged();
}

// --- the console -------------------------------------------------------------

const ORDERS = [["join", "Join order"], ["shuffle", "Shuffled"], ["arranged", "Arranged by me"]];
// On-off settings, shown only where the kind has them (one word and pledges: check-out).
const SWITCHES = [
  ["one_word", "One word: each person sends a word; the screen builds a word cloud"],
  ["pledges", "Pledges: what each person will do or offer next, shared or private"],
  ["pulse", "The 3Cs pulse (anonymous; the screen shows averages from 3 answers)"],
  ["chime", "A soft chime from the big screen when the opening silence ends"],
];

// A circle's settings, saved with agenda.update: for the running circle here,
// and for circles further down the agenda from the console's agenda list.
// Patches redraw the console often (every turn); a form being edited is kept
// as it is (the caller puts the focus back after redrawing).
export function settingsBox(root, a, ctx) {
  const old = root.querySelector(`details.circle-settings[data-activity="${a.id}"]`);
  const oldForm = old && old.querySelector("form");
  if (oldForm && (oldForm.dataset.dirty || old.contains(document.activeElement))) return old;
  const cfg = a.config || {};
  const id = (name) => `circle-${name}-${a.id}`;
  const status = h("p", { role: "status", class: "saved" });
  const prompt = h("textarea", { id: id("prompt"), name: "prompt", rows: 2, maxlength: 300, dir: "auto" });
  prompt.value = cfg.prompt || "";
  const seconds = (name, max) => h("input", { id: id(name), name, type: "number", min: 0, max, step: 1,
    inputmode: "numeric", value: String(cfg[name] || 0) });
  const silenceInput = seconds("silence_seconds", 600);
  const turnInput = seconds("turn_seconds", 3600);
  const order = h("select", { id: id("order"), name: "order" },
    ORDERS.map(([value, text]) => h("option", { value, text, selected: cfg.order === value })));
  const switches = SWITCHES.filter(([key]) => key in cfg).map(([key, text]) =>
    h("label", { class: "check" }, h("input", { type: "checkbox", name: key, checked: Boolean(cfg[key]) }), " ", text));
  const form = h("form", { class: "stack" },
    h("label", { for: id("prompt"), text: "Prompt" }), prompt,
    h("label", { for: id("silence_seconds"), text: "Opening silence, in seconds (0 for none)" }), silenceInput,
    h("label", { for: id("turn_seconds"), text: "Time for each person, in seconds (0 for no time box)" }), turnInput,
    h("label", { for: id("order"), text: "Order of the round" }), order,
    switches.length ? h("fieldset", {}, h("legend", { text: "Optional" }), switches) : null,
    h("button", { type: "submit", class: "secondary", text: "Save settings" }),
    status);
  form.addEventListener("input", () => {
    form.dataset.dirty = "1";
    status.textContent = "";
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const config = {
      prompt: prompt.value,
      silence_seconds: Number(silenceInput.value || 0),
      turn_seconds: Number(turnInput.value || 0),
      order: order.value,
    };
    for (const box of form.querySelectorAll("input[type=checkbox]")) config[box.name] = box.checked;
    const reply = await ctx.send("agenda.update", { activity: a.id, config });
    if (reply.ok) {
      delete form.dataset.dirty;
      status.textContent = "Saved.";
    }
  });
  // Keyed by the settings it shows: patch() keeps it while they are the same (and while it is
  // being edited, above), and draws it afresh when they changed (another console saved them).
  return h("details", { class: "circle-settings", dataset: { activity: String(a.id), key: `settings-${a.id}-${JSON.stringify(cfg)}` },
    open: old ? old.open : false },
    h("summary", { text: "Settings: prompt, silence, time, order, closings" }), form);
}

export function circleConsole(root, ev, ctx, extra = null) {
  const a = ev.activity;
  const btn = (text, name, payload = {}, cls = "secondary") =>
    h("button", { type: "button", class: cls, text, onclick: () => ctx.send(name, payload) });
  const controls = [];
  if (a.phase === "ready") {
    if (a.silence_seconds) controls.push(btn(`Begin the silence (${a.silence_seconds} s)`, "circle.silence"));
    controls.push(btn("Start the round", "circle.start", {}, "primary"));
    controls.push(btn("Join order", "circle.arrange", { how: "join" }), btn("Shuffle", "circle.arrange", { how: "shuffle" }));
  } else if (a.phase === "round") {
    controls.push(btn("Move the piece on", "circle.next", {}, "primary"));
    controls.push(btn("Pass for them", "circle.pass"));
    controls.push(btn("Add 1 minute", "circle.add_time", { seconds: 60 }));
  }
  if (a.phase !== "done") controls.push(a.paused ? btn("Resume", "circle.resume", {}, "primary") : btn("Pause", "circle.pause"));
  controls.push(h("button", { type: "button", class: "secondary", text: "Begin the round again",
    onclick: () => confirm("Begin the round again? Everyone goes back to waiting, and who has spoken or passed is forgotten (the pulse answers stay). This cannot be undone.") && ctx.send("circle.restart", {}) }));
  const settings = settingsBox(root, a, ctx);
  const focused = settings.contains(document.activeElement) ? document.activeElement : null;
  const rows = a.queue.map((q, i) => h("li", { class: `turn-${q.status}`, dataset: { key: `turn-${q.id}` } },
    h("span", { dir: "auto", text: q.label }),
    h("span", { class: "hint", text: ` · ${q.status.replace("_", " ")}${q.without_phone ? " · no phone" : q.online ? "" : " · away"}` }),
    a.phase === "ready" && (q.status === "waiting" || q.status === "passed_once")
      ? h("button", { type: "button", class: "small", text: "Start with", "aria-label": `Start with ${q.label}`,
          onclick: () => ctx.send("circle.start", { participant: q.id }) }) : null,
    a.phase === "ready" && i > 0 && q.status === "waiting"
      ? h("button", { type: "button", class: "small", text: "↑", "aria-label": `Move ${q.label} earlier`,
          onclick: () => {
            const ids = a.queue.filter((x) => x.status === "waiting" || x.status === "passed_once").map((x) => x.id);
            const at = ids.indexOf(q.id);
            if (at > 0) [ids[at - 1], ids[at]] = [ids[at], ids[at - 1]];
            ctx.send("circle.arrange", { how: "arranged", order: ids });
          } }) : null,
    ["waiting", "passed_once", "speaking"].includes(q.status)
      ? h("button", { type: "button", class: "small", text: "Skip", "aria-label": `Skip ${q.label}`,
          onclick: () => ctx.send("circle.skip", { participant: q.id }) }) : null));
  // patch(): the settings being typed, an open menu and the focus stay through every turn.
  patch(root,
    h("p", { dir: "auto" }, h("strong", { text: a.title }), ": ", a.prompt),
    pausedBanner(a),
    speakerCard(a),
    h("div", { class: "row circle-controls" }, controls),
    h("ol", { class: "circle-queue console-queue" }, rows),
    pulseResults(a.pulse_results, "3Cs pulse"),
    pulseChange(a.pulse_change),
    extra,
    settings);
  if (focused && document.activeElement !== focused) focused.focus();
  clocksChanged();
}
