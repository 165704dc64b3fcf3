// The world café: where to go, the question, the time left; hosts harvest cards for their table.
import { h, patch, replace } from "../lib/dom.js";
import { clearDraft } from "../lib/drafts.js";
import { TAG_LABELS, cardEl, countdown, removeById, upsert } from "./board_common.js";
import { followLatest, itemStatus, itemsOf } from "../lib/outbox_view.js";
import { boardMessage, groupControl, screenBoard, shownCards } from "./board_view.js";
import { boardWorkspace } from "./board_workspace.js";
import { pagedList } from "../lib/fit.js";

let askedForSeat = false;

function heading(a, seat) {
  const r = a.round;
  const where = seat ? `${seat.name}${seat.host && !seat.is_host ? `, hosted by ${seat.host}` : ""}` : "";
  if (!r) return "The café will begin soon";
  if (r.status === "ended") return "The café rounds are over. Thank you!";
  if (!seat) return "Finding you a table…";
  if (seat.is_host) return r.status === "planned" ? `You host ${seat.name}: stay there and welcome newcomers` : `You are hosting ${seat.name}`;
  if (r.status === "planned") return r.number > 1 ? `Round ${r.number - 1} is over. Next: go to ${where}` : `Go to ${where}`;
  return where;
}

export function phone(root, state, ctx) {
  const a = state.activity;
  const mine = state.mine || {};
  const seat = mine.seat;
  const r = a.round;
  if (r && r.seated && r.status !== "ended" && !seat && !askedForSeat) {
    askedForSeat = true;
    ctx.send("cafe.seat_me", {});
  }
  if (seat) askedForSeat = false;
  const parts = [h("h1", { class: "cafe-where", dir: "auto", id: "cafe-where", text: heading(a, seat) })];
  if (r && r.status !== "ended") {
    parts.push(h("p", { class: "round-label", text: `Round ${r.number} of ${r.of}` }));
    if (r.question) parts.push(h("p", { class: "question lead pre", dir: "auto", text: r.question }));
    if (r.status === "running" || r.status === "paused") parts.push(countdown(r));
  }
  if (!r || (r.status === "planned" && r.number === 1)) {
    parts.push(h("button", { type: "button", class: mine.volunteered ? "secondary" : "primary", id: "volunteer",
      text: mine.volunteered ? "I'd rather not host" : "I'll host a table",
      onclick: () => ctx.send("cafe.volunteer", { host: !mine.volunteered }) }));
  }
  if (seat) {
    parts.push(h("h2", { text: "At your table" }),
      h("ul", { class: "members", id: "members" }, seat.members.map((m) =>
        h("li", { dir: "auto", dataset: { key: `member-${m.id}` }, text: `${m.label}${m.host ? " (host)" : ""}${m.without_phone ? " · no phone" : ""}` }))));
    parts.push(...(seat.can_post ? harvest(state, ctx, seat) : tableCards(state, seat)));
  }
  // My cards from earlier rounds (or other tables): the author may still edit or withdraw them.
  const listed = new Set(seat ? seat.cards.filter((c) => !earlierRound(r, c)).map((c) => c.id) : []);
  const myCards = (mine.my_cards || []).filter((c) => !listed.has(c.id));
  if (myCards.length) {
    parts.push(h("h2", { id: "my-cards-title", text: "My cards" }),
      h("ul", { class: "cards", id: "my-cards" }, myCards.map((c) => cardEl(c, { actions: cardActions(c, seat, state.me.id, ctx) }))));
  }
  patch(root, ...parts);
}

function earlierRound(r, card) {
  return Boolean(r && card.round && card.round < r.number);
}

