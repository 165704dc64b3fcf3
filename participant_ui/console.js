// The facilitator's console: events, the live roster and the agenda.
import { $, coalesce, h, onPage, patch, replace } from "./lib/dom.js";
import { connectLive, mergePatch, showStatus } from "./lib/live.js";
import { tradeForCookie } from "./lib/link_secret.js";
import { handToActivity, loadActivity } from "./lib/activity.js";
import { renderExports } from "./console_exports.js";
import { settingsBox } from "./lib/circle_widgets.js";
import { presentingControls } from "./lib/presenting.js";
import { formatNumber, formatTime, loadLanguage, t, tn, tNodes } from "./lib/i18n.js";
import { textsButton } from "./lib/texts_dialog.js";
import { inLanguage } from "./lib/own_texts.js";

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

// Several server processes: whether live updates between them are interrupted
// (each keeps serving its own phones meanwhile). null or {ok: true}: all is well.
function showCluster(status) {
  const el = $("#cluster-status");
  const broken = Boolean(status && !status.ok);
  el.textContent = broken ? status.message : "";
  el.hidden = !broken;
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
      showCluster(snap.cluster);
      renderTemplates(snap.templates || []);
      $("#mode").textContent = snap.tls ? "HTTPS" : t("Plain HTTP on the local network");
      renderEvents();
      const wanted = new URLSearchParams(location.search).get("event");
      if (wanted) watch(wanted);
    },
    onPatch: (patch) => {
      if (!ev) return;
      const next = mergePatch(ev, patch);
      if (!next) {
        watch(ev.event.code); // a part of an activity this console does not hold: its whole view again
        return;
      }
      ev = next;
      if (patch.roster) {
        roster.clear();
        for (const p of patch.roster) roster.set(p.id, p);
      }
      // Patches come in bursts too (a card from each of 250 tables): one redraw for them all.
      renderEventSoon();
    },
    onMessage: (name, payload) => {
      if (name === "roster.person" || name === "roster.gone") {
        if (name === "roster.person") roster.set(payload.id, payload);
        else roster.delete(payload.id);
        renderRosterSoon();
        // The running activity may count or list people (the café's table proposal).
        toActivity(name, payload);
      } else if (name === "screens") {
        if (ev) {
          ev.screens = payload.screens;
          renderScreens();
        }
      } else if (name === "cluster") {
        showCluster(payload);
      } else if (name === "cohosts") {
        if (ev) {
          ev.cohosts = payload.cohosts;
          renderCohost();
        }
      } else if (name === "event.deleted") {
        ev = null;
        eventSection.hidden = true;
        refreshEvents();
      } else {
        toActivity(name, payload);
      }
    },
  });
}

// A message for the running activity, handed to its module (once loaded: lib/activity.js), with the
// event as it stands when the module takes it.
function toActivity(name, payload) {
  const running = () => ev && ev.activity;
  // A live message redraws the console through coalesce() (a burst of cards at 250 tables is a
  // few redraws, not one a card); the facilitator's own actions redraw at once.
  handToActivity(running(), running, (module) => module.message(name, payload, ev, { ...consoleCtx(), rerender: renderEventSoon }));
}

const renderEventSoon = coalesce(() => renderEvent());

let templates = [];

function renderTemplates(list) {
  templates = list;
  const select = $("#c-template");
  const chosen = select.value;
  replace(select, list.map((x) => h("option", { value: x.id, text: x.built_in ? x.name : t("{name} (saved)", { name: x.name }) })));
  if (chosen && list.some((x) => x.id === chosen)) select.value = chosen;
  describeTemplate();
}

function describeTemplate() {
  const template = templates.find((x) => x.id === $("#c-template").value);
  $("#c-template-about").textContent = template ? `${template.description} ${template.activities.join(" → ")}` : "";
}
$("#c-template").addEventListener("change", describeTemplate);

async function saveTemplate() {
  const name = prompt(t("Name the template (its agenda, titles and settings are kept):"), t("{title} agenda", { title: ev.event.title }));
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
  // A first run shows what to do first; once there is an event the steps are on its page.
  $("#first-steps").hidden = events.length > 0;
  replace($("#event-list"), events.length === 0
    ? h("li", { class: "hint", text: t("No events yet: create one below.") })
    : events.map((e) => h("li", { "aria-current": ev && ev.event.code === e.code ? "page" : false },
        h("button", { type: "button", class: "link", onclick: () => watch(e.code) },
          h("span", { dir: "auto", text: e.title })),
        // The code isolated: in a right-to-left console it keeps its place before the count.
        h("span", { class: "people-count" }, " · ", h("bdi", { dir: "ltr", text: e.display_code }),
          " · " + peopleCount(e.people) + (e.locked ? " · " + t("locked") : "")))));
}

const peopleCount = (n) => tn("{n} person", "{n} people", n);

