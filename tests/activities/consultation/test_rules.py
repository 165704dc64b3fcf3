"""The group consultation: its template, the consultation round with "see me last",
questions kept to the people they were meant for, goals, erasure and the record."""
from __future__ import annotations

import json

import pytest

from facilitator.core import agenda, events
from facilitator.activities.circle import rules as circle
from facilitator.activities.consultation import clinician, rules as consultation
from facilitator.whole_event import erasure, templates, views
from facilitator.activities.goals import rules as goals
from facilitator.activities.questions import rules as questions
from facilitator.core.errors import DomainError, NotAllowed, NotFound
from facilitator.core.models import Participant
from tests.circle_support import round_of
from tests.consultation_support import (
    CLINICIAN_Q, NAMED_Q, PRIVATE_GOAL, PRIVATE_Q, SHARED_GOAL, SHARED_Q, consultation_event, go, template_event,
)

AGENDA = ["welcome", "checkin", "questions", "consultation", "goals"]


# --- the template -------------------------------------------------------------------


def test_the_group_consultation_template_loads_with_a_confidentiality_agreement():
    t = templates.get("group-consultation")
    assert [a["kind"] for a in t.agenda] == AGENDA
    assert "stays here" in t.agreement_text
    assert t.summary()["activities"][0] == "Welcome and confidentiality"
    assert t.id in [x.id for x in templates.all_templates()]


def test_an_event_made_from_the_template_has_its_agenda_and_agreement(db):
    code, _ = template_event(db)
    with db.read_scope() as s:
        event = events.get_by_code(s, code)
        assert [a.kind for a in event.activities] == AGENDA
        assert event.agreement_text == templates.get("group-consultation").agreement_text
        assert next(a for a in event.activities if a.kind == "consultation").config["turn_seconds"] == 300


def test_the_facilitator_can_reorder_add_and_remove_activities_of_the_template(db):
    code, _ = template_event(db)
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        ids = {a.kind: a.id for a in event.activities}
        agenda.move_activity(s, event, ids["checkin"], 2)
        agenda.add_activity(s, event, "questions", title="More questions", config={}, position=None)
        agenda.remove_activity(s, event, ids["goals"])
    with db.read_scope() as s:
        event = events.get_by_code(s, code)
        assert [a.kind for a in event.activities] == ["welcome", "questions", "checkin", "consultation", "questions"]


def test_a_template_saved_from_a_consultation_keeps_its_agreement(db, tmp_path):
    code, _ = template_event(db)
    with db.read_scope() as s:
        saved = templates.save_from_event(events.get_by_code(s, code), "Our consultation", tmp_path)
    assert templates.get(saved.id, tmp_path).agreement_text.startswith("What is said here stays here")


# --- the consultation round ------------------------------------------------------------


def _round(db, c):
    go(db, c.code, "consultation")
    with db.session_scope() as s:
        return circle.start(s, s.get(circle.Activity, c.activities["consultation"]))


def _see_last(db, c, who):
    with db.session_scope() as s:
        act = s.get(circle.Activity, c.activities["consultation"])
        return consultation.see_me_last(s, act, s.get(Participant, c.people[who]))


def test_someone_who_asks_to_be_seen_last_moves_to_the_end_without_passing(db):
    c = consultation_event(db)
    _round(db, c)
    _see_last(db, c, "bao")  # waiting: goes to the end
    order, st = round_of(db, c.activities["consultation"])
    assert [pid for pid, *_ in order] == [c.people["amara"], c.people["anon"], c.people["bao"]]
    assert dict((pid, (status, passes)) for pid, status, passes in order)[c.people["bao"]] == ("waiting", 0)
    assert st["seen_last"] == [c.people["bao"]]


def test_the_speaker_who_asks_to_be_seen_last_hands_the_piece_on_and_is_seen_after_the_others(db):
    c = consultation_event(db)
    _round(db, c)
    _see_last(db, c, "amara")
    order, st = round_of(db, c.activities["consultation"])
    assert st["speaker"] == c.people["bao"]
    assert order[-1][:3] == (c.people["amara"], "waiting", 0)
    with db.session_scope() as s:
        act = s.get(circle.Activity, c.activities["consultation"])
        circle.move_on(s, act)
        circle.move_on(s, act)
    _, st = round_of(db, c.activities["consultation"])
    assert st["speaker"] == c.people["amara"], "seen last is still seen"


