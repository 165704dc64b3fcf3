// The facilitator's console: events, the live roster and the agenda.
import { $, h, replace } from "./lib/dom.js";
import { connectLive, showStatus } from "./lib/live.js";
import { loadActivity } from "./lib/activity.js";
import { renderExports } from "./console_exports.js";
import { settingsBox } from "./activities/circle_common.js";

const errorEl = $("#console-error");
const eventSection = $("#event");
let live = null;
let events = [];
let ev = null; // the console snapshot of the event being watched
const roster = new Map();
const current = { kind: null, module: null, root: null };

function showError(message) {
  errorEl.textContent = message || "";
  errorEl.hidden = !message;
}

async function login() {
  // The secret arrives in the fragment (never sent to the server in a URL);
  // trade it for an HttpOnly cookie and wipe it from the address bar.
  const match = location.hash.match(/key=([^&]+)/);
  if (!match) return;
  const res = await fetch("/console/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ key: decodeURIComponent(match[1]) }),
    credentials: "same-origin",
  });
  history.replaceState(null, "", location.pathname + location.search);
  if (!res.ok) showError((await res.json()).error);
}

async function send(name, payload) {
  const reply = await live.send(name, payload);
  showError(reply.ok ? "" : reply.error);
  return reply;
}

function start() {
  live = connectLive({
    role: "console",
    onStatus: (s, detail) => showStatus($("#status"), s, detail),
    onRefused: (err) => {
      showError(err.message);
      replace($("#event-list"));
    },
    onSnapshot: (snap) => {
      events = snap.events;
      renderTemplates(snap.templates || []);
      $("#mode").textContent = snap.tls ? "HTTPS" : "Plain HTTP on the local network";
      renderEvents();
      const wanted = new URLSearchParams(location.search).get("event");
      if (wanted) watch(wanted);
    },
    onPatch: (patch) => {
      if (!ev) return;
      ev = { ...ev, ...patch };
      if (patch.roster) {
        roster.clear();
        for (const p of patch.roster) roster.set(p.id, p);
      }
      renderEvent();
    },
    onMessage: (name, payload) => {
      if (name === "roster.person" || name === "roster.gone") {
        if (name === "roster.person") roster.set(payload.id, payload);
        else roster.delete(payload.id);
        renderRoster();
        // The running activity may count or list people (the café's table proposal).
        if (ev && current.module && current.module.message) current.module.message(name, payload, ev, consoleCtx());
      } else if (name === "screens") {
        if (ev) {
          ev.screens = payload.screens;
          renderScreens();
        }
      } else if (name === "event.deleted") {
        ev = null;
        eventSection.hidden = true;
        refreshEvents();
      } else if (ev && current.module && current.module.message) {
        current.module.message(name, payload, ev, consoleCtx());
      }
    },
  });
}

let templates = [];

function renderTemplates(list) {
  templates = list;
  const select = $("#c-template");
  const chosen = select.value;
  replace(select, list.map((t) => h("option", { value: t.id, text: t.built_in ? t.name : `${t.name} (saved)` })));
  if (chosen && list.some((t) => t.id === chosen)) select.value = chosen;
  describeTemplate();
}

function describeTemplate() {
  const t = templates.find((x) => x.id === $("#c-template").value);
  $("#c-template-about").textContent = t ? `${t.description} ${t.activities.join(" → ")}` : "";
}
$("#c-template").addEventListener("change", describeTemplate);

async function saveTemplate() {
  const name = prompt("Name the template (its agenda, titles and settings are kept):", `${ev.event.title} agenda`);
  if (!name) return;
  const reply = await send("template.save", { event: ev.event.code, name });
  if (reply.ok) {
    const listed = await send("console.templates", {});
    if (listed.ok) renderTemplates(listed.templates);
  }
}

async function refreshEvents() {
  const reply = await send("console.events", {});
  if (reply.ok) {
    events = reply.events;
    renderEvents();
  }
}

function renderEvents() {
  replace($("#event-list"), events.length === 0
    ? h("li", { class: "hint", text: "No events yet: create one below." })
    : events.map((e) => h("li", {},
        h("button", { type: "button", class: "link", onclick: () => watch(e.code) },
          h("span", { dir: "auto", text: e.title })),
        ` · ${e.display_code} · ${e.people} ${e.people === 1 ? "person" : "people"}${e.locked ? " · locked" : ""}`)));
}

