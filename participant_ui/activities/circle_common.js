// What the check-in and check-out circles share: the talking piece on phones,
// the big screen and the console, the 3Cs pulse, and "Our agreements".
//
// Times come from the server as deadlines (ISO strings); one local ticker
// redraws the clocks each second. Nothing ticks over the network.
import { h, replace, formatDuration } from "../lib/dom.js";
import { serverNow } from "../lib/clock.js";

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
    el.textContent = formatDuration(Date.parse(el.dataset.until) - now);
  }
  for (const el of document.querySelectorAll("[data-box-ends]")) {
    // A gentle signal, never a cut-off: the colour changes, nothing else.
    const over = !el.dataset.frozen && now > Date.parse(el.dataset.boxEnds);
    el.classList.toggle("over-time", over);
    const note = el.querySelector(".time-note");
    if (note) note.hidden = !over;
  }
  for (const el of document.querySelectorAll("[data-silence-ends]")) {
    el.hidden = now >= Date.parse(el.dataset.silenceEnds);
  }
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
  if (serverNow() >= Date.parse(a.silence_ends_at)) return null;
  return h("div", { class: "silence", role: "timer", dataset: { silenceEnds: a.silence_ends_at } },
    h("p", { class: "silence-word", text: "A moment of silence" }),
    h("p", { class: "silence-clock", "aria-hidden": "true" }, h("span", { dataset: { until: a.silence_ends_at } })));
}

function pausedBanner(a) {
  if (!a.paused) return null;
  const text = a.pause_by === "guardian"
    ? "A pause has been asked for. We will carry on when the facilitator resumes."
    : "Paused. We will carry on shortly.";
  return h("p", { class: "paused-banner", role: "status", text });
}

export function speakerCard(a, { meId } = {}) {
  if (a.phase === "done") {
    return h("div", { class: "piece done" }, h("p", { class: "piece-holder", text: "The circle is complete. Thank you, everyone." }));
  }
  if (!a.speaker) {
    return h("div", { class: "piece waiting-start" },
      h("p", { class: "piece-holder", text: "The talking piece is waiting to begin." }),
      a.next ? h("p", { class: "piece-next" }, "First: ", h("strong", { dir: "auto", text: a.next.label })) : null);
  }
  const frozen = a.paused && a.paused_at ? { frozen: a.paused_at } : {};
  const attrs = { class: "piece", id: "piece", dataset: { ...frozen } };
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

function pulseForm(ctx, onDone) {
  const form = h("form", { class: "pulse-form stack", "aria-describedby": "pulse-why" });
  const error = h("p", { class: "error", role: "alert", hidden: true });
  form.append(
    h("h2", { text: "How are you today?" }),
    h("p", { id: "pulse-why", class: "calm", text: "Anonymous: only the group's averages are shown, and only once at least 3 people have answered. Skip any you like." }),
    ...C3.map(([key, label, question]) => h("fieldset", { class: "pulse-scale" },
      h("legend", {}, h("strong", { text: label }), " ", h("span", { class: "hint", text: question })),
      h("div", { class: "scale" },
        [1, 2, 3, 4, 5].map((n) => h("label", { class: "scale-point" },
          h("input", { type: "radio", name: key, value: String(n), "aria-label": `${label} ${n} of 5` }),
          h("span", { text: String(n) })))))),
    error,
    h("button", { type: "submit", class: "primary", text: "Send anonymously" }));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const payload = {};
    for (const [key] of C3) {
      const picked = form.querySelector(`input[name=${key}]:checked`);
      if (picked) payload[key] = Number(picked.value);
    }
    const item = await ctx.outbox.add("pulse.answer", payload);
    if (item.state === "refused") {
      error.textContent = item.error;
      error.hidden = false;
    } else if (onDone) onDone();
  });
  return form;
}

// --- the phone ---------------------------------------------------------------

