"""A Markdown report: readable as plain text, rendered anywhere; user text is escaped; its own words in the event's language."""
from __future__ import annotations

import re

from facilitator.i18n import N_, ngettext
from facilitator.exports import acceptance_export, consultation_export
from facilitator.exports.text import change, language, mean, tag, translator, when

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


def _pattern(grid: dict, lang: str) -> list[str]:
    """The pattern across tables, as the HTML report says it: what travelled, what stayed, then the grid."""
    if not grid["tables"] or not any(c["total"] for t in grid["themes"] for c in t["cells"]):
        return []
    _ = translator(lang)
    out = ["## " + _(N_("The pattern across tables")), ""]
    travelled = ", ".join(f"{esc(t['name'])} ({t['tables']})" for t in grid["travelled"])
    out.append(ngettext(lang, "Travelled (at {n} table or more): {themes}", "Travelled (at {n} tables or more): {themes}",
                        grid["travelled_at"], themes=travelled) if travelled else _(N_("No theme travelled.")))
    alone = ", ".join(f"{esc(t['name'])} ({esc(t['table'])})" for t in grid["one_table"])
    if alone:
        out += ["", _(N_("At one table only: {themes}"), themes=alone)]
    rounds = grid["rounds"]
    # Markers outside f-strings: babel does not read inside them.
    theme, tables = _(N_("Theme")), _(N_("Tables"))
    out += ["", f"| {theme} | " + " | ".join(esc(t["name"]) for t in grid["tables"]) + f" | {tables} |",
            "|---|" + "---|" * len(grid["tables"]) + "---|"]
    for t in grid["themes"]:
        cells = [(str(c["total"]) + (f" ({'/'.join(map(str, c['by_round']))})" if len(rounds) > 1 else "")) if c["total"] else ""
                 for c in t["cells"]]
        out.append(f"| {esc(t['name'])} | " + " | ".join(cells) + f" | {t['tables']} |")
    if len(rounds) > 1:
        out += ["", _(N_("Cards of each theme at each table (rounds {rounds} in brackets); a card merged into another counts where it was written."),
                      rounds=", ".join(map(str, rounds))), ""]
    else:
        out += ["", _(N_("Cards of each theme at each table; a card merged into another counts where it was written.")), ""]
    return out


def render(view: dict) -> bytes:
    e, att, opts = view["event"], view["attendance"], view["options"]
    lang = language(view)
    _ = translator(lang)
    out: list[str] = [f"# {esc(e['title'])}", ""]
    if e["purpose"]:
        out += [esc(e["purpose"]), ""]
    people = _(N_("{present} ({named}, {anonymous}, {without_phone}); {joined}"),
               present=ngettext(lang, "{n} present", "{n} present", att["present"]),
               named=ngettext(lang, "{n} named", "{n} named", att["named"]),
               anonymous=ngettext(lang, "{n} anonymous", "{n} anonymous", att["anonymous"]),
               without_phone=ngettext(lang, "{n} without a phone", "{n} without a phone", att["without_phone"]),
               joined=ngettext(lang, "{n} joined in all", "{n} joined in all", att["joined"]))
    out += [
        "- " + _(N_("Code: {event_code}"), event_code=esc(e["display_code"])),
        "- " + _(N_("Created: {date}"), date=when(e["created_at"])),
        "- " + _(N_("People: {people}"), people=people),
        "",
        "## " + _(N_("Agenda")),
        "",
    ]
    out += [f"{a['position']}. {esc(a['title'])} ({esc(_(a['kind_label']))})" for a in view["agenda"]] + [""]
    if view["agreements"]:
        out += ["## " + _(N_("Our agreements")), ""] + [f"{a['number']}. {esc(a['text'])}" for a in view["agreements"]] + [""]
    out += acceptance_export.markdown(view, esc)
    if view["themes"]:
        out += ["## " + _(N_("Themes, ranked")), ""]
        out += [f"{t['rank']}. **{esc(t['name'])}**: " + ngettext(lang, "{n} vote", "{n} votes", t["votes"]) + ", "
                + ngettext(lang, "{n} card", "{n} cards", t["cards"]) for t in view["themes"]]
        out += [""]
    out += _pattern(view["pattern"], lang)
    if view["cards"]:
        out += ["## " + _(N_("Cards")), ""]
        joined: dict = {}
        for c in view["cards"]:
            if c.get("merged_into") is not None:  # a duplicate or a "+1": under the card it joined
                joined.setdefault(c["merged_into"], []).append(c)
        for c in (c for c in view["cards"] if c.get("merged_into") is None):
            similar = joined.get(c["number"], [])
            where = ", ".join(x for x in [
                esc(c["table"]) if c["table"] else "",
                _(N_("round {round}"), round=c["round"]) if c["round"] else "",
                _(N_("theme {theme}"), theme=esc(c["theme"])) if c["theme"] else "",
                esc(tag(c["tag"], lang)) if c["tag"] else "",
                ngettext(lang, "{n} vote", "{n} votes", c["votes"]) if c["votes"] else "",
                _(N_("pinned")) if c["pinned"] else "",
                _(N_("hidden")) if c["hidden"] else "",
                _(N_("by {name}"), name=esc(c["author"])) if c.get("author") else "",
                _(N_("on behalf of {name}"), name=esc(c["on_behalf_of"])) if c.get("on_behalf_of") else "",
                ngettext(lang, "+{n} similar", "+{n} similar", len(similar)) if similar else "",
            ] if x)
            out.append(f"- {esc(c['text'])}" + (f"\\\n  *{where}*" if where else ""))
            out += [f"  - {esc(m['text'])}" + (f" ({esc(m['table'])})" if m["table"] else "") for m in similar]
        out += [""]
    if view["words"]:
        out += ["## " + _(N_("One word to close")), ""]
        out += [f"- {esc(w['text'])}" + (f" ({w['count']})" if w["count"] > 1 else "") for w in view["words"]] + [""]
    if view["pledges"]:
        out += ["## " + _(N_("Pledges shared with the group")), ""]
        out += [f"- {esc(p['text'])}" + (" (" + _(N_("by {name}"), name=esc(p["author"])) + ")" if p.get("author") else "")
                for p in view["pledges"]]
        out += [""]
    out += consultation_export.markdown(view, esc)
    pulse = view["pulse"]
    headings = [_(N_("Check-in")), _(N_("Check-out")), _(N_("Change"))]
    out += ["## " + _(N_("The 3Cs pulse")), "", "| | " + " | ".join(headings) + " |", "|---|---|---|---|"]
    for d in pulse["dimensions"]:
        k = d["key"]
        out.append(f"| {_(d['label'])} | {mean(pulse['checkin'][k]['mean'])} | {mean(pulse['checkout'][k]['mean'])} | {change(pulse['change'][k])} |")
    out += ["", ngettext(lang, "Means on a scale of 1 to 5; a C rated by fewer than {n} person is not shown.",
                         "Means on a scale of 1 to 5; a C rated by fewer than {n} people is not shown.", pulse["minimum"]), ""]
    if opts["include_hidden"]:
        out += ["*" + _(N_("This report includes cards hidden from the board.")) + "*", ""]
    return "\n".join(out).encode("utf-8")
