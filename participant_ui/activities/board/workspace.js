// The facilitator's harvest workspace: every card (hidden ones too) sorted into
// themes by dragging, by selecting several and putting them in a theme at once,
// merged by dropping one card on another and split back, themes renamed in
// place; and all of it from the keyboard alone (see KEYS).
//
// Used by the café's console (during the rounds) and the harvest's. The
// console redraws an activity with replace() on every delta, so the workspace
// is one element kept for the page and patched inside: what is selected, the
// focused card, an open menu and a half-typed theme name survive every update.
import { h, patch } from "../../lib/dom.js";
import { cardMeta, votesOf } from "./cards.js";
import { formatNumber, t, tn } from "../../lib/i18n.js";

// A function: the catalogue is loaded after the modules (docs/translations.md).
export const KEYS = () => t("Keys: Tab to the cards, then ↑ ↓ move between cards, ← → between themes, Space selects, "
  + "1–9 put the card (or the selection) in that theme and 0 takes it out, "
  + "Enter opens “Move to…” (a theme, merge, split back, pin, hide), Esc clears the selection; Tab on to the theme buttons above.");
const MOUSE = () => t("Mouse: tick cards (Shift+click ticks a run), then drag one of them onto a theme or click the theme; "
  + "drop a card on another card to merge them.");

let ws = null;

function workspaceFor(code) {
  if (!ws || ws.code !== code) {
    ws = {
      code,
      el: h("section", { id: "workspace", class: "workspace", "aria-labelledby": "ws-title" }),
      selected: new Set(),
      anchor: null, // the last card selected by a click: shift-click selects from it
      focusId: null,
      menu: null, // {at: card id, index}
      dragging: null, // ids being dragged
      full: false,
      near: null, // the near-duplicates the facilitator asked for: {groups: [[id]]}, shown side by side

    };
  }
  return ws;
}

const byId = (x, y) => x.id - y.id;

// A letter for each group of near-duplicates: A, B, ... Z, AA, AB ...
const letter = (k) => (k >= 26 ? letter(Math.floor(k / 26) - 1) : "") + String.fromCharCode(65 + (k % 26));

/** Each card id in a group of near-duplicates (of two cards or more still on the board) -> the group's letter. */
function nearOf(a, near) {
  const out = new Map();
  if (!near) return out;
  const here = new Set(a.cards.map((c) => c.id));
  let k = 0;
  for (const group of near.groups) {
    const ids = group.filter((id) => here.has(id));
    if (ids.length < 2) continue; // merged meanwhile: nothing left to compare
    const name = letter(k++);
    for (const id of ids) out.set(id, name);
  }
  return out;
}

/** Cards in board order, but each group of near-duplicates side by side where its first card is. */
function besideEachOther(cards, near) {
  if (!near.size) return cards;
  const out = [];
  const placed = new Set();
  for (const c of cards) {
    if (placed.has(c.id)) continue;
    const group = near.get(c.id);
    for (const d of group ? cards.filter((x) => near.get(x.id) === group) : [c]) {
      out.push(d);
      placed.add(d.id);
    }
  }
  return out;
}

/** The zones in the order they are drawn: cards with no theme first, then each theme. */
function zonesOf(a, near = new Map()) {
  const themeIds = new Set(a.themes.map((th) => th.id));
  const cards = besideEachOther([...a.cards].sort(byId), near);
  const zones = [{ key: "none", theme: null, name: t("No theme yet"), cards: cards.filter((c) => c.theme == null || !themeIds.has(c.theme)) }];
  for (const th of a.themes) zones.push({ key: `theme-${th.id}`, theme: th.id, name: th.name, cards: cards.filter((c) => c.theme === th.id) });
  return zones;
}

/**
 * The workspace for the console's board (``state.activity``: cards, themes, merged).
 * ``ctx.send`` sends an action; ``votes`` shows each card's dots.
 */
