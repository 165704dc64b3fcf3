// The phone: join with any name (or none), then follow the current activity.
import { $, h, patch, replace } from "./lib/dom.js";
import { keepDrafts, restoreDrafts } from "./lib/drafts.js";
import { connectLive, mergePatch, showStatus } from "./lib/live.js";
import { Outbox } from "./lib/outbox.js";
import { showNotSent, watchOutbox } from "./lib/outbox_view.js";
import { handToActivity, loadActivity } from "./lib/activity.js";
import { loadLanguage, pageLanguage, t, tNodes } from "./lib/i18n.js";
import { inLanguage } from "./lib/own_texts.js";

const main = $("#main");
const code = main.dataset.event;
const joinSection = $("#join");
const appSection = $("#app");
const statusEl = $("#status");
// "2 waiting to send" / "All saved ✓": what this phone still holds, beside the connection.
const outboxEl = h("span", { id: "outbox", class: "outbox-status", role: "status", "aria-live": "polite", hidden: true });
statusEl.after(outboxEl);
// What the server refused stays listed above every activity until the person lets it go.
const notSentEl = h("section", { id: "not-sent", class: "not-sent stack", "aria-live": "polite", hidden: true });
appSection.before(notSentEl);
let state = null;
let live = null;
let outbox = null;
keepDrafts(code);

function start() {
  live = connectLive({
    role: "participant",
    event: code,
    onStatus: (s, detail) => {
      showStatus(statusEl, s, detail);
      if (s === "online" && outbox) outbox.flush();
    },
    onSnapshot: (snap) => {
      state = snap;
      render();
    },
    onPatch: (patch) => {
      if (!state) return;
      const next = mergePatch(state, patch);
      if (!next) {
        live.send("sync").then((reply) => {
          if (reply.ok && reply.snapshot) {
            state = reply.snapshot;
            render();
          }
        });
        return;
      }
      state = next;
      render();
    },
    onMessage: (name, payload) => {
      if (name === "removed" || name === "event.deleted") {
        // Sent to a whole room, in English: the sentence is its own id in this phone's catalogue.
        showEnded(t(payload.message));
      } else if (state) {
        state.messages = [...(state.messages || []).slice(-50), { name, payload }];
        // To the activity's module, once loaded (lib/activity.js).
        const running = () => state && state.activity;
        handToActivity(running(), running, (module) => module.message(name, payload, state, ctx()));
      }
    },
    onRefused: (err) => {
      if (err.code === "not_found") showJoin();
      else showEnded(t(err.message));
    },
  });
  outbox = new Outbox(`cc-outbox-${code}`, live.send);
  // Every note about a submission is drawn from the outbox: redraw when an item changes.
  watchOutbox(outbox, outboxEl, () => render());
  showNotSent(notSentEl, outbox);
}

function showJoin() {
  appSection.hidden = true;
  joinSection.hidden = false;
  showStatus(statusEl, "");
  const name = $("#name");
  if (name && !name.value) name.focus();
}

function showEnded(message) {
  joinSection.hidden = true;
  appSection.hidden = false;
  replace(appSection, h("h1", { text: t("Thank you") }), h("p", { class: "lead", text: message }),
    h("p", {}, h("a", { class: "button", href: "/" }, t("Join another event"))));
  if (live) live.socket.disconnect();
}

