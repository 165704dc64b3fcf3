"""The record of who accepted the group agreement, in the Markdown report and
the workbook (the HTML report includes ``templates/acceptance_report.html``).

Fed by ``view["acceptances"]`` (``domain.confidentiality.record``): each
wording with how many accepted it, and, only when names were asked for, who
accepted which wording when (a chosen name, or "Anonymous").
"""
from __future__ import annotations

from typing import Any, Callable

from facilitator.exports.text import when


def present(view: dict) -> bool:
    return bool(view.get("acceptances", {}).get("versions"))


def markdown(view: dict, esc: Callable[[str], str]) -> list[str]:
    if not present(view):
        return []
    r = view["acceptances"]
    out = ["## Agreement accepted", ""]
    for v in r["versions"]:
        people = "person" if v["accepted"] == 1 else "people"
        out += [f"### Wording {v['number']} (from {when(v['created_at'])})", "", esc(v["text"]), "",
                f"Accepted by {v['accepted']} {people}.", ""]
    if r["people"]:
        out += ["| Who | Wording | Accepted |", "|---|---|---|"]
        out += [f"| {esc(p['who'])} | {p['version']} | {when(p['accepted_at'])} |" for p in r["people"]] + [""]
    elif not view["options"]["with_names"]:
        out += ["*Counts only: names are in the report when the organiser asks for them.*", ""]
    return out


def sheets(view: dict) -> list[tuple[str, list[str], list[list[Any]]]]:
    """(title, headers, rows): each wording with its count, and, with names, one row a person who accepted."""
    if not present(view):
        return []
    r = view["acceptances"]
    out = [("Agreement wordings", ["Wording", "Agreement", "Worded (UTC)", "People who accepted"],
            [[v["number"], v["text"], v["created_at"], v["accepted"]] for v in r["versions"]])]
    if view["options"]["with_names"]:
        out.append(("Agreement accepted", ["Who", "Wording", "Accepted (UTC)"],
                    [[p["who"], p["version"], p["accepted_at"]] for p in r["people"]]))
    return out