def test_the_last_person_waiting_cannot_ask_to_be_seen_later_still(db):
    c = consultation_event(db)
    _round(db, c)
    with db.session_scope() as s:
        act = s.get(circle.Activity, c.activities["consultation"])
        circle.move_on(s, act)
        circle.move_on(s, act)
    with pytest.raises(DomainError, match="Everyone else has been seen"):
        _see_last(db, c, "anon")


def test_seeing_last_is_refused_outside_the_consultation_round(db):
    c = consultation_event(db)
    go(db, c.code, "questions")
    with db.session_scope() as s, pytest.raises(DomainError, match="no consultation round"):
        event = events.get_by_code(s, c.code)
        consultation.see_me_last(s, agenda.current(event), s.get(Participant, c.people["bao"]))


def test_the_facilitator_keeps_time_in_the_consultation_round_with_the_circle_controls(db):
    c = consultation_event(db)
    _round(db, c)
    with db.session_scope() as s:
        act = s.get(circle.Activity, c.activities["consultation"])
        before = circle.state_of(act)["turn_ends_at"]
        circle.add_time(s, act, 60)
        circle.pause(s, act)
        assert circle.state_of(act)["turn_ends_at"] > before and circle.state_of(act)["paused"]


# --- questions: each kept to whom it was meant for ----------------------------------------


def _all_text(value) -> str:
    return json.dumps(value, default=str)


def test_a_private_question_is_seen_by_its_author_alone(db):
    c = consultation_event(db)
    for kind in ("questions", "consultation"):
        go(db, c.code, kind)
        with db.read_scope() as s:
            event = events.get_by_code(s, c.code)
            people = {k: s.get(Participant, v) for k, v in c.people.items()}
            mine = views.phone_snapshot(s, event, people["amara"])
            assert PRIVATE_Q in _all_text(mine) and CLINICIAN_Q in _all_text(mine)
            for other in ("bao", "anon"):
                theirs = _all_text(views.phone_snapshot(s, event, people[other]))
                assert PRIVATE_Q not in theirs and CLINICIAN_Q not in theirs and SHARED_Q in theirs
            screen = _all_text(views.screen_snapshot(s, event, "http://x/j"))
            assert PRIVATE_Q not in screen and CLINICIAN_Q not in screen and SHARED_Q in screen
            console = views.console_snapshot(s, event, "http://x/j")
            assert PRIVATE_Q not in _all_text(console) and CLINICIAN_Q not in _all_text(console)
            assert console["activity"]["board"]["for_clinician"] == 1, "the console sees how many, not what"
            doctor = _all_text(clinician.snapshot(s, event))
            assert PRIVATE_Q not in doctor and CLINICIAN_Q in doctor and SHARED_Q in doctor


def test_names_go_with_a_question_only_when_shared_and_named(db):
    c = consultation_event(db)
    with db.session_scope() as s:
        event = events.get_by_code(s, c.code)
        bao = s.get(Participant, c.people["bao"])
        q = next(x for x in questions.mine(s, event.id, [bao.id])[bao.id] if x["text"] == SHARED_Q)
        shared = questions.shared_view(s, event.id)
        assert all(item["by"] is None for t in shared["themes"] for item in t["questions"])
        assert [x["by"] for x in shared["unthemed"] if x["text"] == NAMED_Q] == [None], "an anonymous person stays anonymous"
        questions.edit(s, bao, q["id"], named=True)
        assert questions.shared_view(s, event.id)["themes"][0]["questions"][0]["by"] == "Bao"
        questions.edit(s, bao, q["id"], visibility="clinician")
        doctor = questions.clinician_view(s, event.id)
        assert doctor["themes"] == [], "a question taken out of the group leaves the facilitator's theme"
        assert [x["by"] for x in doctor["unthemed"] if x["text"] == SHARED_Q] == [None]


def test_only_its_author_can_edit_or_withdraw_a_question(db):
    c = consultation_event(db)
    with db.session_scope() as s:
        event = events.get_by_code(s, c.code)
        amara, bao = s.get(Participant, c.people["amara"]), s.get(Participant, c.people["bao"])
        qid = questions.mine(s, event.id, [amara.id])[amara.id][0]["id"]
        with pytest.raises(NotAllowed):
            questions.edit(s, bao, qid, text="changed")
        with pytest.raises(NotAllowed):
            questions.withdraw(s, bao, qid)
        questions.withdraw(s, amara, qid)
        assert PRIVATE_Q not in _all_text(questions.mine(s, event.id, [amara.id]))


