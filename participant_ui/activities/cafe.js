// The world café: where to go, the question, the time left; hosts harvest cards for their table.
import { h, onPage, patch, replace } from "../lib/dom.js";
import { clearDraft } from "../lib/drafts.js";
import { countdown } from "../lib/clock.js";
import { followLatest, itemStatus, itemsOf } from "../lib/outbox_view.js";
import { boardMessage, cardEl, groupControl, removeById, screenBoard, shownCards, upsert } from "./board/cards.js";
import { boardWorkspace } from "./board/workspace.js";
import { cLabels } from "./pulse.js";
import { longest, pagedRows } from "../lib/fit.js";
import { formatNumber, languagesShown, t, tn, tNodes } from "../lib/i18n.js";

let askedForSeat = false;
// Every table was full when this phone asked: it waits until the facilitator makes room.
let waitingForRoom = false;

// "A similar card is already on the board": asked as the host writes (board/similar.py
// on the server), a pause after the last key. `offer` is what the latest answer found
// for the text then in the box; a newer text or a sent card clears it.
const SIMILAR_PAUSE_MS = 600;
const SIMILAR_MIN_CHARS = 8;
let similarTimer = null;
let offer = null; // { text, cards: [card] }

function askSimilar(ctx) {
  clearTimeout(similarTimer);
  similarTimer = setTimeout(async () => {
    const box = document.getElementById("card-text");
    const text = box ? box.value.trim() : "";
    if (text.length < SIMILAR_MIN_CHARS) {
      if (offer) {
        offer = null;
        ctx.rerender();
      }
      return;
    }
    const reply = await ctx.send("card.similar", { text });
    const now = document.getElementById("card-text");
    if (!now || now.value.trim() !== text) return; // typed on meanwhile: a newer ask follows
    const cards = reply.ok ? reply.similar || [] : [];
    if (!cards.length && !offer) return;
    offer = cards.length ? { text, cards } : null;
    ctx.rerender();
  }, SIMILAR_PAUSE_MS);
}

function similarOffer(send) {
  if (!offer) return null;
  const [first, ...more] = offer.cards;
  const item = (c) => h("li", { class: "similar-card", dataset: { key: `similar-${c.id}` } },
    h("p", { class: "card-text pre", dir: "auto", text: c.text }),
    h("p", { class: "card-meta", text: [c.table_name, c.merged ? tn("+{n} already", "+{n} already", c.merged) : null].filter(Boolean).join(" · ") }),
    h("button", { type: "button", class: c === first ? "primary" : "secondary", id: `plus-one-${c.id}`,
      text: t("+1 to this card"), "aria-label": t("+1 to: {text}", { text: c.text }), onclick: () => send(c) }));
  return h("section", { class: "similar", id: "card-similar", "aria-labelledby": "card-similar-title" },
    h("p", { id: "card-similar-title", class: "lead", text: more.length ? t("Similar cards are already on the board:") : t("A similar card is already on the board:") }),
    h("ul", { class: "cards" }, offer.cards.map(item)),
    h("p", { class: "hint", text: t("Tap +1 to add your voice to it (your words are kept with it), or add yours as a new card.") }));
}

function heading(a, seat) {
  const r = a.round;
  const where = !seat ? "" : seat.host && !seat.is_host ? t("{table}, hosted by {host}", { table: seat.name, host: seat.host }) : seat.name;
  if (!r) return t("The café will begin soon");
  if (r.status === "ended") return t("The café rounds are over. Thank you!");
  if (!seat) return waitingForRoom ? t("Every table is full just now") : t("Finding you a table…");
  if (seat.is_host) {
    return r.status === "planned" ? t("You host {table}: stay there and welcome newcomers", { table: seat.name })
      : t("You are hosting {table}", { table: seat.name });
  }
  if (r.status === "planned") {
    return r.number > 1 ? t("Round {number} is over. Next: go to {where}", { number: formatNumber(r.number - 1), where })
      : t("Go to {where}", { where });
  }
  return where;
}

export function phone(root, state, ctx) {
  const a = state.activity;
  const mine = state.mine || {};
  const seat = mine.seat;
  const r = a.round;
  if (r && r.seated && r.status !== "ended" && !seat && !askedForSeat) {
    askedForSeat = true;
    ctx.send("cafe.seat_me", {}).then((reply) => {
      if (reply.offline) askedForSeat = false; // asked again at the next render
      if (reply.ok && reply.full && !waitingForRoom) {
        waitingForRoom = true;
        ctx.rerender();
      }
    });
  }
  if (seat) askedForSeat = waitingForRoom = false;
  const parts = [h("h1", { class: "cafe-where", dir: "auto", id: "cafe-where", text: heading(a, seat) })];
  if (!seat && waitingForRoom && r && r.status !== "ended") {
    parts.push(h("p", { class: "hint", id: "cafe-waiting", text: t("The facilitator can see that you are waiting and will make room for you at a table.") }));
  }
  if (r && r.status !== "ended") {
    parts.push(h("p", { class: "round-label", text: roundOf(r) }));
    if (r.question) parts.push(h("p", { class: "question lead pre", dir: "auto", text: r.question }));
    if (r.status === "running" || r.status === "paused") parts.push(countdown(r));
  }
  if (seat && seat.handed_on) parts.push(handedOn(seat.handed_on));
  if (!r || (r.status === "planned" && r.number === 1)) {
    parts.push(h("button", { type: "button", class: mine.volunteered ? "secondary" : "primary", id: "volunteer",
      text: mine.volunteered ? t("I'd rather not host") : t("I'll host a table"),
      onclick: () => ctx.send("cafe.volunteer", { host: !mine.volunteered }) }));
  }
  if (seat) {
    parts.push(h("h2", { text: t("At your table") }),
      h("ul", { class: "members", id: "members" }, seat.members.map((m) =>
        h("li", { dir: "auto", dataset: { key: `member-${m.id}` },
          text: [m.label, m.host ? ` ${t("(host)")}` : "", m.without_phone ? ` · ${t("no phone")}` : ""].join("") }))));
    parts.push(...(seat.can_post ? harvest(state, ctx, seat) : tableCards(state, seat)));
  }
  if (mine.round_card) parts.push(roundCardForm(mine.round_card, ctx));
  // My cards from earlier rounds (or other tables): the author may still edit or withdraw them.
  const listed = new Set(seat ? seat.cards.filter((c) => !earlierRound(r, c)).map((c) => c.id) : []);
  const myCards = (mine.my_cards || []).filter((c) => !listed.has(c.id));
  if (myCards.length) {
    parts.push(h("h2", { id: "my-cards-title", text: t("My cards") }),
      h("ul", { class: "cards", id: "my-cards" }, myCards.map((c) => cardEl(c, { actions: cardActions(c, seat, state.me.id, ctx) }))));
  }
  patch(root, ...parts);
}