async function join(anonymous) {
  const error = $("#join-error");
  error.hidden = true;
  const agreed = $("#agreed");
  const body = {
    name: anonymous ? null : $("#name").value,
    pronouns: anonymous ? null : $("#pronouns").value,
    anonymous,
    agreed: agreed ? agreed.checked : false,
    // The language this page is in (the join page's switch, or the phone's): kept with the person.
    language: document.documentElement.lang,
  };
  let reply;
  try {
    const res = await fetch(`/api/e/${encodeURIComponent(code)}/join`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    reply = await res.json();
  } catch {
    reply = { ok: false, error: t("Could not reach the event. Check the Wi-Fi and try again.") };
  }
  if (!reply.ok) {
    error.textContent = reply.error;
    error.hidden = false;
    return;
  }
  joinSection.hidden = true;
  live.socket.connect();
}

$("#join-form").addEventListener("submit", (e) => {
  e.preventDefault();
  join(false);
});
$("#join-anonymous").addEventListener("click", () => join(true));

function ctx() {
  return { send: live.send, outbox, code, rerender: render };
}

const current = { kind: null, module: null, root: null, header: null };
// The header's answers (a refused rename, a withdrawal done) are drawn from
// here, so the next live update draws them again rather than wiping them.
const notes = { rename: "", withdraw: "" };

// Every live update comes here. The page is patched, never rebuilt: what a
// person is typing or has chosen, and their focus, survive it (lib/dom.js).
async function render() {
  if (!state) return;
  joinSection.hidden = true;
  appSection.hidden = false;
  // The facilitator's texts in this person's language, where they gave a version of them.
  let view = inLanguage(state, pageLanguage());
  if (state.event.agreement_text && !state.me.agreed) {
    renderAgreement(view);
    current.kind = null;
    current.root = null;
    return;
  }
  const activity = view.activity;
  const kind = activity ? activity.kind : null;
  if (!current.root || !appSection.contains(current.root)) {
    current.header = h("div", { class: "phone-header", id: "phone-header" });
    current.root = h("div", { class: "activity-root", id: "activity" });
    replace(appSection, current.header, current.root);
  }
  if (current.kind !== kind) {
    current.kind = kind;
    current.module = kind ? await loadActivity(kind) : null;
    if (current.kind !== kind) return; // another render took over while loading
    // Live updates that came while the module loaded drew nothing: draw the latest state, not this render's.
    view = inLanguage(state, pageLanguage());
  }
  patch(current.header, ...renderHeader());
  if (!activity) {
    patch(current.root, h("h1", { text: view.event.title }), h("p", { class: "lead", text: t("Waiting for the facilitator to start.") }));
  } else if (current.module && current.module.phone) {
    current.module.phone(current.root, view, ctx());
  } else {
    patch(current.root, h("h1", { text: activity.title }), h("p", { class: "lead", text: t("Follow the facilitator.") }));
  }
  restoreDrafts(appSection);
}

function renderHeader() {
  const me = state.me;
  // The person's name and pronouns are their own words, in any script: isolated inside the sentence.
  const name = h("bdi", { text: me.label });
  const who = me.anonymous ? [t("You joined anonymously")]
    : me.pronouns ? tNodes("You are {name} ({pronouns})", { name, pronouns: h("bdi", { text: me.pronouns }) })
    : tNodes("You are {name}", { name });
  const form = h("form", { class: "stack", id: "rename-form", onsubmit: rename },
    h("label", { for: "rename-name", text: t("Name") }),
    h("input", { id: "rename-name", name: "name", maxlength: 60, value: me.name || "", dir: "auto" }),
    h("label", { for: "rename-pronouns", text: t("Pronouns (optional)") }),
    h("input", { id: "rename-pronouns", name: "pronouns", maxlength: 30, value: me.pronouns || "", dir: "auto" }),
    h("button", { type: "submit", class: "secondary", text: t("Save") }),
    h("button", { type: "button", class: "secondary", text: t("Be anonymous"), onclick: () => sendRename({ anonymous: true }) }),
    h("p", { class: "error", role: "alert", id: "rename-error", hidden: !notes.rename, text: notes.rename }),
  );
  // What people said is theirs: they can take all of it back at any time.
  const withdraw = h("div", { class: "stack withdraw", id: "withdraw" },
    h("p", { class: "hint", text: t("You can take back everything you have posted here: cards, votes, words, pledges, proposals and questions.") }),
    h("button", { type: "button", class: "secondary", text: t("Withdraw everything I posted"), onclick: withdrawAll }),
    h("p", { role: "status", id: "withdraw-status", text: notes.withdraw }));
  const details = h("details", { class: "me", id: "me" }, h("summary", {}, h("span", { class: "who" }, who), " · ", t("change")),
    languageChoice(), form, withdraw);
  return [details, summaryLink()];
}

// Once the check-out with goals has begun, each person's own summary stays a
// tap away for the rest of the event (the goals activity shows it itself).
function summaryLink() {
  const started = (state.agenda || []).some((a) => a.kind === "goals" && a.started);
  if (!started || (state.activity && state.activity.kind === "goals")) return null;
  return h("p", { class: "row my-summary-header" },
    h("a", { class: "button secondary small", id: "my-summary-header", href: `/e/${encodeURIComponent(code)}/me/summary.html?download=1`,
      download: `my-summary-${code}.html`, text: t("Download my summary") }));
}

// The languages are the join page's switch (templates/phone.html), each by its own name.
function languageChoice() {
  const offered = [...document.querySelectorAll("#languages a[hreflang]")];
  if (!offered.length) return null;
  const mine = document.documentElement.lang;
  const select = h("select", { id: "language-choice", name: "language" },
    offered.map((a) => h("option", { value: a.hreflang, lang: a.hreflang, text: a.textContent.trim(), selected: a.hreflang === mine })));
  select.addEventListener("change", async () => {
    const reply = await live.send("me.language", { language: select.value });
    // Kept with the person on the server: the page comes back in it, and so does every later visit.
    if (reply.ok) window.location.reload();
    else {
      notes.rename = reply.error;
      render();
    }
  });
  return h("p", { class: "stack language-choice" }, h("label", { for: "language-choice", text: t("Language") }), select);
}

async function withdrawAll() {
  if (!confirm(t("Withdraw everything you have posted in this event? This cannot be undone."))) return;
  const reply = await live.send("me.withdraw_all", {});
  notes.withdraw = reply.ok ? t("Done: everything you posted has been withdrawn.") : reply.error;
  render();
}

async function sendRename(payload) {
  const reply = await live.send("me.update", payload);
  notes.rename = reply.ok ? "" : reply.error;
  render();
}

function rename(e) {
  e.preventDefault();
  const f = e.target;
  sendRename({ name: f.name.value, pronouns: f.pronouns.value, anonymous: false });
}

function renderAgreement(view) {
  const button = h("button", { class: "primary", type: "button", text: t("I accept") });
  button.addEventListener("click", async () => {
    button.disabled = true;
    const reply = await live.send("agreement.accept");
    if (!reply.ok) button.disabled = false;
  });
  replace(appSection,
    h("h1", { text: t("Our group agreement") }),
    h("p", { class: "pre lead", dir: "auto", text: view.event.agreement_text }),
    h("p", { text: t("Please read it and accept it to take part.") }),
    button);
}

// The words first (one small file, from this server), then the live link.
loadLanguage().then(start);
