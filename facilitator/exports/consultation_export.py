"""The group consultation's session summary in each export format.

Fed by ``view["consultation"]`` (``domain.consultation.session_summary``):
shared questions by theme, the facilitator's notes, shared goals and
anonymous counts. Private and clinician-only questions and private goals
are never in the view, so no format can show them.
"""
from __future__ import annotations

from typing import Any, Callable

COUNTS = [
    ("questions", "Questions written"),
    ("shared_questions", "Questions shared with the group"),
    ("people_asked", "People who wrote a question"),
    ("goals", "Goals set"),
    ("shared_goals", "Goals shared with the group"),
]


def present(view: dict) -> bool:
    return bool(view.get("consultation", {}).get("present"))


def markdown(view: dict, esc: Callable[[str], str]) -> list[str]:
    if not present(view):
        return []
    c = view["consultation"]
    out = ["## Group consultation: session summary", ""]
    out += [f"- {label}: {c['counts'][key]}" for key, label in COUNTS] + [""]
    for t in c["themes"]:
        out += [f"### {esc(t['name'])}", ""]
        if t["note"]:
            out += [f"*Note:* {esc(t['note'])}", ""]
        out += [f"- {esc(q)}" for q in t["questions"]] + ([""] if t["questions"] else [])
    if c["unthemed"]:
        out += ["### Other shared questions", ""] + [f"- {esc(q)}" for q in c["unthemed"]] + [""]
    if c["shared_goals"]:
        out += ["### Goals shared with the group", ""] + [f"- {esc(g)}" for g in c["shared_goals"]] + [""]
    out += ["*Only questions and goals their authors shared with the group are listed; private and clinician-only ones are not.*", ""]
    return out


def sheets(view: dict) -> list[tuple[str, list[str], list[list[Any]]]]:
    """(title, headers, rows) for each workbook sheet of the summary."""
    if not present(view):
        return []
    c = view["consultation"]
    rows = []
    for t in c["themes"]:
        rows += [[t["name"], q] for q in t["questions"]]
    rows += [["", q] for q in c["unthemed"]]
    return [
        ("Consultation", ["Count", "Number"], [[label, c["counts"][key]] for key, label in COUNTS]),
        ("Consultation themes", ["Theme", "Note"], [[t["name"], t["note"]] for t in c["themes"]]),
        ("Shared questions", ["Theme", "Question"], rows),
        ("Shared goals", ["Goal"], [[g] for g in c["shared_goals"]]),
    ]