export function boardWorkspace(state, ctx, { votes = false } = {}) {
  const a = state.activity;
  const w = workspaceFor(state.event ? state.event.code : "");
  const active = document.activeElement;
  const hadFocus = w.el.contains(active);
  const focusedKey = hadFocus ? (active.dataset && active.dataset.card ? null : active.id) : null;
  const near = nearOf(a, w.near);
  const zones = zonesOf(a, near);
  const order = zones.flatMap((z) => z.cards.map((c) => c.id));
  const known = new Set(order);
  for (const id of [...w.selected]) if (!known.has(id)) w.selected.delete(id);
  if (w.focusId == null || !known.has(w.focusId)) w.focusId = order.length ? order[0] : null;
  if (w.menu && !known.has(w.menu.at)) w.menu = null;
  const merged = new Map();
  for (const m of a.merged || []) {
    if (!merged.has(m.merged_into)) merged.set(m.merged_into, []);
    merged.get(m.merged_into).push(m);
  }
  const view = { a, ctx, w, zones, order, merged, votes, near };
  patch(w.el, ...draw(view));
  w.el.classList.toggle("workspace-full", w.full);
  // A ticked box keeps what was clicked through patch(); the selection is ours to show.
  for (const box of w.el.querySelectorAll("li.ws-card > input.ws-select")) {
    box.checked = w.selected.has(Number(box.parentElement.dataset.card));
  }
  // The console re-attaches the workspace after this returns (replace()):
  // focus goes back where it was, or to the card it followed into another theme.
  if (hadFocus) {
    queueMicrotask(() => {
      if (w.el.contains(document.activeElement) && document.activeElement !== w.el) return;
      restoreFocus(w, focusedKey);
    });
  }
  return w.el;
}

function restoreFocus(w, key) {
  let el = null;
  if (w.menu) el = w.el.querySelector(`#ws-menu-item-${w.menu.index}`);
  if (!el && key) el = w.el.querySelector(`#${CSS.escape(key)}`);
  if (!el && w.focusId != null) el = cardNode(w, w.focusId);
  if (el) el.focus({ preventScroll: false });
}

const cardNode = (w, id) => w.el.querySelector(`li.ws-card[data-card="${id}"]`);

function draw(view) {
  const { a, w, zones } = view;
  const n = w.selected.size;
  const cards = tn("{n} card", "{n} cards", a.cards.length);
  const themes = tn("{n} theme", "{n} themes", a.themes.length);
  return [
    h("h4", { id: "ws-title", text: t("Harvest workspace: {cards}, {themes}", { cards, themes }) }),
    h("p", { class: "hint", id: "ws-keys", text: [KEYS(), MOUSE()].join(" ") }),
    h("div", { class: "ws-toolbar", id: "ws-toolbar" },
      h("div", { class: "ws-tools" },
        h("p", { class: "ws-count", id: "ws-count", role: "status", text: n ? tn("{n} selected", "{n} selected", n) : t("None selected") }),
        h("button", { type: "button", class: "small", id: "ws-clear", text: t("Clear"), "aria-label": t("Clear the selection"), disabled: !n,
          onclick: () => { w.selected.clear(); redraw(view); } }),
        h("button", { type: "button", class: "small", id: "ws-full", text: w.full ? t("Back to the console") : t("Full window"),
          "aria-pressed": w.full ? "true" : "false", onclick: () => { w.full = !w.full; redraw(view); } }),
        nearTools(view),
        newThemeForm(view)),
      h("div", { class: "ws-targets", role: "group", "aria-label": t("Themes: click one to put the selected cards in it, or drop cards on it") },
        zones.map((z) => target(view, z)))),
    h("div", { class: "ws-zones" }, zone(view, zones[0]),
      h("div", { class: "ws-themes" }, zones.slice(1).map((z) => zone(view, z)))),
  ];
}

// "Near-duplicates": the server compares the board's cards (board.near_duplicates) when asked;
// the groups it finds are marked with a letter and drawn side by side until the facilitator stops.
function nearTools(view) {
  const { w, ctx, near } = view;
  const groups = new Set(near.values()).size;
  const ask = () => ctx.send("board.near_duplicates", {}).then((r) => {
    if (r && r.ok) {
      w.near = { groups: r.groups };
      redraw(view);
    }
  });
  return h("span", { class: "ws-near-tools" },
    h("button", { type: "button", class: "small", id: "ws-near", text: w.near ? t("Near-duplicates: look again") : t("Near-duplicates"),
      title: t("Find the cards that say the same thing"), onclick: ask }),
    w.near ? h("span", { class: "ws-near-count", id: "ws-near-count", role: "status",
      title: groups ? t("Drop one card on another to merge them") : null,
      text: groups ? tn("{n} group of near-duplicates side by side", "{n} groups of near-duplicates side by side", groups)
        : t("No near-duplicates") }) : null,
    w.near ? h("button", { type: "button", class: "small", id: "ws-near-off", text: t("Stop marking"),
      onclick: () => { w.near = null; redraw(view); } }) : null);
}