// The list is sent once; the watched event's count follows its roster, live.
function countWatched() {
  const listed = ev && events.find((e) => e.code === ev.event.code);
  if (!listed) return;
  const people = roster.size;
  if (listed.people !== people || listed.locked !== ev.event.locked) {
    listed.people = people;
    listed.locked = ev.event.locked;
    renderEvents();
  }
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
  const fresh = builtFor !== ev.event.code;
  builtFor = null;
  renderEvent();
  refreshEvents(); // the other events' counts, as they are now
  // Land on the event (a new one was created from the bottom of the page).
  if (fresh) {
    window.scrollTo(0, 0);
    $("#event-title").focus({ preventScroll: true });
  }
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
  renderCohost();
  // patch, not replace: a choice half made in the spotlight picker survives someone joining.
  patch($("#presenting-box"), presentingControls(ev, consoleCtx()));
  // patch(): a circle's settings being edited in the agenda, or a title being typed, survive the redraw.
  patch($("#agenda-box"), renderAgenda());
  renderRoster();
  renderNow();
  renderExports($("#console-extras"), ev, consoleCtx());
  restoreTyped();
  fitCockpit();
}

// What the facilitator has typed and not yet saved (a circle's prompt, the café's
// questions, a name to add, the roster search) survives a reload: kept as it is
// typed in the tab's sessionStorage, by event (and activity, in the now panel),
// put back into the fields once they are drawn again, and forgotten when its form
// is sent. Only text: a choice in a list may act at once, so it is never replayed.
// Each field is put back once after the page loads, not at every redraw: live
// updates keep what is typed by themselves (patch(), forms that keep their fields).
const restoredKeys = new Set();

function typable(el) {
  const text = el instanceof HTMLTextAreaElement
    || (el instanceof HTMLInputElement && ["text", "search", "number"].includes(el.type));
  return text && !el.readOnly && eventSection.contains(el);
}

function typedKey(el) {
  const name = el.id || el.getAttribute("aria-label");
  if (!ev || !name) return null;
  const inNow = $("#now") && $("#now").contains(el);
  return `cc-console-${ev.event.code}-${inNow ? `${ev.current}-` : ""}${name}`;
}

function keepTyped(el, value) {
  const key = typedKey(el);
  try {
    if (key && value === null) sessionStorage.removeItem(key);
    else if (key) sessionStorage.setItem(key, value);
  } catch {
    /* storage switched off: what is typed lives only on the page */
  }
}

document.addEventListener("input", (e) => typable(e.target) && keepTyped(e.target, e.target.value));
// Capture: the form's own handler may redraw it before this would run.
document.addEventListener("submit", (e) => {
  for (const el of e.target.elements || []) if (typable(el)) keepTyped(el, null);
}, true);

