// Questions to bring: each person's own list (private, for the clinician, or
// shared), the shared ones by theme on the screen, and the facilitator's board.
import { pagedList } from "../lib/fit.js";
import { h, patch, replace } from "../lib/dom.js";
import { clearDraft } from "../lib/drafts.js";
import { followLatest, itemStatus, itemsOf } from "../lib/outbox_view.js";
import { t, tn, tNodes } from "../lib/i18n.js";

// In a function: the words are looked up once the page's language has loaded.
const WHO = () => ({
  private: t("Private: only you"),
  clinician: t("For the clinician only"),
  shared: t("Shared with the group"),
});

function visibilityChoice(prefix, chosen = "private") {
  return h("fieldset", { class: "visibility" },
    h("legend", { text: t("Who may see it?") }),
    Object.entries(WHO()).map(([value, label]) => h("label", { class: "check" },
      h("input", { type: "radio", name: `${prefix}-visibility`, value, checked: value === chosen }), " ", label)));
}

function questionForm(ctx, maxLen) {
  const text = h("textarea", { id: "question-text", name: "question", maxlength: maxLen || 500, rows: 3, dir: "auto", dataset: { draft: "question-text" } });
  const named = h("input", { type: "checkbox", id: "question-named", name: "named" });
  const note = followLatest(h("p", { role: "status", id: "question-status" }), ctx.outbox, "question.add", { words: { saved: t("Added.") } });
  return h("form", { class: "stack question-form", id: "question-form", onsubmit: async (e) => {
    e.preventDefault();
    // The form on the page: a patch may have kept an earlier render's form in place of this one.
    const form = e.currentTarget;
    const { question, named: namedBox } = form.elements;
    if (!question.value.trim()) return;
    const visibility = form.querySelector("input[name=new-visibility]:checked").value;
    const item = await ctx.outbox.add("question.add", { text: question.value, visibility, named: namedBox.checked && visibility === "shared" });
    if (item.state === "refused") return; // left as typed, to be changed
    question.value = "";
    namedBox.checked = false;
    clearDraft("question-text");
  } },
    h("label", { for: "question-text", text: t("Your question") }),
    text,
    visibilityChoice("new"),
    h("label", { class: "check" }, named, " ", t("Show my name with it (shared questions only; anonymous otherwise)")),
    h("button", { type: "submit", class: "primary", text: t("Add my question") }),
    note);
}

export function myQuestions(list, ctx, { editable = true } = {}) {
  if (!list || list.length === 0) return null;
  const who = WHO();
  return h("section", { class: "my-questions", "aria-labelledby": "my-questions-title" },
    h("h2", { id: "my-questions-title", text: t("My questions") }),
    h("ul", { id: "my-questions" }, list.map((q) => h("li", { class: `q-${q.visibility}`, dataset: { key: `question-${q.id}` } },
      h("span", { class: "q-text", dir: "auto", text: q.text }),
      h("span", { class: "badge", text: q.named ? t("{who} · named", { who: who[q.visibility] }) : who[q.visibility] }),
      q.theme ? h("span", { class: "hint" }, " · ", h("bdi", { text: q.theme })) : null,
      editable ? h("span", { class: "row" },
        h("select", { "aria-label": t("Who may see: {question}", { question: q.text }), onchange: (e) => ctx.send("question.edit", { question: q.id, visibility: e.target.value }) },
          Object.entries(who).map(([value, label]) => h("option", { value, text: label, selected: value === q.visibility }))),
        h("button", { type: "button", class: "small", text: t("Withdraw"), "aria-label": t("Withdraw: {question}", { question: q.text }),
          onclick: () => confirm(t("Withdraw this question? It will be deleted.")) && ctx.send("question.withdraw", { question: q.id }) })) : null))));
}