function redraw(view) {
  view.ctx.rerender();
}

function newThemeForm(view) {
  const input = h("input", { id: "theme-name", maxlength: 120, "aria-label": t("New theme"), placeholder: t("New theme"), dir: "auto" });
  return h("form", { class: "ws-new-theme", onsubmit: (e) => {
    e.preventDefault();
    const box = e.target.querySelector("#theme-name");
    const name = box.value.trim();
    if (!name) return;
    // Cleared now, not on the answer: the next name may be half typed by then. Refused, it comes back.
    box.value = "";
    view.ctx.send("theme.create", { name }).then((r) => { if (!(r && r.ok) && !box.value) box.value = name; });
  } }, input, h("button", { type: "submit", class: "small", text: t("Add theme") }));
}

/** Put the selection (or ``ids``) in zone ``z``; focus moves on to the next card left where it was. */
function putIn(view, z, ids) {
  const { w, ctx } = view;
  if (!ids.length) return Promise.resolve();
  const moving = new Set(ids);
  if (moving.has(w.focusId)) {
    const here = view.zones.find((zz) => zz.cards.some((c) => c.id === w.focusId));
    const rest = here ? here.cards.map((c) => c.id) : [];
    const at = rest.indexOf(w.focusId);
    const next = rest.slice(at + 1).find((id) => !moving.has(id)) ?? rest.slice(0, at).reverse().find((id) => !moving.has(id));
    if (next != null && here.key !== z.key) w.focusId = next;
  }
  for (const id of ids) w.selected.delete(id);
  w.menu = null;
  redraw(view);
  // At once, not when the server answers: the next key press is for the next card.
  if (w.el.contains(document.activeElement) && cardNode(w, w.focusId)) cardNode(w, w.focusId).focus();
  return ctx.send("cards.theme", { cards: ids, ...(z.theme != null ? { theme: z.theme } : {}) });
}

async function mergeInto(view, ids, into) {
  const { w, ctx } = view;
  for (const id of ids) w.selected.delete(id);
  w.menu = null;
  w.focusId = into;
  redraw(view);
  for (const id of ids) if (id !== into) await ctx.send("card.merge", { card: id, into });
}

function dragIds(w, id) {
  return w.selected.has(id) ? [...w.selected] : [id];
}

/** A theme as a button and a drop target in the toolbar, always in reach however long the board. */
function target(view, z) {
  const { w } = view;
  const n = w.selected.size;
  const index = view.zones.indexOf(z);
  const label = `${z.name} (${formatNumber(z.cards.length)})`;
  const key = index <= 9 ? `${index} ` : ""; // the digit on the keyboard
  return h("button", { type: "button", class: `ws-target${z.theme == null ? " ws-target-none" : ""}`, dataset: { key: `target-${z.key}`, zone: z.key },
    "aria-disabled": n ? "false" : "true", dir: "auto",
    // The accessible name begins with the words shown (the key is said as "key 1").
    "aria-label": key + (n ? tn("{label}: put the {n} selected here", "{label}: put the {n} selected here", n, { label })
      : t("{label}: select cards first", { label })),
    onclick: () => { if (n) putIn(view, z, [...w.selected]); },
    ...dropHandlers(view, (ids) => putIn(view, z, ids)) },
  index <= 9 ? [h("kbd", { class: "ws-key", title: t("Key {number} on a card", { number: String(index) }), text: String(index) }), " "] : null, label);
}

function dropHandlers(view, onDrop) {
  const { w } = view;
  return {
    ondragover: (e) => {
      if (!w.dragging) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "move";
      e.currentTarget.classList.add("drop-here");
    },
    ondragleave: (e) => e.currentTarget.classList.remove("drop-here"),
    ondrop: (e) => {
      e.preventDefault();
      e.currentTarget.classList.remove("drop-here");
      const ids = w.dragging;
      w.dragging = null;
      if (ids) onDrop(ids);
    },
  };
}

