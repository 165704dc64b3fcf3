// The card and the live board, shared by the café (its phones, big screen and
// console) and the harvest: a card as everyone sees it, cards grouped by table,
// round, theme or dots, the deltas that keep them current, and the facilitator's
// "Group by" (the rest of the console's board is workspace.js).
import { pagedList } from "../../lib/fit.js";
import { h } from "../../lib/dom.js";
import { cLabels } from "../pulse.js";
import { t, tn } from "../../lib/i18n.js";

export function cardEl(card, { votes = null, actions = null, tag = "li" } = {}) {
  return h(tag, { class: `card${card.pinned ? " pinned" : ""}${card.hidden ? " hidden-card" : ""}`, dataset: { card: String(card.id), key: `card-${card.id}` } },
    h("p", { class: "card-text pre", dir: "auto", text: card.text }),
    cardMeta(card, { votes }),
    actions);
}

/** Where a card comes from and what is marked on it; ``similar: false`` leaves out the count of cards merged in. */
export function cardMeta(card, { votes = null, similar = true } = {}) {
  return h("p", { class: "card-meta" },
    card.table_name ? h("span", { dir: "auto", text: card.table_name }) : null,
    card.round ? h("span", { text: " · " + t("round {number}", { number: card.round }) }) : null,
    card.tag ? h("span", { class: `tag tag-${card.tag}`, text: ` · ${cLabels()[card.tag] || card.tag}` }) : null,
    card.on_behalf ? h("span", { dir: "auto", text: " · " + t("for {name}", { name: card.on_behalf }) }) : null,
    card.merged && similar ? h("span", { text: " · " + tn("+{n} similar", "+{n} similar", card.merged) }) : null,
    card.pinned ? h("span", { class: "pin", text: ` · 📌 ${t("pinned")}` }) : null,
    card.hidden ? h("span", { text: ` · ${t("hidden")}` }) : null,
    votes !== null ? h("strong", { class: "votes", text: " · " + tn("{n} dot", "{n} dots", votes) }) : null);
}

export function upsert(list, item) {
  const i = list.findIndex((x) => x.id === item.id);
  if (i >= 0) list[i] = item;
  else list.push(item);
  return list;
}

export function removeById(list, id) {
  const i = list.findIndex((x) => x.id === id);
  if (i >= 0) list.splice(i, 1);
  return list;
}

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
    // The console keeps merged cards apart (to split them back); nobody else is sent one.
    if (payload.merged_into != null) {
      removeById(a.cards, payload.id);
      upsert(a.merged || (a.merged = []), payload);
    } else if (payload.hidden && !("config" in a)) removeById(a.cards, payload.id);
    else {
      if (a.merged) removeById(a.merged, payload.id);
      upsert(a.cards, payload);
    }
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
  const themeName = new Map(a.themes.map((theme) => [theme.id, theme.name]));
  const out = new Map();
  const sorted = by === "votes" ? [...cards].sort((x, y) => votesOf(a, y) - votesOf(a, x) || x.id - y.id) : cards;
  for (const c of sorted) {
    const key = by === "table" ? (c.table_name || t("Other"))
      : by === "round" ? (c.round ? t("Round {number}", { number: c.round }) : t("Other"))
      : by === "theme" ? (themeName.get(c.theme) || t("No theme yet")) : t("By dots");
    if (!out.has(key)) out.set(key, []);
    out.get(key).push(c);
  }
  return out;
}

/**
 * The board on the big screen: every card shown, group after group (a
 * table's name, then its cards side by side in columns), so the pages turn
 * table by table (or theme by theme), paged when they do not fit. What the
 * group's name says (its table or round) is not repeated on each card.
 */
export function screenBoard(a, { votes = false, id = "board" } = {}) {
  const shown = shownCards(a);
  const oneRound = new Set(shown.map((c) => c.round)).size <= 1;
  const items = [];
  for (const [title, cards] of boardGroups(a, shown)) {
    items.push(h("h3", { class: "paged-heading board-group-title", dir: "auto", dataset: { group: title },
      text: `${title} · ` + tn("{n} card", "{n} cards", cards.length) }));
    for (const c of cards) {
      const bare = { ...c, table_name: a.group_by === "table" ? null : c.table_name, round: a.group_by === "round" || oneRound ? null : c.round };
      items.push(h("div", { class: "board-item", dataset: { group: title } },
        cardEl(bare, { votes: votes ? votesOf(a, c) : null, tag: "div" })));
    }
  }
  // A few cards grow to twice the screen's text, to be read across the hall; more shrink to fit, then page.
  return pagedList(id, items, { label: t("The board"), className: "cards-box", maxEm: 2 });
}

/** The facilitator's "Group by" choice; ``choices`` are what this activity allows. */
export function groupControl(a, ctx, choices) {
  const names = { table: t("table"), round: t("round"), theme: t("theme"), votes: t("votes"), pattern: t("pattern") };
  const group = h("select", { id: "board-group", "aria-label": t("Group the board by") },
    choices.map((g) => h("option", { value: g, text: names[g] || g, selected: g === a.group_by })));
  group.addEventListener("change", () => ctx.send("board.group", { by: group.value }));
  return h("div", { class: "row" }, h("label", { for: "board-group", text: t("Group by") }), group);
}