async function watch(code) {
  const reply = await send("console.watch", { event: code });
  if (!reply.ok) return;
  ev = reply.snapshot;
  roster.clear();
  for (const p of ev.roster || []) roster.set(p.id, p);
  const url = new URL(location.href);
  url.searchParams.set("event", ev.event.code);
  history.replaceState(null, "", url);
  builtFor = null;
  renderEvent();
}

$("#create-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = e.target;
  const reply = await send("event.create", {
    template: f.template.value,
    title: f.title.value,
    purpose: f.purpose.value,
    welcome_text: f.welcome_text.value,
    agreement_text: f.agreement_text.value,
  });
  if (reply.ok) {
    f.reset();
    await refreshEvents();
    watch(reply.code);
  }
});

function consoleCtx() {
  return { send: (name, payload) => send(name, { event: ev.event.code, ...payload }), rerender: renderEvent };
}

// The event panel is built once per event; patches refresh only the parts that
// change (agenda, the running activity, the roster), so nothing the facilitator
// is typing is lost when someone joins or the agenda moves.
let builtFor = null;

function renderEvent() {
  if (!ev) return;
  eventSection.hidden = false;
  $("#create").open = false;
  const e = ev.event;
  if (builtFor !== e.code) {
    builtFor = e.code;
    buildEvent();
  }
  $("#event-title").textContent = e.title;
  $("#locked").checked = e.locked;
  $("#screen-link").href = ev.screen_link;
  renderScreens();
  // A circle's settings being edited in the agenda survive the redraw, focus and all.
  const focused = document.activeElement;
  replace($("#agenda-box"), renderAgenda());
  if (focused && focused !== document.activeElement && $("#agenda-box").contains(focused)) focused.focus();
  renderRoster();
  renderNow();
  renderExports($("#console-extras"), ev, consoleCtx());
}

function buildEvent() {
  const e = ev.event;
  replace(eventSection,
    h("div", { class: "event-head" },
      h("h2", { id: "event-title", dir: "auto", text: e.title }),
      h("p", {}, "Code ", h("strong", { class: "code", text: e.display_code }),
        " · join link ", h("a", { href: ev.join_url, id: "join-link", text: ev.join_url }),
        " · ", h("a", { id: "screen-link", href: ev.screen_link, target: "_blank", rel: "noopener", text: "Open the big screen" }),
        " · ", h("a", { href: `/e/${e.code}/qr.png`, download: `join-${e.code}.png`, text: "QR code (PNG)" })),
      h("label", { class: "check" },
        h("input", { type: "checkbox", id: "locked", checked: e.locked,
          onchange: (evt) => send("event.lock", { event: e.code, locked: evt.target.checked }) }),
        " Lock the event to new joins"),
      h("div", { id: "screens", class: "screens", "aria-live": "polite" }),
      renderDetailsForm()),
    h("div", { class: "console-grid" },
      h("section", { "aria-labelledby": "agenda-title" }, h("h3", { id: "agenda-title", text: "Agenda" }), h("div", { id: "agenda-box" })),
      h("section", { "aria-labelledby": "now-title" }, h("h3", { id: "now-title", text: "Now" }), h("div", { id: "now" })),
      h("section", { "aria-labelledby": "roster-title" },
        h("h3", { id: "roster-title" }, "People ", h("span", { id: "roster-count" })),
        h("ul", { id: "roster", class: "roster" }),
        h("form", { class: "inline", onsubmit: addWithoutPhone },
          h("label", { for: "add-name", text: "Add someone without a phone" }),
          h("input", { id: "add-name", name: "name", maxlength: 60, dir: "auto" }),
          h("button", { type: "submit", class: "secondary", text: "Add" })))),
    h("div", { id: "console-extras" }),
    h("details", { class: "danger-zone" }, h("summary", { text: "Console link" }),
      h("p", { text: "Make a new console link if the old one may have been seen. Other consoles are signed out." }),
      h("button", { type: "button", class: "secondary", text: "Make a new console link", onclick: rotate })));
  current.kind = undefined;
}

