"""The confidentiality agreement of a group consultation: the record of who accepted
which wording and when, and the rule that ties the agreement to the format."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from facilitator.core import agenda, group_agreement as confidentiality, events, participants
from facilitator.exports import report_view
from facilitator.core.errors import DomainError
from facilitator.core.events import EventDetails
from facilitator.core.participants import Identity
from facilitator.exports import render
from tests.consultation_support import template_event
from tests.factories import make_event

FIRST = "What is said here stays here."
SECOND = "What is said here stays here; what is learned here leaves here."


def _join(db, code, identity):
    with db.session_scope() as s:
        return participants.join(s, events.get_by_code(s, code), identity, agreed=True).participant_id


def _reword(db, code, text):
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        return events.update_event(s, event, EventDetails(event.title, agreement_text=text))[1]


def _accept(db, pid):
    with db.session_scope() as s:
        participants.accept_agreement(s, s.get(participants.Participant, pid))


def _record(db, code, with_names=True):
    with db.read_scope() as s:
        return confidentiality.record(s, events.get_by_code(s, code), with_names=with_names)


def _export(db, code, fmt, with_names):
    with db.read_scope() as s:
        content, _, _ = render(s, events.get_by_code(s, code), fmt, report_view.Options(with_names=with_names))
    return content


def _reworded_event(db):
    """Dev and someone anonymous accept the first wording; it is reworded; only Dev accepts again."""
    code, _ = template_event(db, agreement_text=FIRST)
    dev = _join(db, code, Identity(name="Dev"))
    anon = _join(db, code, Identity(anonymous=True))
    assert set(_reword(db, code, SECOND)) == {dev, anon}
    _accept(db, dev)
    return code, dev, anon


def test_rewording_the_agreement_keeps_who_accepted_the_earlier_wording(db):
    code, dev, anon = _reworded_event(db)
    record = _record(db, code)
    assert [(v["number"], v["text"], v["accepted"]) for v in record["versions"]] == [(1, FIRST, 2), (2, SECOND, 1)]
    assert [(p["who"], p["version"]) for p in record["people"]] == [("Dev", 1), ("Anonymous", 1), ("Dev", 2)]
    with db.read_scope() as s:
        people = {p.id: p for p in events.get_by_code(s, code).participants}
        assert people[anon].agreed_at is None, "asked again for the new wording"
        assert record["people"][2]["accepted_at"] == people[dev].agreed_at


def test_accepting_twice_is_recorded_once(db):
    code, dev, _ = _reworded_event(db)
    _accept(db, dev)
    assert [(p["who"], p["version"]) for p in _record(db, code)["people"]] == [("Dev", 1), ("Anonymous", 1), ("Dev", 2)]


def test_without_names_the_record_gives_counts_only(db):
    code, _, _ = _reworded_event(db)
    record = _record(db, code, with_names=False)
    assert record["people"] == [] and [v["accepted"] for v in record["versions"]] == [2, 1]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_reports_say_who_accepted_the_agreement_when_names_are_asked_for(db, fmt):
    code, _, _ = _reworded_event(db)
    named = _export(db, code, fmt, with_names=True).decode("utf-8")
    assert "Agreement accepted" in named and "Dev" in named and "Anonymous" in named
    assert "stays here; what is learned here leaves here" in named
    counts = _export(db, code, fmt, with_names=False).decode("utf-8")
    assert "Agreement accepted" in counts and "Accepted by 2 people" in counts and "Accepted by 1 person" in counts
    assert "Dev" not in counts


def test_the_workbook_has_an_agreement_accepted_sheet_only_with_names(db):
    code, _, _ = _reworded_event(db)
    wb = load_workbook(io.BytesIO(_export(db, code, "xlsx", with_names=True)))
    rows = [[c.value for c in row] for row in wb["Agreement accepted"].iter_rows(min_row=2)]
    assert [(r[0], r[1]) for r in rows] == [("Dev", 1), ("Anonymous", 1), ("Dev", 2)]
    plain = load_workbook(io.BytesIO(_export(db, code, "xlsx", with_names=False)))
    assert "Agreement accepted" not in plain.sheetnames
    counts = [[c.value for c in row] for row in plain["Agreement wordings"].iter_rows(min_row=2)]
    assert [(r[0], r[3]) for r in counts] == [(1, 2), (2, 1)]
    assert "Dev" not in str(counts)


def test_the_agreement_cannot_be_cleared_while_the_agenda_has_questions_or_a_consultation(db):
    code, _ = template_event(db, agreement_text=FIRST)
    with pytest.raises(DomainError, match="cannot be left empty"):
        _reword(db, code, "")
    with db.read_scope() as s:
        assert events.get_by_code(s, code).agreement_text == FIRST


def test_the_agreement_can_be_cleared_once_the_consultation_activities_are_gone(db):
    code, _ = template_event(db, agreement_text=FIRST)
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        agenda.go_to(s, event, event.activities[0].id)
        for a in [a for a in event.activities if a.kind in ("questions", "consultation")]:
            agenda.remove_activity(s, event, a.id, confirmed=True)
    _reword(db, code, "")
    with db.read_scope() as s:
        assert events.get_by_code(s, code).agreement_text == ""


@pytest.mark.parametrize("kind", ["questions", "consultation"])
def test_questions_or_a_consultation_need_an_agreement_first(db, kind):
    code, _ = make_event(db)
    with db.session_scope() as s, pytest.raises(DomainError, match="confidentiality agreement"):
        agenda.add_activity(s, events.get_by_code(s, code), kind)
    with db.session_scope() as s, pytest.raises(DomainError, match="confidentiality agreement"):
        events.create_event(s, EventDetails("No agreement"), agenda=[{"kind": kind}])
    code, _ = make_event(db, agreement_text=FIRST)
    with db.session_scope() as s:
        assert agenda.add_activity(s, events.get_by_code(s, code), kind).kind == kind
