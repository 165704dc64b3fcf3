// "Suggest themes" in the console's harvest: the laptop proposes groups of
// the cards that have no theme yet (docs/harvest.md); the facilitator accepts
// a group as a new theme (its name can be changed first), adds it to a theme
// already on the board, takes cards out of it, or discards it. Nothing on the
// board changes until they do.
//
// Like the workspace, the panel is one element kept for the page and patched
// inside, so a half-typed name, an unticked card, a chosen theme and the
// focus survive every live update. Each group is a form: its buttons read
// the name, the ticked cards and the chosen theme from it when pressed.
import { h, patch } from "../../lib/dom.js";
import { formatNumber, t, tn } from "../../lib/i18n.js";

let panel = null;

function panelFor(code) {
  if (!panel || panel.code !== code) {
    panel = { code, el: h("section", { id: "suggest", class: "suggest", "aria-labelledby": "suggest-title" }), asking: false };
  }
  return panel;
}

/** The panel for the console's harvest (``state.activity.suggestions``); ``ctx.send`` sends an action. */
export function suggestionsPanel(state, ctx) {
  const a = state.activity;
  const p = panelFor(state.event ? state.event.code : "");
  const s = a.suggestions || { ask: 0, running: false, groups: [], unplaced: [] };
  const cards = new Map(a.cards.map((c) => [c.id, c]));
  const open = a.cards.filter((c) => c.theme == null && !c.hidden).length;
  const groups = s.groups.filter((g) => g.cards.some((id) => cards.has(id)));
  patch(p.el,
    h("div", { class: "suggest-head" },
      h("h4", { id: "suggest-title", text: t("Suggest themes") }),
      // Never disabled while the laptop works: asking again replaces the ask still running
      // (and brings back one a restart of the server cut short).
      h("button", { type: "button", class: s.ask ? "secondary" : "primary", id: "suggest-ask",
        disabled: p.asking || open < 2, "aria-describedby": "suggest-about",
        text: s.running ? t("Start again") : s.ask ? t("Suggest again") : t("Suggest themes"),
        onclick: () => ask(p, ctx) }),
      h("p", { class: "hint", id: "suggest-about",
        text: t("Groups the cards without a theme by their words, here on the laptop. Nothing changes until you accept a group.") })),
    h("p", { class: s.error ? "error" : "suggest-status", id: "suggest-status", role: "status", text: status(s, groups, open) }),
    groups.length ? h("ul", { class: "suggest-groups", "aria-label": t("Suggested themes") },
      groups.map((g, i) => group(p, ctx, a, g, i, cards))) : null,
    s.unplaced.length && !s.running ? h("details", { class: "suggest-nowhere", dataset: { key: "nowhere" } },
      h("summary", { text: tn("{n} card fits in no group", "{n} cards fit in no group", s.unplaced.length) }),
      h("ul", { class: "suggest-cards" }, s.unplaced.filter((id) => cards.has(id)).map((id) =>
        h("li", { dataset: { key: `n-${id}` }, class: "pre", dir: "auto", text: cards.get(id).text })))) : null);
  return p.el;
}

function status(s, groups, open) {
  // The server's sentence is English, its id in the catalogue (activities/board/theme_suggestions.py).
  if (s.error) return t(s.error);
  if (s.running) return tn("Looking for themes among {n} card…", "Looking for themes among {n} cards…", open);
  if (!s.ask) return open < 2 ? t("Suggestions need at least two cards without a theme.") : "";
  if (!groups.length) return t("No groups to suggest: every card has a theme, or the rest have little in common.");
  const n = groups.length;
  if (s.method === "meaning") {
    return tn("{n} group suggested (by meaning: the English model). Accept, add to a theme, or discard each.",
      "{n} groups suggested (by meaning: the English model). Accept, add to a theme, or discard each.", n);
  }
  if (s.method === "meaning and words") {
    return tn("{n} group suggested (the cards in English by meaning, the others by shared words). Accept, add to a theme, or discard each.",
      "{n} groups suggested (the cards in English by meaning, the others by shared words). Accept, add to a theme, or discard each.", n);
  }
  return tn("{n} group suggested (by shared words). Accept, add to a theme, or discard each.",
    "{n} groups suggested (by shared words). Accept, add to a theme, or discard each.", n);
}

