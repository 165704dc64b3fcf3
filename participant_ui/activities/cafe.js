// The world café: where to go, the question, the time left; hosts harvest cards for their table.
import { h, replace } from "../lib/dom.js";
import { TAG_LABELS, cardEl, countdown, removeById, upsert } from "./board_common.js";

let askedForSeat = false;
// Kept across re-renders: a card arriving from another phone must not wipe a draft or a "saved".
let draft = "";
let cardStatus = { cls: "", text: "" };

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
      h("ul", { class: "members" }, seat.members.map((m) =>
        h("li", { dir: "auto", text: `${m.label}${m.host ? " (host)" : ""}${m.without_phone ? " · no phone" : ""}` }))));
    if (seat.can_post) parts.push(...harvest(state, ctx, seat));
  }
  replace(root, ...parts);
}

function harvest(state, ctx, seat) {
  const a = state.activity;
  const r = a.round;
  const me = state.me.id;
  const earlier = seat.cards.filter((c) => r && c.round && c.round < r.number);
  const now = seat.cards.filter((c) => !(r && c.round && c.round < r.number));
  const out = [];
  if (seat.is_host && earlier.length) {
    out.push(h("h2", { text: "Said at this table before" }),
      h("ul", { class: "cards" }, earlier.map((c) => cardEl(c))));
  }
  const text = h("textarea", { id: "card-text", maxlength: 1000, rows: 3, dir: "auto", required: true,
    oninput: (e) => { draft = e.target.value; } });
  text.value = draft;
  const tag = h("select", { id: "card-tag" }, h("option", { value: "", text: "No tag" }),
    a.tags.map((t) => h("option", { value: t, text: TAG_LABELS[t] })));
  const theme = a.themes.length ? h("select", { id: "card-theme" }, h("option", { value: "", text: "No theme" }),
    a.themes.map((t) => h("option", { value: String(t.id), text: t.name }))) : null;
  const noPhone = seat.members.filter((m) => m.without_phone);
  const behalf = noPhone.length ? h("select", { id: "card-behalf" }, h("option", { value: "", text: "Myself / the table" }),
    noPhone.map((m) => h("option", { value: String(m.id), text: m.label }))) : null;
  const status = h("p", { class: `card-status ${cardStatus.cls}`, role: "status", id: "card-status", text: cardStatus.text });
  const show = (cls, message) => {
    cardStatus = { cls, text: message };
    const el = document.getElementById("card-status");
    if (el) {
      el.className = `card-status ${cls}`;
      el.textContent = message;
    }
  };
  const form = h("form", { class: "stack card-form", onsubmit: async (e) => {
    e.preventDefault();
    if (!text.value.trim()) return;
    const payload = { text: text.value, tag: tag.value || null, table: seat.table };
    if (theme && theme.value) payload.theme = Number(theme.value);
    if (behalf && behalf.value) payload.on_behalf = Number(behalf.value);
    text.value = "";
    draft = "";
    show("waiting", "Saving…");
    const item = await ctx.outbox.add("card.add", payload);
    if (item.state === "saved") show("saved", "Saved ✓");
    else if (item.state === "refused") show("error", item.error);
    else show("waiting", "Waiting for the connection; it will be sent.");
  } },
    h("label", { for: "card-text", text: "Add an insight from this table" }), text,
    h("label", { for: "card-tag", text: "Control, Contact or Confidence (optional)" }), tag,
    theme ? [h("label", { for: "card-theme", text: "Theme (optional)" }), theme] : null,
    behalf ? [h("label", { for: "card-behalf", text: "On behalf of" }), behalf] : null,
    h("button", { type: "submit", class: "primary", text: "Add card" }), status);
  out.push(h("h2", { text: "This round's cards" }), form,
    h("ul", { class: "cards", id: "table-cards" }, now.map((c) => cardEl(c, { actions: cardActions(c, seat, me, ctx) }))));
  return out;
}

function cardActions(card, seat, me, ctx) {
  if (card.author !== me && !seat.is_host) return null;
  return h("div", { class: "row" },
    h("button", { type: "button", class: "small", text: "Edit", "aria-label": "Edit this card", onclick: () => {
      const text = prompt("Edit the card", card.text);
      if (text && text.trim()) ctx.send("card.edit", { card: card.id, text, tag: card.tag || null });
    } }),
    card.author === me ? h("button", { type: "button", class: "small", text: "Withdraw", "aria-label": "Withdraw this card",
      onclick: () => ctx.send("card.withdraw", { card: card.id }) }) : null);
}

