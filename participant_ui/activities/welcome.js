// The welcome: people arrive; the screen shows the QR code and their names.
import { h, patch, replace } from "../lib/dom.js";
import { pagedList } from "../lib/fit.js";
import { t } from "../lib/i18n.js";

export function phone(root, state) {
  const a = state.activity;
  patch(root,
    h("h1", { dir: "auto", text: state.event.title }),
    a.message ? h("p", { class: "lead pre", dir: "auto", text: a.message }) : null,
    h("p", { class: "calm", text: t("You are in. Look up at the big screen: we will begin shortly.") }));
}

export function screen(root, state) {
  const a = state.activity;
  const agreed = state.agreements || [];
  replace(root,
    h("h2", { class: "welcome-title", text: t("Welcome") }),
    a.message ? h("p", { class: "welcome-message pre fit", dir: "auto", text: a.message }) : null,
    state.event.purpose ? h("p", { class: "purpose pre fit", dir: "auto", text: state.event.purpose }) : null,
    // The group's agreements have their moment here, as people arrive, not a band under every activity.
    agreed.length ? [h("h3", { text: t("Our agreements") }),
      pagedList("our-agreements", agreed.map((x) => h("bdi", { text: x.text })), { label: t("Our agreements"), className: "rows", maxEm: 1.1 })] : null);
}
