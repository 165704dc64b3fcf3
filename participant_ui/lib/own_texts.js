// The facilitator's own texts in other languages (docs/translations.md, "The facilitator's
// texts"). The event's and the current activity's `texts_in` ({language: {field: text}}, a
// café's questions as `rounds: {"1": text}`) hold versions of what the facilitator wrote in
// the event's language. A phone shows its person's version; a bilingual big screen shows the
// second language's beside the first. Nothing changes where there is no version.
import { t } from "./i18n.js";

const EVENT_FIELDS = ["title", "purpose", "welcome_text", "agreement_text"];
const ACTIVITY_FIELDS = ["title", "prompt", "message"];
// Texts of several lines read better one language under the other than "first / second".
const LONG = new Set(["purpose", "welcome_text", "agreement_text", "message"]);

function swapped(obj, fields, version, join) {
  let out = obj;
  for (const field of fields) {
    const text = version[field];
    if (typeof text === "string" && text && typeof obj[field] === "string" && obj[field]) {
      if (out === obj) out = { ...obj };
      out[field] = join(obj[field], text, LONG.has(field));
    }
  }
  return out;
}

function withRound(activity, rounds, join) {
  const round = activity.round;
  const text = round && rounds && rounds[String(round.number)];
  if (typeof text !== "string" || !text || typeof round.question !== "string") return activity;
  return { ...activity, round: { ...round, question: join(round.question, text, false) } };
}

// Texts still the kind's own (an activity's default title and prompt, `defaults`) are
// sentences of the catalogues: each page shows them in its own language(s), as its own words.
function ownWords(activity, version) {
  const defaults = Array.isArray(activity.defaults) ? activity.defaults : [];
  let out = activity;
  for (const field of defaults) {
    if (typeof activity[field] !== "string" || (version && version[field])) continue;
    if (out === activity) out = { ...activity };
    out[field] = t(activity[field]);
  }
  // A café's questions from its template: the round's, looked up (one the facilitator wrote is not found, and stays).
  const round = activity.round;
  if (defaults.includes("round") && round && typeof round.question === "string" && !(version?.rounds?.[String(round.number)])) {
    out = { ...out, round: { ...round, question: t(round.question) } };
  }
  return out;
}

function applied(state, language, join) {
  if (!state) return state;
  // The originals are in the event's own language: a version kept under it (the language changed since) is not shown.
  if (language && language === state.event?.language) language = null;
  const eventVersion = language ? state.event?.texts_in?.[language] : null;
  const activityVersion = language ? state.activity?.texts_in?.[language] : null;
  if (!eventVersion && !activityVersion && !state.activity?.defaults?.length) return state;
  const out = { ...state };
  if (eventVersion) out.event = swapped(state.event, EVENT_FIELDS, eventVersion, join);
  if (state.activity) {
    const activity = ownWords(state.activity, activityVersion);
    out.activity = activityVersion ? withRound(swapped(activity, ACTIVITY_FIELDS, activityVersion, join), activityVersion.rounds, join) : activity;
  }
  return out;
}

/** The state with the facilitator's texts in `language` where there are versions (a phone);
 * with `language` null, only what the toolkit wrote in the page's language (the console). */
export function inLanguage(state, language) {
  return applied(state, language, (_first, version) => version);
}

/** The state with each text followed by its version in `second` (a bilingual big screen):
 * "first / second" on one line, the second isolated as the screen's own words are; a long
 * text's version under it. */
export function inBothLanguages(state, second) {
  return applied(state, second, (first, version, long) => {
    if (first.trim() === version.trim()) return first;
    return long ? `${first}\n\n\u2068${version}\u2069` : `${first} / \u2068${version}\u2069`;
  });
}
