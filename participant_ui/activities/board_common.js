// Shared by the café and the harvest: cards, countdowns and small list helpers.
import { h, formatDuration } from "../lib/dom.js";
import { msUntil } from "../lib/clock.js";

export const TAG_LABELS = { control: "Control", contact: "Contact", confidence: "Confidence" };

export function cardEl(card, { votes = null, actions = null, tag = "li" } = {}) {
  return h(tag, { class: `card${card.pinned ? " pinned" : ""}${card.hidden ? " hidden-card" : ""}`, dataset: { card: String(card.id), key: `card-${card.id}` } },
    h("p", { class: "card-text pre", dir: "auto", text: card.text }),
    h("p", { class: "card-meta" },
      card.table_name ? h("span", { text: card.table_name }) : null,
      card.round ? h("span", { text: ` · round ${card.round}` }) : null,
      card.tag ? h("span", { class: `tag tag-${card.tag}`, text: ` · ${TAG_LABELS[card.tag] || card.tag}` }) : null,
      card.on_behalf ? h("span", { dir: "auto", text: ` · for ${card.on_behalf}` }) : null,
      card.merged ? h("span", { text: ` · +${card.merged} similar` }) : null,
      card.pinned ? h("span", { class: "pin", text: " · 📌 pinned" }) : null,
      card.hidden ? h("span", { text: " · hidden" }) : null,
      votes !== null ? h("strong", { class: "votes", text: ` · ${votes} ${votes === 1 ? "dot" : "dots"}` }) : null),
    actions);
}

export function upsert(list, item) {
  const i = list.findIndex((x) => x.id === item.id);
  if (i >= 0) list[i] = item;
  else list.push(item);
  return list;
}

export function removeById(list, id) {
  const i = list.findIndex((x) => x.id === id);
  if (i >= 0) list.splice(i, 1);
  return list;
}

// One local interval redraws every countdown on the page; nothing comes over the network.
let ticking = null;
export function countdown(round) {
  const el = h("p", { class: "timer", role: "timer", "aria-live": "off" });
  el.dataset.deadline = round.deadline ? String(round.deadline) : "";
  el.dataset.remaining = round.remaining_ms != null ? String(round.remaining_ms) : "";
  el.dataset.status = round.status;
  drawTimer(el);
  if (!ticking) ticking = setInterval(() => document.querySelectorAll(".timer").forEach(drawTimer), 1000);
  return el;
}

function drawTimer(el) {
  const status = el.dataset.status;
  if (status === "paused") {
    el.textContent = `Paused · ${formatDuration(Number(el.dataset.remaining || 0))} left`;
  } else if (status === "running" && el.dataset.deadline) {
    const left = msUntil(Number(el.dataset.deadline));
    el.textContent = left > 0 ? `${formatDuration(left)} left` : "Time is up";
  } else {
    el.textContent = "";
  }
}
