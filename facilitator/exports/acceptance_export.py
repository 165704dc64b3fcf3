"""The record of who accepted the group agreement, in the Markdown report and
the workbook (the HTML report includes ``templates/acceptance_report.html``).

Fed by ``view["acceptances"]`` (``domain.confidentiality.record``): each
wording with how many accepted it, and, only when names were asked for, who
accepted which wording when (a chosen name, or "Anonymous").
"""
from __future__ import annotations

from typing import Any, Callable

from facilitator import i18n
from facilitator.i18n import N_, ngettext
from facilitator.exports.text import language, translator, when


def _who(person: dict, lang: str) -> str:
    """A chosen name as chosen; someone anonymous as "Anonymous" in the report's language."""
    return i18n.gettext(lang, N_("Anonymous")) if person.get("anonymous") else person["who"]


def present(view: dict) -> bool:
    return bool(view.get("acceptances", {}).get("versions"))


def markdown(view: dict, esc: Callable[[str], str]) -> list[str]:
    if not present(view):
        return []
    r = view["acceptances"]
    lang = language(view)
    _ = translator(lang)
    out = ["## " + _(N_("Agreement accepted")), ""]
    for v in r["versions"]:
        wording = _(N_("Wording {number}"), number=v["number"]) + " (" + _(N_("from {date}"), date=when(v["created_at"])) + ")"
        out += [f"### {wording}", "", esc(v["text"]), "",
                ngettext(lang, "Accepted by {n} person", "Accepted by {n} people", v["accepted"]) + ".", ""]
    if r["people"]:
        # Markers outside f-strings: babel does not read inside them.
        headings = [_(N_("Who")), _(N_("Wording")), _(N_("Accepted"))]
        out += ["| " + " | ".join(headings) + " |", "|---|---|---|"]
        out += [f"| {esc(_who(p, lang))} | {p['version']} | {when(p['accepted_at'])} |" for p in r["people"]] + [""]
    elif not view["options"]["with_names"]:
        out += ["*" + _(N_("Counts only: names are in the report when the organiser asks for them.")) + "*", ""]
    return out


def sheets(view: dict) -> list[tuple[str, list[str], list[list[Any]]]]:
    """(title, headers, rows) in the event's language: each wording with its count, and, with names,
    one row a person who accepted."""
    if not present(view):
        return []
    r = view["acceptances"]
    lang = language(view)
    _ = translator(lang)
    out = [(_(N_("Agreement wordings")), [_(N_("Wording")), _(N_("Agreement")), _(N_("Worded (UTC)")), _(N_("People who accepted"))],
            [[v["number"], v["text"], v["created_at"], v["accepted"]] for v in r["versions"]])]
    if view["options"]["with_names"]:
        out.append((_(N_("Agreement accepted")), [_(N_("Who")), _(N_("Wording")), _(N_("Accepted (UTC)"))],
                    [[_who(p, lang), p["version"], p["accepted_at"]] for p in r["people"]]))
    return out