function harvest(state, ctx, seat) {
  const a = state.activity;
  const r = a.round;
  const me = state.me.id;
  const earlier = seat.cards.filter((c) => earlierRound(r, c));
  const now = seat.cards.filter((c) => !earlierRound(r, c));
  const out = [];
  if (seat.is_host && earlier.length) {
    out.push(h("h2", { text: "Said at this table before" }),
      h("ul", { class: "cards" }, earlier.map((c) => cardEl(c))));
  }
  const draft = `card-${a.id}`;
  const text = h("textarea", { id: "card-text", name: "text", maxlength: 1000, rows: 3, dir: "auto", required: true, dataset: { draft } });
  const tag = h("select", { id: "card-tag", name: "tag" }, h("option", { value: "", text: "No tag" }),
    a.tags.map((t) => h("option", { value: t, text: TAG_LABELS[t] })));
  const theme = a.themes.length ? h("select", { id: "card-theme", name: "theme" }, h("option", { value: "", text: "No theme" }),
    a.themes.map((t) => h("option", { value: String(t.id), text: t.name }))) : null;
  const noPhone = seat.members.filter((m) => m.without_phone);
  const behalf = noPhone.length ? h("select", { id: "card-behalf", name: "behalf" }, h("option", { value: "", text: "Myself / the table" }),
    noPhone.map((m) => h("option", { value: String(m.id), text: m.label }))) : null;
  // "Sending…", "Waiting for the connection…", "Saved ✓": the latest card's state in the outbox.
  const status = followLatest(h("p", { role: "status", id: "card-status" }), ctx.outbox, "card.add", { base: "card-status" });
  const form = h("form", { class: "stack card-form", id: "card-form", onsubmit: (e) => {
    e.preventDefault();
    // The controls on the page, not this render's copies: a patch keeps the first ones.
    const f = e.currentTarget.elements;
    if (!f.text.value.trim()) return;
    // The round and table on screen as it is written: if the phone is offline
    // while the round changes, the card is still saved where it was written.
    const payload = { text: f.text.value, tag: f.tag.value || null, table: seat.table, round: r.number };
    if (f.theme && f.theme.value) payload.theme = Number(f.theme.value);
    if (f.behalf && f.behalf.value) payload.on_behalf = Number(f.behalf.value);
    f.text.value = "";
    clearDraft(draft);
    ctx.outbox.add("card.add", payload);
  } },
    h("label", { for: "card-text", text: "Add an insight from this table" }), text,
    h("label", { for: "card-tag", text: "Control, Contact or Confidence (optional)" }), tag,
    theme ? [h("label", { for: "card-theme", text: "Theme (optional)" }), theme] : null,
    behalf ? [h("label", { for: "card-behalf", text: "On behalf of" }), behalf] : null,
    h("button", { type: "submit", class: "primary", text: "Add card" }), status);
  out.push(h("h2", { id: "table-cards-title", text: "This round's cards" }), form,
    h("ul", { class: "cards", id: "table-cards" }, unsent(ctx, seat, r), now.map((c) => cardEl(c, { actions: cardActions(c, seat, me, ctx) }))));
  return out;
}

// Everyone at a table sees what its host has written this round (read-only, live),
// so each person can check that their point was captured.
function tableCards(state, seat) {
  const r = state.activity.round;
  const now = seat.cards.filter((c) => !earlierRound(r, c));
  return [
    h("h2", { id: "table-cards-title", text: "This round's cards at your table" }),
    h("p", { class: "hint", id: "table-cards-hint",
      text: seat.host ? `${seat.host} writes the table's cards. Tell them your idea, and check it appears here.` : "The table's host writes its cards; they appear here." }),
    now.length
      ? h("ul", { class: "cards", id: "table-cards", "aria-labelledby": "table-cards-title" }, now.map((c) => cardEl(c)))
      : h("p", { class: "calm", id: "table-cards-empty", text: "No cards yet this round." }),
  ];
}

// Cards still waiting on this phone, above the saved ones: every one, including
// those written at another table in an earlier round (they are saved there).
// Refused cards are listed above the activity (#not-sent) until let go.
function unsent(ctx, seat, r) {
  const mine = itemsOf(ctx.outbox, "card.add", (i) => i.state === "waiting");
  return mine.map((i) => {
    const { cls, text } = itemStatus(i);
    const elsewhere = (i.payload.round != null && i.payload.round !== r.number) || (i.payload.table != null && i.payload.table !== seat.table);
    return h("li", { class: "card unsent", dataset: { cid: i.cid, key: i.cid } },
      h("p", { class: "card-text pre", dir: "auto", text: i.payload.text }),
      elsewhere && i.payload.round != null ? h("p", { class: "card-meta", text: `Written in round ${i.payload.round}: it goes to that round's table.` }) : null,
      h("p", { class: `card-meta ${cls}`, text }));
  });
}

