// The check-out with goals: the talking piece once more, one personal goal each,
// and each person's own summary to keep.
import { h } from "../lib/dom.js";
import { circleConsole, circlePhone, circleScreen } from "./circle.js";
import { pledgeForm } from "./checkout.js";
import { pagedList } from "../lib/fit.js";
import { formatNumber, t, tn } from "../lib/i18n.js";

// A goal is set as a pledge is, in its own words.
const goal = (state) => ({
  name: "goal", action: "goal.set", max: state.activity.goal_max || 500, formClass: "stack closing goal-form",
  label: t("One thing you will do (your goal)"), share: t("Share it with the group (otherwise only you will see it)"),
  save: t("Save my goal"), update: t("Update my goal"),
  saved: (shared) => (shared ? t("Your goal is shared with the group, without your name.") : t("Your goal is private: only you can see it.")),
});

function summaryLinks(ctx) {
  const base = `/e/${encodeURIComponent(ctx.code)}/me/summary.html`;
  return h("p", { class: "row my-summary" },
    h("a", { class: "button", id: "my-summary", href: `${base}?download=1`, download: `my-summary-${ctx.code}.html`, text: t("Download my summary") }),
    h("a", { class: "button secondary", href: base, target: "_blank", rel: "noopener", text: t("View and print") }));
}

export function phone(root, state, ctx) {
  circlePhone(root, state, ctx, h("div", { class: "closings", id: "closings" }, pledgeForm(state, ctx, goal(state)),
    h("p", { class: "hint", text: t("Your summary has your goal, your questions and the themes the group shared. It is yours alone.") }),
    summaryLinks(ctx)));
}

function sharedGoals(list) {
  if (!list || list.length === 0) return null;
  return h("section", { class: "shared-goals", "aria-labelledby": "goals-title" },
    h("h3", { id: "goals-title", text: t("Goals we shared") }),
    h("ul", {}, list.map((g) => h("li", { dir: "auto", text: g }))));
}

export function screen(root, state) {
  const goals = state.activity.shared_goals || [];
  // The goals under the talking piece: the order of the round (everyone, at 200 people) keeps its whole column.
  circleScreen(root, state, [], { under: goals.length ? [h("h3", { id: "goals-title", text: t("Goals we shared") }),
    pagedList("shared-goals", goals.map((g) => h("span", { dir: "auto", text: g })), { label: t("Goals we shared"), className: "rows", maxEm: 1.2 })] : [] });
}

export function console(root, ev, ctx) {
  const a = ev.activity;
  const c = a.goal_counts || {};
  circleConsole(root, ev, ctx, h("div", {},
    h("p", { class: "hint", text: [tn("{n} goal set, {shared} shared.", "{n} goals set, {shared} shared.", c.goals || 0,
      { shared: formatNumber(c.shared_goals || 0) }), t("Private goals are never shown here.")].join(" ") }),
    sharedGoals(a.shared_goals)));
}
