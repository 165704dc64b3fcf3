// The pattern across tables: which themes came up at which tables in which rounds, on the big
// screen and in the console. Worked out here from the board the page already holds, so it follows
// every card and theme change as it arrives; the rule is activities/board/pattern.py's (the report's).
import { h } from "../../lib/dom.js";
import { pagedList } from "../../lib/fit.js";

// A theme travelled when it was raised at this share of the tables that wrote cards, and at two at least.
const TRAVELLED_SHARE = 0.5;
const LEVELS = 4; // shades of a stripe: lvl-1 (one card) to lvl-4 (the most in any round at any table)

/** The grid of themes x tables, with the cards per round: ``merged`` (the console's) count where they were written. */
export function patternOf(cards, themes, merged = []) {
  const shown = cards.filter((c) => !c.hidden);
  const themeOf = new Map(shown.map((c) => [c.id, c.theme]));
  const raised = [...shown.map((c) => [c.theme, c]), ...merged.map((c) => [themeOf.get(c.merged_into) ?? null, c])]
    .filter(([, c]) => c.table != null);
  const tables = new Map();
  for (const [, c] of raised) tables.set(c.table, c.table_name || `Table ${c.table}`);
  const tableIds = [...tables.keys()].sort((x, y) => x - y);
  const rounds = [...new Set(raised.map(([, c]) => c.round).filter((r) => r != null))].sort((x, y) => x - y);
  const count = new Map();
  for (const [theme, c] of raised) {
    const key = `${theme}|${c.table}|${c.round ?? "none"}`;
    count.set(key, (count.get(key) || 0) + 1);
  }
  const many = Math.max(2, Math.ceil(tableIds.length * TRAVELLED_SHARE));
  const rows = themes.map((t) => {
    const cells = tableIds.map((table) => {
      const byRound = rounds.map((r) => count.get(`${t.id}|${table}|${r}`) || 0);
      return { table, byRound, total: byRound.reduce((a, b) => a + b, 0) + (count.get(`${t.id}|${table}|none`) || 0) };
    });
    const at = cells.filter((c) => c.total).length;
    return { ...t, cells, tables: at, travelled: at >= many, oneTable: at === 1 };
  });
  const most = Math.max(0, ...rows.flatMap((r) => r.cells.flatMap((c) => c.byRound)));
  return {
    tables: tableIds.map((id) => ({ id, name: tables.get(id) })), rounds, rows, most, many,
    travelled: rows.filter((r) => r.travelled).sort((x, y) => y.tables - x.tables || x.id - y.id),
    oneTable: rows.filter((r) => r.oneTable).map((r) => ({ ...r, table: tables.get(tableIds[r.cells.findIndex((c) => c.total)]) })),
  };
}

const level = (n, most) => (n ? Math.max(1, Math.ceil((n / most) * LEVELS)) : 0);

/**
 * The pattern drawn: what travelled and what stayed, in words, then a row a theme and a column a table.
 * ``paged`` (the big screen): more themes than fit the height are shown a page at a time under the
 * same column heads, as the screen's other lists are (lib/fit.js).
 */
const SAID = 5;

export function patternView(p, { id = "pattern", paged = false } = {}) {
  if (!p.tables.length || !p.rows.length) {
    return h("p", { class: "lead", id, text: "The pattern appears once cards from the tables are in themes." });
  }
  // In words, the first few of each; the grid below has them all (the travelled in bold).
  const some = (names, rest) => (names.length <= SAID ? names.join(", ")
    : `${names.slice(0, SAID - 1).join(", ")} and ${names.length - SAID + 1} more ${rest}`);
  const travelled = some(p.travelled.map((r) => `${r.name} (${r.tables})`), "(in bold below)");
  const alone = some(p.oneTable.map((r) => `${r.name} (${r.table})`), "(below)");
  const head = h("div", { class: "pattern-row pattern-head" },
    h("span", { class: "pattern-theme", text: "Tables" }),
    p.tables.map((t) => h("span", { class: "pattern-table", title: t.name, text: String(p.tables.indexOf(t) + 1) })),
    h("span", { class: "pattern-count", text: "" }));
  const rows = p.rows.map((r) => h("div", { class: `pattern-row${r.travelled ? " travelled" : ""}`, dataset: { key: `theme-${r.id}` } },
    h("span", { class: "pattern-theme", dir: "auto", title: r.name, text: r.name }),
    r.cells.map((c, i) => h("span", {
      class: "pattern-cell",
      title: `${r.name} at ${p.tables[i].name}: ${c.total} ${c.total === 1 ? "card" : "cards"}`
        + (p.rounds.length ? ` (${p.rounds.map((n, k) => `round ${n}: ${c.byRound[k]}`).join(", ")})` : ""),
    },
    (c.byRound.length ? c.byRound : [c.total]).map((n) => h("span", { class: `pattern-stripe lvl-${level(n, p.most || 1)}` })),
    c.total ? h("span", { class: "pattern-n", text: String(c.total) }) : null)),
    h("span", { class: "pattern-count", text: String(r.tables) })));
  return h("section", { class: "pattern", id, "aria-label": "The pattern across tables" },
    h("p", { class: "pattern-said", id: `${id}-travelled`,
      text: travelled ? `Travelled (at ${p.many}+ tables): ${travelled}` : "No theme has travelled yet." }),
    alone ? h("p", { class: "pattern-said", id: `${id}-one-table`, text: `At one table only: ${alone}` }) : null,
    h("div", { class: `pattern-grid${paged ? " pattern-paged" : ""}`, dataset: { tables: String(p.tables.length), rounds: String(p.rounds.length) } },
      head, paged ? pagedList(`${id}-rows`, rows, { label: "Themes across the tables", className: "rows pattern-rows", maxEm: 1 }) : rows),
    h("p", { class: "pattern-key", text: p.rounds.length > 1
      ? `Tables numbered left to right; in each cell, rounds ${p.rounds.join(", ")} left to right, darker for more cards.`
      : "Tables numbered left to right; darker for more cards." }));
}
