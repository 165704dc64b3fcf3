// The live board, shared by the café (its big screen and console) and the harvest:
// cards grouped by table, round, theme or dots, the deltas that keep them current,
// and the facilitator's controls (group, themes, pin, hide, theme, merge).
import { pagedList } from "../lib/fit.js";
import { h } from "../lib/dom.js";
import { cardEl, removeById, upsert } from "./board_common.js";

export function votesOf(a, card) {
  return (a.totals || {})[`card:${card.id}`] || 0;
}

// The console's cards include hidden ones (flagged); the screen's never do.
export function shownCards(a) {
  return (a.cards || []).filter((c) => !c.hidden);
}

/** Apply a board delta to the activity's cards and themes; true when something changed. */
export function boardMessage(name, payload, a) {
  if (!a || !a.cards) return false;
  if (name === "board.card") {
    if (payload.hidden && !("config" in a)) removeById(a.cards, payload.id);
    else upsert(a.cards, payload);
  } else if (name === "board.card_gone") {
    if ("config" in a) {
      // Hiding sends "gone" to everyone, then the hidden card to the console alone.
      const card = a.cards.find((c) => c.id === payload.id);
      if (card && !card.hidden) removeById(a.cards, payload.id);
    } else removeById(a.cards, payload.id);
  } else if (name === "board.theme") {
    upsert(a.themes, payload);
  } else return false;
  return true;
}

export function boardGroups(a, cards = a.cards) {
  const by = a.group_by;
  const themeName = new Map(a.themes.map((t) => [t.id, t.name]));
  const out = new Map();
  const sorted = by === "votes" ? [...cards].sort((x, y) => votesOf(a, y) - votesOf(a, x) || x.id - y.id) : cards;
  for (const c of sorted) {
    const key = by === "table" ? (c.table_name || "Other")
      : by === "round" ? (c.round ? `Round ${c.round}` : "Other")
      : by === "theme" ? (themeName.get(c.theme) || "No theme yet") : "By dots";
    if (!out.has(key)) out.set(key, []);
    out.get(key).push(c);
  }
  return out;
}

/**
 * The board on the big screen: every card shown, group after group (so the
 * pages turn table by table, or theme by theme), paged when they do not fit.
 */
export function screenBoard(a, { votes = false, id = "board" } = {}) {
  const items = [];
  for (const [title, cards] of boardGroups(a, shownCards(a))) {
    for (const c of cards) {
      items.push(h("div", { class: "board-item", dataset: { group: title } },
        cardEl(c, { votes: votes ? votesOf(a, c) : null, tag: "div" })));
    }
  }
  return pagedList(id, items, { label: "The board", className: "cards-box", maxEm: 1.2 });
}

/** The facilitator's "Group by" choice; ``choices`` are what this activity allows. */
export function groupControl(a, ctx, choices) {
  const group = h("select", { id: "board-group", "aria-label": "Group the board by" },
    choices.map((g) => h("option", { value: g, text: g, selected: g === a.group_by })));
  group.addEventListener("change", () => ctx.send("board.group", { by: group.value }));
  return h("div", { class: "row" }, h("label", { for: "board-group", text: "Group by" }), group);
}

/** Add, rename and remove themes. */
export function themeControls(a, ctx) {
  const themeName = h("input", { id: "theme-name", maxlength: 120, "aria-label": "New theme" });
  return [
    h("form", { class: "inline", onsubmit: (e) => {
      e.preventDefault();
      ctx.send("theme.create", { name: themeName.value }).then((r) => r.ok && (themeName.value = ""));
    } }, themeName, h("button", { type: "submit", class: "secondary", text: "Add theme" })),
    h("ul", {}, a.themes.map((t) => h("li", {}, h("span", { dir: "auto", text: t.name }), " ",
      h("button", { type: "button", class: "small", text: "Rename", onclick: () => {
        const name = prompt("Theme name", t.name);
        if (name) ctx.send("theme.rename", { theme: t.id, name });
      } }),
      h("button", { type: "button", class: "small", text: "Remove", onclick: () => ctx.send("theme.delete", { theme: t.id }) })))),
  ];
}

/** Every card (hidden ones too) with pin, hide, theme and merge controls. */
export function consoleCards(a, ctx, { votes = false } = {}) {
  const themeSelect = (card) => {
    const sel = h("select", { "aria-label": "Theme" }, h("option", { value: "", text: "No theme" }),
      a.themes.map((t) => h("option", { value: String(t.id), text: t.name, selected: t.id === card.theme })));
    sel.addEventListener("change", () => ctx.send("card.theme", { card: card.id, theme: sel.value ? Number(sel.value) : null }));
    return sel;
  };
  const mergeSelect = (card) => {
    const sel = h("select", { "aria-label": "Merge into" }, h("option", { value: "", text: "Merge into…" }),
      a.cards.filter((c) => c.id !== card.id && !c.hidden).map((c) => h("option", { value: String(c.id), text: c.text.slice(0, 40) })));
    sel.addEventListener("change", () => sel.value && ctx.send("card.merge", { card: card.id, into: Number(sel.value) }));
    return sel;
  };
  return h("ul", { class: "cards console-cards" }, a.cards.map((c) => cardEl(c, { votes: votes ? votesOf(a, c) : null,
    actions: h("div", { class: "row" },
      h("button", { type: "button", class: "small", text: c.pinned ? "Unpin" : "Pin", onclick: () => ctx.send("card.pin", { card: c.id, pinned: !c.pinned }) }),
      h("button", { type: "button", class: "small", text: c.hidden ? "Show" : "Hide", onclick: () => ctx.send("card.hide", { card: c.id, hidden: !c.hidden }) }),
      themeSelect(c), mergeSelect(c)) })));
}
