// The console's "Your texts in another language": the event's title, purpose, welcome and
// agreement, and each activity's title, prompt (or welcome message) and café questions, in a
// language other than the event's. Each phone shows its person's version, and a bilingual big
// screen shows its second language's beside the first (lib/own_texts.js, docs/translations.md).
// One form for the whole event, so that a translator can sit down with it once.
import { h, replace } from "./dom.js";
import { formatNumber, t } from "./i18n.js";

const EVENT_FIELDS = () => [
  ["title", t("Title"), 200, 0],
  ["purpose", t("Purpose"), 4000, 2],
  ["welcome_text", t("Welcome text"), 4000, 2],
  ["agreement_text", t("Group agreement"), 4000, 3],
];

/**
 * The button that opens the form. `current()` gives the console's latest event state
 * (`{event, agenda}`), `send(action, payload)` the console's sender, `languages` the
 * console page's list ({code, autonym, english}).
 */
export function textsButton(current, send, languages) {
  return h("button", { type: "button", class: "small", id: "texts-open", text: t("Your texts in another language…"),
    onclick: (evt) => {
      evt.target.closest("details")?.removeAttribute("open"); // the menu it is in steps aside
      openTexts(current, send, languages);
    } });
}

function field(id, label, original, version, limit, rows) {
  const control = rows
    ? h("textarea", { id, rows, maxlength: limit, dir: "auto" }, version || "")
    : h("input", { id, maxlength: limit, value: version || "", dir: "auto" });
  return h("div", { class: "stack texts-field" },
    h("label", { for: id, text: label }),
    h("p", { class: "hint texts-original", dir: "auto", text: original }),
    control);
}

function activityFields(a, version) {
  const fields = [["title", t("Title"), a.title, 200, 0]];
  const config = a.config || {};
  if (typeof config.prompt === "string" && config.prompt) fields.push(["prompt", t("Prompt"), config.prompt, 300, 2]);
  if (typeof config.message === "string" && config.message) fields.push(["message", t("Welcome message"), config.message, 2000, 2]);
  const shown = fields.map(([name, label, original, limit, rows]) =>
    field(`texts-${a.id}-${name}`, label, original, version[name], limit, rows));
  const rounds = Array.isArray(config.rounds) ? config.rounds : [];
  rounds.forEach((r, i) => {
    const question = typeof r === "string" ? r : r && r.question;
    if (!question) return;
    shown.push(field(`texts-${a.id}-round-${i + 1}`, t("Question for round {number}", { number: formatNumber(i + 1) }),
      question, (version.rounds || {})[String(i + 1)], 500, 2));
  });
  return shown;
}

function openTexts(current, send, languages) {
  const { event } = current();
  const others = languages.filter((l) => l.code !== (event.language || "en"));
  if (!others.length) return;
  const dialog = h("dialog", { class: "texts-dialog", id: "texts-dialog", "aria-labelledby": "texts-title" });
  const status = h("p", { role: "status", id: "texts-status" });
  const chosen = others.some((l) => l.code === event.second_language) ? event.second_language : others[0].code;
  const select = h("select", { id: "texts-language" },
    others.map((l) => h("option", { value: l.code, lang: l.code, selected: l.code === chosen,
      text: l.autonym === l.english ? l.autonym : `${l.autonym} (${l.english})` })));
  const body = h("div", { class: "stack texts-body" });

  function draw() {
    const { event: e, agenda } = current();
    const language = select.value;
    const mine = (e.texts_in || {})[language] || {};
    const eventFields = EVENT_FIELDS().filter(([name]) => e[name])
      .map(([name, label, limit, rows]) => field(`texts-event-${name}`, label, e[name], mine[name], limit, rows));
    replace(body,
      h("fieldset", { class: "stack" }, h("legend", { text: t("The event") }), eventFields),
      (agenda || []).map((a) => h("fieldset", { class: "stack", dataset: { activity: String(a.id) } },
        h("legend", {}, h("bdi", { text: a.title })),
        activityFields(a, ((a.texts_in || {})[language]) || {}))));
    status.textContent = "";
  }

  async function save(evt) {
    evt.preventDefault();
    const { event: e, agenda } = current();
    const language = select.value;
    const value = (id) => dialog.querySelector(`#${id}`)?.value;
    const eventTexts = {};
    for (const [name] of EVENT_FIELDS()) if (value(`texts-event-${name}`) !== undefined) eventTexts[name] = value(`texts-event-${name}`);
    const replies = [await send("event.texts", { event: e.code, language, ...eventTexts })];
    for (const a of agenda || []) {
      const texts = {};
      for (const name of ["title", "prompt", "message"]) {
        if (value(`texts-${a.id}-${name}`) !== undefined) texts[name] = value(`texts-${a.id}-${name}`);
      }
      const rounds = {};
      for (const input of dialog.querySelectorAll(`[id^="texts-${a.id}-round-"]`)) rounds[input.id.split("-").pop()] = input.value;
      if (Object.keys(rounds).length) texts.rounds = rounds;
      replies.push(await send("agenda.texts", { event: e.code, activity: a.id, language, ...texts }));
    }
    const refused = replies.find((r) => !r.ok);
    status.textContent = refused ? refused.error : t("Saved.");
  }

  select.addEventListener("change", draw);
  replace(dialog,
    h("form", { class: "stack", method: "dialog", onsubmit: save },
      h("h2", { id: "texts-title", text: t("Your texts in another language") }),
      h("p", { class: "hint", text: t("Each phone shows its person's language when you give it here, and a big screen in two languages shows both. An empty field shows what you wrote first.") }),
      h("label", { for: "texts-language", text: t("Language") }), select,
      body,
      h("div", { class: "row texts-actions" },
        h("button", { type: "submit", class: "primary", id: "texts-save", text: t("Save the texts") }),
        h("button", { type: "button", class: "secondary", id: "texts-close", text: t("Close"), onclick: () => dialog.close() })),
      status));
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  draw();
  dialog.showModal();
}
