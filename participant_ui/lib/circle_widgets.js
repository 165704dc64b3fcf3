// The circle's widgets that are drawn outside activities/circle.js too: the
// speaker card (who holds the talking piece, for how long, who is next; also on
// the co-host's phone; its clocks tick in lib/clock.js) and a circle's settings
// box (prompt, silence, time, order, the optional closings), saved with
// agenda.update, for the running circle and from the console's run of show.
import { h } from "./dom.js";
import { t, tNodes } from "./i18n.js";

export function speakerCard(a, { meId } = {}) {
  // On a phone the card can take focus from the script (after Done or Pass), never from Tab.
  const focusable = meId ? { tabindex: "-1" } : {};
  if (a.phase === "done") {
    return h("div", { class: "piece done", ...focusable }, h("p", { class: "piece-holder", text: t("The circle is complete. Thank you, everyone.") }));
  }
  if (!a.speaker) {
    return h("div", { class: "piece waiting-start", ...focusable },
      h("p", { class: "piece-holder", text: t("The talking piece is waiting to begin.") }),
      a.next ? h("p", { class: "piece-next" }, tNodes("First: {name}", { name: h("strong", { dir: "auto", text: a.next.label }) })) : null);
  }
  const frozen = a.paused && a.paused_at ? { frozen: a.paused_at } : {};
  const attrs = { class: "piece", id: "piece", ...focusable, dataset: { ...frozen } };
  if (a.turn_ends_at) attrs.dataset.boxEnds = a.turn_ends_at;
  const mine = meId && a.speaker.id === meId;
  return h("div", attrs,
    h("p", { class: "piece-label", text: t("Holding the talking piece") }),
    h("p", { class: "piece-holder", id: "speaker", dir: "auto", text: mine ? t("You") : a.speaker.label }),
    // A clock reads left to right in every language.
    h("p", { class: "piece-since" }, tNodes("for {time}", { time: h("span", { class: "clock", dir: "ltr", dataset: { since: a.turn_started_at, ...frozen } }) })),
    h("p", { class: "time-note", hidden: true, text: t("The suggested time has passed. Take the time you need to finish.") }),
    a.next ? h("p", { class: "piece-next", id: "next-up" },
      tNodes("Next: {name}", { name: h("strong", { dir: "auto", text: a.next.id === meId ? t("You") : a.next.label }) })) : null);
}

// Functions: the words are looked up once the page's language is loaded.
const ORDERS = () => [["join", t("Join order")], ["shuffle", t("Shuffled")], ["arranged", t("Arranged by me")]];
// On-off settings, shown only where the kind has them (one word and pledges: check-out).
const SWITCHES = () => [
  ["one_word", t("One word: each person sends a word; the screen builds a word cloud")],
  ["pledges", t("Pledges: what each person will do or offer next, shared or private")],
  ["pulse", t("The 3Cs pulse (anonymous; the screen shows averages from 3 answers)")],
  ["chime", t("A soft chime from the big screen when the opening silence ends")],
];

// Patches redraw the console often (every turn); a form being edited is kept
// as it is (the caller puts the focus back after redrawing).
export function settingsBox(root, a, ctx) {
  const old = root.querySelector(`details.circle-settings[data-activity="${a.id}"]`);
  const oldForm = old && old.querySelector("form");
  if (oldForm && (oldForm.dataset.dirty || old.contains(document.activeElement))) return old;
  const cfg = a.config || {};
  const id = (name) => `circle-${name}-${a.id}`;
  const status = h("p", { role: "status", class: "saved" });
  const prompt = h("textarea", { id: id("prompt"), name: "prompt", rows: 2, maxlength: 300, dir: "auto" });
  prompt.value = cfg.prompt || "";
  const seconds = (name, max) => h("input", { id: id(name), name, type: "number", min: 0, max, step: 1,
    inputmode: "numeric", value: String(cfg[name] || 0) });
  const silenceInput = seconds("silence_seconds", 600);
  const turnInput = seconds("turn_seconds", 3600);
  const order = h("select", { id: id("order"), name: "order" },
    ORDERS().map(([value, text]) => h("option", { value, text, selected: cfg.order === value })));
  const switches = SWITCHES().filter(([key]) => key in cfg).map(([key, text]) =>
    h("label", { class: "check" }, h("input", { type: "checkbox", name: key, checked: Boolean(cfg[key]) }), " ", text));
  const form = h("form", { class: "stack" },
    h("label", { for: id("prompt"), text: t("Prompt") }), prompt,
    h("label", { for: id("silence_seconds"), text: t("Opening silence, in seconds (0 for none)") }), silenceInput,
    h("label", { for: id("turn_seconds"), text: t("Time for each person, in seconds (0 for no time box)") }), turnInput,
    h("label", { for: id("order"), text: t("Order of the round") }), order,
    switches.length ? h("fieldset", {}, h("legend", { text: t("Optional") }), switches) : null,
    h("button", { type: "submit", class: "secondary", text: t("Save settings") }),
    status);
  form.addEventListener("input", () => {
    form.dataset.dirty = "1";
    status.textContent = "";
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const config = {
      prompt: prompt.value,
      silence_seconds: Number(silenceInput.value || 0),
      turn_seconds: Number(turnInput.value || 0),
      order: order.value,
    };
    for (const box of form.querySelectorAll("input[type=checkbox]")) config[box.name] = box.checked;
    const reply = await ctx.send("agenda.update", { activity: a.id, config });
    if (reply.ok) {
      delete form.dataset.dirty;
      status.textContent = t("Saved.");
    }
  });
  // Keyed by the settings it shows: patch() keeps it while they are the same (and while it is
  // being edited, above), and draws it afresh when they changed (another console saved them).
  return h("details", { class: "circle-settings", dataset: { activity: String(a.id), key: `settings-${a.id}-${JSON.stringify(cfg)}` },
    open: old ? old.open : false },
    h("summary", { text: t("Settings: prompt, silence, time, order, closings") }), form);
}
