// The pattern across tables: which themes came up at which tables in which rounds, on the big
// screen and in the console. Worked out here from the board the page already holds, so it follows
// every card and theme change as it arrives; the rule is activities/board/pattern.py's (the report's).
// Its words go through t(): on the big screen they are in the room's languages, as the screen's
// others are (screen.js loads them); a list of themes is written once, after the words in each.
import { h } from "../../lib/dom.js";
import { pagedList } from "../../lib/fit.js";
import { formatNumber, secondLanguage, t, tn, tNodes } from "../../lib/i18n.js";

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
  for (const [, c] of raised) tables.set(c.table, c.table_name || t("Table {number}", { number: String(c.table) }));
  const tableIds = [...tables.keys()].sort((x, y) => x - y);
  const rounds = [...new Set(raised.map(([, c]) => c.round).filter((r) => r != null))].sort((x, y) => x - y);
  const count = new Map();
  for (const [theme, c] of raised) {
    const key = `${theme}|${c.table}|${c.round ?? "none"}`;
    count.set(key, (count.get(key) || 0) + 1);
  }
  const many = Math.max(2, Math.ceil(tableIds.length * TRAVELLED_SHARE));
  const rows = themes.map((theme) => {
    const cells = tableIds.map((table) => {
      const byRound = rounds.map((r) => count.get(`${theme.id}|${table}|${r}`) || 0);
      return { table, byRound, total: byRound.reduce((a, b) => a + b, 0) + (count.get(`${theme.id}|${table}|none`) || 0) };
    });
    const at = cells.filter((c) => c.total).length;
    return { ...theme, cells, tables: at, travelled: at >= many, oneTable: at === 1 };
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
    return h("p", { class: "lead", id, text: t("The pattern appears once cards from the tables are in themes.") });
  }
  // In words, the first few of each; the grid below has them all (the travelled in bold).
  // The names once, after the words (in both of a bilingual screen's languages): "and 3 more (below) / a 3 arall (isod)".
  // A bilingual screen says its words twice: fewer names, so the two lines still hold them.
  const said = secondLanguage() ? SAID - 2 : SAID;
  const some = (names, more) => (names.length <= said ? names.join(", ")
    : `${names.slice(0, said - 1).join(", ")} ${more(names.length - said + 1)}`);
  const travelled = some(p.travelled.map((r) => `${r.name} (${formatNumber(r.tables)})`),
    (n) => tn("and {n} more (in bold below)", "and {n} more (in bold below)", n));
  const alone = some(p.oneTable.map((r) => `${r.name} (${r.table})`), (n) => tn("and {n} more (below)", "and {n} more (below)", n));
  // The tables' numbers are a ruler (lib/fit.js): too narrow a screen for every one writes the first and every fifth.
  const head = h("div", { class: "pattern-row pattern-head ruler" },
    h("span", { class: "pattern-theme", text: t("Tables") }),
    p.tables.map((table, i) => h("span", { class: `pattern-table ruler-mark${i === 0 || (i + 1) % 5 === 0 ? " fifth" : ""}`,
      title: table.name, dataset: { mark: formatNumber(i + 1) }, text: formatNumber(i + 1) })),
    h("span", { class: "pattern-count", text: "" }));
  const rows = p.rows.map((r) => h("div", { class: `pattern-row${r.travelled ? " travelled" : ""}`, dataset: { key: `theme-${r.id}` } },
    h("span", { class: "pattern-theme", dir: "auto", title: r.name, text: r.name }),
    r.cells.map((c, i) => h("span", {
      class: "pattern-cell",
      title: cellTitle(p, r, c, i),
    },
    (c.byRound.length ? c.byRound : [c.total]).map((n) => h("span", { class: `pattern-stripe lvl-${level(n, p.most || 1)}` })),
    c.total ? h("span", { class: "pattern-n", text: formatNumber(c.total) }) : null)),
    h("span", { class: "pattern-count", text: formatNumber(r.tables) })));
  const travelledAt = tn("Travelled (at {n}+ table):", "Travelled (at {n}+ tables):", p.many);
  return h("section", { class: "pattern", id, "aria-label": t("The pattern across tables") },
    travelled ? h("p", { class: "pattern-said", id: `${id}-travelled` }, travelledAt, " ", h("bdi", { text: travelled }))
      : h("p", { class: "pattern-said", id: `${id}-travelled`, text: t("No theme has travelled yet.") }),
    alone ? h("p", { class: "pattern-said", id: `${id}-one-table` }, tNodes("At one table only: {themes}", { themes: h("bdi", { text: alone }) })) : null,
    h("div", { class: `pattern-grid${paged ? " pattern-paged" : ""}`, dataset: { tables: String(p.tables.length), rounds: String(p.rounds.length) } },
      head, paged ? pagedList(`${id}-rows`, rows, { label: t("Themes across the tables"), className: "rows pattern-rows", maxEm: 1 }) : rows),
    h("p", { class: "pattern-key", text: key(p) }));
}

/** A cell's title: "Loneliness at Table 3: 4 cards (round 1: 2, round 2: 0, round 3: 2)". */
function cellTitle(p, r, c, i) {
  const said = tn("{theme} at {table}: {n} card", "{theme} at {table}: {n} cards", c.total, { theme: r.name, table: p.tables[i].name });
  if (!p.rounds.length) return said;
  const rounds = p.rounds.map((n, k) => t("round {number}: {count}", { number: n, count: formatNumber(c.byRound[k]) }));
  return `${said} (${rounds.join(", ")})`;
}

// The columns run as the page reads (a right-to-left page mirrors the grid): the key says which way.
function key(p) {
  const rtl = document.documentElement.dir === "rtl";
  if (p.rounds.length > 1) {
    const rounds = p.rounds.map((n) => formatNumber(n)).join(", ");
    return rtl ? t("Tables numbered right to left; in each cell, rounds {rounds} right to left, darker for more cards.", { rounds })
      : t("Tables numbered left to right; in each cell, rounds {rounds} left to right, darker for more cards.", { rounds });
  }
  return rtl ? t("Tables numbered right to left; darker for more cards.") : t("Tables numbered left to right; darker for more cards.");
}
