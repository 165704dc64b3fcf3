// Working agreements: anyone proposes; the facilitator accepts, merges or sets aside.
import { pagedList } from "../lib/fit.js";
import { h, onPage, patch, replace } from "../lib/dom.js";
import { clearDraft } from "../lib/drafts.js";
import { followLatest, itemStatus, itemsOf } from "../lib/outbox_view.js";
import { t } from "../lib/i18n.js";

// Where each proposal stands (a function: the words are looked up once the page's language is loaded).
const WORDS = () => ({ proposed: t("waiting"), accepted: t("accepted"), merged: t("merged with another"), set_aside: t("set aside for now") });

export function phone(root, state, ctx) {
  const a = state.activity;
  const mine = (state.mine || {}).proposals || [];
  const text = h("textarea", { id: "agreement-text", name: "text", maxlength: 200, rows: 2, dir: "auto", dataset: { draft: "agreement-text" } });
  const note = followLatest(h("p", { role: "status", id: "proposal-status" }), ctx.outbox, "agreements.propose", { words: { saved: t("Proposed.") } });
  // Proposals still waiting on this phone are listed with the saved ones (a refused one is in #not-sent).
  const unsent = itemsOf(ctx.outbox, "agreements.propose", (i) => i.state === "waiting").map((i) => {
    const status = itemStatus(i);
    return h("li", { class: "unsent", dir: "auto", dataset: { key: i.cid } }, i.payload.text, h("span", { class: `hint ${status.cls}`, text: ` · ${status.text}` }));
  });
  const form = h("form", { class: "stack", id: "agreement-form", onsubmit: async (e) => {
    e.preventDefault();
    const box = e.currentTarget.elements.text;
    if (!box.value.trim()) return;
    const value = box.value;
    box.value = "";
    clearDraft("agreement-text");
    const item = await ctx.outbox.add("agreements.propose", { text: value });
    // Refused for good (too long, say): give the words back to be changed.
    if (item.state === "refused" && box.isConnected && !box.value) box.value = value;
  } },
    h("label", { for: "agreement-text", text: t("Propose an agreement") }),
    text,
    h("button", { type: "submit", class: "primary", text: t("Propose") }),
    note);
  patch(root,
    h("h1", { dir: "auto", text: a.title }),
    h("p", { class: "lead", dir: "auto", text: a.prompt }),
    form,
    mine.length || unsent.length ? h("section", { "aria-labelledby": "my-proposals", id: "my-proposals-box" },
      h("h2", { id: "my-proposals", text: t("Your proposals") }),
      h("ul", { class: "my-proposals" }, unsent, mine.map((p) => h("li", { dir: "auto", dataset: { key: `proposal-${p.id}` } }, p.text,
        h("span", { class: "hint", text: ` · ${WORDS()[p.status] || p.status}` }))))) : null,
    agreementsPanel(a.accepted));
}

// The agreements accepted so far, under the phone's form.
function agreementsPanel(list) {
  if (!list || list.length === 0) return null;
  return h("aside", { class: "our-agreements", "aria-labelledby": "our-agreements-title" },
    h("h3", { id: "our-agreements-title", text: t("Our agreements") }),
    h("ul", {}, list.map((a) => h("li", { dir: "auto", text: a.text }))));
}

export function screen(root, state) {
  const a = state.activity;
  const agreed = a.agreements || [];
  replace(root,
    h("h2", { class: "prompt", dir: "auto", text: a.prompt }),
    agreed.length ? [h("h3", { id: "our-agreements-title", text: t("Our agreements") }),
      pagedList("our-agreements", agreed.map((x) => h("bdi", { text: x.text })), { label: t("Our agreements"), className: "rows", maxEm: 1.3 })]
      : h("p", { class: "calm", text: t("Propose an agreement from your phone.") }),
    a.proposed.length ? [h("h3", { text: t("Proposed") }),
      pagedList("proposals", a.proposed.map((p) => h("bdi", { text: p.text })), { label: t("Proposed"), className: "rows", maxEm: 1.1 })] : null);
}

export function console(root, ev, ctx) {
  const a = ev.activity;
  const open = a.all.filter((p) => p.status === "proposed" || p.status === "accepted");
  const row = (p) => {
    const edit = h("input", { value: p.text, maxlength: 200, dir: "auto", "aria-label": t("Wording of: {text}", { text: p.text }) });
    const into = h("select", { "aria-label": t('Merge "{text}" into', { text: p.text }), onchange: (e) => {
      if (e.target.value) ctx.send("agreements.merge", { agreement: p.id, into: Number(e.target.value) });
    } },
      h("option", { value: "", text: t("Merge into…") }),
      open.filter((o) => o.id !== p.id).map((o) => h("option", { value: String(o.id), text: o.text })));
    return h("li", { class: `agreement-${p.status}`, dataset: { key: `agreement-${p.id}` } },
      edit,
      h("span", { class: "hint", text: ` ${WORDS()[p.status] || p.status}` }),
      h("div", { class: "row" },
        h("button", { type: "button", class: "small", text: p.status === "accepted" ? t("Save wording") : t("Accept"),
          "aria-label": p.status === "accepted" ? t("Save wording: {text}", { text: p.text }) : t("Accept: {text}", { text: p.text }), onclick: () => ctx.send("agreements.accept", { agreement: p.id, text: onPage(edit).value }) }),
        p.status !== "set_aside" ? h("button", { type: "button", class: "small", text: t("Set aside"), "aria-label": t("Set aside {text}", { text: p.text }),
          onclick: () => ctx.send("agreements.set_aside", { agreement: p.id }) }) : null,
        p.status === "set_aside" || p.status === "merged" ? h("button", { type: "button", class: "small", text: t("Reopen"),
          onclick: () => ctx.send("agreements.reopen", { agreement: p.id }) }) : null,
        p.status === "proposed" ? into : null));
  };
  const add = h("input", { id: "agreement-add", maxlength: 200, dir: "auto", "aria-label": t("An agreement the group has made") });
  // patch(): a wording being edited, or an agreement being typed, survives proposals arriving.
  // Writing down what the group has agreed comes first: at 200 people the proposals run long.
  patch(root,
    h("p", { dir: "auto" }, h("strong", { text: a.title }), ": ", a.prompt),
    h("form", { class: "inline", onsubmit: (e) => {
      e.preventDefault();
      const text = e.currentTarget.elements["agreement-add"];
      ctx.send("agreements.add", { text: text.value }).then((r) => r.ok && (text.value = ""));
    } }, add, h("button", { type: "submit", class: "primary", text: t("Add agreement") })),
    h("ul", { class: "agreement-list" }, a.all.map(row)));
}
