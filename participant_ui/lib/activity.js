// Each activity kind is one module in ../activities/ exporting any of
// phone(root, state, ctx), screen(root, state, ctx) and console(root, state, ctx),
// named as its package in facilitator/activities/ (a kind may split into
// ../activities/<name>/ modules). Widgets several kinds share are in this folder.
const cache = new Map();
// Kinds whose module has another name: the check-in is the plain circle, the harvest the board.
const HOMES = { checkin: "circle", harvest: "board" };

export async function loadActivity(kind) {
  if (!/^[a-z_]+$/.test(kind || "")) return {};
  if (!cache.has(kind)) {
    cache.set(
      kind,
      import(`../activities/${HOMES[kind] || kind}.js`).catch(() => ({})),
    );
  }
  return cache.get(kind);
}