async function ask(p, ctx) {
  p.asking = true;
  ctx.rerender();
  try {
    await ctx.send("suggest.ask", {});
  } finally {
    p.asking = false;
    ctx.rerender();
  }
}

function group(p, ctx, a, g, i, cards) {
  const key = `g-${g.id}`;
  const nameId = `suggest-name-${g.id}`;
  const themeId = `suggest-theme-${g.id}`;
  const listed = g.cards.filter((id) => cards.has(id));
  return h("li", { class: "suggest-group", dataset: { key } },
    h("form", { class: "suggest-form", "aria-labelledby": `${nameId}-label`, onsubmit: (e) => { e.preventDefault(); accept(p, ctx, e.target, g); } },
      h("div", { class: "suggest-name-row" },
        h("label", { for: nameId, id: `${nameId}-label`, class: "suggest-label",
          text: tn("Group {number} ({n} card): name", "Group {number} ({n} cards): name", listed.length, { number: formatNumber(i + 1) }) }),
        h("input", { id: nameId, name: "name", value: g.name, maxlength: 120, dir: "auto", required: true, class: "suggest-name" })),
      h("ul", { class: "suggest-cards" }, listed.map((id) =>
        h("li", { dataset: { key: `c-${id}` } },
          h("label", { class: "check suggest-card" },
            h("input", { type: "checkbox", name: "card", value: String(id), checked: true,
              "aria-label": t("Keep in this group: {text}", { text: cards.get(id).text.slice(0, 80) }) }),
            h("span", { class: "suggest-text" },
              h("span", { class: "pre", dir: "auto", text: cards.get(id).text }),
              cards.get(id).table_name ? [" ", h("span", { class: "card-meta", dir: "auto", text: `· ${cards.get(id).table_name}` })] : null))))),
      h("div", { class: "suggest-actions" },
        h("button", { type: "submit", class: "primary small", id: `suggest-accept-${g.id}`, text: t("Accept as new theme") }),
        a.themes.length ? [
          h("label", { for: themeId, class: "visually-hidden", text: t("Theme to add these cards to") }),
          h("select", { id: themeId, name: "theme", class: "suggest-theme" },
            a.themes.map((theme) => h("option", { value: String(theme.id), text: theme.name }))),
          h("button", { type: "button", class: "secondary small", id: `suggest-add-${g.id}`, text: t("Add to theme"),
            onclick: (e) => addTo(p, ctx, e.currentTarget.form, g) }),
        ] : null,
        h("button", { type: "button", class: "secondary small", id: `suggest-discard-${g.id}`, text: t("Discard"),
          "aria-label": t("Discard group {number}: {name}", { number: formatNumber(i + 1), name: g.name }), onclick: (e) => discard(p, ctx, e.currentTarget.form, g) }))));
}

function kept(form) {
  return [...form.querySelectorAll("input[name=card]")].filter((b) => b.checked).map((b) => Number(b.value));
}

/** After a group is dealt with, the keyboard goes on to the next group (or back to "Suggest again"). */
async function decide(p, ctx, form, name, payload) {
  const item = form.closest("li.suggest-group");
  const next = item && (item.nextElementSibling || item.previousElementSibling);
  const reply = await ctx.send(name, payload);
  if (!(reply && reply.ok)) return reply;
  const active = document.activeElement;
  if (!active || active === document.body || !active.isConnected || form.contains(active)) {
    const target = (next && next.isConnected && next.querySelector(".suggest-name")) || p.el.querySelector("#suggest-ask");
    if (target) target.focus();
  }
  return reply;
}

function accept(p, ctx, form, g) {
  const cards = kept(form);
  if (!cards.length) return;
  const name = form.elements.name.value.trim();
  decide(p, ctx, form, "suggest.accept", { suggestion: g.id, cards, ...(name && name !== g.name ? { name } : {}) });
}

function addTo(p, ctx, form, g) {
  const cards = kept(form);
  const theme = form.elements.theme && Number(form.elements.theme.value);
  if (!cards.length || !theme) return;
  decide(p, ctx, form, "suggest.accept", { suggestion: g.id, cards, theme });
}

function discard(p, ctx, form, g) {
  decide(p, ctx, form, "suggest.reject", { suggestion: g.id });
}
