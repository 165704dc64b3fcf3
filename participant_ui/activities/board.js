// The harvest board: cards grouped on the big screen, themes and pins from the console, dots from phones.
// The card and the live board (board/cards.js) and the console's workspace
// (board/workspace.js) serve the café too, which writes the cards.
import { pagedList } from "../lib/fit.js";
import { h, onPage, patch, replace } from "../lib/dom.js";
import { boardMessage, groupControl, screenBoard, shownCards, votesOf } from "./board/cards.js";
import { boardWorkspace } from "./board/workspace.js";
import { suggestionsPanel } from "./board/theme_suggestions.js";
import { patternOf, patternView } from "./board/pattern.js";
import { itemStatus, itemsOf, lastOf } from "../lib/outbox_view.js";
import { formatNumber, t, tn } from "../lib/i18n.js";

const VOTES = ["vote.add", "vote.remove"];
const targetOf = (payload) => (payload.card != null ? `card:${payload.card}` : `theme:${payload.theme}`);

export function phone(root, state, ctx) {
  const a = state.activity;
  const mine = state.mine || {};
  if (!a.vote.open) {
    patch(root, h("h1", { text: t("The harvest") }),
      h("p", { class: "lead", text: t("Look at the board on the big screen: these are the room's insights.") }));
    return;
  }
  const dots = mine.dots || {};
  // Dots given or taken back on this phone and not yet saved count already,
  // and each target says so; a refused dot says why until the person lets it go (#not-sent).
  const unsent = itemsOf(ctx.outbox, VOTES, (i) => i.state !== "saved");
  const waitingBy = {};
  for (const i of unsent) {
    if (i.state === "waiting") waitingBy[targetOf(i.payload)] = (waitingBy[targetOf(i.payload)] || 0) + (i.name === "vote.add" ? 1 : -1);
  }
  const spent = Object.values(waitingBy).reduce((sum, n) => sum + n, 0);
  const left = (mine.dots_left ?? a.vote.dots) - spent;
  const row = (key, label, payload, inside = null) => {
    const waiting = waitingBy[key] || 0;
    const refused = lastOf(unsent.filter((i) => i.state === "refused" && targetOf(i.payload) === key));
    const note = waiting ? tn("{sign}{n} waiting to send", "{sign}{n} waiting to send", Math.abs(waiting), { sign: waiting > 0 ? "+" : "−" })
      : refused ? itemStatus(refused).text : "";
    return h("li", { class: "vote-target", dataset: { target: key, key } },
      h("p", { class: "pre", dir: "auto", text: label }),
      inside,
      h("div", { class: "row" },
        h("button", { type: "button", class: "primary", text: t("+ dot"), disabled: left <= 0, "aria-label": t("Give a dot to: {label}", { label }),
          onclick: () => ctx.outbox.add("vote.add", payload) }),
        h("span", { class: "my-dots", text: tn("{n} of yours", "{n} of yours", dots[key] || 0) }),
        h("button", { type: "button", class: "secondary", text: t("− dot"), disabled: (dots[key] || 0) + waiting <= 0, "aria-label": t("Take a dot back from: {label}", { label }),
          onclick: () => ctx.outbox.add("vote.remove", payload) })),
      note ? h("p", { class: `vote-status ${waiting ? "waiting" : "error"}`, role: "status", text: note }) : null);
  };
  const targets = a.targets || { themes: [], cards: [] };
  patch(root,
    h("h1", { text: t("Dot voting") }),
    h("p", { class: "lead", id: "dots-left", role: "status", text: tn("You have {n} dot left", "You have {n} dots left", left) }),
    h("p", { class: "calm", text: t("Your dots are anonymous: nobody sees who voted for what.") }),
    targets.themes.length ? [h("h2", { text: t("Themes") }), h("ul", { class: "vote-list" }, targets.themes.map((x) =>
      row(`theme:${x.id}`, x.name, { theme: x.id }, (x.cards || []).length
        ? h("details", { class: "theme-cards" }, h("summary", { text: t("What is in it ({count})", { count: formatNumber(x.cards.length) }) }),
          h("ul", {}, x.cards.map((text) => h("li", { class: "pre", dir: "auto", text }))))
        : null)))] : null,
    targets.cards.length ? [h("h2", { text: t("Cards") }), h("ul", { class: "vote-list" }, targets.cards.map((x) => row(`card:${x.id}`, x.text, { card: x.id })))] : null);
}

export function message(name, payload, state, ctx) {
  const a = state.activity;
  if (!a || !a.cards) return;
  if (name === "board.suggestions") {
    a.suggestions = payload;
  } else if (name === "board.totals") {
    if (payload.ballot !== a.vote.ballot) return;
    a.totals = { ...a.totals, ...payload.totals };
  } else if (!boardMessage(name, payload, a)) return;
  ctx.rerender();
}

/** The result: what was on the ballot and got dots, most first (nothing while the totals are kept for the close). */
function ranking(a) {
  if (!a.vote.totals_shown) return [];
  const onBallot = new Set(a.ballot || []);
  const rows = [];
  for (const c of a.cards) rows.push({ key: `card:${c.id}`, label: c.text, votes: votesOf(a, c) });
  for (const theme of a.themes) {
    rows.push({ key: `theme:${theme.id}`, label: t("Theme: {name}", { name: theme.name }), votes: (a.totals || {})[`theme:${theme.id}`] || 0 });
  }
  return rows.filter((r) => r.votes > 0 && onBallot.has(r.key))
    .sort((x, y) => y.votes - x.votes || (x.key < y.key ? -1 : 1));
}

