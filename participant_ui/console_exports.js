// The console's harvest panel: downloads (during the event and after), how long
// the event is kept, and deleting it for good. Built once per event; patches
// only refresh the retention line, so a half-typed confirmation is never lost.
import { h, replace } from "./lib/dom.js";
import { t, tNodes } from "./lib/i18n.js";

const FORMATS = () => [
  ["html", t("Report (HTML, prints to PDF)")],
  ["xlsx", t("Workbook (Excel)")],
  ["csv", t("Cards (CSV)")],
  ["md", t("Report (Markdown)")],
  ["json", t("Archive (JSON, to move or restore the event)")],
];

let builtFor = null;

function keptLine(iso) {
  if (!iso) return t("Kept until you delete it.");
  // retain_until is the first moment after the kept day (UTC).
  const last = new Date(Date.parse(iso) - 1).toISOString().slice(0, 10);
  return t("Kept through {date} (UTC), then erased automatically.", { date: last });
}

function build(box, ev, ctx) {
  const code = ev.event.code;
  const names = h("input", { type: "checkbox", id: "export-names" });
  const hidden = h("input", { type: "checkbox", id: "export-hidden" });
  const links = h("ul", { class: "export-links" });
  const drawLinks = () => {
    const query = new URLSearchParams();
    if (names.checked) query.set("names", "1");
    if (hidden.checked) query.set("hidden", "1");
    const suffix = query.toString() ? `?${query}` : "";
    replace(links, FORMATS().map(([ext, label]) =>
      h("li", {}, h("a", { href: `/e/${code}/export.${ext}${suffix}`, download: "", text: label }))));
  };
  names.addEventListener("change", drawLinks);
  hidden.addEventListener("change", drawLinks);
  drawLinks();

  const until = h("input", { type: "date", id: "retain-until" });
  const kept = h("p", { id: "retain-line", class: "hint", role: "status" });
  const retain = async (value) => {
    const reply = await ctx.send("event.retain", { until: value });
    if (reply.ok) kept.textContent = keptLine(reply.retain_until);
  };

  const confirmBox = h("input", { id: "delete-confirm", autocomplete: "off", spellcheck: "false" });
  const erase = h("button", { type: "button", class: "danger", disabled: true, text: t("Delete this event and everything in it") });
  confirmBox.addEventListener("input", () => {
    erase.disabled = confirmBox.value.replace(/[\s-]/g, "").toUpperCase() !== code;
  });
  erase.addEventListener("click", async () => {
    if (!window.confirm(t("Delete {title} for good? Everything people wrote goes with it.", { title: `\u2068${ev.event.title}\u2069` }))) return;
    const reply = await ctx.send("event.delete", {});
    if (reply.ok) location.assign("/console");
  });

  replace(box,
    h("section", { "aria-labelledby": "harvest-title", class: "harvest" },
      h("h3", { id: "harvest-title", text: t("Harvest: take it home") }),
      h("p", { class: "hint", text: t("Download now or after the event. Anonymous people are never named; private pledges never leave.") }),
      h("label", { class: "check" }, names, " ", t("Name the authors who chose to be named")),
      h("label", { class: "check" }, hidden, " ", t("Include cards hidden from the board")),
      links,
      h("form", { class: "inline", onsubmit: (evt) => { evt.preventDefault(); if (until.value) retain(until.value); } },
        h("label", { for: "retain-until", text: t("Keep the record through") }), until,
        h("button", { type: "submit", class: "secondary", text: t("Set") }),
        h("button", { type: "button", class: "secondary", text: t("Keep until deleted"), onclick: () => retain("") })),
      kept,
      h("details", { class: "danger-zone" },
        h("summary", { text: t("Delete this event") }),
        h("p", { text: t("This erases the event, everyone in it and everything they wrote. It cannot be undone; download the archive first if you may need it.") }),
        h("label", { for: "delete-confirm" },
          ...tNodes("Type the event code {code} to confirm", { code: h("strong", { dir: "ltr", text: ev.event.display_code }) })),
        confirmBox, erase)));
}

export function renderExports(root, ev, ctx) {
  if (!root || !ev) return;
  let box = root.querySelector("#console-exports");
  if (!box || builtFor !== ev.event.code) {
    if (!box) {
      box = h("div", { id: "console-exports" });
      root.append(box);
    }
    builtFor = ev.event.code;
    build(box, ev, ctx);
  }
  const line = box.querySelector("#retain-line");
  if (line) line.textContent = keptLine(ev.event.retain_until);
}