// What the last group at this table left for the people sitting down now (the host too).
function handedOn(card) {
  return h("section", { class: "handed-on", id: "handed-on", "aria-labelledby": "handed-on-title" },
    h("h2", { id: "handed-on-title", text: t("From the last group at this table") }),
    card.essence ? h("p", { class: "lead pre", dir: "auto", id: "handed-on-essence", text: card.essence }) : null,
    card.question ? h("p", { class: "pre", dir: "auto", id: "handed-on-question", text: t("Their question for you: {question}", { question: card.question }) }) : null);
}

// The host's round card: the round's essence and a question for the next group.
// Ids carry the round, so a new round starts with a fresh form; patch() keeps what is typed meanwhile.
function roundCardForm(card, ctx) {
  const n = card.round;
  const status = followLatest(h("p", { role: "status", id: `round-card-status-${n}` }), ctx.outbox, "cafe.essence", { base: "round-card-status" });
  const send = (essence, question) => ctx.outbox.add("cafe.essence", { round: n, essence, next_question: question });
  return h("form", { class: "stack round-card", id: `round-card-${n}`, onsubmit: (e) => {
    e.preventDefault();
    // The controls on the page, not this render's copies.
    const f = e.currentTarget.elements;
    send(f.essence.value, f.next_question.value);
  } },
    h("h2", { id: "round-card-title", text: t("Round {number} card for the next group at {table}", { number: formatNumber(n), table: card.table_name }) }),
    h("label", { for: `round-card-essence-${n}`, text: t("The essence of this round (one or two lines)") }),
    h("textarea", { id: `round-card-essence-${n}`, name: "essence", maxlength: 300, rows: 2, dir: "auto", text: card.essence }),
    h("label", { for: `round-card-question-${n}`, text: t("A question for the next group") }),
    h("textarea", { id: `round-card-question-${n}`, name: "next_question", maxlength: 300, rows: 2, dir: "auto", text: card.question }),
    h("div", { class: "row" },
      h("button", { type: "submit", class: "primary", id: "round-card-save", text: card.essence || card.question ? t("Update the card") : t("Save the card") }),
      card.essence || card.question ? h("button", { type: "button", class: "secondary", id: "round-card-clear", text: t("Clear"), onclick: (e) => {
        const f = e.currentTarget.form.elements;
        f.essence.value = f.next_question.value = "";
        send("", "");
      } }) : null),
    status);
}

// "Round 2 of 3"
function roundOf(r) {
  return t("Round {number} of {total}", { number: formatNumber(r.number), total: formatNumber(r.of) });
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
    out.push(h("h2", { text: t("Said at this table before") }),
      h("ul", { class: "cards" }, earlier.map((c) => cardEl(c))));
  }
  const draft = `card-${a.id}`;
  const text = h("textarea", { id: "card-text", name: "text", maxlength: 1000, rows: 3, dir: "auto", required: true, dataset: { draft },
    "aria-describedby": offer ? "card-similar-title" : null, oninput: () => askSimilar(ctx) });
  const tag = h("select", { id: "card-tag", name: "tag" }, h("option", { value: "", text: t("No tag") }),
    a.tags.map((tag) => h("option", { value: tag, text: cLabels()[tag] })));
  const theme = a.themes.length ? h("select", { id: "card-theme", name: "theme" }, h("option", { value: "", text: t("No theme") }),
    a.themes.map((x) => h("option", { value: String(x.id), text: x.name }))) : null;
  const noPhone = seat.members.filter((m) => m.without_phone);
  const behalf = noPhone.length ? h("select", { id: "card-behalf", name: "behalf" }, h("option", { value: "", text: t("Myself / the table") }),
    noPhone.map((m) => h("option", { value: String(m.id), text: m.label }))) : null;
  // "Sending…", "Waiting for the connection…", "Saved ✓": the latest card's state in the outbox.
  const status = followLatest(h("p", { role: "status", id: "card-status" }), ctx.outbox, ["card.add", "card.plus_one"],
    { base: "card-status", words: { saved: (i) => (i.name === "card.plus_one" ? t("Your +1 is on the board ✓") : t("Saved ✓")) } });
  // What is written now, where and when: the same for a card and for a +1.
  const written = (f) => {
    const payload = { text: f.text.value, tag: f.tag.value || null, table: seat.table, round: r.number };
    if (f.behalf && f.behalf.value) payload.on_behalf = Number(f.behalf.value);
    return payload;
  };
  const sent = (f) => {
    f.text.value = "";
    clearDraft(draft);
    offer = null;
    clearTimeout(similarTimer);
  };
  const plusOne = (card) => {
    const f = document.getElementById("card-form").elements;
    if (!f.text.value.trim()) return;
    const payload = { ...written(f), into: card.id };
    sent(f);
    ctx.outbox.add("card.plus_one", payload);
    ctx.rerender();
  };
  const form = h("form", { class: "stack card-form", id: "card-form", onsubmit: (e) => {
    e.preventDefault();
    // The controls on the page, not this render's copies: a patch keeps the first ones.
    const f = e.currentTarget.elements;
    if (!f.text.value.trim()) return;
    // The round and table on screen as it is written: if the phone is offline
    // while the round changes, the card is still saved where it was written.
    const payload = written(f);
    if (f.theme && f.theme.value) payload.theme = Number(f.theme.value);
    const hadOffer = Boolean(offer);
    sent(f);
    ctx.outbox.add("card.add", payload);
    if (hadOffer) ctx.rerender();
  } },
    h("label", { for: "card-text", text: t("Add an insight from this table") }), text, similarOffer(plusOne),
    h("label", { for: "card-tag", text: t("{control}, {contact} or {confidence} (optional)", cLabels()) }), tag,
    theme ? [h("label", { for: "card-theme", text: t("Theme (optional)") }), theme] : null,
    behalf ? [h("label", { for: "card-behalf", text: t("On behalf of") }), behalf] : null,
    h("button", { type: "submit", class: "primary", text: t("Add card") }), status);
  out.push(h("h2", { id: "table-cards-title", text: t("This round's cards") }), form,
    h("ul", { class: "cards", id: "table-cards" }, unsent(ctx, seat, r), now.map((c) => cardEl(c, { actions: cardActions(c, seat, me, ctx) }))));
  return out;
}

