// The consultation round: a circle with the clinician; anyone may pass or ask to be seen last.
import { h, onPage } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { circleConsole, circlePhone, circleScreen } from "./circle.js";
import { board, clinicianLink, myQuestions, screenThemes, sharedThemes } from "./questions.js";

export function phone(root, state, ctx) {
  const a = state.activity;
  const mine = state.mine || {};
  const waiting = ["waiting", "passed_once", "speaking"].includes(mine.status);
  const error = h("p", { class: "error", role: "alert", id: "see-me-last-error", hidden: true });
  const last = a.phase !== "done" && waiting
    ? h("button", { type: "button", class: "secondary big", id: "see-me-last", text: t("See me last"),
        onclick: async () => {
          const reply = await ctx.send("consultation.last", {});
          const shown = onPage(error);
          shown.hidden = reply.ok;
          if (!reply.ok) shown.textContent = reply.error;
        } })
    : null;
  circlePhone(root, state, ctx, h("div", { class: "consult-extra", id: "consult-extra" },
    mine.seen_last && waiting ? h("p", { class: "calm", text: t("You asked to be seen last: your time comes after the others.") }) : null,
    last,
    error,
    myQuestions(mine.questions, ctx, { editable: false }),
    sharedThemes(a.questions)));
}

export function screen(root, state) {
  circleScreen(root, state, screenThemes(state.activity.questions, { title: t("Our shared questions") }));
}

export function console(root, ev, ctx) {
  const a = ev.activity;
  circleConsole(root, ev, ctx, h("div", {}, board(a.board || {}, ctx), clinicianLink(ev, a, ctx)));
}