export function circlePhone(root, state, ctx, extra = null) {
  const a = state.activity;
  const mine = state.mine || {};
  const meId = state.me.id;
  const myTurn = a.speaker && a.speaker.id === meId;
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const act = (name) => async () => {
    const reply = await ctx.send(name, {});
    error.hidden = reply.ok;
    if (!reply.ok) error.textContent = reply.error;
  };
  let turnBox = null;
  if (myTurn) {
    turnBox = h("section", { class: "your-turn", "aria-labelledby": "your-turn-title" },
      h("h2", { id: "your-turn-title", text: "It is your turn" }),
      h("p", { class: "calm", text: "Speak when you are ready, or pass: the piece will come back to you." }),
      h("div", { class: "turn-buttons" },
        h("button", { type: "button", class: "primary big", text: "Done", onclick: act("circle.done") }),
        h("button", { type: "button", class: "secondary big", text: "Pass", onclick: act("circle.pass") })));
  } else if (a.phase === "ready" && (mine.status === "waiting" || mine.status === "passed_once")) {
    turnBox = h("button", { type: "button", class: "secondary big", text: "I'll go first", onclick: act("circle.volunteer") });
  } else if (a.phase === "round" && mine.status === "passed_once") {
    turnBox = h("p", { class: "calm", text: "You passed. The piece will come back to you after the others." });
  } else if (a.phase === "round" && a.next && a.next.id === meId) {
    turnBox = h("p", { class: "calm", text: "You are next." });
  } else if (a.phase === "round" && mine.status === "waiting") {
    // Only the people whose turn changes get a personal update at each move,
    // so a count of people ahead would go stale: say what stays true.
    turnBox = h("p", { class: "calm", text: "Your turn will come. Listen while others speak." });
  }
  const pulseBox = a.pulse
    ? (mine.pulse_answered
      ? h("p", { class: "saved", text: "Thank you: your 3Cs answer is in, anonymously." })
      : h("details", { class: "pulse" }, h("summary", { text: "The 3Cs pulse (anonymous)" }), pulseForm(ctx, ctx.rerender)))
    : null;
  replace(root,
    h("p", { class: "prompt-phone", dir: "auto", text: a.prompt }),
    silence(a),
    pausedBanner(a),
    speakerCard(a, { meId }),
    turnBox,
    error,
    extra,
    pulseBox,
    a.phase !== "done" && !a.paused
      ? h("button", { type: "button", class: "link guardian", text: "Ask for a pause", onclick: act("circle.guardian") })
      : null);
  clocksChanged();
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
    })));
}

export function pulseChange(change) {
  if (!change || !C3.some(([k]) => typeof change[k] === "number")) return null;
  const sign = (v) => (v > 0 ? `+${v.toFixed(1)}` : v.toFixed(1));
  return h("p", { class: "pulse-change" }, "Since check-in: ",
    C3.filter(([k]) => typeof change[k] === "number").map(([k, label], i) =>
      [i ? " · " : "", `${label} ${sign(change[k])}`]));
}

export function circleScreen(root, state, extra = null) {
  const a = state.activity;
  const queue = h("ol", { class: "circle-queue", "aria-label": "The order of the round" },
    a.queue.map((q) => h("li", { class: `turn-${q.status}`, dir: "auto" }, q.label,
      q.status === "passed_once" ? h("span", { class: "hint", text: " (passed)" }) : null)));
  replace(root,
    h("h2", { class: "prompt", dir: "auto", text: a.prompt }),
    silence(a),
    pausedBanner(a),
    speakerCard(a),
    h("div", { class: "circle-side" },
      queue,
      pulseResults(a.pulse_results, "The 3Cs, together"),
      pulseChange(a.pulse_change),
      extra,
      agreementsPanel(a.agreements)));
  clocksChanged();
}

// --- the console -------------------------------------------------------------

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
    onclick: () => confirm("Begin the round again? Everyone goes back to waiting.") && ctx.send("circle.restart", {}) }));
  const rows = a.queue.map((q, i) => h("li", { class: `turn-${q.status}` },
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
  replace(root,
    h("p", { dir: "auto" }, h("strong", { text: a.title }), ": ", a.prompt),
    pausedBanner(a),
    speakerCard(a),
    h("div", { class: "row circle-controls" }, controls),
    h("ol", { class: "circle-queue console-queue" }, rows),
    pulseResults(a.pulse_results, "3Cs pulse"),
    pulseChange(a.pulse_change),
    extra);
  clocksChanged();
}