// Everyone at a table sees what its host has written this round (read-only, live),
// so each person can check that their point was captured.
function tableCards(state, seat) {
  const r = state.activity.round;
  const now = seat.cards.filter((c) => !earlierRound(r, c));
  return [
    h("h2", { id: "table-cards-title", text: t("This round's cards at your table") }),
    h("p", { class: "hint", id: "table-cards-hint",
      text: seat.host ? t("{host} writes the table's cards. Tell them your idea, and check it appears here.", { host: seat.host })
        : t("The table's host writes its cards; they appear here.") }),
    now.length
      ? h("ul", { class: "cards", id: "table-cards", "aria-labelledby": "table-cards-title" }, now.map((c) => cardEl(c)))
      : h("p", { class: "calm", id: "table-cards-empty", text: t("No cards yet this round.") }),
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
      elsewhere && i.payload.round != null ? h("p", { class: "card-meta", text: t("Written in round {number}: it goes to that round's table.", { number: formatNumber(i.payload.round) }) }) : null,
      h("p", { class: `card-meta ${cls}`, text }));
  });
}

function cardActions(card, seat, me, ctx) {
  if (card.author !== me && !(seat && seat.is_host)) return null;
  return h("div", { class: "row" },
    h("button", { type: "button", class: "small", text: t("Edit"), "aria-label": t("Edit this card"), onclick: () => {
      const text = prompt(t("Edit the card"), card.text);
      if (text && text.trim()) ctx.send("card.edit", { card: card.id, text, tag: card.tag || null });
    } }),
    card.author === me ? h("button", { type: "button", class: "small", text: t("Withdraw"), "aria-label": t("Withdraw this card"),
      onclick: () => ctx.send("card.withdraw", { card: card.id }) }) : null);
}

export function message(name, payload, state, ctx) {
  if (name === "roster.person" || name === "roster.gone") {
    // The console's roster, for the count of people here and the person lists (only
    // the console's view has `sizing`); redrawn at most once a frame in a rush of arrivals.
    if (!state.roster || !state.activity || !state.activity.sizing) return;
    const i = state.roster.findIndex((p) => p.id === payload.id);
    if (name === "roster.gone") {
      if (i >= 0) state.roster.splice(i, 1);
    } else if (i >= 0) {
      state.roster[i] = payload;
    } else {
      state.roster.push(payload);
    }
    // Only what the count changes (and the one list of names): at 2,000 arrivals, redrawing every host field
    // and table each frame would freeze the console.
    if (!recount) {
      recount = requestAnimationFrame(() => {
        recount = null;
        recountRoom(state, ctx);
      });
    }
    return;
  }
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
    // One offer to host (or its withdrawal) at a time: the console keeps the list of
    // everyone offering; the person's own phone turns its button.
    const a = state.activity;
    if (!a || a.id !== payload.activity) return;
    if (Array.isArray(a.volunteers)) {
      a.volunteers = a.volunteers.filter((v) => v.id !== payload.id);
      if (payload.on) a.volunteers.push({ id: payload.id, label: payload.label });
      ctx.rerender();
    } else if (state.me && state.me.id === payload.id && state.mine) {
      state.mine = { ...state.mine, volunteered: payload.on };
      ctx.rerender();
    }
  } else if (name === "board.card_gone") {
    const seat = state.mine && state.mine.seat;
    if (seat) removeById(seat.cards, payload.id);
    if (state.mine && state.mine.my_cards) removeById(state.mine.my_cards, payload.id);
    ctx.rerender();
  }
}

// How well the round mixes people, in plain words: nobody again, or how many pairs and whether that was avoidable.
function mixing(a, r) {
  if (!r || !r.seated) return "";
  if (!r.repeats) return r.number > 1 ? t("nobody sits with someone they have sat with before") : "";
  const q = (a.seating || {})[String(r.number)];
  const pairs = tn("{n} pair sits together again", "{n} pairs sit together again", r.repeats);
  if (q && q.optimal) return t("{pairs} (the fewest possible)", { pairs });
  return q ? t("{pairs} (at least {least} could not be avoided)", { pairs, least: formatNumber(q.least) }) : pairs;
}

function plan(a) {
  return h("ol", { class: "plan", id: "plan" }, (a.plan || []).map((table) =>
    h("li", { class: "plan-table", dataset: { table: String(table.id) } },
      h("h3", { dir: "auto", text: table.name }),
      h("p", { class: `host${table.host_away ? " away" : ""}`, dir: "auto",
        text: table.host ? (table.host_away ? t("Host: {name} (away)", { name: table.host }) : t("Host: {name}", { name: table.host })) : t("No host yet") }),
      h("ul", {}, table.members.filter((m) => !m.host).map((m) => h("li", { dir: "auto", text: m.label }))))));
}