// The big screens showing this event: the code on the screen opens only the
// join page, so each of these was opened with the screen link. One nobody in
// the room opened is closed by making a new link (the old one opens nothing).
function renderScreens() {
  const el = $("#screens");
  if (!el) return;
  const list = ev.screens || [];
  const at = (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  replace(el,
    h("p", { id: "screens-count", text: list.length === 0 ? "No big screen is showing this event."
      : `${list.length} big screen${list.length === 1 ? "" : "s"} showing this event:` }),
    list.length ? h("ul", { id: "screen-list" }, list.map((x) => h("li", { text: `since ${at(x.since)}, from ${x.address}` }))) : null,
    h("button", { type: "button", class: "small secondary", id: "screen-rotate", text: "Close the big screens and make a new screen link",
      onclick: async () => {
        if (!confirm("Close every big screen showing this event and make a new screen link? The old link stops working.")) return;
        const reply = await send("screen.rotate", { event: ev.event.code });
        if (reply.ok) {
          ev.screen_link = reply.screen_link;
          $("#screen-link").href = ev.screen_link;
        }
      } }));
}

// An activity that holds what people gave (turns, words, goals...) is only
// removed after the facilitator confirms the server's question.
async function removeActivity(a) {
  const payload = { event: ev.event.code, activity: a.id };
  const reply = await live.send("agenda.remove", payload);
  if (reply.ok || reply.code !== "confirm") {
    showError(reply.ok ? "" : reply.error);
    return;
  }
  showError("");
  if (confirm(reply.error)) await send("agenda.remove", { ...payload, confirm: true });
}

const CIRCLES = ["checkin", "checkout"];

function renderAgenda() {
  const e = ev.event;
  const list = h("ol", { class: "agenda" }, ev.agenda.map((a, i) =>
    h("li", { class: a.id === ev.current ? "current" : "", "aria-current": a.id === ev.current ? "step" : false },
      h("span", { dir: "auto", text: a.title }), " ",
      h("span", { class: "hint", text: `(${a.kind})` }), " ",
      a.id === ev.current ? h("strong", { text: "now" })
        : h("button", { type: "button", class: "small", text: "Go", "aria-label": `Go to ${a.title}`,
            onclick: () => send("agenda.goto", { event: e.code, activity: a.id }) }),
      i > 0 ? h("button", { type: "button", class: "small", text: "↑", "aria-label": `Move ${a.title} up`,
        onclick: () => send("agenda.move", { event: e.code, activity: a.id, to: i - 1 }) }) : null,
      i < ev.agenda.length - 1 ? h("button", { type: "button", class: "small", text: "↓", "aria-label": `Move ${a.title} down`,
        onclick: () => send("agenda.move", { event: e.code, activity: a.id, to: i + 1 }) }) : null,
      a.id !== ev.current ? h("button", { type: "button", class: "small", text: "Remove", "aria-label": `Remove ${a.title}`,
        onclick: () => removeActivity(a) }) : null,
      // The running circle has its settings under "Now"; the others are set up here.
      CIRCLES.includes(a.kind) && a.id !== ev.current ? settingsBox($("#agenda-box"), a, consoleCtx()) : null)));
  const kinds = h("select", { id: "add-kind", "aria-label": "Kind of activity" },
    ev.kinds.map((k) => h("option", { value: k.kind, text: k.label })));
  const title = h("input", { id: "add-title", placeholder: "Title (optional)", maxlength: 200, "aria-label": "Title of the new activity" });
  return [
    list,
    h("div", { class: "row" },
      h("button", { type: "button", class: "secondary", text: "◀ Previous", onclick: () => send("agenda.prev", { event: e.code }) }),
      h("button", { type: "button", class: "primary", id: "agenda-next", text: "Next ▶", onclick: () => send("agenda.next", { event: e.code }) })),
    h("form", { class: "inline", onsubmit: (evt) => {
      evt.preventDefault();
      send("agenda.add", { event: e.code, kind: kinds.value, title: title.value || null }).then((r) => r.ok && (title.value = ""));
    } }, kinds, title, h("button", { type: "submit", class: "secondary", text: "Add to agenda" })),
    h("button", { type: "button", class: "small", text: "Save this agenda as a template", onclick: saveTemplate }),
  ];
}

// Who has accepted the group agreement as it is worded now, and when
// (the record of earlier wordings is in the exports).
function agreementNote(p) {
  if (!ev.event.agreement_text || p.without_phone) return null;
  if (!p.agreed_at) return h("span", { class: "hint agreed", dataset: { agreed: "0" }, text: " · has not accepted the agreement yet" });
  const at = new Date(p.agreed_at);
  return h("span", { class: "hint agreed", dataset: { agreed: "1" }, title: at.toISOString(),
    text: ` · accepted the agreement at ${at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}` });
}

function renderRoster() {
  const el = $("#roster");
  if (!el) return;
  const people = [...roster.values()];
  const online = people.filter((p) => p.online || p.without_phone).length;
  $("#roster-count").textContent = `(${people.length}, ${online} connected)`;
  replace(el, people.map((p) => h("li", { dataset: { online: p.online ? "1" : "0" } },
    h("span", { class: "dot", "aria-hidden": "true" }),
    h("span", { dir: "auto", text: p.anonymous ? "Anonymous" : p.label }),
    p.pronouns ? h("span", { class: "hint", dir: "auto", text: ` (${p.pronouns})` }) : null,
    h("span", { class: "visually-hidden", text: p.without_phone ? " without a phone" : p.online ? " connected" : " not connected" }),
    p.without_phone ? h("span", { class: "hint", text: " · no phone" }) : null,
    agreementNote(p),
    " ",
    h("button", { type: "button", class: "small", text: "Remove", "aria-label": `Remove ${p.label}`,
      onclick: () => {
        if (confirm(`Remove ${p.label} from this event? What they posted stays.`)) {
          send("participant.remove", { event: ev.event.code, participant: p.id });
        }
      } }),
    h("button", { type: "button", class: "small", text: "Remove and erase", "aria-label": `Remove ${p.label} and erase everything they posted`,
      onclick: () => {
        if (confirm(`Remove ${p.label} and permanently erase everything they posted?`)) {
          send("participant.remove", { event: ev.event.code, participant: p.id, erase: true });
        }
      } }))));
}

function renderDetailsForm() {
  const e = ev.event;
  const field = (name, label, value, rows) => [
    h("label", { for: `e-${name}`, text: label }),
    rows ? h("textarea", { id: `e-${name}`, name, rows, maxlength: 4000, dir: "auto" }, value || "")
      : h("input", { id: `e-${name}`, name, maxlength: 200, value: value || "", dir: "auto" }),
  ];
  return h("details", { class: "event-details" }, h("summary", { text: "Edit the event's details" }),
    h("form", { class: "stack", onsubmit: (evt) => {
      evt.preventDefault();
      const f = evt.target;
      send("event.update", { event: e.code, title: f.title.value, purpose: f.purpose.value,
        welcome_text: f.welcome_text.value, agreement_text: f.agreement_text.value });
    } },
      field("title", "Title", e.title),
      field("purpose", "Purpose", e.purpose, 2),
      field("welcome_text", "Welcome text", e.welcome_text, 2),
      field("agreement_text", "Group agreement (people accept it before taking part)", e.agreement_text, 3),
      h("button", { type: "submit", class: "secondary", text: "Save details" })));
}

async function renderNow() {
  const el = $("#now");
  const activity = ev.activity;
  const kind = activity ? activity.kind : null;
  if (current.kind !== kind) {
    current.kind = kind;
    current.module = kind ? await loadActivity(kind) : null;
    if (current.kind !== kind) return;
  }
  if (!activity) replace(el, h("p", { text: "No activity is running." }));
  else if (current.module && current.module.console) current.module.console(el, ev, consoleCtx());
  else replace(el, h("p", {}, "Running: ", h("strong", { dir: "auto", text: activity.title })));
}

async function addWithoutPhone(evt) {
  evt.preventDefault();
  const input = evt.target.name;
  const reply = await send("participant.add", { event: ev.event.code, name: input.value });
  if (reply.ok) input.value = "";
}

async function rotate() {
  if (!confirm("Make a new console link? The old link stops working.")) return;
  const reply = await send("console.rotate_secret", {});
  if (reply.ok) {
    await fetch("/console/login", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ key: reply.secret }), credentials: "same-origin" });
    alert(`The new console link is:\n${reply.console_url}\n\nKeep it private.`);
  }
}

login().finally(start);
