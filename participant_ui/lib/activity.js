// Each activity kind is one module in ../activities/ exporting any of
// phone(root, state, ctx), screen(root, state, ctx) and console(root, state, ctx),
// named as its package in facilitator/activities/ (a kind may split into
// ../activities/<name>/ modules). Widgets several kinds share are in this folder.
const cache = new Map();
// Kinds whose module has another name: the check-in is the plain circle, the harvest the board.
const HOMES = { checkin: "circle", harvest: "board" };

const loaded = new Map(); // the modules in hand, to call at once

export async function loadActivity(kind) {
  if (!/^[a-z_]+$/.test(kind || "")) return {};
  if (!cache.has(kind)) {
    cache.set(
      kind,
      import(`../activities/${HOMES[kind] || kind}.js`).catch(() => ({})).then((module) => {
        loaded.set(kind, module);
        return module;
      }),
    );
  }
  return cache.get(kind);
}

/**
 * Hand a live message for ``activity`` (the one running when it came) to its kind's module:
 * at once if the module is loaded; else once it is, in the order the messages came, if that
 * activity is still the one ``now()`` returns. A page that has just moved to a new kind loads
 * its module while the room goes on: a delta that came meanwhile (an offer to host, a card)
 * was dropped, and the page showed a list without it until its next whole view.
 */
export function handToActivity(activity, now, deliver) {
  if (!activity) return;
  const give = (module) => {
    const current = now();
    if (module.message && current && current.id === activity.id) deliver(module);
  };
  const module = loaded.get(activity.kind);
  if (module) give(module);
  else loadActivity(activity.kind).then(give);
}
