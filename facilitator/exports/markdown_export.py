"""A Markdown report: readable as plain text, rendered anywhere; user text is escaped."""
from __future__ import annotations

import re

from facilitator.exports import acceptance_export, consultation_export
from facilitator.exports.text import change, mean, tag, when

# Marks that mean something anywhere in a line (emphasis, links, HTML, code,
# tables, entities), escaped so that user text stays literal.
_INLINE = re.compile(r"([\\`*_{}\[\]<>()#!|~&])")
# Marks that only mean something at the start of a line (lists, headings, quotes).
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")


def _line(line: str) -> str:
    line = _INLINE.sub(r"\\\1", line.strip())
    line = _LEADING_NUMBER.sub(r"\1\\\2", line)
    if line[:1] in ("-", "+", "="):
        line = "\\" + line
    return line


def esc(text: str | None) -> str:
    lines = [_line(line) for line in (text or "").splitlines() if line.strip()]
    # A hard line break (backslash at the end) keeps the author's lines inside one list item.
    return "\\\n  ".join(lines)


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _pattern(grid: dict) -> list[str]:
    """The pattern across tables, as the HTML report says it: what travelled, what stayed, then the grid."""
    if not grid["tables"] or not any(c["total"] for t in grid["themes"] for c in t["cells"]):
        return []
    out = ["## The pattern across tables", ""]
    travelled = ", ".join(f"{esc(t['name'])} ({t['tables']})" for t in grid["travelled"])
    out.append(f"Travelled (at {grid['travelled_at']} tables or more): {travelled}" if travelled else "No theme travelled.")
    alone = ", ".join(f"{esc(t['name'])} ({esc(t['table'])})" for t in grid["one_table"])
    if alone:
        out += ["", f"At one table only: {alone}"]
    rounds = grid["rounds"]
    out += ["", "| Theme | " + " | ".join(esc(t["name"]) for t in grid["tables"]) + " | Tables |",
            "|---|" + "---|" * len(grid["tables"]) + "---|"]
    for t in grid["themes"]:
        cells = [(str(c["total"]) + (f" ({'/'.join(map(str, c['by_round']))})" if len(rounds) > 1 else "")) if c["total"] else ""
                 for c in t["cells"]]
        out.append(f"| {esc(t['name'])} | " + " | ".join(cells) + f" | {t['tables']} |")
    out += ["", "Cards of each theme at each table" + (f" (rounds {', '.join(map(str, rounds))} in brackets)" if len(rounds) > 1 else "")
            + "; a card merged into another counts where it was written.", ""]
    return out


def render(view: dict) -> bytes:
    e, att, opts = view["event"], view["attendance"], view["options"]
    out: list[str] = [f"# {esc(e['title'])}", ""]
    if e["purpose"]:
        out += [esc(e["purpose"]), ""]
    out += [
        f"- Code: {esc(e['display_code'])}",
        f"- Created: {when(e['created_at'])}",
        f"- People: {att['present']} present ({att['named']} named, {att['anonymous']} anonymous, "
        f"{att['without_phone']} without a phone); {att['joined']} joined in all",
        "",
        "## Agenda",
        "",
    ]
    out += [f"{a['position']}. {esc(a['title'])} ({esc(a['kind_label'])})" for a in view["agenda"]] + [""]
    if view["agreements"]:
        out += ["## Our agreements", ""] + [f"{a['number']}. {esc(a['text'])}" for a in view["agreements"]] + [""]
    out += acceptance_export.markdown(view, esc)
    if view["themes"]:
        out += ["## Themes, ranked", ""]
        out += [f"{t['rank']}. **{esc(t['name'])}**: {_n(t['votes'], 'vote')}, {_n(t['cards'], 'card')}" for t in view["themes"]]
        out += [""]
    out += _pattern(view["pattern"])
    if view["cards"]:
        out += ["## Cards", ""]
        joined: dict = {}
        for c in view["cards"]:
            if c.get("merged_into") is not None:  # a duplicate or a "+1": under the card it joined
                joined.setdefault(c["merged_into"], []).append(c)
        for c in (c for c in view["cards"] if c.get("merged_into") is None):
            similar = joined.get(c["number"], [])
            where = ", ".join(x for x in [
                esc(c["table"]) if c["table"] else "",
                f"round {c['round']}" if c["round"] else "",
                f"theme {esc(c['theme'])}" if c["theme"] else "",
                esc(tag(c["tag"])) if c["tag"] else "",
                _n(c["votes"], "vote") if c["votes"] else "",
                "pinned" if c["pinned"] else "",
                "hidden" if c["hidden"] else "",
                f"by {esc(c['author'])}" if c.get("author") else "",
                f"on behalf of {esc(c['on_behalf_of'])}" if c.get("on_behalf_of") else "",
                f"+{len(similar)} similar" if similar else "",
            ] if x)
            out.append(f"- {esc(c['text'])}" + (f"\\\n  *{where}*" if where else ""))
            out += [f"  - {esc(m['text'])}" + (f" ({esc(m['table'])})" if m["table"] else "") for m in similar]
        out += [""]
    if view["words"]:
        out += ["## One word to close", ""]
        out += [f"- {esc(w['text'])}" + (f" ({w['count']})" if w["count"] > 1 else "") for w in view["words"]] + [""]
    if view["pledges"]:
        out += ["## Pledges shared with the group", ""]
        out += [f"- {esc(p['text'])}" + (f" (by {esc(p['author'])})" if p.get("author") else "") for p in view["pledges"]]
        out += [""]
    out += consultation_export.markdown(view, esc)
    pulse = view["pulse"]
    out += ["## The 3Cs pulse", "", "| | Check-in | Check-out | Change |", "|---|---|---|---|"]
    for d in pulse["dimensions"]:
        k = d["key"]
        out.append(f"| {d['label']} | {mean(pulse['checkin'][k]['mean'])} | {mean(pulse['checkout'][k]['mean'])} | {change(pulse['change'][k])} |")
    out += ["", f"Means on a scale of 1 to 5; a C rated by fewer than {pulse['minimum']} people is not shown.", ""]
    if opts["include_hidden"]:
        out += ["*This report includes cards hidden from the board.*", ""]
    return "\n".join(out).encode("utf-8")