function restoreTyped() {
  for (const el of eventSection.querySelectorAll("input, textarea")) {
    if (!typable(el)) continue;
    const key = typedKey(el);
    if (!key || restoredKeys.has(key)) continue;
    restoredKeys.add(key);
    let kept = null;
    try {
      kept = sessionStorage.getItem(key);
    } catch {
      kept = null;
    }
    if (kept === null || kept === el.value) continue;
    el.value = kept;
    // A form folded away with something typed in it opens again, as it was left.
    const folded = el.closest("details");
    if (folded) folded.open = true;
    // Its form learns of it as if typed: it is kept through redraws and marked unsaved.
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

// An activity's title as the console shows it: one the toolkit wrote (a kind's name, a template's
// title: `defaults`) in the console's language, one the facilitator typed as typed.
function titleOf(a) {
  return a && (a.defaults || []).includes("title") ? t(a.title) : a && a.title;
}

// The plain word for each kind of activity (docs/glossary.md), never its code, in the console's language.
function kindLabel(kind) {
  const known = (ev.kinds || []).find((k) => k.kind === kind);
  return known ? t(known.label) : t("Activity");
}

// An arrow that points the way the page reads: onwards is to the left in Arabic and Urdu.
const arrow = (way) => ((way === "on") === (document.documentElement.dir === "rtl") ? "◀" : "▶");

// The big screen opens in a window of its own, sized for a projector and placed
// beside this screen (where an extended display usually is): the facilitator
// drags it there if the browser could not, and presses its Full screen button.
function openBigScreen(evt) {
  evt.preventDefault();
  const left = (window.screen.availLeft || 0) + window.screen.availWidth;
  const features = `popup=yes,left=${left},top=0,width=1280,height=720`;
  const win = window.open(ev.screen_link, `big-screen-${ev.event.code}`, features);
  if (!win) {
    showError(t("The browser blocked the big screen's window: allow pop-ups for this page, or open the link in a new window."));
    return;
  }
  showError("");
  win.opener = null;
}

const PRINTS = () => [
  ["tents", t("Table tents (one per café table)")],
  ["poster", t("QR poster for the door")],
  ["run-sheet", t("Run sheet for the facilitator")],
  ["seats", t("Name-and-table cards (people without a phone)")],
];

// The cockpit fills the rest of the window below the event's header, whatever
// that header's height (a long title wraps): measured, since CSS cannot know it.
function fitCockpit() {
  const cockpit = $(".cockpit");
  if (!cockpit) return;
  const top = cockpit.getBoundingClientRect().top + window.scrollY;
  document.documentElement.style.setProperty("--cockpit-top", `${Math.round(top)}px`);
}
window.addEventListener("resize", fitCockpit);

function buildEvent() {
  const e = ev.event;
  const menu = (cls, label, ...items) => h("details", { class: `menu ${cls}` }, h("summary", { text: label }),
    h("div", { class: "menu-items" }, items));
  replace(eventSection,
    h("div", { class: "event-head" },
      h("h2", { id: "event-title", dir: "auto", tabindex: "-1", text: e.title }),
      h("p", { class: "event-code" }, ...tNodes("Code {code}", { code: h("strong", { class: "code", text: e.display_code }) }),
        " · ", h("a", { href: ev.join_url, id: "join-link", dir: "ltr", text: ev.join_url })),
      h("div", { class: "event-tools row" },
        h("a", { id: "screen-link", class: "button", href: ev.screen_link, target: "_blank", rel: "noopener",
          "aria-describedby": "screen-hint", onclick: openBigScreen, text: t("Put the big screen on the projector") }),
        // Whether a big screen shows the event, at a glance; what opened it, and a new link, in its menu.
        h("details", { class: "menu screens-menu" },
          h("summary", {}, h("span", { id: "screens-summary", "aria-live": "polite" })),
          h("div", { class: "menu-items" }, h("div", { id: "screens", class: "screens" }))),
        menu("print-menu", t("Print"),
          PRINTS().map(([what, label]) => h("a", { href: `/e/${e.code}/print/${what}`, target: "_blank", rel: "noopener", text: label })),
          h("p", { class: "hint", text: t("Each opens a page to print on A4 or Letter.") })),
        h("label", { class: "check" },
          h("input", { type: "checkbox", id: "locked", checked: e.locked,
            onchange: (evt) => send("event.lock", { event: e.code, locked: evt.target.checked }) }),
          " ", t("Lock to new joins")),
        menu("cohost-menu", t("Co-host"), h("div", { id: "cohost-box", class: "cohost-box stack" })),
        menu("more-menu", t("Event settings"),
          renderDetailsForm(),
          renderLanguagesForm(),
          textsButton(() => ev, send, ROOM_LANGUAGES),
          h("p", {}, h("a", { href: `/e/${e.code}/qr.png`, download: `join-${e.code}.png`, text: t("Download the QR code (PNG)") })),
          h("button", { type: "button", class: "small", text: t("Save this agenda as a template"), onclick: saveTemplate }),
          h("p", { text: t("Make a new console link if the old one may have been seen. Other consoles are signed out.") }),
          h("button", { type: "button", class: "small", text: t("Make a new console link"), onclick: rotate }))),
      h("div", { class: "screen-line" },
        // Until a big screen shows the event: how to put it on the projector.
        h("p", { id: "screen-hint", class: "hint", text: t("The big screen opens in a window of its own: drag it to the projector and press its Full screen button (or F11).") }),
        h("div", { id: "presenting-box" }))),
    h("div", { class: "cockpit" },
      h("section", { class: "panel run", "aria-labelledby": "agenda-title" },
        h("h3", { id: "agenda-title", text: t("Run of show") }),
        h("p", { id: "undo-line", class: "undo-line", role: "status" }),
        h("div", { id: "agenda-box" })),
      h("section", { class: "panel now", "aria-labelledby": "now-title" },
        h("h3", { id: "now-title", text: t("Now") }), h("p", { id: "now-state", class: "now-state" }),
        h("div", { id: "now-next", class: "now-next" }), h("div", { id: "now" })),
      h("section", { class: "panel room", "aria-labelledby": "roster-title" },
        h("h3", { id: "roster-title", text: t("The room") }),
        h("dl", { id: "room-counts", class: "room-counts" }),
        h("div", { class: "roster-tools" },
          h("label", { for: "roster-search", class: "visually-hidden", text: t("Find a person") }),
          h("input", { id: "roster-search", type: "search", placeholder: t("Find a person"), autocomplete: "off", dir: "auto", oninput: renderRoster }),
          h("label", { for: "roster-filter", class: "visually-hidden", text: t("Show") }),
          h("select", { id: "roster-filter", onchange: renderRoster },
            ROSTER_FILTERS().map(([value, text]) => h("option", { value, text })))),
        h("p", { id: "roster-shown", class: "hint", role: "status" }),
        h("ul", { id: "roster", class: "roster" }),
        h("form", { class: "inline add-person", onsubmit: addWithoutPhone },
          h("label", { for: "add-name", text: t("Add someone without a phone") }),
          h("input", { id: "add-name", name: "name", maxlength: 60, dir: "auto" }),
          h("button", { type: "submit", class: "secondary", text: t("Add") })))),
    h("div", { id: "console-extras" }));
  current.kind = undefined;
}

// The big screens showing this event: the code on the screen opens only the
// join page, so each of these was opened with the screen link. One nobody in
// the room opened is closed by making a new link (the old one opens nothing).
function renderScreens() {
  const el = $("#screens");
  if (!el) return;
  const list = ev.screens || [];
  const at = (iso) => formatTime(new Date(iso));
  const summary = $("#screens-summary");
  summary.textContent = list.length === 0 ? t("No big screen yet") : tn("{n} big screen showing", "{n} big screens showing", list.length);
  summary.classList.toggle("on", list.length > 0);
  $("#screen-hint").hidden = list.length > 0;
  replace(el,
    h("p", { id: "screens-count", text: list.length === 0 ? t("No big screen is showing this event.")
      : tn("{n} big screen showing this event:", "{n} big screens showing this event:", list.length) }),
    list.length ? h("ul", { id: "screen-list" }, list.map((x) => h("li", {},
      ...tNodes("since {time}, from {address}", { time: at(x.since), address: h("bdi", { dir: "ltr", text: x.address }) })))) : null,
    h("button", { type: "button", class: "small secondary", id: "screen-rotate", text: t("Close the big screens and make a new screen link"),
      onclick: async () => {
        if (!confirm(t("Close every big screen showing this event and make a new screen link? The screens go blank until you open the new link; nothing people wrote is lost."))) return;
        const reply = await send("screen.rotate", { event: ev.event.code });
        if (reply.ok) {
          ev.screen_link = reply.screen_link;
          $("#screen-link").href = ev.screen_link;
        }
      } }));
}

// The co-host link: a co-facilitator's phone runs the talking piece, the timer
// and the café's rounds (nothing else), so the lead facilitator can walk the
// room. Its QR code is drawn by the server for this console (its cookie): the
// secret is never in a URL the browser asks for. ``qrDrawn`` changes the image's
// address whenever the link does, so the browser fetches the new code.
let qrDrawn = { link: null, n: 0 };

function renderCohost() {
  const el = $("#cohost-box");
  if (!el) return;
  const link = ev.cohost_link;
  const code = ev.event.code;
  if (link !== qrDrawn.link) qrDrawn = { link, n: qrDrawn.n + 1 };
  const phones = (ev.cohosts || []).length;
  const make = (text, cls) => h("button", { type: "button", class: `small ${cls}`, id: link ? "cohost-renew" : "cohost-make", text,
    onclick: async () => {
      if (link && !confirm(t("Make a new co-host link? The old one stops working and any co-host phone on it is closed."))) return;
      const reply = await send("cohost.link", { event: code });
      if (reply.ok && ev && ev.event.code === code) {
        ev.cohost_link = reply.cohost_link;
        renderCohost();
      }
    } });
  patch(el,
    h("p", { class: "hint", text: t("A co-host's phone can move the talking piece on, pass for the speaker, pause, add time and run the café's rounds. It cannot change the agenda, remove anyone, export or see the links.") }),
    link ? [
      h("img", { id: "cohost-qr", class: "cohost-qr", src: `/e/${code}/cohost/qr.svg?v=${qrDrawn.n}`, width: 180, height: 180,
        alt: t("QR code of the co-host link: scan it with the co-host's phone") }),
      h("label", { for: "cohost-link", text: t("Co-host link (keep it private)") }),
      h("input", { id: "cohost-link", readonly: true, value: link, dir: "ltr", onfocus: (e) => e.target.select() }),
      h("p", { id: "cohost-phones", role: "status",
        text: phones === 0 ? t("No co-host phone is connected.")
          : tn("{n} co-host phone is connected.", "{n} co-host phones are connected.", phones) }),
      h("div", { class: "row" },
        make(t("Make a new co-host link"), "secondary"),
        h("button", { type: "button", class: "small danger-text", id: "cohost-revoke", text: t("Withdraw the co-host link"),
          onclick: async () => {
            if (!confirm(t("Withdraw the co-host link? It stops working at once and any co-host phone on it is closed. You can make a new one later."))) return;
            await send("cohost.revoke", { event: code });
          } })),
    ] : make(t("Make a co-host link"), "primary"));
}

// An activity that holds what people gave (turns, words, goals...) is only
// removed after the facilitator confirms the server's question.
// One that holds nothing but its settings goes at once, with an Undo that puts
// it back where it was (its kind, title and settings are all it had).
async function removeActivity(a, position) {
  const payload = { event: ev.event.code, activity: a.id };
  const reply = await live.send("agenda.remove", payload);
  if (reply.ok) {
    showError("");
    offerUndo(a, position);
    return;
  }
  if (reply.code !== "confirm") {
    showError(reply.error);
    return;
  }
  showError("");
  if (confirm(t("{question} This cannot be undone.", { question: reply.error }))) await send("agenda.remove", { ...payload, confirm: true });
}

function offerUndo(a, position) {
  const line = $("#undo-line");
  const code = ev.event.code;
  replace(line, h("span", {}, ...tNodes("Removed {title}.", { title: h("span", { dir: "auto", text: titleOf(a) }) }), " "),
    h("button", { type: "button", class: "small", id: "undo-remove", text: t("Undo"),
      onclick: async () => {
        replace(line);
        if (!ev || ev.event.code !== code) return;
        await send("agenda.add", { event: code, kind: a.kind, title: a.title, config: a.config, position });
      } }));
}

const CIRCLES = ["checkin", "checkout"];

function renderAgenda() {
  const e = ev.event;
  const list = h("ol", { class: "agenda" }, ev.agenda.map((a, i) => {
    const now = a.id === ev.current;
    const label = kindLabel(a.kind);
    return h("li", { class: now ? "current" : "", "aria-current": now ? "step" : false, dataset: { key: `activity-${a.id}` } },
      h("div", { class: "agenda-line" },
        h("span", { class: "agenda-title", dir: "auto", text: titleOf(a) }),
        label !== titleOf(a) ? h("span", { class: "hint", text: ` · ${label}` }) : null,
        now ? h("strong", { class: "now-mark", text: t("now") }) : null),
      h("div", { class: "agenda-actions" },
        now ? null : h("button", { type: "button", class: "small", text: t("Go"), "aria-label": t("Go to {title}", { title: titleOf(a) }),
          onclick: () => send("agenda.goto", { event: e.code, activity: a.id }) }),
        i > 0 ? h("button", { type: "button", class: "small", text: "↑", "aria-label": t("Move {title} up", { title: titleOf(a) }),
          onclick: () => send("agenda.move", { event: e.code, activity: a.id, to: i - 1 }) }) : null,
        i < ev.agenda.length - 1 ? h("button", { type: "button", class: "small", text: "↓", "aria-label": t("Move {title} down", { title: titleOf(a) }),
          onclick: () => send("agenda.move", { event: e.code, activity: a.id, to: i + 1 }) }) : null,
        now ? null : h("button", { type: "button", class: "small", text: t("Remove"), "aria-label": t("Remove {title}", { title: titleOf(a) }),
          onclick: () => removeActivity(a, i) })),
      // The running circle has its settings under "Now"; the others are set up here.
      CIRCLES.includes(a.kind) && !now ? settingsBox($("#agenda-box"), a, consoleCtx()) : null);
  }));
  const kinds = h("select", { id: "add-kind" },
    ev.kinds.map((k) => h("option", { value: k.kind, text: t(k.label) })));
  const title = h("input", { id: "add-title", placeholder: t("Title (optional)"), maxlength: 200, dir: "auto",
    "aria-label": t("Title of the new activity") });
  return [
    h("div", { class: "row agenda-steps" },
      h("button", { type: "button", class: "secondary small", text: arrow("back") + " " + t("Previous"), onclick: () => send("agenda.prev", { event: e.code }) }),
      h("button", { type: "button", class: "secondary small", id: "agenda-next", text: t("Next activity") + " " + arrow("on"),
        onclick: () => send("agenda.next", { event: e.code }) })),
    list,
    h("form", { class: "inline", onsubmit: (evt) => {
      evt.preventDefault();
      const f = evt.currentTarget.elements;
      send("agenda.add", { event: e.code, kind: f["add-kind"].value, title: f["add-title"].value || null })
        .then((r) => r.ok && (f["add-title"].value = ""));
    } }, h("label", { for: "add-kind", text: t("Add an activity") }), kinds, title,
      h("button", { type: "submit", class: "secondary small", text: t("Add to agenda") })),
  ];
}

// Who has accepted the group agreement as it is worded now, and when
// (the record of earlier wordings is in the exports).
function agreementNote(p) {
  if (!ev.event.agreement_text || p.without_phone) return null;
  if (!p.agreed_at) return h("span", { class: "hint agreed", dataset: { agreed: "0" }, text: " · " + t("has not accepted the agreement yet") });
  const at = new Date(p.agreed_at);
  return h("span", { class: "hint agreed", dataset: { agreed: "1" }, title: at.toISOString(),
    text: " · " + t("accepted the agreement at {time}", { time: formatTime(at) }) });
}

const isHere = (p) => p.online || p.without_phone;
const ROSTER_FILTERS = () => [
  ["all", t("Everyone")],
  ["here", t("Connected")],
  ["away", t("Not connected")],
  ["no-phone", t("Without a phone")],
  ["not-agreed", t("Not accepted the agreement")],
  ["removed", t("Removed")],
];
const FILTER = {
  all: () => true,
  here: isHere,
  away: (p) => !isHere(p),
  "no-phone": (p) => p.without_phone,
  "not-agreed": (p) => !p.without_phone && !p.agreed_at,
  removed: () => true, // a list of its own: ev.removed
};
// Typing "jose" finds "José": case and accents are ignored.
const fold = (text) => (text || "").normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
const shownName = (p) => (p.anonymous ? t("Anonymous") : p.label);
// A name inside a sentence of plain text (a question asked in a dialog) keeps its own direction.
const isolate = (text) => `\u2068${text}\u2069`;

function roomCounts(people) {
  const a = ev.activity;
  const items = [[t("Joined"), formatNumber(people.length)], [t("Connected"), formatNumber(people.filter(isHere).length)]];
  if (a && a.counts && typeof a.counts.spoken === "number") {
    items.push([t("Spoken"), t("{spoken} of {everyone}", { spoken: formatNumber(a.counts.spoken), everyone: formatNumber((a.queue || []).length) })]);
  }
  if (a && Array.isArray(a.plan) && a.round && a.round.seated) {
    items.push([t("At tables"), formatNumber(a.plan.reduce((n, table) => n + table.members.length, 0))]);
    if (a.unseated && a.unseated.length) items.push([t("Not seated"), formatNumber(a.unseated.length)]);
  }
  const dl = items.map(([term, value]) => h("div", {}, h("dt", { text: term }), h("dd", { text: value })));
  const tables = a && Array.isArray(a.plan) && a.round && a.round.seated
    ? h("div", { class: "per-table" }, h("dt", { text: t("At each table") }),
        // It scrolls in a large café, so it can be reached from the keyboard.
        h("dd", { tabindex: "0" }, a.plan.flatMap((table, i) => [i ? " · " : "",
          h("bdi", { text: table.name }), ` ${formatNumber(table.members.length)}`])))
    : null;
  return [dl, tables];
}

function removePerson(p, erase) {
  const name = shownName(p);
  const question = erase
    ? t("Remove {name} and erase everything they posted (cards, dots, words, pledges, proposals, questions, goals)? They and their posts are gone for good: they cannot be let back in, and this cannot be undone.", { name: isolate(name) })
    : t("Remove {name} from this event? Their phone is disconnected and cannot come back in as them; what they posted stays. You can let them back in later (the roster's \"Removed\" list).", { name: isolate(name) });
  if (confirm(question)) send("participant.remove", { event: ev.event.code, participant: p.id, ...(erase ? { erase: true } : {}) });
}

// Undoing a removal asks nothing: it loses nothing, and can be undone by removing them again.
async function letBackIn(p) {
  const reply = await send("participant.restore", { event: ev.event.code, participant: p.id });
  if (reply.ok) {
    $("#roster-shown").textContent = t("{name} is back in: their phone comes back in as them when they reload the page.", { name: isolate(shownName(p)) });
  }
}

// A rush of arrivals (hundreds of phones joining within a minute, each joining and then
// connecting) redraws the room a few times, not once a person: each redraw reads every person.
const renderRosterSoon = coalesce(() => renderRoster());

// What the roster's list was last drawn from: the people it shows (the roster's own objects,
// replaced when a person changes), whether they are the removed, and whether there is an
// agreement to accept. The line above it, which a reply may have set, is written every time.
let rosterDrawn = null;

function sameRoster(a, b) {
  return a !== null && a.list === b.list && a.removedList === b.removedList && a.agreement === b.agreement
    && a.shown.length === b.shown.length && a.shown.every((p, i) => p === b.shown[i]);
}

function renderRoster() {
  const el = $("#roster");
  if (!el) return;
  const people = [...roster.values()];
  patch($("#room-counts"), roomCounts(people));
  $("#roster-filter").querySelector('[value="not-agreed"]').hidden = !ev.event.agreement_text;
  const removed = ev.removed || [];
  const removedOption = $("#roster-filter").querySelector('[value="removed"]');
  removedOption.textContent = t("Removed ({n})", { n: formatNumber(removed.length) });
  const words = fold($("#roster-search").value).trim();
  const showRemoved = $("#roster-filter").value === "removed";
  const filter = FILTER[$("#roster-filter").value] || FILTER.all;
  const from = showRemoved ? removed : people;
  const shown = from.filter((p) => filter(p) && (!words || fold(`${shownName(p)} ${p.pronouns || ""}`).includes(words)));
  $("#roster-shown").textContent = showRemoved
    ? (removed.length === 0 ? t("Nobody has been removed.") : shown.length === 0 ? t("Nobody matches.")
      : tn("{n} removed: let them back in from their menu.", "{n} removed: let them back in from their menu.", shown.length))
    : shown.length === people.length ? ""
    : shown.length === 0 ? t("Nobody matches.")
    : t("Showing {shown} of {everyone}", { shown: formatNumber(shown.length), everyone: formatNumber(people.length) });
  // The list is drawn again only when what it shows changed: at 2,000 people it is most of
  // a redraw, and the console redraws at every card moved into a theme.
  const drawing = { shown, removedList: showRemoved, agreement: ev.event.agreement_text, list: el };
  if (sameRoster(rosterDrawn, drawing)) {
    countWatched();
    return;
  }
  rosterDrawn = drawing;
  if (showRemoved) {
    patch(el, shown.map((p) => {
      const name = shownName(p);
      return h("li", { dataset: { key: `removed-${p.id}`, online: "0" } },
        h("span", { class: "dot", "aria-hidden": "true" }),
        h("span", { class: "who" }, h("span", { dir: "auto", text: name }), h("span", { class: "hint", text: " · " + t("removed") })),
        h("details", { class: "menu person-menu" },
          h("summary", { "aria-label": t("Actions for {name}", { name }) }, t("Actions")),
          h("div", { class: "menu-items" },
            h("button", { type: "button", class: "small", onclick: () => letBackIn(p) },
              t("Let back in"), h("span", { class: "visually-hidden", text: ` ${name}` })))));
    }));
    countWatched();
    return;
  }
  // Patched, not rebuilt: a person's open menu stays open when someone else arrives.
  patch(el, shown.map(personLine));
  countWatched();
}

// Each person's line as it was last built, by the roster's own object for them (replaced when
// they change; a change to the event's agreement, which every line mentions, comes with the whole
// roster again). Someone arriving at a 1,000-person event had every line built and compared
// again (12,000 elements); now only theirs is built, and the others are handed back to patch()
// as they are on the page.
const personLines = new WeakMap();

function personLine(p) {
  const kept = personLines.get(p);
  if (kept) return onPage(kept);
  const el = buildPersonLine(p);
  personLines.set(p, el);
  return el;
}

function buildPersonLine(p) {
  const name = shownName(p);
  return h("li", { dataset: { key: String(p.id), online: p.online ? "1" : "0" } },
    h("span", { class: "dot", "aria-hidden": "true" }),
    h("span", { class: "who" },
      h("span", { dir: "auto", text: name }),
      p.pronouns ? h("span", { class: "hint", dir: "auto", text: ` (${p.pronouns})` }) : null,
      h("span", { class: "visually-hidden", text: " " + (p.without_phone ? t("without a phone") : p.online ? t("connected") : t("not connected")) }),
      p.without_phone ? h("span", { class: "hint", text: " · " + t("no phone") }) : null,
      agreementNote(p)),
    // The accessible names begin with the visible words, then say whom they are for.
    h("details", { class: "menu person-menu" },
      h("summary", { "aria-label": t("Actions for {name}", { name }) }, t("Actions")),
      h("div", { class: "menu-items" },
        h("button", { type: "button", class: "small", onclick: () => removePerson(p, false) },
          t("Remove"), h("span", { class: "visually-hidden", text: ` ${name}` })),
        h("button", { type: "button", class: "small danger-text", onclick: () => removePerson(p, true) },
          t("Remove and erase their posts"), h("span", { class: "visually-hidden", text: ` (${name})` })))));
}

function renderDetailsForm() {
  const e = ev.event;
  const field = (name, label, value, rows) => [
    h("label", { for: `e-${name}`, text: label }),
    rows ? h("textarea", { id: `e-${name}`, name, rows, maxlength: 4000, dir: "auto" }, value || "")
      : h("input", { id: `e-${name}`, name, maxlength: 200, value: value || "", dir: "auto" }),
  ];
  return h("details", { class: "event-details" }, h("summary", { text: t("Edit the event's details") }),
    h("form", { class: "stack", onsubmit: (evt) => {
      evt.preventDefault();
      const f = evt.target;
      send("event.update", { event: e.code, title: f.title.value, purpose: f.purpose.value,
        welcome_text: f.welcome_text.value, agreement_text: f.agreement_text.value });
    } },
      field("title", t("Title"), e.title),
      field("purpose", t("Purpose"), e.purpose, 2),
      field("welcome_text", t("Welcome text"), e.welcome_text, 2),
      field("agreement_text", t("Group agreement (people accept it before taking part)"), e.agreement_text, 3),
      h("button", { type: "submit", class: "secondary", text: t("Save details") })));
}

// The room's languages: the big screen's words in one, or two side by side (a bilingual
// screen, as public bodies in Wales must show); each phone stays in its own person's.
// The list is the console page's (templates/console.html), with each translation's review.
const ROOM_LANGUAGES = JSON.parse(document.getElementById("room-languages")?.textContent || "[]");

function renderLanguagesForm() {
  const e = ev.event;
  const named = (l) => `${l.autonym}${l.autonym === l.english ? "" : ` (${l.english})`}` + (l.source || l.reviewed ? "" : " · " + t("translation not yet reviewed"));
  const options = (chosen) => ROOM_LANGUAGES.map((l) => h("option", { value: l.code, selected: l.code === chosen, text: named(l) }));
  return h("details", { class: "event-languages" }, h("summary", { text: t("The big screen's languages") }),
    h("form", { class: "stack", id: "languages-form", onsubmit: (evt) => {
      evt.preventDefault();
      const f = evt.target;
      send("event.languages", { event: e.code, language: f.language.value, second: f.second.value || null });
    } },
      h("label", { for: "screen-language", text: t("The big screen and the reports in") }),
      h("select", { id: "screen-language", name: "language" }, options(e.language || "en")),
      h("label", { for: "screen-second-language", text: t("A second language beside it on the big screen") }),
      h("select", { id: "screen-second-language", name: "second" },
        h("option", { value: "", selected: !e.second_language, text: t("None") }), options(e.second_language)),
      h("p", { class: "hint", text: t("This console stays in its own language: choose it at the top of the page.") }),
      h("button", { type: "submit", class: "secondary", id: "languages-save", text: t("Set the languages") })));
}

// Where the running activity stands, in plain words (docs/glossary.md).
function nowState(a) {
  if (!a) return "";
  if (a.phase) {
    const phase = { ready: t("The round has not started."), round: t("The talking piece is going round."),
      done: t("The round is complete.") }[a.phase] || "";
    return a.paused ? phase + " " + t("Paused.") : phase;
  }
  if (a.kind === "cafe") {
    const r = a.round;
    if (!r) return t("Nobody is seated yet.");
    const at = { number: formatNumber(r.number), of: formatNumber(r.of) };
    return { planned: r.seated ? t("Round {number} of {of}: seated, not started.", at) : t("Round {number} of {of}: not seated yet.", at),
      running: t("Round {number} of {of} is under way.", at), paused: t("Round {number} of {of} is paused.", at),
      ended: t("Round {number} of {of} has ended.", at) }[r.status] || t("Round {number} of {of}", at);
  }
  return "";
}

// Moving on to the next activity: the now panel's one next action when the
// running activity has none of its own (a welcome), else a quieter button after it (CSS).
function renderNextStep() {
  const at = ev.agenda.findIndex((a) => a.id === ev.current);
  const next = ev.agenda[at + 1];
  replace($("#now-next"), next
    ? h("button", { type: "button", class: "primary", id: "now-next-button",
        onclick: () => send("agenda.next", { event: ev.event.code }) },
        ...(at < 0 ? tNodes("Begin: {title}", { title: h("span", { dir: "auto", text: titleOf(next) }) })
          : tNodes("Next: {title}", { title: h("span", { dir: "auto", text: titleOf(next) }) })), " " + arrow("on"))
    : null);
}

async function renderNow() {
  const el = $("#now");
  const activity = ev.activity;
  const kind = activity ? activity.kind : null;
  renderNextStep();
  $("#now-title").textContent = activity ? t("Now: {title}", { title: isolate(titleOf(activity)) }) : t("Now");
  $("#now-state").textContent = activity
    ? [titleOf(activity) !== kindLabel(kind) ? kindLabel(kind) : "", nowState(activity)].filter(Boolean).join(" · ")
    : "";
  if (current.kind !== kind) {
    current.kind = kind;
    current.module = kind ? await loadActivity(kind) : null;
    if (current.kind !== kind) return;
  }
  if (!activity) replace(el, h("p", { text: t("No activity is running: press Go beside one in the run of show to begin.") }));
  // What the toolkit wrote (a default title or prompt) in the console's language; the facilitator's own words as typed.
  else if (current.module && current.module.console) current.module.console(el, inLanguage(ev, null), consoleCtx());
  else replace(el, h("p", { text: t("{kind}: on the big screen and every phone now.", { kind: kindLabel(kind) }) }));
  restoreTyped();
}

// A menu closes on Escape or a click elsewhere, as menus do.
function closeMenus(except) {
  for (const open of document.querySelectorAll("details.menu[open]")) if (!open.contains(except)) open.open = false;
}
document.addEventListener("click", (evt) => closeMenus(evt.target));
document.addEventListener("keydown", (evt) => {
  if (evt.key !== "Escape") return;
  const menu = document.activeElement && document.activeElement.closest("details.menu[open]");
  closeMenus(null);
  if (menu) menu.querySelector("summary").focus();
});

// An open menu's items stay inside the window: a menu near its edge (Event settings, the
// last of the row) opens towards the middle by as much as it would have overflowed.
function keepMenuInWindow(menu) {
  const items = menu.querySelector(":scope > .menu-items");
  if (!items) return;
  items.style.insetInlineStart = "";
  const style = getComputedStyle(items);
  if (!menu.open || style.insetInlineStart === "auto") return; // one anchored at its end opens towards the middle already
  const box = items.getBoundingClientRect();
  const rtl = style.direction === "rtl";
  const [margin, width] = [8, document.documentElement.clientWidth];
  const over = rtl ? margin - box.left : box.right - (width - margin);
  const room = rtl ? width - margin - box.right : box.left - margin;
  if (over > 0) items.style.insetInlineStart = `${-Math.max(0, Math.min(over, room))}px`;
}
document.addEventListener("toggle", (evt) => {
  if (evt.target.matches && evt.target.matches("details.menu")) keepMenuInWindow(evt.target);
}, true);

async function addWithoutPhone(evt) {
  evt.preventDefault();
  const input = evt.target.name;
  const reply = await send("participant.add", { event: ev.event.code, name: input.value });
  if (reply.ok) input.value = "";
}

async function rotate() {
  if (!confirm(t("Make a new console link? The old link stops working."))) return;
  const reply = await send("console.rotate_secret", {});
  if (reply.ok) {
    await fetch("/console/login", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ key: reply.secret }), credentials: "same-origin" });
    alert(t("The new console link is:\n{link}\n\nKeep it private.", { link: reply.console_url }));
  }
}

// The console's own language, the facilitator's (the room's is the event's): the page is
// drawn again in the one chosen, what is typed kept (it is in the tab's sessionStorage).
$("#console-lang").addEventListener("change", (evt) => {
  const url = new URL(location.href);
  url.searchParams.set("lang", evt.target.value);
  location.assign(url);
});

loadLanguage().then(() => tradeForCookie("/console/login")).then(showError, () => {}).finally(start);