function cardActions(card, seat, me, ctx) {
  if (card.author !== me && !(seat && seat.is_host)) return null;
  return h("div", { class: "row" },
    h("button", { type: "button", class: "small", text: "Edit", "aria-label": "Edit this card", onclick: () => {
      const text = prompt("Edit the card", card.text);
      if (text && text.trim()) ctx.send("card.edit", { card: card.id, text, tag: card.tag || null });
    } }),
    card.author === me ? h("button", { type: "button", class: "small", text: "Withdraw", "aria-label": "Withdraw this card",
      onclick: () => ctx.send("card.withdraw", { card: card.id }) }) : null);
}

export function message(name, payload, state, ctx) {
  // The big screen and the console hold the whole board (a.cards); phones their table's cards.
  const onBoard = boardMessage(name, payload, state.activity);
  if (name === "board.theme") {
    if (onBoard) ctx.rerender();
  } else if (name === "board.card") {
    const seat = state.mine && state.mine.seat;
    // Everyone at the table follows its cards; hosts and (where anyone may post) the rest add them.
    if (seat && seat.table === payload.table) upsert(seat.cards, payload);
    const mine = state.mine && state.mine.my_cards;
    if (mine && state.me && payload.author === state.me.id) upsert(mine, payload);
    ctx.rerender();
  } else if (name === "cafe.volunteers") {
    // The console's list of people offering to host (a delta: no snapshot per offer).
    const a = state.activity;
    if (a && a.id === payload.activity) {
      a.volunteers = payload.volunteers;
      ctx.rerender();
    }
  } else if (name === "board.card_gone") {
    const seat = state.mine && state.mine.seat;
    if (seat) removeById(seat.cards, payload.id);
    if (state.mine && state.mine.my_cards) removeById(state.mine.my_cards, payload.id);
    ctx.rerender();
  }
}

// "(the fewest possible)" or "(at least 4 could not be avoided)": how far the seating may be from the best.
function howGood(a, r) {
  const q = (a.seating || {})[String(r.number)];
  if (!q || !r.repeats) return "";
  if (q.optimal) return " (the fewest possible)";
  return ` (at least ${q.least} could not be avoided)`;
}

function plan(a) {
  return h("ol", { class: "plan", id: "plan" }, (a.plan || []).map((t) =>
    h("li", { class: "plan-table", dataset: { table: String(t.id) } },
      h("h3", { dir: "auto", text: t.name }),
      h("p", { class: `host${t.host_away ? " away" : ""}`, dir: "auto",
        text: t.host ? (t.host_away ? `Host: ${t.host} (away)` : `Host: ${t.host}`) : "No host yet" }),
      h("ul", {}, t.members.filter((m) => !m.host).map((m) => h("li", { dir: "auto", text: m.label }))))));
}

/** "Find your name": everyone seated, alphabetically, with their table's name large. */
function findYourName(a) {
  const seated = [];
  for (const t of a.plan || []) {
    for (const m of t.members) seated.push({ label: m.label, host: m.host, table: t.name });
  }
  seated.sort((x, y) => x.label.localeCompare(y.label, undefined, { sensitivity: "base" }));
  return pagedList("plan", seated.map((p) => h("span", { class: "find-name" },
    h("bdi", { text: p.label }), h("span", { "aria-hidden": "true", text: "→" }),
    h("bdi", { class: "at-table", text: p.table }), p.host ? h("span", { class: "hint", text: "(host)" }) : null)),
  { label: "Find your name: where each person sits", className: "columns", maxEm: 1.4 });
}

export function screen(root, state) {
  const a = state.activity;
  const r = a.round;
  const under_way = r && (r.status === "running" || r.status === "paused");
  const cards = shownCards(a);
  // People are on the move once seated, until the tables start writing: the plan, then the board.
  const moving = r && (r.status === "planned" || (under_way && cards.length === 0)) && (a.plan || []).length > 0;
  replace(root,
    h("h2", { text: r ? (r.status === "ended" ? "Thank you: the rounds are over" : `Round ${r.number} of ${r.of}`) : "World café" }),
    h("div", { class: "cafe-head" },
      r && r.question && r.status !== "ended" ? h("p", { class: "question pre fit", dir: "auto", text: r.question }) : null,
      under_way ? countdown(r) : null),
    moving ? [
      h("h3", { text: "Find your name, then your table (it is on your phone too)" }),
      findYourName(a)] : null,
    !moving && cards.length ? [
      h("h3", { id: "card-count", text: `From the tables (${cards.length})` }),
      screenBoard(a)] : null);
}

// The set-up being edited survives re-renders: someone joining redraws the console mid-edit.
let setup = null;