export function sharedThemes(view, { title = t("Shared with the group") } = {}) {
  if (!view) return null;
  const themes = (view.themes || []).filter((th) => th.questions.length);
  const unthemed = view.unthemed || [];
  if (themes.length === 0 && unthemed.length === 0) return null;
  const item = (q) => h("li", { dir: "auto" }, q.text, q.by ? h("span", { class: "hint" }, " (", h("bdi", { text: q.by }), ")") : null);
  return h("section", { class: "shared-questions", "aria-label": title },
    h("h2", { text: title }),
    themes.map((th) => h("div", { class: "q-theme" }, h("h3", { dir: "auto", text: th.name }), h("ul", {}, th.questions.map(item)))),
    unthemed.length ? h("div", { class: "q-theme" }, h("h3", { text: themes.length ? t("Other questions") : t("Questions") }), h("ul", {}, unthemed.map(item))) : null);
}

/** The shared questions on the big screen: one item a question, under its theme, paged when many. */
export function screenThemes(view, { title = t("Shared with the group") } = {}) {
  if (!view) return [];
  const themes = (view.themes || []).filter((th) => th.questions.length);
  const unthemed = view.unthemed || [];
  if (themes.length === 0 && unthemed.length === 0) return [];
  const item = (theme, q) => h("span", { dir: "auto" }, theme ? [h("strong", {}, h("bdi", { text: theme }), ": ")] : null, q.text,
    q.by ? h("span", { class: "hint" }, " (", h("bdi", { text: q.by }), ")") : null);
  const items = [...themes.flatMap((th) => th.questions.map((q) => item(th.name, q))), ...unthemed.map((q) => item(null, q))];
  return [h("h3", { text: title }), pagedList("shared-questions", items, { label: title, className: "shared-questions rows", maxEm: 1.2 })];
}

export function phone(root, state, ctx) {
  const a = state.activity;
  const mine = (state.mine || {}).questions || [];
  patch(root,
    h("p", { class: "prompt-phone", dir: "auto", text: a.prompt }),
    questionForm(ctx, a.max_len),
    unsentQuestions(ctx),
    myQuestions(mine, ctx),
    sharedThemes(a));
}

// Questions still on this phone (waiting, or refused in the last minute).
function unsentQuestions(ctx) {
  const unsent = itemsOf(ctx.outbox, "question.add", (i) => i.state !== "saved");
  if (!unsent.length) return null;
  return h("ul", { class: "unsent-questions", "aria-label": t("Not sent yet") }, unsent.map((i) => {
    const { cls, text } = itemStatus(i);
    return h("li", { class: "unsent", dataset: { key: i.cid } }, h("span", { class: "q-text", dir: "auto", text: i.payload.text }), h("span", { class: `hint ${cls}`, text: ` · ${text}` }));
  }));
}

export function screen(root, state) {
  const a = state.activity;
  const shared = screenThemes(a, { title: t("Our shared questions") });
  replace(root,
    h("h2", { class: "prompt", dir: "auto", text: a.prompt }),
    ...(shared.length ? shared : [h("p", { class: "calm", text: t("Shared questions will appear here, without names.") })]));
}

// --- the console: the board and the clinician's link ------------------------------

// Only a hash of the clinician's secret is kept, so the link is shown only in
// the console that has just made it (and only while it is the current one).
const madeHere = new Map(); // event code -> {path, made_at}

export function clinicianLink(ev, a, ctx) {
  const made = a.clinician_link_made_at;
  const held = madeHere.get(ev.event.code);
  const url = held && held.made_at === made ? new URL(held.path, ev.join_url).href : null;
  const at = made ? new Date(made).toLocaleString([], { dateStyle: "medium", timeStyle: "short" }) : "";
  const make = async () => {
    if (made && !confirm(t("Make a new clinician link? The old one stops working and open clinician views are closed."))) return;
    const reply = await ctx.send("clinician.rotate", {});
    if (reply.ok) {
      madeHere.set(ev.event.code, { path: reply.path, made_at: reply.made_at });
      ctx.rerender();
    }
  };
  return h("section", { class: "clinician-link", "aria-labelledby": "clinician-link-title" },
    h("h3", { id: "clinician-link-title", text: t("Clinician's view") }),
    url ? [
      h("p", {}, h("a", { id: "clinician-url", href: url, target: "_blank", rel: "noopener", text: url })),
      h("p", { class: "hint", id: "clinician-link-once", text: t("Copy it now and give it to the clinician: it is shown only here and now, since only a fingerprint of it is kept.") }),
    ] : made ? h("p", { class: "hint", id: "clinician-link-made",
        text: t("A clinician link was made ({at}) and still works. It cannot be shown again: only a fingerprint of it is kept. If the clinician needs it, make a new one (the old one stops working).", { at }) })
      : h("p", { class: "hint", text: t("No clinician link yet.") }),
    h("p", { class: "hint", text: t("Open it on the clinician's laptop or tablet: it shows the themed questions and the queue, nothing else.") }),
    h("button", { type: "button", class: "secondary", id: "clinician-rotate", text: made ? t("Make a new clinician link") : t("Make the clinician link"), onclick: make }));
}