export function message(name, payload, state, ctx) {
  if (name === "board.card") {
    const a = state.activity;
    if (a && a.recent) {
      removeById(a.recent, payload.id);
      a.recent.unshift(payload);
      a.recent.length = Math.min(a.recent.length, 8);
      a.card_count = (a.card_count || 0) + 1;
    }
    const seat = state.mine && state.mine.seat;
    if (seat && seat.can_post && seat.table === payload.table) upsert(seat.cards, payload);
    ctx.rerender();
  } else if (name === "board.card_gone") {
    const a = state.activity;
    if (a && a.recent) removeById(a.recent, payload.id);
    const seat = state.mine && state.mine.seat;
    if (seat) removeById(seat.cards, payload.id);
    ctx.rerender();
  }
}

function plan(a) {
  return h("ol", { class: "plan", id: "plan" }, (a.plan || []).map((t) =>
    h("li", { class: "plan-table", dataset: { table: String(t.id) } },
      h("h3", { dir: "auto", text: t.name }),
      h("p", { class: "host", dir: "auto", text: t.host ? `Host: ${t.host}` : "No host yet" }),
      h("ul", {}, t.members.filter((m) => !m.host).map((m) => h("li", { dir: "auto", text: m.label }))))));
}

export function screen(root, state) {
  const a = state.activity;
  const r = a.round;
  replace(root,
    h("h2", { text: r ? (r.status === "ended" ? "Thank you: the rounds are over" : `Round ${r.number} of ${r.of}`) : "World café" }),
    r && r.question && r.status !== "ended" ? h("p", { class: "question pre", dir: "auto", text: r.question }) : null,
    r && (r.status === "running" || r.status === "paused") ? countdown(r) : null,
    r && r.status === "planned" ? h("p", { class: "lead", text: "Find your table on your phone, or here:" }) : null,
    plan(a),
    a.recent && a.recent.length ? h("section", { class: "recent", "aria-label": "Latest from the tables" },
      h("h3", { text: `From the tables (${a.card_count})` }),
      h("ul", { class: "cards", id: "recent-cards" }, a.recent.map((c) => cardEl(c)))) : null);
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
  const c = a.config;
  const questions = h("textarea", { id: "cafe-questions", rows: 4, "aria-label": "Questions, one a round (one a line)",
    text: c.rounds.map((x) => x.question).join("\n") });
  const tablesInput = h("input", { id: "cafe-tables", type: "number", min: 1, max: 400, value: c.tables.length, "aria-label": "Number of tables" });
  const capInput = h("input", { id: "cafe-capacity", type: "number", min: 2, max: 20, value: c.capacity, "aria-label": "Seats a table" });
  const minInput = h("input", { id: "cafe-minutes", type: "number", min: 1, max: 120, value: c.minutes, "aria-label": "Minutes a round" });
  const anyone = h("input", { type: "checkbox", id: "cafe-anyone", checked: c.anyone_can_post });
  replace(root,
    h("p", {}, r ? `Round ${r.number} of ${r.of}: ${r.status}${r.seated ? ` · repeat meetings: ${r.repeats}` : ""}` : "Not seated yet"),
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
    h("details", {}, h("summary", { text: "Set up tables and rounds" }),
      h("form", { class: "stack", onsubmit: (e) => {
        e.preventDefault();
        const qs = questions.value.split("\n").map((q) => q.trim());
        ctx.send("cafe.setup", { config: {
          tables: Number(tablesInput.value), capacity: Number(capInput.value), minutes: Number(minInput.value),
          rounds: qs.map((q) => ({ question: q, minutes: Number(minInput.value) })), anyone_can_post: anyone.checked } });
      } },
        h("label", { for: "cafe-tables", text: "Tables" }), tablesInput,
        h("label", { for: "cafe-capacity", text: "Seats a table" }), capInput,
        h("label", { for: "cafe-minutes", text: "Minutes a round" }), minInput,
        h("label", { for: "cafe-questions", text: "Questions (one a round, one a line; repeat a line to ask again)" }), questions,
        h("label", { class: "check" }, anyone, " Anyone at a table may add cards"),
        h("button", { type: "submit", class: "secondary", text: "Save set-up" }))));
}