const dotsText = (n) => tn("{n} dot", "{n} dots", n);
const cardsText = (n) => tn("{n} card", "{n} cards", n);
const votesFor = (a, key) => (a.totals || {})[key] || 0;

/** What the room is voting on, as the phones list it: the themes, then the cards that stand alone. */
function ballotEntries(a) {
  const onBallot = new Set(a.ballot || []);
  const cards = shownCards(a);
  const themes = a.themes.filter((theme) => onBallot.has(`theme:${theme.id}`)).map((theme) => {
    const inside = cards.filter((c) => c.theme === theme.id).length;
    return { key: `theme:${theme.id}`, label: t("Theme: {name}", { name: theme.name }), meta: ` · ${cardsText(inside)}` };
  });
  return themes.concat(cards.filter((c) => onBallot.has(`card:${c.id}`)).map((c) => ({ key: `card:${c.id}`, label: c.text, meta: "" })));
}

/** The open vote: the ballot, with each entry's dots only if the facilitator chose live totals. */
function ballotView(a) {
  const entries = ballotEntries(a);
  const live = Boolean(a.vote.totals_shown);
  return [
    h("p", { class: "lead", id: live ? "vote-live" : "vote-hidden",
      text: live ? t("Vote on your phone. The dots so far:") : t("Vote on your phone. The results appear here when the vote closes.") }),
    h("h3", { id: "ballot-title", text: t("On the ballot ({count})", { count: formatNumber(entries.length) }) }),
    pagedList("ballot", entries.map((e) =>
      h("span", { class: "ballot-entry", dataset: { target: e.key } },
        h("bdi", { class: e.key.startsWith("theme:") ? "ballot-theme" : "", text: e.label }),
        e.meta ? h("span", { class: "ballot-meta", text: e.meta }) : null,
        live ? h("strong", { class: "votes", text: ` · ${dotsText(votesFor(a, e.key))}` }) : null)),
    { label: t("On the ballot"), className: "rows ballot", maxEm: 1.5 }),
  ];
}

export function screen(root, state) {
  const a = state.activity;
  if (a.group_by === "pattern") {
    replace(root, h("h2", { text: t("The pattern across tables") }),
      a.vote.open ? h("p", { class: "lead", text: tn("Dot voting: {n} dot each, on your phone.", "Dot voting: {n} dots each, on your phone.", a.vote.dots) }) : null,
      patternView(patternOf(a.cards, a.themes), { paged: true }));
    return;
  }
  if (a.vote.open) {
    replace(root, h("h2", { text: tn("Dot voting: {n} dot each", "Dot voting: {n} dots each", a.vote.dots) }), ballotView(a));
    return;
  }
  const ranked = ranking(a);
  // Once the vote is closed the result has the screen to itself: the board under it
  // would halve the ranking's room to repeat its cards, mostly at "0 dots".
  replace(root,
    h("h2", { text: t("What we heard") }),
    ranked.length ? [h("h3", { text: t("Most dots") }),
      pagedList("ranking", ranked.map((r, i) =>
        h("span", { dataset: { target: r.key } }, h("span", { class: "turn-number", text: `${formatNumber(i + 1)}.` }), " ",
          h("bdi", { text: r.label }), h("strong", { class: "votes", text: ` · ${dotsText(r.votes)}` }))),
      { label: t("Most dots"), className: "rows ranking", maxEm: 1.2 })]
      : screenBoard(a));
}

export function console(root, state, ctx) {
  const a = state.activity;
  const dots = h("input", { type: "number", id: "vote-dots", min: 1, max: 20, value: a.config.dots, inputmode: "numeric" });
  // patch(): a number being typed in "Dots each" stays through every card and dot that arrives.
  patch(root,
    groupControl(a, ctx, ["table", "round", "theme", "votes", "pattern"]),
    (a.left_off || []).length ? h("p", { class: "warning", id: "ballot-left-off", role: "status",
      text: tn("{n} card is not on the ballot: with nothing themed, only pinned cards are. Pin it, theme it, or unpin all to put every card on it.",
        "{n} cards are not on the ballot: with nothing themed, only pinned cards are. Pin them, theme them, or unpin all to put every card on it.",
        a.left_off.length) }) : null,
    h("div", { class: "row" },
      a.vote.open
        ? h("button", { type: "button", class: "primary", id: "vote-close", text: t("Close the vote"), onclick: () => ctx.send("vote.close", {}) })
        : [h("label", { for: "vote-dots", text: t("Dots each") }), dots, h("button", { type: "button", class: "primary", id: "vote-open", text: t("Open a dot vote"),
          onclick: () => ctx.send("vote.open", { dots: Number(onPage(dots).value) }) })],
      h("label", { class: "check" }, h("input", { type: "checkbox", id: "live-totals", checked: Boolean(a.config.live_totals),
        onchange: (e) => ctx.send("agenda.update", { activity: a.id, config: { ...a.config, live_totals: e.target.checked } }) }),
      " ", t("Show the dots on the big screen while the vote is open"))),
    h("details", { class: "pattern-box", id: "pattern-box", open: a.group_by === "pattern" },
      h("summary", { text: t("The pattern across tables") }),
      patternView(patternOf(a.cards, a.themes, a.merged || []), { id: "console-pattern" })),
    suggestionsPanel(state, ctx),
    boardWorkspace(state, ctx, { votes: true }));
  // A switch that shows the saved setting (another console may change it), not a choice being made.
  const live = root.querySelector("#live-totals");
  if (live) live.checked = Boolean(a.config.live_totals);
}
