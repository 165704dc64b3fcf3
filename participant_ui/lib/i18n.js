// The page's words in its person's language (docs/translations.md).
//
// The catalogue is the same .po the server uses, compiled to JSON by
// `make translations` and served at /i18n/<code>.json: no build step here.
// Message ids are the English sentence; placeholders are {name}. A sentence
// missing from the catalogue is shown in English, never as an empty string.
let catalogue = { locale: "en", dir: "ltr", messages: {} };
let rules = new Intl.PluralRules("en");
// A second language beside the first (the big screen of a bilingual event): every
// sentence then reads "first / second", the second isolated, as bilingual signs do.
let second = null; // { catalogue, rules } while the page shows two languages

/** The page's language, as the server wrote it on <html lang>. */
export function pageLanguage() {
  return document.documentElement.lang || "en";
}

async function fetchCatalogue(code) {
  try {
    const res = await fetch(`/i18n/${encodeURIComponent(code)}.json`, { credentials: "same-origin" });
    if (res.ok) return await res.json();
  } catch {
    /* no catalogue: the English sentences stand */
  }
  return { locale: code, messages: {} };
}

function pluralRules(locale) {
  try {
    return new Intl.PluralRules(locale);
  } catch {
    return new Intl.PluralRules("en");
  }
}

/** Load the page's language once, before the first render. Resolves even when offline (English then). */
export async function loadLanguage(code = pageLanguage()) {
  if (code === catalogue.locale && Object.keys(catalogue.messages).length) return catalogue;
  catalogue = await fetchCatalogue(code);
  catalogue.locale = catalogue.locale || code;
  rules = pluralRules(catalogue.locale);
  return catalogue;
}

/** Show every sentence in a second language too, after the first (none: ``null``). */
export async function loadSecondLanguage(code) {
  if (!code || code === catalogue.locale) {
    second = null;
    return;
  }
  const loaded = await fetchCatalogue(code);
  loaded.locale = loaded.locale || code;
  second = { catalogue: loaded, rules: pluralRules(loaded.locale) };
}

/** The languages the page's sentences are in now ("cy", or "en/cy" with a second): what a
 * part of the page built once and kept (lib/dom.js onPage) must be built again for. */
export function languagesShown() {
  return second ? `${catalogue.locale}/${second.catalogue.locale}` : catalogue.locale;
}

/** The page's second language, or null. */
export function secondLanguage() {
  return second ? second.catalogue.locale : null;
}

function fill(text, vars) {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

function lookup(messages, msgid) {
  const found = messages[msgid];
  return typeof found === "string" && found ? found : msgid;
}

function plural(cat, pluralRulesOf, singular, plural_, n) {
  const forms = cat.messages[singular];
  const category = pluralRulesOf.select(n);
  let text = forms && typeof forms === "object" ? forms[category] || forms.other : null;
  if (!text) text = new Intl.PluralRules("en").select(n) === "one" ? singular : plural_;
  return text;
}

// "first / second", the second isolated (U+2068 ... U+2069) so that a right-to-left
// language beside a left-to-right one keeps its own order; once when both read the same.
function both(first, other) {
  return other === first ? first : `${first} / \u2068${other}\u2069`;
}

/** The sentence ``msgid`` in the page's language, its {placeholders} filled from ``vars``. */
export function t(msgid, vars) {
  const first = fill(lookup(catalogue.messages, msgid), vars);
  return second ? both(first, fill(lookup(second.catalogue.messages, msgid), vars)) : first;
}

/**
 * A sentence about ``n`` things in the right plural form: the catalogue keeps
 * one text per Intl.PluralRules category (Welsh and Arabic have six).
 * ``{n}`` is ``n`` written for the person's locale.
 */
export function tn(singular, plural_, n, vars = {}) {
  const first = fill(plural(catalogue, rules, singular, plural_, n), { n: formatNumber(n), ...vars });
  if (!second) return first;
  const other = fill(plural(second.catalogue, second.rules, singular, plural_, n),
    { n: formatNumber(n, undefined, second.catalogue.locale), ...vars });
  return both(first, other);
}

/**
 * A number as the person's locale writes it (Arabic digits in Arabic, for one);
 * ``options`` as Intl.NumberFormat takes them (``{ minimumFractionDigits: 1 }``);
 * ``locale`` another than the page's (a bilingual screen's second language).
 */
export function formatNumber(n, options, locale = catalogue.locale) {
  try {
    return numberFormat(locale, options).format(n);
  } catch {
    return String(n);
  }
}

// A formatter made once per locale and options: making one costs more than formatting a
// thousand numbers, and the console writes a count on every card and theme at each redraw.
const numberFormats = new Map();
function numberFormat(locale, options) {
  const key = `${locale}|${options ? JSON.stringify(options) : ""}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** A time of day as the person's locale writes it. */
export function formatTime(date) {
  try {
    return new Intl.DateTimeFormat(catalogue.locale, { hour: "numeric", minute: "2-digit" }).format(date);
  } catch {
    return date.toLocaleTimeString();
  }
}

/**
 * Like t(), for a sentence with something of the person's own inside it (a
 * name in any script): the pieces to put in an element, each value that is a
 * Node kept as it is (a <bdi>, so a Latin name stays whole in an Arabic sentence).
 */
export function tNodes(msgid, vars = {}) {
  const parts = nodesOf(lookup(catalogue.messages, msgid), vars, false);
  if (!second) return parts;
  const other = lookup(second.catalogue.messages, msgid);
  if (other === lookup(catalogue.messages, msgid)) return parts;
  const isolated = (pieces) => {
    const bdi = document.createElement("bdi");
    bdi.lang = second.catalogue.locale;
    bdi.append(...pieces);
    return bdi;
  };
  // "Next: {name}" and "Nesaf: {name}": the words in both, the name once ("Next: / Nesaf: Sam").
  const first = lookup(catalogue.messages, msgid);
  const one = oneValue(first, vars);
  if (one && one.name === oneValue(other, vars)?.name && one.at === oneValue(other, vars).at) {
    const [f, o, cut] = [first.trim(), other.trim(), one.whole.length];
    const words = one.at === "end"
      ? [f.slice(0, -cut).trimEnd(), " / ", isolated([o.slice(0, -cut).trimEnd()])]
      : [f.slice(cut).trimStart(), " / ", isolated([o.slice(cut).trimStart()])];
    const value = vars[one.name] instanceof Node ? vars[one.name] : String(vars[one.name]);
    return one.at === "end" ? [...words, " ", value] : [value, " ", ...words];
  }
  // Otherwise the second language's sentence whole, in a <bdi> of its own, with copies of the values (a node is in one place).
  return [...parts, " / ", isolated(nodesOf(other, vars, true))];
}

// The one {placeholder} of a sentence that begins or ends with it, or null.
function oneValue(text, vars) {
  const found = [...text.matchAll(/\{(\w+)\}/g)];
  if (found.length !== 1 || !(found[0][1] in vars)) return null;
  const whole = found[0][0];
  const at = text.trimEnd().endsWith(whole) ? "end" : text.trimStart().startsWith(whole) ? "start" : null;
  return at && text.trim() !== whole ? { name: found[0][1], whole, at } : null;
}

function nodesOf(text, vars, copies) {
  const parts = [];
  let at = 0;
  for (const match of text.matchAll(/\{(\w+)\}/g)) {
    if (!(match[1] in vars)) continue;
    if (match.index > at) parts.push(text.slice(at, match.index));
    const value = vars[match[1]];
    parts.push(value instanceof Node ? (copies ? value.cloneNode(true) : value) : String(value));
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
