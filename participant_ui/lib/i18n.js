// The page's words in its person's language (docs/translations.md).
//
// The catalogue is the same .po the server uses, compiled to JSON by
// `make translations` and served at /i18n/<code>.json: no build step here.
// Message ids are the English sentence; placeholders are {name}. A sentence
// missing from the catalogue is shown in English, never as an empty string.
let catalogue = { locale: "en", dir: "ltr", messages: {} };
let rules = new Intl.PluralRules("en");

/** The page's language, as the server wrote it on <html lang>. */
export function pageLanguage() {
  return document.documentElement.lang || "en";
}

/** Load the page's language once, before the first render. Resolves even when offline (English then). */
export async function loadLanguage(code = pageLanguage()) {
  if (code === catalogue.locale && Object.keys(catalogue.messages).length) return catalogue;
  try {
    const res = await fetch(`/i18n/${encodeURIComponent(code)}.json`, { credentials: "same-origin" });
    if (res.ok) catalogue = await res.json();
  } catch {
    /* no catalogue: the English sentences stand */
  }
  catalogue.locale = catalogue.locale || code;
  try {
    rules = new Intl.PluralRules(catalogue.locale);
  } catch {
    rules = new Intl.PluralRules("en");
  }
  return catalogue;
}

function fill(text, vars) {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** The sentence ``msgid`` in the page's language, its {placeholders} filled from ``vars``. */
export function t(msgid, vars) {
  const found = catalogue.messages[msgid];
  return fill(typeof found === "string" && found ? found : msgid, vars);
}

/**
 * A sentence about ``n`` things in the right plural form: the catalogue keeps
 * one text per Intl.PluralRules category (Welsh and Arabic have six).
 * ``{n}`` is ``n`` written for the person's locale.
 */
export function tn(singular, plural, n, vars = {}) {
  const forms = catalogue.messages[singular];
  const category = rules.select(n);
  let text = forms && typeof forms === "object" ? forms[category] || forms.other : null;
  if (!text) text = new Intl.PluralRules("en").select(n) === "one" ? singular : plural;
  return fill(text, { n: formatNumber(n), ...vars });
}

/**
 * A number as the person's locale writes it (Arabic digits in Arabic, for one);
 * ``options`` as Intl.NumberFormat takes them (``{ minimumFractionDigits: 1 }``).
 */
export function formatNumber(n, options) {
  try {
    return new Intl.NumberFormat(catalogue.locale, options).format(n);
  } catch {
    return String(n);
  }
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
  const text = t(msgid);
  const parts = [];
  let at = 0;
  for (const match of text.matchAll(/\{(\w+)\}/g)) {
    if (!(match[1] in vars)) continue;
    if (match.index > at) parts.push(text.slice(at, match.index));
    const value = vars[match[1]];
    parts.push(value instanceof Node ? value : String(value));
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