function zone(view, z) {
  const { a, ctx } = view;
  const title = z.theme == null
    ? h("h5", { class: "ws-zone-name", text: `${z.name} (${formatNumber(z.cards.length)})` })
    : h("div", { class: "ws-zone-head" },
      h("input", { class: "ws-theme-name", id: `ws-theme-name-${z.theme}`, value: z.name, maxlength: 120, dir: "auto",
        "aria-label": t("Theme name (was {name}): type and press Enter to rename", { name: z.name }),
        onkeydown: (e) => {
          if (e.key === "Enter") { e.preventDefault(); rename(ctx, z, e.target); }
          if (e.key === "Escape") e.target.value = z.name;
        },
        onchange: (e) => rename(ctx, z, e.target) }),
      h("span", { class: "ws-zone-count", text: formatNumber(z.cards.length) }),
      h("button", { type: "button", class: "small ws-remove", text: t("Remove"), "aria-label": t("Remove the theme {name} (its cards stay)", { name: z.name }),
        onclick: () => ctx.send("theme.delete", { theme: z.theme }) }));
  return h("section", { class: `ws-zone${z.theme == null ? " ws-inbox" : ""}`, dataset: { key: `zone-${z.key}`, zone: z.key },
    "aria-label": z.theme == null ? t("Cards with no theme yet") : t("Theme: {name}", { name: z.name }),
    ...dropHandlers(view, (ids) => putIn(view, z, ids)) },
    title,
    z.cards.length
      ? h("ul", { class: "cards console-cards ws-cards" }, z.cards.map((c) => card(view, c, z)))
      : h("p", { class: "hint ws-empty", text: a.themes.length || z.theme != null ? t("Drop cards here.") : t("No cards yet.") }));
}

function rename(ctx, z, input) {
  const name = input.value.trim();
  if (name && name !== z.name) ctx.send("theme.rename", { theme: z.theme, name });
}

function card(view, c, z) {
  const { a, ctx, w, merged, votes, near } = view;
  const selected = w.selected.has(c.id);
  const inside = merged.get(c.id) || [];
  const twin = near.get(c.id);
  return h("li", {
    class: `card ws-card${c.pinned ? " pinned" : ""}${c.hidden ? " hidden-card" : ""}${selected ? " selected" : ""}${twin ? " near" : ""}`,
    dataset: { card: String(c.id), key: `card-${c.id}` },
    tabindex: c.id === w.focusId ? "0" : "-1",
    draggable: "true",
    "aria-describedby": "ws-keys",
    "aria-label": cardLabel(c, selected, twin, inside.length),
    onfocus: (e) => { if (e.target === e.currentTarget) w.focusId = c.id; },
    onkeydown: (e) => onCardKey(view, c, z, e),
    ondragstart: (e) => {
      w.dragging = dragIds(w, c.id);
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", w.dragging.join(","));
    },
    ondragend: () => { w.dragging = null; },
    // Dropped on another card: merged into it.
    ondragover: (e) => {
      if (!w.dragging || w.dragging.includes(c.id)) return;
      e.preventDefault();
      e.stopPropagation();
      e.dataTransfer.dropEffect = "move";
      e.currentTarget.classList.add("merge-here");
    },
    ondragleave: (e) => e.currentTarget.classList.remove("merge-here"),
    ondrop: (e) => {
      if (!w.dragging || w.dragging.includes(c.id)) return;
      e.preventDefault();
      e.stopPropagation();
      e.currentTarget.classList.remove("merge-here");
      const ids = w.dragging;
      w.dragging = null;
      mergeInto(view, ids, c.id);
    },
  },
  h("input", { type: "checkbox", class: "ws-select", tabindex: "-1", checked: selected, "aria-label": t("Select: {text}", { text: c.text.slice(0, 60) }),
    onclick: (e) => {
      toggle(view, c.id, e.target.checked, e.shiftKey);
      w.focusId = c.id;
      redraw(view);
    } }),
  h("div", { class: "ws-body" },
    twin ? h("span", { class: "ws-near-tag", title: t("Says the same as the other cards marked with this letter"), text: `≈ ${twin}` }) : null,
    h("p", { class: "card-text pre", dir: "auto", text: c.text }),
    // The cards merged in are listed below, to split back.
    h("div", { class: "ws-foot" }, cardMeta(c, { votes: votes ? votesOf(a, c) : null, similar: false }),
    h("span", { class: "ws-actions" },
      h("button", { type: "button", class: "small", tabindex: "-1", text: c.pinned ? t("Unpin") : t("Pin"), onclick: () => ctx.send("card.pin", { card: c.id, pinned: !c.pinned }) }),
      h("button", { type: "button", class: "small", tabindex: "-1", text: c.hidden ? t("Show") : t("Hide"), onclick: () => ctx.send("card.hide", { card: c.id, hidden: !c.hidden }) }))),
    inside.length ? h("details", { class: "ws-merged", dataset: { key: `merged-${c.id}` } },
      h("summary", { tabindex: "-1", text: tn("{n} merged in", "{n} merged in", inside.length) }),
      h("ul", {}, inside.map((m) => h("li", { dataset: { key: `m-${m.id}` } },
        h("span", { class: "pre", dir: "auto", text: m.text }), " ",
        h("button", { type: "button", class: "small", tabindex: "-1", text: t("Split back"), "aria-label": t("Split back: {text}", { text: m.text.slice(0, 60) }),
          onclick: () => ctx.send("card.unmerge", { card: m.id }) }))))) : null),
  w.menu && w.menu.at === c.id ? menu(view, c) : null);
}

