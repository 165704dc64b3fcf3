"""The group consultation's session summary in each export format.

Fed by ``view["consultation"]`` (``domain.consultation.session_summary``):
shared questions by theme, the facilitator's notes, shared goals and
anonymous counts. Private and clinician-only questions and private goals
are never in the view, so no format can show them.
"""
from __future__ import annotations

from typing import Any, Callable

from facilitator.i18n import N_
from facilitator.exports.text import language, translator

COUNTS = [
    ("questions", N_("Questions written")),
    ("shared_questions", N_("Questions shared with the group")),
    ("people_asked", N_("People who wrote a question")),
    ("goals", N_("Goals set")),
    ("shared_goals", N_("Goals shared with the group")),
]


def present(view: dict) -> bool:
    return bool(view.get("consultation", {}).get("present"))


def markdown(view: dict, esc: Callable[[str], str]) -> list[str]:
    if not present(view):
        return []
    c = view["consultation"]
    lang = language(view)
    _ = translator(lang)
    out = ["## " + _(N_("Group consultation: session summary")), ""]
    out += ["- " + _(N_("{label}: {n}"), label=_(label), n=c["counts"][key]) for key, label in COUNTS] + [""]
    for t in c["themes"]:
        out += [f"### {esc(t['name'])}", ""]
        if t["note"]:
            out += [_(N_("{note_label} {note}"), note_label="*" + _(N_("Note:")) + "*", note=esc(t["note"])), ""]
        out += [f"- {esc(q)}" for q in t["questions"]] + ([""] if t["questions"] else [])
    if c["unthemed"]:
        out += ["### " + _(N_("Other shared questions")), ""] + [f"- {esc(q)}" for q in c["unthemed"]] + [""]
    if c["shared_goals"]:
        out += ["### " + _(N_("Goals shared with the group")), ""] + [f"- {esc(g)}" for g in c["shared_goals"]] + [""]
    out += ["*" + _(N_("Only questions and goals their authors shared with the group are listed; private and clinician-only ones are not.")) + "*", ""]
    return out


def sheets(view: dict) -> list[tuple[str, list[str], list[list[Any]]]]:
    """(title, headers, rows) for each workbook sheet of the summary, in the event's language."""
    if not present(view):
        return []
    c = view["consultation"]
    lang = language(view)
    _ = translator(lang)
    rows = []
    for t in c["themes"]:
        rows += [[t["name"], q] for q in t["questions"]]
    rows += [["", q] for q in c["unthemed"]]
    return [
        (_(N_("Consultation")), [_(N_("Count")), _(N_("Number"))], [[_(label), c["counts"][key]] for key, label in COUNTS]),
        (_(N_("Consultation themes")), [_(N_("Theme")), _(N_("Note"))], [[t["name"], t["note"]] for t in c["themes"]]),
        (_(N_("Shared questions")), [_(N_("Theme")), _(N_("Question"))], rows),
        (_(N_("Shared goals")), [_(N_("Goal"))], [[g] for g in c["shared_goals"]]),
    ]