function setupFromConfig(a, source, open) {
  const c = a.config;
  return {
    activity: a.id,
    source, // the settings it was made from: a form nobody has touched follows them
    dirty: false,
    open,
    tables: c.tables.map((t) => ({ name: t.name, capacity: t.capacity })),
    rounds: c.rounds.map((x) => ({ question: x.question, minutes: x.minutes })),
    anyone: c.anyone_can_post,
  };
}

/** Tables (a name and seats each) and rounds (a question and minutes each): names are kept when saved. */
function setupForm(a, ctx) {
  const source = JSON.stringify(a.config);
  const same = setup && setup.activity === a.id;
  if (!same || (!setup.dirty && setup.source !== source)) setup = setupFromConfig(a, source, same && setup.open);
  const s = setup;
  const redraw = () => {
    s.dirty = true;
    ctx.rerender();
  };
  const edit = (set) => (e) => {
    s.dirty = true;
    set(e.target);
  };
  const number = (label, value, min, max, set) => h("input", { type: "number", min, max, value, "aria-label": label,
    oninput: edit((el) => set(Number(el.value))) });
  const resize = (n) => {
    const last = s.tables[s.tables.length - 1] || { capacity: a.config.capacity };
    while (s.tables.length < n) s.tables.push({ name: `Table ${s.tables.length + 1}`, capacity: last.capacity });
    s.tables.length = n;
  };
  const count = h("input", { id: "cafe-table-count", type: "number", min: 1, max: 400, value: s.tables.length,
    onchange: (e) => {
      const n = Number(e.target.value);
      if (n >= 1 && n <= 400) {
        resize(n);
        redraw();
      }
    } });
  const tables = h("ol", { class: "setup-tables stack", id: "cafe-tables" }, s.tables.map((t, i) => h("li", { class: "row" },
    h("input", { maxlength: 80, value: t.name, dir: "auto", "aria-label": `Name of table ${i + 1}`, oninput: edit((el) => { t.name = el.value; }) }),
    number(`Seats at table ${i + 1}`, t.capacity, 2, 20, (v) => { t.capacity = v; }),
    s.tables.length > 1 ? h("button", { type: "button", class: "small", text: "Remove", "aria-label": `Remove table ${i + 1}`,
      onclick: () => { s.tables.splice(i, 1); redraw(); } }) : null)));
  const rounds = h("ol", { class: "setup-rounds stack", id: "cafe-rounds" }, s.rounds.map((x, i) => h("li", { class: "stack" },
    h("textarea", { rows: 2, maxlength: 500, dir: "auto", text: x.question, "aria-label": `Question for round ${i + 1}`,
      oninput: edit((el) => { x.question = el.value; }) }),
    h("div", { class: "row" },
      h("label", { text: `Minutes for round ${i + 1}` }, " ", number(`Minutes for round ${i + 1}`, x.minutes, 1, 120, (v) => { x.minutes = v; })),
      s.rounds.length > 1 ? h("button", { type: "button", class: "small", text: "Remove", "aria-label": `Remove round ${i + 1}`,
        onclick: () => { s.rounds.splice(i, 1); redraw(); } }) : null))));
  const anyone = h("input", { type: "checkbox", id: "cafe-anyone", checked: s.anyone, onchange: edit((el) => { s.anyone = el.checked; }) });
  return h("details", { open: s.open, ontoggle: (e) => { s.open = e.target.open; } }, h("summary", { text: "Set up tables and rounds" }),
    h("form", { class: "stack", onsubmit: async (e) => {
      e.preventDefault();
      const reply = await ctx.send("cafe.setup", { config: {
        tables: s.tables.map((t) => ({ name: t.name, capacity: t.capacity })),
        rounds: s.rounds.map((x) => ({ question: x.question, minutes: x.minutes })),
        anyone_can_post: s.anyone } });
      if (reply.ok) {
        s.dirty = false; // the form follows the saved settings again
        ctx.rerender();
      }
    } },
      h("label", { for: "cafe-table-count", text: "Number of tables" }), count,
      h("p", { class: "hint", text: "Each table's name and seats:" }), tables,
      h("p", { class: "hint", text: "Each round's question (the same one may be asked again) and minutes:" }), rounds,
      h("button", { type: "button", class: "secondary", id: "cafe-add-round", text: "Add a round", onclick: () => {
        const last = s.rounds[s.rounds.length - 1] || { question: "", minutes: a.config.minutes };
        s.rounds.push({ question: last.question, minutes: last.minutes });
        redraw();
      } }),
      h("label", { class: "check" }, anyone, " Anyone at a table may add cards"),
      h("button", { type: "submit", class: "primary", text: "Save set-up" })));
}