/** What a screen reader says of a card: "Selected. Near-duplicate A. Its words. Pinned. Hidden. 2 merged in". */
function cardLabel(c, selected, twin, merged) {
  const before = [selected ? t("Selected.") : null, twin ? t("Near-duplicate {letter}.", { letter: twin }) : null].filter(Boolean);
  const after = [c.pinned ? t("Pinned") : null, c.hidden ? t("Hidden") : null,
    merged ? tn("{n} merged in", "{n} merged in", merged) : null].filter(Boolean);
  return [[...before, c.text].join(" "), ...after].join(". ");
}

/** Tick or untick a card; with Shift, every card from the last one ticked to this one. */
function toggle(view, id, on, range) {
  const { w, order } = view;
  if (range && w.anchor != null && order.includes(w.anchor)) {
    const [i, j] = [order.indexOf(w.anchor), order.indexOf(id)].sort((x, y) => x - y);
    for (const k of order.slice(i, j + 1)) w.selected.add(k);
  } else if (on) w.selected.add(id);
  else w.selected.delete(id);
  w.anchor = id;
}

function onCardKey(view, c, z, e) {
  if (e.target !== e.currentTarget) return;
  const { w, zones } = view;
  const zi = zones.indexOf(z);
  const at = z.cards.findIndex((x) => x.id === c.id);
  let next = null;
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    const flat = view.order;
    const i = flat.indexOf(c.id) + (e.key === "ArrowDown" ? 1 : -1);
    if (i >= 0 && i < flat.length) next = flat[i];
  } else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
    const step = (e.key === "ArrowRight") === (getComputedStyle(e.currentTarget).direction !== "rtl") ? 1 : -1;
    for (let k = zi + step; k >= 0 && k < zones.length; k += step) {
      if (zones[k].cards.length) { next = zones[k].cards[Math.min(at, zones[k].cards.length - 1)].id; break; }
    }
  } else if (e.key === "Home") next = view.order[0];
  else if (e.key === "End") next = view.order[view.order.length - 1];
  else if (e.key === " ") {
    e.preventDefault();
    toggle(view, c.id, !w.selected.has(c.id), e.shiftKey);
    redraw(view);
    return;
  } else if (e.key === "Enter" || e.key === "m" || e.key === "M") {
    e.preventDefault();
    openMenu(view, c.id);
    return;
  } else if (/^[0-9]$/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey && Number(e.key) < zones.length) {
    // A theme's number puts the card (or the selection) straight in it; 0 takes it out of its theme.
    e.preventDefault();
    putIn(view, zones[Number(e.key)], w.selected.size ? [...w.selected] : [c.id]);
    return;
  } else if (e.key === "Escape") {
    if (w.selected.size) { e.preventDefault(); w.selected.clear(); redraw(view); }
    return;
  } else return;
  e.preventDefault();
  if (next == null) return;
  w.focusId = next;
  redraw(view);
  const el = cardNode(w, next);
  if (el) el.focus();
}

