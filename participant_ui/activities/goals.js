// The check-out with goals: the talking piece once more, one personal goal each,
// and each person's own summary to keep.
import { h } from "../lib/dom.js";
import { followLatest, latestOf } from "../lib/outbox_view.js";
import { clearDraft } from "../lib/drafts.js";
import { circleConsole, circlePhone, circleScreen } from "./circle.js";
import { pagedList } from "../lib/fit.js";

function goalForm(state, ctx) {
  const mine = (state.mine || {}).goal;
  const draft = `goal-${state.activity.id}`;
  // A goal still on this phone (after a reload, say) is shown as typed, not the one on the server.
  const waiting = latestOf(ctx.outbox, "goal.set", (i) => i.state === "waiting");
  const shown = waiting ? waiting.payload : mine;
  const text = h("textarea", { id: "goal-text", name: "goal", maxlength: state.activity.goal_max || 500, rows: 3, dir: "auto",
    dataset: { draft: `${draft}-text` } });
  text.value = shown ? shown.text : "";
  const share = h("input", { type: "checkbox", id: "goal-shared", name: "shared", checked: shown ? shown.shared : false,
    dataset: { draft: `${draft}-shared` } });
  const words = (shared) => (shared ? "Your goal is shared with the group, without your name." : "Your goal is private: only you can see it.");
  const note = followLatest(h("p", { role: "status", id: "goal-status" }), ctx.outbox, "goal.set", {
    words: { saved: (item) => words(item.payload.shared) },
    fallback: mine ? { cls: "saved", text: words(mine.shared) } : null });
  return h("form", { class: "stack closing goal-form", id: "goal-form", onsubmit: (e) => {
    e.preventDefault();
    const { goal, shared } = e.currentTarget.elements;
    if (!goal.value.trim()) return;
    ctx.outbox.add("goal.set", { text: goal.value, shared: shared.checked });
    clearDraft(`${draft}-text`, `${draft}-shared`);
  } },
    h("label", { for: "goal-text", text: "One thing you will do (your goal)" }),
    text,
    h("label", { class: "check" }, share, " Share it with the group (otherwise only you will see it)"),
    h("button", { type: "submit", class: "primary", text: mine ? "Update my goal" : "Save my goal" }),
    note);
}

function summaryLinks(ctx) {
  const base = `/e/${encodeURIComponent(ctx.code)}/me/summary.html`;
  return h("p", { class: "row my-summary" },
    h("a", { class: "button", id: "my-summary", href: `${base}?download=1`, download: `my-summary-${ctx.code}.html`, text: "Download my summary" }),
    h("a", { class: "button secondary", href: base, target: "_blank", rel: "noopener", text: "View and print" }));
}

export function phone(root, state, ctx) {
  circlePhone(root, state, ctx, h("div", { class: "closings", id: "closings" }, goalForm(state, ctx),
    h("p", { class: "hint", text: "Your summary has your goal, your questions and the themes the group shared. It is yours alone." }),
    summaryLinks(ctx)));
}

function sharedGoals(list) {
  if (!list || list.length === 0) return null;
  return h("section", { class: "shared-goals", "aria-labelledby": "goals-title" },
    h("h3", { id: "goals-title", text: "Goals we shared" }),
    h("ul", {}, list.map((g) => h("li", { dir: "auto", text: g }))));
}

export function screen(root, state) {
  const goals = state.activity.shared_goals || [];
  circleScreen(root, state, goals.length ? [h("h3", { id: "goals-title", text: "Goals we shared" }),
    pagedList("shared-goals", goals.map((g) => h("span", { dir: "auto", text: g })), { label: "Goals we shared", className: "rows", maxEm: 1.2 })] : []);
}

export function console(root, ev, ctx) {
  const a = ev.activity;
  const c = a.goal_counts || {};
  circleConsole(root, ev, ctx, h("div", {},
    h("p", { class: "hint", text: `${c.goals || 0} goals set, ${c.shared_goals || 0} shared. Private goals are never shown here.` }),
    sharedGoals(a.shared_goals)));
}
