// The check-out circle: the talking piece once more, then one word and pledges.
import { h, sized } from "../lib/dom.js";
import { followLatest, latestOf } from "../lib/outbox_view.js";
import { clearDraft } from "../lib/drafts.js";
import { circleConsole, circlePhone, circleScreen } from "./circle.js";
import { pagedList } from "../lib/fit.js";
import { formatNumber, t } from "../lib/i18n.js";

function wordForm(state, ctx) {
  const mine = state.mine || {};
  const draft = `word-${state.activity.id}`;
  // A word still on this phone (after a reload, say) is shown as typed, not the one on the server.
  const waiting = latestOf(ctx.outbox, "checkout.word", (i) => i.state === "waiting");
  const input = h("input", { id: "one-word", name: "word", maxlength: 40, dir: "auto",
    value: waiting ? waiting.payload.text : mine.word || "", autocomplete: "off", dataset: { draft } });
  const note = followLatest(h("p", { role: "status", id: "word-status" }), ctx.outbox, "checkout.word", {
    words: { saved: t("Your word is on the screen.") },
    fallback: mine.word ? { cls: "saved", text: t("Your word is on the screen.") } : null });
  return h("form", { class: "stack closing", id: "word-form", onsubmit: (e) => {
    e.preventDefault();
    const word = e.currentTarget.elements.word;
    if (!word.value.trim()) return;
    ctx.outbox.add("checkout.word", { text: word.value });
    clearDraft(draft);
  } },
    h("label", { for: "one-word", text: t("One word or a short phrase for how you leave") }),
    input,
    h("button", { type: "submit", class: "primary", text: mine.word ? t("Change my word") : t("Send my word") }),
    note);
}

// A function: the words are looked up once the page's language is loaded.
const PLEDGE = () => ({
  name: "pledge", action: "checkout.pledge", max: 500, formClass: "stack closing",
  label: t("What will you do or offer next? (optional)"), share: t("Share it with the group (otherwise only you will ever see it)"),
  save: t("Save my pledge"), update: t("Update my pledge"),
  saved: (shared) => (shared ? t("Your pledge is shared with the group.") : t("Your pledge is kept private: only you can see it.")),
});

/**
 * A pledge, private or shared with the group; the check-out with goals sets
 * its goal with the same form in its own words (``what``: see PLEDGE).
 */
export function pledgeForm(state, ctx, what = PLEDGE()) {
  const { name, action } = what;
  const mine = (state.mine || {})[name];
  const draft = `${name}-${state.activity.id}`;
  // One still on this phone (after a reload, say) is shown as typed, not the one on the server.
  const waiting = latestOf(ctx.outbox, action, (i) => i.state === "waiting");
  const shown = waiting ? waiting.payload : mine;
  const text = h("textarea", { id: `${name}-text`, name, maxlength: what.max, rows: 3, dir: "auto", dataset: { draft: `${draft}-text` } });
  text.value = shown ? shown.text : "";
  const share = h("input", { type: "checkbox", id: `${name}-shared`, name: "shared", checked: shown ? shown.shared : false,
    dataset: { draft: `${draft}-shared` } });
  const note = followLatest(h("p", { role: "status", id: `${name}-status` }), ctx.outbox, action, {
    words: { saved: (item) => what.saved(item.payload.shared) },
    fallback: mine ? { cls: "saved", text: what.saved(mine.shared) } : null });
  return h("form", { class: what.formClass, id: `${name}-form`, onsubmit: (e) => {
    e.preventDefault();
    const { [name]: box, shared } = e.currentTarget.elements;
    if (!box.value.trim()) return;
    ctx.outbox.add(action, { text: box.value, shared: shared.checked });
    clearDraft(`${draft}-text`, `${draft}-shared`);
  } },
    h("label", { for: `${name}-text`, text: what.label }),
    text,
    h("label", { class: "check" }, share, " ", what.share),
    h("button", { type: "submit", class: "primary", text: mine ? what.update : what.save }),
    note);
}

export function phone(root, state, ctx) {
  const a = state.activity;
  // Built afresh each time: patch() keeps the forms on the page, and what is typed in them.
  circlePhone(root, state, ctx, h("div", { class: "closings", id: "closings" },
    a.one_word ? wordForm(state, ctx) : null,
    a.pledges ? pledgeForm(state, ctx) : null));
}

// The word cloud: sized spans, drawn here; no outside service.
export function wordCloud(words) {
  if (!words || words.length === 0) return null;
  const most = Math.max(...words.map((w) => w.count));
  return h("section", { class: "word-cloud-box", "aria-labelledby": "cloud-title" },
    h("h3", { id: "cloud-title", text: t("In one word") }),
    h("p", { class: "word-cloud", id: "word-cloud" }, words.map((w) =>
      sized(h("span", { class: "cloud-word", dir: "auto", title: formatNumber(w.count), text: w.text }), "fontSize", `${1 + (w.count / most) * 1.6}em`))));
}

function pledgesList(list) {
  if (!list || list.length === 0) return null;
  return h("section", { class: "shared-pledges", "aria-labelledby": "pledges-title" },
    h("h3", { id: "pledges-title", text: t("What we will do next") }),
    h("ul", {}, list.map((p) => h("li", { dir: "auto" }, h("strong", { text: p.label }), ": ", p.text))));
}

// On the big screen every word is in the cloud (paged past the floor size) and the pledges turn.
function screenWords(words) {
  if (!words || words.length === 0) return [];
  const most = Math.max(...words.map((w) => w.count));
  return [h("h3", { id: "cloud-title", text: t("In one word") }),
    pagedList("word-cloud", words.map((w) =>
      sized(h("span", { class: "cloud-word", dir: "auto", title: formatNumber(w.count), text: w.text }), "fontSize", `${1 + ((w.count - 1) / Math.max(1, most - 1)) * 1.2}em`)),
    { label: t("In one word"), className: "word-cloud", maxEm: 1.6 })];
}

function screenPledges(list) {
  if (!list || list.length === 0) return [];
  return [h("h3", { id: "pledges-title", text: t("What we will do next") }),
    pagedList("shared-pledges", list.map((p) => h("span", { dir: "auto" }, h("strong", { dir: "auto", text: p.label }), ": ", p.text)),
      { label: t("What we will do next"), className: "shared-pledges rows", maxEm: 1.2 })];
}

export function screen(root, state) {
  const a = state.activity;
  const closing = [...screenWords(a.words), ...screenPledges(a.shared_pledges)];
  // Once words and pledges arrive they take the side of the screen; the next speaker is in the card.
  circleScreen(root, state, closing, { queue: closing.length === 0 });
}

export function console(root, ev, ctx) {
  const a = ev.activity;
  circleConsole(root, ev, ctx, h("div", {}, wordCloud(a.words), pledgesList(a.shared_pledges)));
}
