// Each activity kind is one module in ../activities/ exporting any of
// phone(root, state, ctx), screen(root, state, ctx) and console(root, state, ctx).
const cache = new Map();

export async function loadActivity(kind) {
  if (!/^[a-z_]+$/.test(kind || "")) return {};
  if (!cache.has(kind)) {
    cache.set(
      kind,
      import(`../activities/${kind}.js`).catch(() => ({})),
    );
  }
  return cache.get(kind);
}
