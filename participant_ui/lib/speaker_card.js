// Who holds the talking piece, for how long and who is next: on phones, the
// big screen, the console and the co-host's phone (its clocks: lib/clock.js).
import { h } from "./dom.js";

export function speakerCard(a, { meId } = {}) {
  // On a phone the card can take focus from the script (after Done or Pass), never from Tab.
  const focusable = meId ? { tabindex: "-1" } : {};
  if (a.phase === "done") {
    return h("div", { class: "piece done", ...focusable }, h("p", { class: "piece-holder", text: "The circle is complete. Thank you, everyone." }));
  }
  if (!a.speaker) {
    return h("div", { class: "piece waiting-start", ...focusable },
      h("p", { class: "piece-holder", text: "The talking piece is waiting to begin." }),
      a.next ? h("p", { class: "piece-next" }, "First: ", h("strong", { dir: "auto", text: a.next.label })) : null);
  }
  const frozen = a.paused && a.paused_at ? { frozen: a.paused_at } : {};
  const attrs = { class: "piece", id: "piece", ...focusable, dataset: { ...frozen } };
  if (a.turn_ends_at) attrs.dataset.boxEnds = a.turn_ends_at;
  const mine = meId && a.speaker.id === meId;
  return h("div", attrs,
    h("p", { class: "piece-label", text: "Holding the talking piece" }),
    h("p", { class: "piece-holder", id: "speaker", dir: "auto", text: mine ? "You" : a.speaker.label }),
    h("p", { class: "piece-since" }, "for ", h("span", { class: "clock", dataset: { since: a.turn_started_at, ...frozen } })),
    h("p", { class: "time-note", hidden: true, text: "The suggested time has passed. Take the time you need to finish." }),
    a.next ? h("p", { class: "piece-next", id: "next-up" }, "Next: ", h("strong", { dir: "auto", text: a.next.id === meId ? "You" : a.next.label })) : null);
}
