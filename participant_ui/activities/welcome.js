// The welcome: people arrive; the screen shows the QR code and their names.
import { h, patch, replace } from "../lib/dom.js";

export function phone(root, state) {
  const a = state.activity;
  patch(root,
    h("h1", { dir: "auto", text: state.event.title }),
    a.message ? h("p", { class: "lead pre", dir: "auto", text: a.message }) : null,
    h("p", { class: "calm", text: "You are in. Look up at the big screen: we will begin shortly." }));
}

export function screen(root, state) {
  const a = state.activity;
  replace(root,
    h("h2", { class: "welcome-title", text: "Welcome" }),
    a.message ? h("p", { class: "lead pre", dir: "auto", text: a.message }) : null,
    state.event.purpose ? h("p", { class: "purpose pre", dir: "auto", text: state.event.purpose }) : null);
}