export function board(b, ctx) {
  const themes = b.themes || [];
  const chooser = (q) => h("select", { "aria-label": t("Theme for: {question}", { question: q.text }), class: "theme-choice",
    onchange: (e) => ctx.send("question.theme", e.target.value ? { question: q.id, theme: Number(e.target.value) } : { question: q.id }) },
    h("option", { value: "", text: t("No theme") }),
    themes.map((th) => h("option", { value: String(th.id), text: th.name, selected: q.theme === th.id })));
  const item = (q, themeId) => h("li", { class: `q-${q.visibility}` },
    h("span", { dir: "auto", text: q.text }),
    h("span", { class: "badge" }, q.by ? tNodes("shared · {name}", { name: h("bdi", { text: q.by }) }) : t("shared")),
    chooser({ ...q, theme: themeId }));
  const addTheme = h("form", { class: "inline", onsubmit: (e) => {
    e.preventDefault();
    const input = e.target.elements.name;
    if (input.value.trim()) ctx.send("question_theme.add", { name: input.value }).then((r) => r.ok && (input.value = ""));
  } }, h("label", { for: "new-theme", text: t("New theme") }), h("input", { id: "new-theme", name: "name", maxlength: 120, dir: "auto" }),
    h("button", { type: "submit", class: "secondary", text: t("Add theme") }));
  return h("section", { class: "question-board", "aria-labelledby": "board-title" },
    h("h3", { id: "board-title", text: t("Questions by theme") }),
    h("p", { class: "hint", id: "for-clinician",
      text: tn("{n} question for the clinician only: their words are on the clinician's view, not here.",
        "{n} questions for the clinician only: their words are on the clinician's view, not here.", b.for_clinician || 0) }),
    addTheme,
    themes.map((th) => h("div", { class: "q-theme", dataset: { theme: String(th.id) } },
      h("h4", { dir: "auto", text: th.name }),
      h("ul", {}, th.questions.map((q) => item(q, th.id))),
      h("form", { class: "stack", onsubmit: (e) => {
        e.preventDefault();
        ctx.send("question_theme.note", { theme: th.id, note: e.target.elements.note.value });
      } },
        h("label", { for: `note-${th.id}` }, tNodes("Note on “{theme}” for the record", { theme: h("bdi", { text: th.name }) })),
        h("textarea", { id: `note-${th.id}`, name: "note", rows: 2, maxlength: 2000, dir: "auto" }, th.note || ""),
        h("span", { class: "row" },
          h("button", { type: "submit", class: "small", text: t("Save note") }),
          h("button", { type: "button", class: "small", text: t("Remove theme"), onclick: () => ctx.send("question_theme.remove", { theme: th.id }) }))))),
    (b.unthemed || []).length ? h("div", { class: "q-theme unthemed" }, h("h4", { text: t("Not yet in a theme") }),
      h("ul", { id: "unthemed" }, b.unthemed.map((q) => item(q, null)))) : null);
}

export function console(root, ev, ctx) {
  const a = ev.activity;
  const c = a.counts || {};
  // Each count in its own plural form, then the sentence around them.
  const questions = tn("{n} question", "{n} questions", c.questions || 0);
  const people = tn("{n} person", "{n} people", c.people_asked || 0);
  // patch(): a note or a theme name being typed stays through every question that arrives.
  patch(root,
    h("p", { dir: "auto" }, h("strong", { text: a.title }), ": ", a.prompt),
    h("p", { class: "hint", text: t("{questions} from {people}; only the shared ones are shown here.", { questions, people }) }),
    board(a.board || {}, ctx),
    clinicianLink(ev, a, ctx));
}
