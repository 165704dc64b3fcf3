"""The table host's round card: the host writes it, the next group at that table reads it."""
import json

import pytest

from facilitator.activities.cafe import rules as cafe, essences
from facilitator.whole_event import erasure
from facilitator.core import events
from facilitator.core.errors import DomainError, NotAllowed
from facilitator.activities.cafe.models import CafeEssence
from tests.cafe_support import arrive, cafe_event, person


def _act(s, code):
    return cafe.current_cafe(events.get_by_code(s, code))


def _hosted_cafe(db):
    """Sam and Ada host two tables; four travellers; round 1 under way."""
    code, _ = cafe_event(db, tables=2)
    ids = arrive(db, code, "Sam", "Ada", "Bo", "Cy", "Di", "Ed")
    with db.session_scope() as s:
        act = _act(s, code)
        cafe.volunteer(s, act, person(s, ids[0]), True)
        cafe.volunteer(s, act, person(s, ids[1]), True)
        cafe.start_round(s, act)
    return code, ids


def test_the_next_group_at_a_table_sees_what_its_host_wrote_and_no_other_table_does(db):
    code, (sam, ada, *travellers) = _hosted_cafe(db)
    with db.session_scope() as s:
        act = _act(s, code)
        changes = essences.write(s, act, person(s, sam), 1, "Loneliness is the real illness.", "Who is missing from our groups?")
        assert changes.participants == {sam}  # round 2 is not seated yet: only the writer's view changes
        sams_table = cafe.seat_of(s, act, sam).table_id
        cafe.end_round(s, act)  # round 2 is seated at once
        views = cafe.personal_views(s, act, [person(s, p) for p in (sam, ada, *travellers)])
    handed = {"essence": "Loneliness is the real illness.", "question": "Who is missing from our groups?"}
    for pid, view in views.items():
        if view["seat"]["table"] == sams_table:
            assert view["seat"]["handed_on"] == handed  # the host too
        else:
            assert view["seat"]["handed_on"] is None
    assert views[sam]["round_card"] == {"round": 1, "table": sams_table, "table_name": views[sam]["seat"]["name"], **handed}
    assert sum(v["seat"]["table"] == sams_table for v in views.values()) >= 3


def test_writing_again_replaces_the_card_and_writing_nothing_clears_it(db):
    code, (sam, *_) = _hosted_cafe(db)
    with db.session_scope() as s:
        act = _act(s, code)
        essences.write(s, act, person(s, sam), 1, "First try", "")
        cafe.end_round(s, act)
        # Between rounds, the host of the round just ended still writes its card; the next group is told.
        changes = essences.write(s, act, person(s, sam), 1, "Better words", "What would help?")
        next_group = {x.participant_id for x in cafe.seats(s, cafe.focus_round(s, act)) if x.table_id == cafe.seat_of(s, act, sam).table_id}
        assert changes.participants == next_group | {sam} and changes.console
        assert [(e["round"], e["essence"], e["question"]) for e in essences.for_activity(s, act)] == [(1, "Better words", "What would help?")]
        essences.write(s, act, person(s, sam), 1, "  ", "")
        assert essences.for_activity(s, act) == []


def test_only_the_tables_host_in_that_round_writes_its_card(db):
    code, (sam, ada, bo, *_) = _hosted_cafe(db)
    with db.session_scope() as s:
        act = _act(s, code)
        with pytest.raises(NotAllowed, match="host"):
            essences.write(s, act, person(s, bo), 1, "I am not the host", "")
        with pytest.raises(NotAllowed, match="not begun"):
            essences.write(s, act, person(s, sam), 2, "Too early", "")
        with pytest.raises(DomainError, match="300"):
            essences.write(s, act, person(s, sam), 1, "x" * 301, "")
        with pytest.raises(DomainError, match="300"):
            essences.write(s, act, person(s, sam), 1, "", "q" * 301)
        assert s.query(CafeEssence).count() == 0


def test_a_host_who_withdraws_takes_their_round_cards_with_them(db):
    code, (sam, ada, *_) = _hosted_cafe(db)
    with db.session_scope() as s:
        act = _act(s, code)
        essences.write(s, act, person(s, sam), 1, "Sam's words", "")
        essences.write(s, act, person(s, ada), 1, "Ada's words", "")
        assert erasure.posted_by(s, person(s, sam)) == 1
        removed, _ = erasure.withdraw_all(s, person(s, sam))
        assert removed["essences"] == 1
        assert [e["essence"] for e in essences.for_activity(s, act)] == ["Ada's words"]


def test_the_round_cards_travel_in_the_json_archive_and_come_back_from_it(db, database_url):
    from facilitator.exports import report_view, restore
    from facilitator.exports import json_archive
    from tests.exports.test_archive import archive_text, fresh

    code, (sam, *_) = _hosted_cafe(db)
    with db.session_scope() as s:
        essences.write(s, _act(s, code), person(s, sam), 1, "Buses are the barrier.", "Who drives?")
    text = archive_text(db, code)
    doc = json.loads(text)
    assert [(r["essence"], r["question"]) for r in doc["records"]["cafe_essence"]] == [("Buses are the barrier.", "Who drives?")]
    with db.read_scope() as s:
        harvest = report_view.build(s, events.get_by_code(s, code))
    assert [(e["round"], e["essence"], e["question"]) for e in harvest["essences"]] == [(1, "Buses are the barrier.", "Who drives?")]
    target = fresh(database_url)
    try:
        with target.session_scope() as s:
            restore.restore(s, json_archive.parse(text.encode()))
        with target.read_scope() as s:
            assert [e["essence"] for e in essences.for_activity(s, _act(s, code))] == ["Buses are the barrier."]
    finally:
        target.dispose()
