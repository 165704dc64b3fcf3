"""The group consultation in every export: a session summary of shared questions,
notes and counts; private and clinician-only questions and private goals in none,
not even the JSON archive."""
from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from facilitator.db import Database
from facilitator.exports import exact_copy, report_view, restore
from facilitator.activities.consultation import clinician
from facilitator.core import events
from facilitator.exports import render
from facilitator.activities.consultation.models import ClinicianKey
from facilitator.activities.goals.models import Goal
from facilitator.activities.questions.models import Question, QuestionTheme
from tests.consultation_support import (
    CLINICIAN_Q, PRIVATE_GOAL, PRIVATE_Q, SHARED_GOAL, SHARED_Q, consultation_event,
)


def _export(db, code, fmt, **options) -> str:
    with db.read_scope() as s:
        content, _, _ = render(s, events.get_by_code(s, code), fmt, report_view.Options(**options))
    if fmt == "xlsx":
        wb = load_workbook(io.BytesIO(content))
        return "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)
    return content.decode("utf-8-sig")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "md", "html", "json"])
@pytest.mark.parametrize("with_names", [False, True])
def test_no_private_or_clinician_only_item_is_in_any_export(db, fmt, with_names):
    c = consultation_event(db)
    text = _export(db, c.code, fmt, with_names=with_names)
    for secret in (PRIVATE_Q, CLINICIAN_Q, PRIVATE_GOAL):
        assert secret not in text, (fmt, secret)


@pytest.mark.parametrize("fmt", ["xlsx", "md", "html"])
def test_the_reports_carry_the_session_summary(db, fmt):
    c = consultation_event(db)
    text = _export(db, c.code, fmt)
    for shown in ("Living with diabetes at work", "Clinician to cover blood sugar monitoring at work.", SHARED_GOAL):
        assert shown in text, (fmt, shown)
    assert "sugar levels at work" in text and "tiredness in the afternoon" in text
    assert "Amara" not in text and "Bao" not in text, "no names in the session summary"


def test_the_csv_holds_café_cards_only(db):
    c = consultation_event(db)
    rows = list(csv.reader(io.StringIO(_export(db, c.code, "csv"))))
    assert len(rows) == 1 and SHARED_Q not in json.dumps(rows)


def test_the_markdown_summary_gives_the_anonymous_counts(db):
    c = consultation_event(db)
    text = _export(db, c.code, "md")
    for line in ("Questions written: 4", "Questions shared with the group: 2", "People who wrote a question: 3", "Goals set: 2"):
        assert line in text


def test_the_json_archive_restores_the_consultation_exactly(db, database_url):
    c = consultation_event(db)
    with db.session_scope() as s:
        clinician.rotate(s, events.get_by_code(s, c.code))
    first = _export(db, c.code, "json")
    doc = json.loads(first)
    assert SHARED_Q in first and SHARED_GOAL in first
    assert {"consult_question", "consult_theme", "consult_goal"} <= set(doc["records"])
    assert "consult_clinician_key" not in doc["records"], "the clinician's link stays out of every file"
    assert len(doc["records"]["group_agreement_acceptance"]) == 3, "who accepted the agreement travels with the event"
    target = Database(database_url)
    target.upgrade()
    try:
        with target.session_scope() as s:
            events.create_event(s, events.EventDetails("Already here", agreement_text="Ours."), agenda=[{"kind": "questions"}])
        with target.session_scope() as s:
            assert restore.restore(s, doc).created
        with target.read_scope() as s:
            again = exact_copy.dumps(exact_copy.document(s, events.get_by_code(s, c.code)))
            restored = s.scalars(select(Question).order_by(Question.id)).all()
            assert {q.visibility for q in restored} == {"shared"} and len(restored) == 2
            assert s.scalar(select(QuestionTheme.note)) == "Clinician to cover blood sugar monitoring at work."
            assert [g.text for g in s.scalars(select(Goal))] == [SHARED_GOAL]
            assert s.scalar(select(ClinicianKey)) is None, "a restored event makes a new clinician link when asked"
        assert again == exact_copy.dumps(doc)
    finally:
        target.dispose()
