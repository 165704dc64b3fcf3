// The 3Cs pulse (docs/glossary.md): the form on phones, and the averages on
// the big screen and the console, during the check-in and check-out circles.
// The 3Cs' labels are written here once, for the café's tags and cards too.
import { h, onPage, sized } from "../lib/dom.js";
import { clearDraft } from "../lib/drafts.js";
import { formatNumber, secondLanguage, t, tn } from "../lib/i18n.js";

/**
 * The 3Cs in order: key, label, and the question a person answers on their phone.
 * A function: the words are looked up once the page's language is loaded.
 */
export const threeCs = () => [
  ["control", t("Control"), t("How much control do you feel over your life and what affects it?")],
  ["contact", t("Contact"), t("How connected do you feel to other people?")],
  ["confidence", t("Confidence"), t("How confident do you feel?")],
];

/** Each C's label by its key (a card's tag is one of the keys). */
export const cLabels = () => Object.fromEntries(threeCs().map(([key, label]) => [key, label]));

// An average to one decimal, as the person's locale writes it.
const fmt = (v) => formatNumber(v, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The pulse on a phone: the form, or a thank-you once this person has answered. */
export function pulsePhone(a, mine, ctx) {
  if (!a.pulse) return null;
  return mine.pulse_answered
    ? h("p", { class: "saved", id: "pulse-done", text: t("Thank you: your 3Cs answer is in, anonymously.") })
    : h("details", { class: "pulse", id: "pulse" }, h("summary", { text: t("The 3Cs pulse (anonymous)") }), pulseForm(a, ctx));
}

function pulseForm(a, ctx) {
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const draft = (key) => `pulse-${a.id}-${key}`;
  return h("form", { class: "pulse-form stack", id: "pulse-form", "aria-describedby": "pulse-why", onsubmit: async (e) => {
    e.preventDefault();
    // The form on the page, not the one this render built: a patch may have kept the first.
    const form = e.currentTarget;
    const payload = {};
    for (const [key] of threeCs()) {
      const picked = form.querySelector(`input[name=${key}]:checked`);
      if (picked) payload[key] = Number(picked.value);
    }
    const item = await ctx.outbox.add("pulse.answer", payload);
    if (item.state === "refused") {
      onPage(error).textContent = item.error;
      onPage(error).hidden = false;
    } else {
      clearDraft(...threeCs().map(([key]) => draft(key)));
      ctx.rerender();
    }
  } },
    h("h2", { text: t("How are you today?") }),
    h("p", { id: "pulse-why", class: "calm", text: t("Anonymous: only the group's averages are shown, and only once at least 3 people have answered. Skip any you like.") }),
    ...threeCs().map(([key, label, question]) => h("fieldset", { class: "pulse-scale", dataset: { key } },
      h("legend", {}, h("strong", { text: label }), " ", h("span", { class: "hint", text: question })),
      h("div", { class: "scale" },
        [1, 2, 3, 4, 5].map((n) => h("label", { class: "scale-point" },
          h("input", { type: "radio", name: key, value: String(n), "aria-label": t("{label} {n} of 5", { label, n: formatNumber(n) }), dataset: { draft: draft(key) } }),
          h("span", { text: formatNumber(n) })))))),
    error,
    h("button", { type: "submit", class: "primary", text: t("Send anonymously") }));
}

/** The pulse on the big screen: at the check-out, beside the check-in's averages. */
export function pulseScreen(a) {
  return pulseChart(a.pulse_results, a.pulse_checkin, a.pulse_change)
    || [pulseResults(a.pulse_results, t("The 3Cs, together")), pulseChange(a.pulse_change)];
}

export function pulseConsole(a) {
  return [pulseResults(a.pulse_results, t("3Cs pulse")), pulseChange(a.pulse_change)];
}

function pulseResults(results, title) {
  if (!results) return null;
  if (!results.enough) {
    return h("section", { class: "pulse-results" }, h("h3", { text: title }),
      h("p", { class: "calm", text: tn("The averages appear once at least {n} person has answered.",
        "The averages appear once at least {n} people have answered.", results.minimum) }));
  }
  // How many answered: the most-answered C's count (one value a sentence, so a bilingual
  // screen says it once: "39 people answered / ... ").
  const answered = Math.max(0, ...threeCs().map(([key]) => (results.scores[key] && results.scores[key].count) || 0));
  return h("section", { class: "pulse-results" }, h("h3", { text: title }),
    h("dl", { class: "pulse-bars" }, threeCs().map(([key, label]) => {
      const s = results.scores[key];
      return [h("dt", { text: label }),
        h("dd", {}, s.shown
          ? [sized(h("span", { class: "bar-fill", "aria-hidden": "true" }), "width", `${(s.mean / 5) * 100}%`),
            // A bilingual screen shows the number alone in the bar ("3.5 of 5 / 3.5 o 5" would not fit
            // in it); the bar's length is out of 5, and the sentence stays for a screen reader.
            h("span", { class: "bar-text", "aria-label": t("{mean} of 5", { mean: fmt(s.mean) }),
              text: secondLanguage() ? fmt(s.mean) : t("{mean} of 5", { mean: fmt(s.mean) }) })]
          : h("span", { class: "calm", text: t("fewer than 3 answers") }))];
    })),
    h("p", { class: "pulse-answered spare", text: tn("{n} person answered", "{n} people answered", answered) }),
    // Spare on the big screen: left out when the words (two languages, say) do not fit at the floor.
    h("p", { class: "hint spare", text: tn("The averages move on after every {n} answer, so no one answer can be picked out.",
      "The averages move on after every {n} answers, so no one answer can be picked out.", results.step || results.minimum) }));
}

/**
 * At the check-out: each C's average at the check-in and now, as two bars
 * (the check-in pale, now strong) and the numbers, readable from the back of
 * the room. Each row is one image to a screen reader, named in words
 * ("Control: 2.4 at check-in, 3.1 now, up 0.7"). Null until the check-in
 * had averages to show (then the check-out's own averages are shown).
 */
function pulseChart(results, before, change) {
  if (!before || !threeCs().some(([k]) => before[k] && before[k].shown)) return null;
  const now = (results && results.enough && results.scores) || {};
  const moved = (v) => (v > 0 ? t("up {value}", { value: fmt(v) }) : v < 0 ? t("down {value}", { value: fmt(-v) }) : t("no change"));
  const bar = (cls, mean) => sized(h("span", { class: `compare-bar ${cls}` }), "width", `${(mean / 5) * 100}%`);
  return h("section", { class: "pulse-chart", id: "pulse-chart", "aria-labelledby": "pulse-chart-title" },
    h("h3", { id: "pulse-chart-title", text: t("The 3Cs: at check-in, and now") }),
    h("div", { class: "compare-rows" }, threeCs().map(([key, label]) => {
      const a = before[key] && before[key].shown ? before[key].mean : null;
      const b = now[key] && now[key].shown ? now[key].mean : null;
      const d = change && typeof change[key] === "number" ? change[key] : null;
      const parts = {
        label,
        before: a !== null ? t("{value} at check-in", { value: fmt(a) }) : t("too few answers at check-in"),
        now: b !== null ? t("{value} now", { value: fmt(b) }) : t("too few answers yet now"),
      };
      const words = d !== null ? t("{label}: {before}, {now}, {change}", { ...parts, change: moved(d) }) : t("{label}: {before}, {now}", parts);
      return h("div", { class: "compare", role: "img", "aria-label": words, dataset: { c: key } },
        h("span", { class: "compare-label", text: label }),
        h("span", { class: "compare-bars" },
          h("span", { class: "compare-track" }, a !== null ? bar("before", a) : null),
          h("span", { class: "compare-track" }, b !== null ? bar("now", b) : null)),
        h("span", { class: "compare-values" },
          a !== null ? fmt(a) : "–", " → ", b !== null ? fmt(b) : "…",
          d !== null ? h("strong", { class: `compare-change ${d > 0 ? "up" : d < 0 ? "down" : "same"}`, text: ` ${d > 0 ? "+" : ""}${fmt(d)}` }) : null));
    })),
    // The key is what a crowded (4:3) screen leaves out first ("spare", lib/fit.js): the values say the same.
    h("p", { class: "compare-key hint spare", "aria-hidden": "true" },
      h("span", { class: "key before" }), " ", t("check-in"), " ", h("span", { class: "key now" }), " ", t("now · out of 5")));
}

function pulseChange(change) {
  if (!change || !threeCs().some(([k]) => typeof change[k] === "number")) return null;
  const sign = (v) => (v > 0 ? `+${fmt(v)}` : fmt(v));
  return h("p", { class: "pulse-change" }, t("Since check-in:"), " ",
    threeCs().filter(([k]) => typeof change[k] === "number").map(([k, label], i) =>
      [i ? " · " : "", `${label} ${sign(change[k])}`]));
}
