// The clinician's view: the themed questions and the consultation queue, nothing else.
import { $, h, replace } from "./lib/dom.js";
import { connectLive, showStatus } from "./lib/live.js";
import { tradeForCookie } from "./lib/link_secret.js";
import { clocksChanged } from "./lib/clock.js";
import { loadLanguage, t, tn, tNodes } from "./lib/i18n.js";

const code = $("#main").dataset.event;
const errorEl = $("#clinician-error");
let state = null;

// The server's sentences are English, and their own ids: each is looked up in the page's catalogue.
function showError(message) {
  errorEl.textContent = message ? t(message) : "";
  errorEl.hidden = !message;
}

function renderQueue(c) {
  if (!c) return h("p", { class: "hint", text: t("There is no consultation round on the agenda.") });
  const since = c.speaker && c.turn_started_at
    ? h("span", { class: "clock", dataset: { since: c.turn_started_at, ...(c.paused && c.paused_at ? { frozen: c.paused_at } : {}) } })
    : null;
  return [
    c.phase === "done" ? h("p", { class: "lead", text: t("Everyone has had their time.") })
      : c.speaker ? h("p", { class: "lead" }, tNodes("Speaking now: {name}", { name: h("strong", { id: "clin-speaker", dir: "auto", text: c.speaker.label }) }), " · ", since)
        : h("p", { class: "lead", text: c.running ? t("The round is about to begin.") : t("The round has not started yet.") }),
    c.paused ? h("p", { class: "paused-banner", role: "status", text: t("Paused.") }) : null,
    c.next ? h("p", {}, tNodes("Next: {name}", { name: h("strong", { id: "clin-next", dir: "auto", text: c.next.label }) })) : null,
    c.waiting.length ? h("ol", { id: "clin-waiting", class: "circle-queue", "aria-label": t("Still to come, in order") },
      c.waiting.map((p) => h("li", {}, h("bdi", { text: p.label })))) : null,
    h("p", { class: "hint", text: tn("{n} seen so far.", "{n} seen so far.", c.seen) }),
  ];
}

function renderThemes(q) {
  const item = (x) => h("li", { class: `q-${x.visibility}` },
    h("span", { dir: "auto", text: x.text }),
    h("span", { class: "badge" }, x.visibility === "clinician" ? t("for you only")
      : x.by ? tNodes("shared · {name}", { name: h("bdi", { text: x.by }) }) : t("shared")));
  const themes = q.themes || [];
  const unthemed = q.unthemed || [];
  if (!themes.length && !unthemed.length) return h("p", { class: "hint", text: t("No questions yet.") });
  return [
    themes.map((th) => h("div", { class: "q-theme" }, h("h3", { dir: "auto", text: th.name }), h("ul", {}, th.questions.map(item)))),
    unthemed.length ? h("div", { class: "q-theme" }, h("h3", { text: t("Not yet in a theme") }), h("ul", {}, unthemed.map(item))) : null,
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

// The page's language first (the browser's, as the server chose it for <html lang>), then the link.
loadLanguage()
  .then(() => tradeForCookie(`/e/${encodeURIComponent(code)}/clinician/login`))
  .then(showError, () => {})
  .finally(start);