function openMenu(view, at) {
  view.w.menu = { at, index: 0 };
  redraw(view);
  const first = view.w.el.querySelector("#ws-menu-item-0");
  if (first) first.focus();
}

function closeMenu(view) {
  const { w } = view;
  const at = w.menu && w.menu.at;
  w.menu = null;
  redraw(view);
  const back = cardNode(w, at) || (w.focusId != null && cardNode(w, w.focusId));
  if (back) back.focus();
}

/** "Move to…": what a card (or the selection) can do, one list for the keyboard and the mouse. */
function menuItems(view, c) {
  const { w, ctx, zones, merged } = view;
  const ids = w.selected.size ? [...w.selected] : [c.id];
  const n = w.selected.size;
  // The themes first (not one that holds them all already), then out of any theme if one has a theme.
  const holds = (z) => ids.every((id) => z.cards.some((x) => x.id === id));
  const label = (z) => (z.theme == null
    ? (n ? tn("Take the {n} selected out of its theme", "Take the {n} selected out of their themes", n) : t("Take this card out of its theme"))
    : (n ? tn("Put the {n} selected in: {name}", "Put the {n} selected in: {name}", n, { name: z.name }) : t("Put this card in: {name}", { name: z.name })));
  const items = [...zones.slice(1), zones[0]].filter((z) => !holds(z))
    .map((z) => ({ label: label(z), run: () => putIn(view, z, ids) }));
  {
    const others = [...w.selected].filter((id) => id !== c.id);
    if (others.length) items.push({ label: tn("Merge the {n} selected into this card", "Merge the {n} selected into this card", others.length), run: () => mergeInto(view, others, c.id) });
    items.push({ label: c.pinned ? t("Unpin this card") : t("Pin this card"), run: () => { closeMenu(view); ctx.send("card.pin", { card: c.id, pinned: !c.pinned }); } });
    items.push({ label: c.hidden ? t("Show this card again") : t("Hide this card from every screen"), run: () => { closeMenu(view); ctx.send("card.hide", { card: c.id, hidden: !c.hidden }); } });
    for (const m of merged.get(c.id) || []) {
      const text = m.text.length > 60 ? `${m.text.slice(0, 60)}…` : m.text;
      items.push({ label: t("Split back: {text}", { text }), run: () => { closeMenu(view); ctx.send("card.unmerge", { card: m.id }); } });
    }
  }
  return items;
}

function menu(view, c) {
  const { w } = view;
  const items = menuItems(view, c);
  const index = Math.min(w.menu.index, items.length - 1);
  const go = (i) => {
    w.menu.index = (i + items.length) % items.length;
    const el = w.el.querySelector(`#ws-menu-item-${w.menu.index}`);
    if (el) { el.tabIndex = 0; el.focus(); }
  };
  return h("div", { class: "ws-menu-box", draggable: "false", dataset: { key: "ws-menu" } },
    h("p", { class: "ws-menu-title", id: "ws-menu-title", text: t("Move to… (↑ ↓ to choose, Enter to apply, Esc to close)") }),
    h("ul", { class: "ws-menu", role: "menu", "aria-labelledby": "ws-menu-title",
      onkeydown: (e) => {
        if (e.key === "ArrowDown") { e.preventDefault(); go(w.menu.index + 1); }
        else if (e.key === "ArrowUp") { e.preventDefault(); go(w.menu.index - 1); }
        else if (e.key === "Home") { e.preventDefault(); go(0); }
        else if (e.key === "End") { e.preventDefault(); go(items.length - 1); }
        else if (e.key === "Escape" || e.key === "Tab") { e.preventDefault(); closeMenu(view); }
        e.stopPropagation();
      } },
    items.map((it, i) => h("li", { role: "none", dataset: { key: `menu-${i}-${it.label}` } },
      h("button", { type: "button", role: "menuitem", id: `ws-menu-item-${i}`, class: "ws-menu-item", dir: "auto",
        tabindex: i === index ? "0" : "-1", text: it.label,
        onfocus: () => { w.menu.index = i; },
        onclick: (e) => { e.stopPropagation(); it.run(); } })))));
}
