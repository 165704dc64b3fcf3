// The console's controls for what the big screen presents over the activity:
// pause it (the title and how to join only), or put one card, theme or shared
// pledge in the spotlight and take it down, and set how its long lists turn
// (protocol: screen.mode, screen.spotlight, screen.pages).
import { h, onPage } from "./dom.js";
import { t } from "./i18n.js";

/** What can go in the spotlight now: the running activity's cards and themes, or its shared pledges. */
function candidates(activity) {
  if (!activity) return [];
  const out = [];
  for (const th of activity.themes || []) out.push({ key: `theme:${th.id}`, label: t("Theme: {name}", { name: th.name }) });
  for (const c of activity.cards || []) if (!c.hidden) out.push({ key: `card:${c.id}`, label: c.text });
  for (const p of activity.shared_pledges || []) out.push({ key: `pledge:${p.id}`, label: `${p.label}: ${p.text}` });
  return out;
}

// Long lists on the screen (the plan, the round's order, the board) turn a
// page at a time: a small menu beside the pause, the pace and the steps in it.
function pagesControls(p, ctx) {
  const held = p.pages === "held";
  const pace = h("input", { type: "number", id: "screen-pace", name: "pace", min: 3, max: 120, value: p.pace || 8, inputmode: "numeric" });
  return h("details", { class: "menu pages-menu", id: "screen-pages-menu" },
    h("summary", { text: held ? t("Pages: held") : t("Pages: every {seconds} s", { seconds: p.pace || 8 }) }),
    h("div", { class: "menu-items" },
      h("form", { class: "row", id: "screen-pages", onsubmit: (e) => {
        e.preventDefault();
        const seconds = Number(e.currentTarget.elements.pace.value);
        if (seconds >= 3 && seconds <= 120) ctx.send("screen.pages", { pace: Math.round(seconds) });
      } },
        h("label", { for: "screen-pace", text: t("Seconds a page") }), pace,
        h("button", { type: "submit", class: "small", id: "screen-pace-set", text: t("Set the pace") })),
      h("div", { class: "row" },
        h("button", { type: "button", class: "small", id: "screen-hold", text: held ? t("Turn the pages") : t("Hold the pages"),
          onclick: () => ctx.send("screen.pages", { pages: held ? "turning" : "held" }) }),
        h("button", { type: "button", class: "small", id: "screen-page-back", text: t("Page back"), onclick: () => ctx.send("screen.pages", { step: -1 }) }),
        h("button", { type: "button", class: "small", id: "screen-page-on", text: t("Page on"), onclick: () => ctx.send("screen.pages", { step: 1 }) }))));
}

export function presentingControls(ev, ctx) {
  const p = ev.presentation || { mode: "live", spotlight: null };
  const paused = p.mode === "paused";
  const now = paused ? t("Paused: the screen shows the title and how to join.")
    : p.spotlight ? t("In the spotlight: {text}", { text: p.spotlight.text }) : t("Live: the screen follows the agenda.");
  const choices = candidates(ev.activity);
  const pick = h("select", { id: "spotlight-pick", "aria-label": t("Put in the spotlight") },
    h("option", { value: "", text: t("Choose a card, theme or pledge…") }),
    choices.map((c) => h("option", { value: c.key, text: c.label.length > 80 ? `${c.label.slice(0, 79)}…` : c.label })));
  return h("div", { class: "presenting stack", id: "presenting" },
    h("p", { id: "presenting-now", role: "status", dir: "auto", text: now }),
    h("div", { class: "row" },
      h("button", { type: "button", class: "secondary", id: "screen-pause",
        text: paused ? t("Back to live") : t("Pause the big screen"),
        onclick: () => ctx.send("screen.mode", { mode: paused ? "live" : "paused" }) }),
      pagesControls(p, ctx),
      p.spotlight ? h("button", { type: "button", class: "secondary", id: "spotlight-down", text: t("Take the spotlight down"),
        onclick: () => ctx.send("screen.spotlight", {}) }) : null),
    choices.length ? h("div", { class: "row" }, pick,
      h("button", { type: "button", class: "secondary", id: "spotlight-up", text: t("Spotlight it"),
        onclick: () => {
          // The picker on the page: patch() may have kept an earlier render's.
          const [kind, id] = (onPage(pick).value || "").split(":");
          if (kind) ctx.send("screen.spotlight", { [kind]: Number(id) });
        } })) : null);
}
