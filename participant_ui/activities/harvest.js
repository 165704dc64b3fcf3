// The harvest board: cards grouped on the big screen, themes and pins from the console, dots from phones.
import { h, replace } from "../lib/dom.js";
import { cardEl, removeById, upsert } from "./board_common.js";

export function phone(root, state, ctx) {
  const a = state.activity;
  const mine = state.mine || {};
  if (!a.vote.open) {
    replace(root, h("h1", { text: "The harvest" }),
      h("p", { class: "lead", text: "Look at the board on the big screen: these are the room's insights." }));
    return;
  }
  const dots = mine.dots || {};
  const left = mine.dots_left ?? a.vote.dots;
  const row = (key, label, payload) => h("li", { class: "vote-target", dataset: { target: key } },
    h("p", { class: "pre", dir: "auto", text: label }),
    h("div", { class: "row" },
      h("button", { type: "button", class: "primary", text: "+ dot", disabled: left <= 0, "aria-label": `Give a dot to: ${label}`,
        onclick: () => ctx.outbox.add("vote.add", payload) }),
      h("span", { class: "my-dots", text: `${dots[key] || 0} of yours` }),
      h("button", { type: "button", class: "secondary", text: "− dot", disabled: !dots[key], "aria-label": `Take a dot back from: ${label}`,
        onclick: () => ctx.outbox.add("vote.remove", payload) })));
  const t = a.targets || { themes: [], cards: [] };
  replace(root,
    h("h1", { text: "Dot voting" }),
    h("p", { class: "lead", id: "dots-left", role: "status", text: `You have ${left} ${left === 1 ? "dot" : "dots"} left` }),
    h("p", { class: "calm", text: "Your dots are anonymous: nobody sees who voted for what." }),
    t.themes.length ? [h("h2", { text: "Themes" }), h("ul", { class: "vote-list" }, t.themes.map((x) => row(`theme:${x.id}`, x.name, { theme: x.id })))] : null,
    t.cards.length ? [h("h2", { text: "Cards" }), h("ul", { class: "vote-list" }, t.cards.map((x) => row(`card:${x.id}`, x.text, { card: x.id })))] : null);
}

export function message(name, payload, state, ctx) {
  const a = state.activity;
  if (!a || !a.cards) return;
  if (name === "board.card") {
    if (payload.hidden && !("config" in a)) removeById(a.cards, payload.id);
    else upsert(a.cards, payload);
  } else if (name === "board.card_gone") {
    if ("config" in a) {
      const card = a.cards.find((c) => c.id === payload.id);
      if (card && !card.hidden) removeById(a.cards, payload.id);
    } else removeById(a.cards, payload.id);
  } else if (name === "board.theme") {
    upsert(a.themes, payload);
  } else if (name === "board.totals") {
    if (payload.ballot === a.vote.ballot) a.totals = { ...a.totals, ...payload.totals };
  } else return;
  ctx.rerender();
}

function votesOf(a, card) {
  return (a.totals || {})[`card:${card.id}`] || 0;
}

function ranking(a) {
  const themes = new Map(a.themes.map((t) => [t.id, t.name]));
  const rows = [];
  for (const c of a.cards) rows.push({ key: `card:${c.id}`, label: c.text, votes: votesOf(a, c), id: c.id });
  for (const t of a.themes) rows.push({ key: `theme:${t.id}`, label: `Theme: ${t.name}`, votes: (a.totals || {})[`theme:${t.id}`] || 0, id: t.id });
  rows.sort((x, y) => y.votes - x.votes || (x.key < y.key ? -1 : 1));
  void themes;
  return rows.filter((r) => r.votes > 0 || a.vote.open);
}

function groups(a) {
  const by = a.group_by;
  const themeName = new Map(a.themes.map((t) => [t.id, t.name]));
  const out = new Map();
  const cards = by === "votes" ? [...a.cards].sort((x, y) => votesOf(a, y) - votesOf(a, x) || x.id - y.id) : a.cards;
  for (const c of cards) {
    const key = by === "table" ? (c.table_name || "Other")
      : by === "round" ? (c.round ? `Round ${c.round}` : "Other")
      : by === "theme" ? (themeName.get(c.theme) || "No theme yet") : "By dots";
    if (!out.has(key)) out.set(key, []);
    out.get(key).push(c);
  }
  return out;
}

export function screen(root, state) {
  const a = state.activity;
  const ranked = ranking(a);
  replace(root,
    h("h2", { text: a.vote.open ? `Dot voting: ${a.vote.dots} dots each` : "What we heard" }),
    ranked.length ? h("section", { class: "ranking", "aria-label": "Most dots" },
      h("h3", { text: "Most dots" }),
      h("ol", { id: "ranking" }, ranked.slice(0, 10).map((r) =>
        h("li", { dataset: { target: r.key } }, h("span", { dir: "auto", text: r.label }), h("strong", { text: ` ${r.votes}` }))))) : null,
    h("div", { class: "board", id: "board" }, [...groups(a)].map(([title, cards]) =>
      h("section", { class: "board-group" }, h("h3", { dir: "auto", text: title }),
        h("ul", { class: "cards" }, cards.map((c) => cardEl(c, { votes: a.totals && Object.keys(a.totals).length ? votesOf(a, c) : null })))))));
}

export function console(root, state, ctx) {
  const a = state.activity;
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
  const dots = h("input", { type: "number", id: "vote-dots", min: 1, max: 20, value: a.config.dots, "aria-label": "Dots each" });
  const themeName = h("input", { id: "theme-name", maxlength: 120, "aria-label": "New theme" });
  const group = h("select", { id: "board-group", "aria-label": "Group the board by" },
    ["table", "round", "theme", "votes"].map((g) => h("option", { value: g, text: g, selected: g === a.group_by })));
  group.addEventListener("change", () => ctx.send("board.group", { by: group.value }));
  replace(root,
    h("div", { class: "row" }, h("label", { for: "board-group", text: "Group by" }), group),
    h("div", { class: "row" },
      a.vote.open
        ? h("button", { type: "button", class: "primary", id: "vote-close", text: "Close the vote", onclick: () => ctx.send("vote.close", {}) })
        : [dots, h("button", { type: "button", class: "primary", id: "vote-open", text: "Open a dot vote",
          onclick: () => ctx.send("vote.open", { dots: Number(dots.value) }) })]),
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
    h("ul", { class: "cards console-cards" }, a.cards.map((c) => cardEl(c, { votes: votesOf(a, c), actions: h("div", { class: "row" },
      h("button", { type: "button", class: "small", text: c.pinned ? "Unpin" : "Pin", onclick: () => ctx.send("card.pin", { card: c.id, pinned: !c.pinned }) }),
      h("button", { type: "button", class: "small", text: c.hidden ? "Show" : "Hide", onclick: () => ctx.send("card.hide", { card: c.id, hidden: !c.hidden }) }),
      themeSelect(c), mergeSelect(c)) }))));
}
