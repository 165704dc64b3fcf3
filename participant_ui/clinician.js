// The clinician's view: the themed questions and the consultation queue, nothing else.
import { $, h, replace } from "./lib/dom.js";
import { connectLive, showStatus } from "./lib/live.js";
import { tradeForCookie } from "./lib/link_secret.js";
import { clocksChanged } from "./lib/clock.js";

const code = $("#main").dataset.event;
const errorEl = $("#clinician-error");
let state = null;

function showError(message) {
  errorEl.textContent = message || "";
  errorEl.hidden = !message;
}

function renderQueue(c) {
  if (!c) return h("p", { class: "hint", text: "There is no consultation round on the agenda." });
  const since = c.speaker && c.turn_started_at
    ? h("span", { class: "clock", dataset: { since: c.turn_started_at, ...(c.paused && c.paused_at ? { frozen: c.paused_at } : {}) } })
    : null;
  return [
    c.phase === "done" ? h("p", { class: "lead", text: "Everyone has had their time." })
      : c.speaker ? h("p", { class: "lead" }, "Speaking now: ", h("strong", { id: "clin-speaker", dir: "auto", text: c.speaker.label }), " · ", since)
        : h("p", { class: "lead", text: c.running ? "The round is about to begin." : "The round has not started yet." }),
    c.paused ? h("p", { class: "paused-banner", role: "status", text: "Paused." }) : null,
    c.next ? h("p", {}, "Next: ", h("strong", { id: "clin-next", dir: "auto", text: c.next.label })) : null,
    c.waiting.length ? h("ol", { id: "clin-waiting", class: "circle-queue", "aria-label": "Still to come, in order" },
      c.waiting.map((p) => h("li", { dir: "auto", text: p.label }))) : null,
    h("p", { class: "hint", text: `${c.seen} seen so far.` }),
  ];
}

function renderThemes(q) {
  const item = (x) => h("li", { class: `q-${x.visibility}` },
    h("span", { dir: "auto", text: x.text }),
    h("span", { class: "badge", text: x.visibility === "clinician" ? "for you only" : x.by ? `shared · ${x.by}` : "shared" }));
  const themes = q.themes || [];
  const unthemed = q.unthemed || [];
  if (!themes.length && !unthemed.length) return h("p", { class: "hint", text: "No questions yet." });
  return [
    themes.map((t) => h("div", { class: "q-theme" }, h("h3", { dir: "auto", text: t.name }), h("ul", {}, t.questions.map(item)))),
    unthemed.length ? h("div", { class: "q-theme" }, h("h3", { text: "Not yet in a theme" }), h("ul", {}, unthemed.map(item))) : null,
  ];
}

function render() {
  if (!state) return;
  replace($("#queue-box"), renderQueue(state.consultation));
  replace($("#themes-box"), renderThemes(state.questions || {}));
  clocksChanged();
}

function start() {
  connectLive({
    role: "clinician",
    event: code,
    onStatus: (s, detail) => showStatus($("#status"), s, detail),
    onRefused: (err) => showError(err.message),
    onSnapshot: (snap) => {
      state = snap;
      render();
    },
    onPatch: (patch) => {
      state = { ...(state || {}), ...patch };
      render();
    },
  });
}

tradeForCookie(`/e/${encodeURIComponent(code)}/clinician/login`).then(showError, () => {}).finally(start);
