// The check-in circle: the talking piece goes round; anyone may pass.
import { circleConsole, circlePhone, circleScreen } from "./circle_common.js";

export function phone(root, state, ctx) {
  circlePhone(root, state, ctx);
}

export function screen(root, state) {
  circleScreen(root, state);
}

export function console(root, ev, ctx) {
  circleConsole(root, ev, ctx);
}