@pytest.mark.parametrize("visibility", ["private", "clinician"])
def test_the_facilitator_cannot_theme_a_question_not_shared_with_the_group(db, visibility):
    c = consultation_event(db)
    with db.session_scope() as s:
        event = events.get_by_code(s, c.code)
        amara = s.get(Participant, c.people["amara"])
        hidden = next(q for q in questions.mine(s, event.id, [amara.id])[amara.id] if q["visibility"] == visibility)
        with pytest.raises(NotFound):
            questions.set_theme(s, event, hidden["id"], c.theme_id)


def test_a_question_longer_than_500_characters_is_refused(db):
    # A question sent twice is kept once by the unit of work: tests/delivery/test_outbox_replay.py.
    c = consultation_event(db)
    with db.session_scope() as s:
        event = events.get_by_code(s, c.code)
        bao = s.get(Participant, c.people["bao"])
        with pytest.raises(DomainError, match="at most 500"):
            questions.add(s, event, bao, "x" * 501, "shared")


# --- goals and the person's own summary ------------------------------------------------------


def test_a_private_goal_is_its_authors_alone(db):
    c = consultation_event(db)
    go(db, c.code, "goals")
    with db.read_scope() as s:
        event = events.get_by_code(s, c.code)
        people = {k: s.get(Participant, v) for k, v in c.people.items()}
        assert PRIVATE_GOAL in _all_text(views.phone_snapshot(s, event, people["amara"]))
        assert PRIVATE_GOAL not in _all_text(views.phone_snapshot(s, event, people["bao"]))
        screen = _all_text(views.screen_snapshot(s, event, "http://x/j"))
        assert PRIVATE_GOAL not in screen and SHARED_GOAL in screen and "Bao" not in _all_text(views.screen_snapshot(s, event, "")["activity"]["shared_goals"])
        assert PRIVATE_GOAL not in _all_text(views.console_snapshot(s, event, "http://x/j"))
        assert PRIVATE_GOAL not in _all_text(clinician.snapshot(s, event))
        assert SHARED_GOAL not in _all_text(clinician.snapshot(s, event)), "the clinician sees questions and the queue only"


def test_my_summary_holds_my_own_items_and_nobody_elses_private_ones(db):
    c = consultation_event(db)
    with db.read_scope() as s:
        amara = s.get(Participant, c.people["amara"])
        bao = s.get(Participant, c.people["bao"])
        mine = _all_text(consultation.my_summary(s, amara))
        assert PRIVATE_Q in mine and PRIVATE_GOAL in mine and SHARED_Q in mine
        theirs = _all_text(consultation.my_summary(s, bao))
        assert PRIVATE_Q not in theirs and PRIVATE_GOAL not in theirs and CLINICIAN_Q not in theirs and SHARED_GOAL in theirs


# --- erasure and the record -----------------------------------------------------------------


def test_withdrawing_everything_takes_a_persons_questions_and_goals(db):
    c = consultation_event(db)
    with db.session_scope() as s:
        amara = s.get(Participant, c.people["amara"])
        assert erasure.posted_by(s, amara) == 3
        removed, _ = erasure.withdraw_all(s, amara)
        assert removed["questions"] == 2 and removed["goals"] == 1
        assert erasure.posted_by(s, amara) == 0


def test_the_session_summary_has_shared_questions_notes_and_anonymous_counts_only(db):
    c = consultation_event(db)
    from facilitator.exports import report_view

    with db.read_scope() as s:
        view = report_view.build(s, events.get_by_code(s, c.code), report_view.Options(with_names=True))
    summary = view["consultation"]
    assert summary["present"]
    assert summary["themes"] == [{
        "name": "Living with diabetes at work",
        "note": "Clinician to cover blood sugar monitoring at work.",
        "questions": [SHARED_Q],
    }]
    assert summary["unthemed"] == [NAMED_Q] and summary["shared_goals"] == [SHARED_GOAL]
    assert summary["counts"] == {"questions": 4, "shared_questions": 2, "people_asked": 3, "goals": 2, "shared_goals": 1}
    text = _all_text(view)
    assert PRIVATE_Q not in text and CLINICIAN_Q not in text and PRIVATE_GOAL not in text