export function console(root, state, ctx) {
  const a = state.activity;
  const r = a.round;
  const people = (state.roster || []).slice();
  const personSelect = (id, label, value) => h("select", { id, "aria-label": label },
    h("option", { value: "", text: "—" }),
    people.map((p) => h("option", { value: String(p.id), text: p.label, selected: p.id === value })));
  const running = r && (r.status === "running" || r.status === "paused");
  const buttons = h("div", { class: "row" },
    !running ? h("button", { type: "button", class: "secondary", id: "cafe-seat", text: r && r.status === "planned" ? "Seat again" : "Seat the next round",
      onclick: () => ctx.send("cafe.seat", {}) }) : null,
    !running && !(r && r.status === "ended" && r.number === r.of) ? h("button", { type: "button", class: "primary", id: "cafe-start", text: "Start round",
      onclick: () => ctx.send("cafe.round.start", {}) }) : null,
    r && r.status === "running" ? h("button", { type: "button", class: "secondary", text: "Pause", onclick: () => ctx.send("cafe.round.pause", {}) }) : null,
    r && r.status === "paused" ? h("button", { type: "button", class: "secondary", text: "Resume", onclick: () => ctx.send("cafe.round.resume", {}) }) : null,
    running ? h("button", { type: "button", class: "secondary", text: "+5 min", onclick: () => ctx.send("cafe.round.extend", { minutes: 5 }) }) : null,
    running ? h("button", { type: "button", class: "primary", id: "cafe-end", text: "End round", onclick: () => ctx.send("cafe.round.end", {}) }) : null,
    r && r.seated && a.unseated && a.unseated.length ? h("button", { type: "button", class: "secondary",
      text: `Seat ${a.unseated.length} late arrival(s)`, onclick: () => ctx.send("cafe.seat_late", {}) }) : null);
  const linkA = personSelect("link-a", "First person", null);
  const linkB = personSelect("link-b", "Second person", null);
  replace(root,
    h("p", { id: "cafe-round-status" }, r ? `Round ${r.number} of ${r.of}: ${r.status}${r.seated ? ` · repeat meetings: ${r.repeats}${howGood(a, r)}` : ""}` : "Not seated yet"),
    r && r.question ? h("p", { class: "pre", dir: "auto", text: r.question }) : null,
    r && running ? countdown(r) : null,
    buttons,
    h("h4", { text: "Tables and hosts" }),
    h("ul", { class: "console-plan" }, a.plan.map((t) => h("li", {},
      h("strong", { dir: "auto", text: t.name }), ` (${t.members.length}/${t.capacity}) `,
      h("label", { class: "visually-hidden", for: `host-${t.id}`, text: `Host of ${t.name}` }),
      (() => {
        const sel = personSelect(`host-${t.id}`, `Host of ${t.name}`, t.host_id);
        sel.addEventListener("change", () => ctx.send("cafe.host", { table: t.id, participant: sel.value ? Number(sel.value) : null }));
        return sel;
      })(),
      h("span", { class: "hint", dir: "auto", text: ` ${t.members.filter((m) => !m.host).map((m) => m.label).join(", ")}` })))),
    a.volunteers.length ? h("p", {}, "Offered to host: ", h("span", { dir: "auto", text: a.volunteers.map((v) => v.label).join(", ") })) : null,
    h("h4", { text: "Keep together" }),
    h("ul", {}, a.links.map((pair) => h("li", {}, h("span", { dir: "auto", text: `${pair[0].label} + ${pair[1].label} ` }),
      h("button", { type: "button", class: "small", text: "Part", onclick: () => ctx.send("cafe.link", { a: pair[0].id, b: pair[1].id, together: false }) })))),
    h("div", { class: "row" }, linkA, linkB, h("button", { type: "button", class: "small", text: "Keep together",
      onclick: () => linkA.value && linkB.value && ctx.send("cafe.link", { a: Number(linkA.value), b: Number(linkB.value) }) })),
    setupForm(a, ctx),
    h("h4", { text: `The board (${shownCards(a).length} on the screen)` }),
    groupControl(a, ctx, ["table", "round", "theme"]),
    boardWorkspace(state, ctx));
}