// One collator for every sort: localeCompare with options builds one per comparison.
const byName = new Intl.Collator(undefined, { sensitivity: "base" });

/** "Find your name": everyone seated, alphabetically, with their table's name large. */
function findYourName(a) {
  const seated = [];
  for (const table of a.plan || []) {
    for (const m of table.members) seated.push({ label: m.label, host: m.host, table: table.name });
  }
  seated.sort((x, y) => byName.compare(x.label, y.label));
  // Only the page on show is built (lib/fit.js): 2,000 names are a page of them.
  const item = (i) => {
    const p = seated[i];
    return h("span", { class: "find-name" },
      h("bdi", { text: p.label }), h("span", { "aria-hidden": "true", text: "→" }),
      h("bdi", { class: "at-table", text: p.table }), p.host ? h("span", { class: "hint", text: t("(host)") }) : null);
  };
  const host = ` ${t("(host)")}`;
  return pagedRows("plan", seated.length, item, { label: t("Find your name: where each person sits"), className: "columns", maxEm: 1.4,
    probe: longest(seated.map((p) => `${p.label} → ${p.table}${p.host ? host : ""}`)) });
}

export function screen(root, state) {
  const a = state.activity;
  const r = a.round;
  const under_way = r && (r.status === "running" || r.status === "paused");
  const cards = shownCards(a);
  // People are on the move once seated, until the tables start writing: the plan, then the board.
  const moving = r && (r.status === "planned" || (under_way && cards.length === 0)) && (a.plan || []).length > 0;
  replace(root,
    h("h2", { text: r ? (r.status === "ended" ? t("Thank you: the rounds are over") : roundOf(r)) : t("World café") }),
    h("div", { class: !moving && cards.length ? "cafe-head compact" : "cafe-head" },
      r && r.question && r.status !== "ended" ? h("p", { class: "question pre fit", dir: "auto", text: r.question }) : null,
      under_way ? countdown(r) : null),
    moving ? [
      h("h3", { text: t("Find your name, then your table (it is on your phone too)") }),
      findYourName(a)] : null,
    !moving && cards.length ? [
      h("h3", { id: "card-count", text: t("From the tables ({count})", { count: formatNumber(cards.length) }) }),
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
    tables: c.tables.map((table) => ({ name: table.name, capacity: table.capacity })),
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
  // Built again only when the form's own model (what it shows) changed: at 125 tables it is
  // 500 elements, and the console redraws at every key press in the workspace. A field being
  // typed in changes the model, so the next redraw builds it again (a kept field keeps its text).
  const shows = JSON.stringify([s, a.config.capacity, a.config.minutes, languagesShown()]);
  if (setupShown && setupShown.model === s && setupShown.shows === shows) return onPage(setupShown.el);
  const el = buildSetupForm(a, ctx, s);
  setupShown = { model: s, shows, el };
  return el;
}

// The set-up form as it was last built, and from what.
let setupShown = null;

function buildSetupForm(a, ctx, s) {
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
    while (s.tables.length < n) s.tables.push({ name: t("Table {number}", { number: String(s.tables.length + 1) }), capacity: last.capacity });
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
  const tables = h("ol", { class: "setup-tables stack", id: "cafe-tables" }, s.tables.map((table, i) => h("li", { class: "row" },
    h("input", { maxlength: 80, value: table.name, dir: "auto", "aria-label": t("Name of table {number}", { number: formatNumber(i + 1) }),
      oninput: edit((el) => { table.name = el.value; }) }),
    number(t("Seats at table {number}", { number: formatNumber(i + 1) }), table.capacity, 2, 20, (v) => { table.capacity = v; }),
    s.tables.length > 1 ? h("button", { type: "button", class: "small", text: t("Remove"), "aria-label": t("Remove table {number}", { number: formatNumber(i + 1) }),
      onclick: () => { s.tables.splice(i, 1); redraw(); } }) : null)));
  const rounds = h("ol", { class: "setup-rounds stack", id: "cafe-rounds" }, s.rounds.map((x, i) => h("li", { class: "stack" },
    h("textarea", { rows: 2, maxlength: 500, dir: "auto", text: x.question, "aria-label": t("Question for round {number}", { number: formatNumber(i + 1) }),
      oninput: edit((el) => { x.question = el.value; }) }),
    h("div", { class: "row" },
      h("label", { text: t("Minutes for round {number}", { number: formatNumber(i + 1) }) }, " ",
        number(t("Minutes for round {number}", { number: formatNumber(i + 1) }), x.minutes, 1, 120, (v) => { x.minutes = v; })),
      s.rounds.length > 1 ? h("button", { type: "button", class: "small", text: t("Remove"), "aria-label": t("Remove round {number}", { number: formatNumber(i + 1) }),
        onclick: () => { s.rounds.splice(i, 1); redraw(); } }) : null))));
  const anyone = h("input", { type: "checkbox", id: "cafe-anyone", checked: s.anyone, onchange: edit((el) => { s.anyone = el.checked; }) });
  return h("details", { open: s.open, ontoggle: (e) => { s.open = e.target.open; } }, h("summary", { text: t("Set up tables and rounds") }),
    h("form", { class: "stack", onsubmit: async (e) => {
      e.preventDefault();
      const reply = await ctx.send("cafe.setup", { config: {
        tables: s.tables.map((table) => ({ name: table.name, capacity: table.capacity })),
        rounds: s.rounds.map((x) => ({ question: x.question, minutes: x.minutes })),
        anyone_can_post: s.anyone } });
      if (reply.ok) {
        s.dirty = false; // the form follows the saved settings again
        ctx.rerender();
      }
    } },
      h("label", { for: "cafe-table-count", text: t("Number of tables") }), count,
      h("p", { class: "hint", text: t("Each table's name and seats:") }), tables,
      h("p", { class: "hint", text: t("Each round's question (the same one may be asked again) and minutes:") }), rounds,
      h("button", { type: "button", class: "secondary", id: "cafe-add-round", text: t("Add a round"), onclick: () => {
        const last = s.rounds[s.rounds.length - 1] || { question: "", minutes: a.config.minutes };
        s.rounds.push({ question: last.question, minutes: last.minutes });
        redraw();
      } }),
      h("label", { class: "check" }, anyone, " ", t("Anyone at a table may add cards")),
      h("button", { type: "submit", class: "primary", text: t("Save set-up") })));
}

// --- fitting the tables to the room --------------------------------------------
// These mirror facilitator/activities/cafe/rules.py (propose_tables, fit_warning) so the console
// recounts as people arrive, without a new view each time; a browser test checks they agree.
// Their numbers are written as the Python writes them (String, not formatNumber), so the two agree in English.

/** Tables of 4 for `people` (a few of 5 where they do not divide; 3 rather than 6), and a seat to spare. */
export function proposeTables(people, sizing) {
  if (people <= 0) return null;
  const tables = Math.min(sizing.max_tables, Math.max(1, Math.floor(people / sizing.per_table), Math.ceil(people / sizing.most)));
  const base = Math.floor(people / tables);
  const extra = people % tables;
  const sizes = [...Array(extra).fill(base + 1), ...Array(tables - extra).fill(base)];
  const capacity = Math.min(20, Math.max(sizing.default_capacity, sizes[0] + 1));
  const counts = new Map();
  for (const size of sizes) counts.set(size, (counts.get(size) || 0) + 1);
  const here = tn("{n} person here", "{n} people here", people, { n: String(people) });
  let text;
  if (counts.size === 1) {
    const [[size, n]] = [...counts];
    text = tn("{n} table of {size}", "{n} tables of {size}", n, { n: String(n), size: String(size) });
  } else {
    const parts = [...counts].sort((x, y) => x[0] - y[0]).map(([size, n]) => t("{n} of {size}", { n: String(n), size: String(size) }));
    const and = (first, second) => t("{first} and {second}", { first, second }); // its own call, for the extractor
    text = tn("{n} table ({parts})", "{n} tables ({parts})", tables, { n: String(tables), parts: parts.reduce(and) });
  }
  return { people, tables, capacity, sizes, text: t("{here}: {tables} (suggested)", { here, tables: text }) };
}

/** What stops the tables fitting the people here, in plain words with the fix (null when they fit). */
export function fitWarning(people, tables, sizing) {
  if (people <= 0) return null;
  const seats = tables.reduce((sum, table) => sum + table.capacity, 0);
  const n = tables.length;
  const p = proposeTables(people, sizing);
  const fix = t('Use {tables} tables of {capacity} seats (Use this), or change them in "Set up tables and rounds".',
    { tables: String(p.tables), capacity: String(p.capacity) });
  const named = tn("{n} table", "{n} tables", n, { n: String(n) });
  if (people > seats) {
    return t("{people} people are here but the {tables} seat {seats}: {missing} would have no seat. {fix}",
      { people: String(people), tables: named, seats: String(seats), missing: String(people - seats), fix });
  }
  const each = Math.ceil(people / n);
  if (each > sizing.most + 1) {
    return t("{people} people at {tables} makes tables of {each}: too many to talk together (a café table is 4, at most 5-6). {fix}",
      { people: String(people), tables: named, each: String(each), fix });
  }
  return null;
}

/** Who is here to be seated now: the console's roster, kept current by its deltas. */
function presentCount(state) {
  const a = state.activity;
  if (!state.roster) return a.present || 0;
  return state.roster.filter((p) => p.online || p.without_phone).length;
}

/** The tables as the proposal would have them: names kept, every table `capacity` seats. */
function proposedTables(a, proposal) {
  return Array.from({ length: proposal.tables }, (_, i) => ({
    name: (a.config.tables[i] || {}).name || t("Table {number}", { number: String(i + 1) }), capacity: proposal.capacity }));
}

function useProposal(a, proposal, ctx) {
  return ctx.send("cafe.setup", { config: { tables: proposedTables(a, proposal), capacity: proposal.capacity } });
}

function sameAsProposal(a, proposal) {
  return a.config.tables.length === proposal.tables && a.config.tables.every((table) => table.capacity >= proposal.sizes[0]);
}

/** Before a round starts: a warning (with the fix) when the seats do not fit the people here. */
function fitNotice(a, people, ctx) {
  const tables = a.config.tables;
  const warning = fitWarning(people, tables, a.sizing);
  if (warning) {
    const proposal = proposeTables(people, a.sizing);
    return h("div", { class: "fit-warning", id: "cafe-fit", role: "alert" },
      h("p", { text: warning }),
      h("button", { type: "button", class: "primary", id: "cafe-fit-use", text: t("Use this"),
        "aria-label": useThis(proposal), onclick: () => useProposal(a, proposal, ctx) }));
  }
  const used = Math.max(1, Math.min(tables.length, Math.floor(people / a.sizing.min_at_table)));
  if (people > 0 && used < tables.length) {
    return h("p", { class: "hint", id: "cafe-fit", text: tn(
      "{n} person is here: they sit at {tables} of the {total}, so nobody sits alone. The others are used as more people arrive.",
      "{n} people are here: they sit at {tables} of the {total}, so nobody sits alone. The others are used as more people arrive.",
      people, { tables: tn("{n} table", "{n} tables", used), total: formatNumber(tables.length) }) });
  }
  return null;
}

// "Use this", for a screen reader: what it sets up.
function useThis(proposal) {
  return t("Use this: {tables} tables of {capacity} seats", { tables: formatNumber(proposal.tables), capacity: formatNumber(proposal.capacity) });
}

/** "24 people here: 6 tables of 4 (suggested)" with one click to use it. */
function proposalLine(a, people, ctx) {
  const proposal = proposeTables(people, a.sizing);
  if (!proposal) return h("p", { class: "hint", id: "cafe-proposal", text: t("Nobody is here yet: tables are suggested as people arrive.") });
  const inUse = sameAsProposal(a, proposal);
  return h("p", { class: "row proposal", id: "cafe-proposal" },
    h("span", { text: proposal.text }),
    inUse ? h("span", { class: "hint", text: " · " + t("the tables are set up like this") })
      : h("button", { type: "button", class: "small", id: "cafe-proposal-use", text: t("Use this"),
        "aria-label": useThis(proposal), onclick: () => useProposal(a, proposal, ctx) }));
}

/** The two boxes that follow the number of people here, redrawn on their own. */
function fitBox(state, ctx) {
  const a = state.activity;
  const r = a.round;
  const running = r && (r.status === "running" || r.status === "paused");
  const before = !running && !(r && r.status === "ended" && r.number === r.of);
  return h("div", { id: "cafe-fit-box" }, before ? fitNotice(a, presentCount(state), ctx) : null);
}

function proposalBox(state, ctx) {
  return h("div", { id: "cafe-proposal-box" }, proposalLine(state.activity, presentCount(state), ctx));
}

function recountRoom(state, ctx) {
  // Someone who has just arrived can be chosen as a host (the one list of names, not a list per table).
  // The list of names on the page is the index's own, brought up to date as it is made.
  index = peopleIndex((state.roster || []).filter((p) => !p.removed));
  for (const [id, build] of [["cafe-fit-box", fitBox], ["cafe-proposal-box", proposalBox]]) {
    const el = document.getElementById(id);
    if (el) patch(el, ...build(state, ctx).childNodes);
  }
}

// --- the console --------------------------------------------------------------

// Arrivals come to the console as roster deltas; the café recounts at most once a frame.
let recount = null;

// A sentence about people, from tNodes(): each person's name isolated in a <bdi> (names()),
// so one in a right-to-left script keeps its place.
function names(people) {
  return Object.fromEntries(Object.entries(people).map(([key, p]) => [key, h("bdi", { text: p.label })]));
}

function sentence(parts) {
  return h("span", {}, parts);
}

// --- choosing a person ----------------------------------------------------------
// One list of everyone for every person field (each table's host, who sits with
// whom): a field to type in with the page's one <datalist>, not a dropdown of
// every person per table (2,000 people at 250 tables made 500,000 options).
// Two people with one name are told apart by a number, in the order they joined.

const norm = (text) => (text || "").trim().toLocaleLowerCase();
// The latest list: handlers read it when they run, so a name that arrived since the last full redraw is found.
let index = null;

// The index last made, and from which people: the console redraws at every card moved into a
// theme, and a list of 1,000 names built and compared each time was most of that redraw.
let indexed = null;

function peopleIndex(people) {
  if (indexed && indexed.people.length === people.length && indexed.people.every((p, i) => p === people[i])) {
    return indexed.index; // its list of names is the one on the page (namesList)
  }
  const made = makeIndex(people);
  indexed = { people, index: made };
  return made;
}

function makeIndex(people) {
  const count = new Map();
  const textOf = new Map();
  const idOf = new Map();
  for (const p of people) {
    const n = (count.get(p.label) || 0) + 1;
    count.set(p.label, n);
    const text = n === 1 ? p.label : `${p.label} (${n})`;
    textOf.set(p.id, text);
    idOf.set(norm(text), p.id);
  }
  return {
    textOf,
    /** The person a field names: their id, null when it is empty, undefined when nobody here has that name. */
    idFor: (text) => (norm(text) ? idOf.get(norm(text)) : null),
    list: namesList(people, textOf),
  };
}

// The page's one list of names, kept with an option per person while their name stays the same:
// someone arriving adds one option to it, where 1,000 were built and compared again.
let namesDatalist = null;
const optionOf = new Map(); // person id -> their option

function namesList(people, textOf) {
  const options = people.map((p) => {
    const text = textOf.get(p.id);
    let option = optionOf.get(p.id);
    if (!option || option.value !== text) {
      option = h("option", { value: text });
      optionOf.set(p.id, option);
    }
    return option;
  });
  if (namesDatalist) return patch(namesDatalist, ...options);
  // Filled first, then named: while a datalist has the page's list's id, every option added to
  // it, even off the page, tells every field that names that list (Chromium: 1,000 options and
  // 125 host fields took 2.3 s of 300 arrivals' redraws at a 1,000-person café; bench/console.py
  // --profile). Once on the page, an arrival's one option tells them once.
  namesDatalist = h("datalist", {}, options);
  namesDatalist.id = "cafe-people";
  return namesDatalist;
}

function personField(id, label, value = "") {
  return h("input", { id, name: id, list: "cafe-people", autocomplete: "off", dir: "auto", value, "aria-label": label,
    placeholder: t("Type a name") });
}

const NOBODY = (text) => t("Nobody here is called “{name}”: choose a name from the list as you type.", { name: text.trim() });

function whoSitsWhere(a, ctx) {
  const items = [
    ...a.links.map((pair) => h("li", { dataset: { key: `together-${pair[0].id}-${pair[1].id}` } },
      sentence(tNodes("{first} and {second} always sit together", names({ first: pair[0], second: pair[1] }))), " ",
      h("button", { type: "button", class: "small", text: t("Let them part"),
        onclick: () => ctx.send("cafe.link", { a: pair[0].id, b: pair[1].id, together: false }) }))),
    ...(a.apart || []).map((pair) => h("li", { dataset: { key: `apart-${pair[0].id}-${pair[1].id}` } },
      sentence(tNodes("{first} and {second} never sit at the same table", names({ first: pair[0], second: pair[1] }))), " ",
      h("button", { type: "button", class: "small", text: t("Let them meet"),
        onclick: () => ctx.send("cafe.apart", { a: pair[0].id, b: pair[1].id, apart: false }) }))),
    ...(a.stays || []).map((p) => h("li", { dataset: { key: `stay-${p.id}` } },
      p.table_name ? sentence(tNodes("{name} stays at {table} all event", names({ name: p, table: { label: p.table_name } })))
        : sentence(tNodes("{name} stays all event at the table they are seated at next", names({ name: p }))), " ",
      h("button", { type: "button", class: "small", text: t("Let them move"),
        onclick: () => ctx.send("cafe.stay", { participant: p.id, stay: false }) }))),
  ];
  const how = h("select", { id: "cafe-pair-how", "aria-label": t("How they sit") },
    h("option", { value: "together", text: t("sit together") }),
    h("option", { value: "apart", text: t("never at one table") }));
  const note = h("p", { class: "error", id: "cafe-rule-note", role: "alert", hidden: true });
  const refuse = (text) => {
    const el = onPage(note);
    el.textContent = text;
    el.hidden = !text;
  };
  const pairForm = h("form", { class: "row seat-rule", id: "cafe-pair-form", onsubmit: async (e) => {
    e.preventDefault();
    const f = e.currentTarget.elements;
    const [x, y] = [f["cafe-pair-a"].value, f["cafe-pair-b"].value];
    const [px, py] = [index.idFor(x), index.idFor(y)];
    if (!px || !py) return refuse(px === undefined ? NOBODY(x) : py === undefined ? NOBODY(y) : t("Type both names."));
    refuse("");
    const reply = await (f["cafe-pair-how"].value === "apart" ? ctx.send("cafe.apart", { a: px, b: py }) : ctx.send("cafe.link", { a: px, b: py }));
    if (reply.ok) f["cafe-pair-a"].value = f["cafe-pair-b"].value = "";
  } }, personField("cafe-pair-a", t("First person")), how, personField("cafe-pair-b", t("Second person")),
  h("button", { type: "submit", class: "small", text: t("Add") }));
  const stayForm = h("form", { class: "row seat-rule", id: "cafe-stay-form", onsubmit: async (e) => {
    e.preventDefault();
    const field = e.currentTarget.elements["cafe-stay-who"];
    const who = index.idFor(field.value);
    if (!who) return refuse(who === undefined ? NOBODY(field.value) : t("Type the name of who stays."));
    refuse("");
    const reply = await ctx.send("cafe.stay", { participant: who });
    if (reply.ok) field.value = "";
  } }, personField("cafe-stay-who", t("Who stays at one table")), h("span", { text: t("stays at one table all event") }),
  h("button", { type: "submit", class: "small", text: t("Add") }));
  return [
    h("h4", { text: t("Who sits with whom") }),
    h("p", { class: "hint", id: "cafe-constraints-hint",
      text: t("Keep someone with the person who supports them, keep two people apart, or keep someone who cannot move easily at one table.") }),
    items.length ? h("ul", { id: "cafe-constraints" }, items) : h("p", { class: "calm", id: "cafe-constraints", text: t("Everyone may sit anywhere.") }),
    pairForm, stayForm, note,
  ];
}

function hostControl(table, r, ctx) {
  const underWay = r && (r.status === "running" || r.status === "paused");
  const chosen = table.chosen_host_id;
  const chosenText = chosen ? index.textOf.get(chosen) || table.chosen_host || "" : "";
  // The id follows the chosen host: a kept field keeps what was typed in it, so a
  // change from the server (or a refusal) must bring a fresh one, never a stale name.
  const id = `host-${table.id}-${chosen || 0}`;
  // Empty is "no host"; a name is chosen when it is committed (Enter, or leaving the field).
  const field = h("input", { id, list: "cafe-people", autocomplete: "off", dir: "auto", value: chosenText,
    placeholder: t("No host: type a name"), "aria-describedby": `host-when-${table.id}`,
    onchange: async (e) => {
      const el = e.target;
      const who = index.idFor(el.value);
      const when = document.getElementById(`host-when-${table.id}`);
      if (who === undefined) {
        if (when) when.textContent = NOBODY(el.value);
        return;
      }
      if (who === (chosen || null)) return;
      const reply = await ctx.send("cafe.host", { table: table.id, participant: who });
      if (!reply.ok) el.value = chosenText; // the console shows why
    } });
  // Who hosts the round under way: the one seated as host (``host`` may be a chosen host who is away).
  const now = table.members.find((m) => m.host);
  let when;
  if (underWay && chosen !== (now ? now.id : null)) {
    const next = { label: table.chosen_host };
    if (chosen && now) when = sentence(tNodes("{name} hosts from the next round; {now} hosts this one", names({ name: next, now })));
    else if (chosen) when = sentence(tNodes("{name} hosts from the next round", names({ name: next })));
    else if (now) when = sentence(tNodes("No host from the next round; {now} hosts this one", names({ now })));
    else when = t("No host from the next round");
  } else if (underWay) {
    when = ""; // the label says it: "Host from the next round"
  } else if (r && r.seated && r.status === "planned") {
    when = t("a change applies now: the round is seated again");
  } else {
    when = "";
  }
  return [
    h("label", { for: id, text: underWay ? t("Host from the next round") : t("Host") }), " ", field,
    h("span", { class: "hint host-when", id: `host-when-${table.id}` }, when),
  ];
}

// The hosts' round cards, one per table per round, for the facilitator's harvest.
function roundCards(a) {
  const cards = a.essences || [];
  if (!cards.length) return null;
  return [
    h("h4", { id: "cafe-round-cards-title", text: t("Round cards from the hosts ({count})", { count: formatNumber(cards.length) }) }),
    h("ul", { class: "console-round-cards", id: "cafe-round-cards" }, cards.map((e) => h("li", { dataset: { key: `essence-${e.round}-${e.table}` } },
      h("strong", { dir: "auto", text: t("Round {number}, {table}:", { number: formatNumber(e.round), table: e.table_name }) + " " }),
      e.essence ? h("span", { class: "pre", dir: "auto", text: e.essence }) : null,
      e.question ? h("span", { class: "hint", dir: "auto", text: " · " + t("For the next group: {question}", { question: e.question }) }) : null))),
  ];
}

// The plan of tables and hosts as it was last built, and from what: at 1,000 people it is 125
// tables and 1,750 elements, built and compared again at every key press in the workspace
// below it (most of such a redraw: bench/console.py --profile). Handed back as it is on the
// page (patch() leaves it untouched) until what it shows changes.
let planShown = null;

function tablesAndHosts(a, r, ctx) {
  // The hosts' fields name people as the index does ("Sam (2)"): their names are part of what it
  // shows, not the whole index, so someone arriving does not build it again.
  const hosts = a.plan.map((table) => (table.chosen_host_id ? index.textOf.get(table.chosen_host_id) || "" : ""));
  const source = JSON.stringify([a.id, a.plan, hosts, r ? r.status : null, languagesShown()]);
  if (planShown && planShown.source === source) return onPage(planShown.el);
  const el = h("ul", { class: "console-plan", id: "cafe-console-plan" }, a.plan.map((table) => h("li", { dataset: { key: `table-${table.id}` } },
    h("strong", { dir: "auto", text: table.name }),
    " ", tn("({count} of {n} seat)", "({count} of {n} seats)", table.capacity, { count: formatNumber(table.members.length) }), " ",
    ...hostControl(table, r, ctx),
    table.in_use === false ? h("span", { class: "hint", text: " · " + t("not used this round: too few people for every table") })
      // Each name isolated: one in a right-to-left script must not turn the whole list round.
      : h("span", { class: "hint travellers" }, table.members.filter((m) => !m.host).flatMap((m, i) => [i ? ", " : "", h("bdi", { text: m.label })])))));
  planShown = { source, el };
  return el;
}

export function console(root, state, ctx) {
  const a = state.activity;
  const r = a.round;
  index = peopleIndex((state.roster || []).filter((p) => !p.removed));
  const running = r && (r.status === "running" || r.status === "paused");
  const before = !running && !(r && r.status === "ended" && r.number === r.of);
  const buttons = h("div", { class: "row", id: "cafe-buttons" },
    !running ? h("button", { type: "button", class: "secondary", id: "cafe-seat", text: !r ? t("Seat round 1") : r.status === "planned" ? t("Seat again") : t("Seat the next round"),
      onclick: () => ctx.send("cafe.seat", {}) }) : null,
    before ? h("button", { type: "button", class: "primary", id: "cafe-start", text: t("Start round"),
      onclick: () => ctx.send("cafe.round.start", {}) }) : null,
    r && r.status === "running" ? h("button", { type: "button", class: "secondary", id: "cafe-pause", text: t("Pause"), onclick: () => ctx.send("cafe.round.pause", {}) }) : null,
    r && r.status === "paused" ? h("button", { type: "button", class: "secondary", id: "cafe-resume", text: t("Resume"), onclick: () => ctx.send("cafe.round.resume", {}) }) : null,
    running ? h("button", { type: "button", class: "secondary", id: "cafe-extend", text: t("+5 min"), onclick: () => ctx.send("cafe.round.extend", { minutes: 5 }) }) : null,
    running ? h("button", { type: "button", class: "primary", id: "cafe-end", text: t("End round"), onclick: () => ctx.send("cafe.round.end", {}) }) : null,
    r && r.seated && a.unseated && a.unseated.length ? h("button", { type: "button", class: "secondary", id: "cafe-seat-late",
      text: tn("Seat {n} late arrival", "Seat {n} late arrivals", a.unseated.length), onclick: () => ctx.send("cafe.seat_late", {}) }) : null);
  // Late arrivals whom no table has room for: their phones say they wait for the facilitator.
  const full = r && r.seated && r.status !== "ended" && a.unseated && a.unseated.length
    && a.plan.every((table) => table.members.length >= table.capacity);
  // Where the round stands is said once, above the panel (console.js nowState); the panel says how the tables mix.
  const mix = mixing(a, r);
  patch(root,
    mix ? h("p", { id: "cafe-mixing", text: mix }) : null,
    r && r.question ? h("p", { class: "pre", id: "cafe-question", dir: "auto", text: r.question }) : null,
    r && running ? countdown(r) : null,
    fitBox(state, ctx),
    full ? h("div", { class: "fit-warning", id: "cafe-full" }, h("p", { text: tn(
      "{n} person is waiting for a seat and every table is full: add a table or raise the tables' capacity in \"Set up tables and rounds\", then seat them.",
      "{n} people are waiting for a seat and every table is full: add a table or raise the tables' capacity in \"Set up tables and rounds\", then seat them.",
      a.unseated.length) })) : null,
    buttons,
    h("h4", { text: t("Tables and hosts") }),
    h("p", { class: "hint", id: "cafe-host-hint", text: t("Hosts stay at their table each round; everyone else moves to meet new people.") }),
    tablesAndHosts(a, r, ctx),
    a.volunteers.length ? h("p", { id: "cafe-volunteers" }, t("Offered to host:"), " ", h("span", { dir: "auto", text: a.volunteers.map((v) => v.label).join(", ") })) : null,
    whoSitsWhere(a, ctx),
    index.list,
    proposalBox(state, ctx),
    setupForm(a, ctx),
    roundCards(a),
    h("h4", { id: "cafe-board-title", text: t("The board ({count} on the screen)", { count: formatNumber(shownCards(a).length) }) }),
    groupControl(a, ctx, ["table", "round", "theme"]),
    boardWorkspace(state, ctx));
}
