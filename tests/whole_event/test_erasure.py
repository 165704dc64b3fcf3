"""The right to erasure: an event, or one person's posts, gone from the tables and the files."""
from __future__ import annotations

from contextlib import ExitStack
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from facilitator.whole_event import erasure
from facilitator.core import events, retention
from facilitator.core.errors import DomainError
from facilitator.activities.agreements.models import Agreement
from facilitator.activities.board.models import Card, Dot
from facilitator.activities.checkout.models import CheckoutWord, Pledge
from facilitator.core.models import Event, Participant
from facilitator.activities.pulse.models import PulseTally

from ..erasure_support import found_in, raw_files, traces
from ..exports.support import ANON_CARD, NAMED, PRIVATE_PLEDGE, QUOTED, SHARED_PLEDGE, WITHDRAWN, harvested_event
from ..factories import make_event

DISTINCTIVE = [ANON_CARD, PRIVATE_PLEDGE, "Амара Петрова".encode("utf-8").decode(), "HIDDEN-CARD-Zebra-42"]
# What Li posted: a card, a card they withdrew earlier, a proposed agreement, a private pledge.
LIS_TEXT = [QUOTED, WITHDRAWN, "Phones on silent", PRIVATE_PLEDGE]


def test_a_deleted_event_leaves_no_trace_of_its_text_in_the_database_files(db, settings):
    keep_code, _ = make_event(db, "Another gathering that stays")
    harvest = harvested_event(db)
    before = raw_files(settings)
    for text in DISTINCTIVE:
        assert found_in(before, text), f"{text!r} should be on disk before the deletion"
    with db.session_scope() as s:
        erasure.delete_event(s, events.get_by_code(s, harvest.code))
    db.checkpoint()
    after = raw_files(settings)
    assert after, "the database files are still there"
    for text in DISTINCTIVE:
        assert found_in(after, text) == [], f"{text!r} is still in the database files"
    assert found_in(after, "Another gathering that stays"), "other events are untouched"
    with db.read_scope() as s:
        assert [e.code for e in s.scalars(select(Event))] == [keep_code]
        for model in (Participant, Card, Pledge, CheckoutWord, Agreement, Dot, PulseTally):
            assert s.scalar(select(func.count()).select_from(model)) == 0, model.__name__


def test_a_deletion_made_while_someone_reads_leaves_the_files_once_the_reader_ends(db, settings):
    harvest = harvested_event(db)
    naps: list[float] = []
    with ExitStack() as reading:
        reader = reading.enter_context(db.read_scope())
        assert QUOTED in set(reader.scalars(select(Card.text))), "the reader holds a snapshot from before"
        with db.session_scope() as s:
            erasure.delete_event(s, events.get_by_code(s, harvest.code))
        assert db.checkpoint() is False, "the open reader keeps the old pages"
        assert traces(settings, DISTINCTIVE), "so the text is still on disk"

        def sleep(seconds):
            naps.append(seconds)
            if len(naps) == 2:
                reading.close()  # the reader finishes while the erasure is being retried

        assert db.checkpoint_until_done(attempts=5, delay=0.5, sleep=sleep) is True
    assert naps == [0.5, 1.0], "it waited between tries, longer each time, and stopped once done"
    assert traces(settings, DISTINCTIVE) == {}


def test_a_checkpoint_that_keeps_failing_gives_up_and_says_so(db, settings, caplog):
    harvest = harvested_event(db)
    naps: list[float] = []
    with db.read_scope() as reader:
        reader.scalars(select(Card.text)).all()
        with db.session_scope() as s:
            erasure.delete_event(s, events.get_by_code(s, harvest.code))
        with caplog.at_level("ERROR", logger="facilitator.db"):
            assert db.checkpoint_until_done(attempts=3, delay=0.1, sleep=naps.append) is False
    assert naps == [0.1, 0.2], "bounded: three tries, two waits"
    assert "could not be emptied after 3 tries" in caplog.text
    assert db.checkpoint() is True, "with the reader gone it goes through"
    assert traces(settings, DISTINCTIVE) == {}


def test_what_a_person_withdraws_leaves_the_database_files(db, settings):
    harvest = harvested_event(db)
    assert set(traces(settings, LIS_TEXT)) == set(LIS_TEXT), "on disk before"
    with db.session_scope() as s:
        erasure.withdraw_all(s, s.get(Participant, harvest.people["li"]))
    assert db.checkpoint() is True
    assert traces(settings, LIS_TEXT) == {}
    assert found_in(raw_files(settings), ANON_CARD) and found_in(raw_files(settings), SHARED_PLEDGE), "others' posts stay"


def test_a_person_who_withdraws_takes_everything_they_posted_and_nothing_of_anyone_else(db):
    harvest = harvested_event(db)
    li = harvest.people["li"]
    with db.session_scope() as s:
        removed, changes = erasure.withdraw_all(s, s.get(Participant, li))
    assert removed["cards"] == 3 and removed["pledges"] == 1 and removed["words"] == 1
    assert removed["agreements"] == 1 and removed["votes"] == 2 and removed["pulse"] == 0
    assert changes.phones and changes.screen and changes.console
    with db.read_scope() as s:
        for model, column in ((Card, Card.author_id), (Pledge, Pledge.participant_id), (CheckoutWord, CheckoutWord.participant_id),
                              (Agreement, Agreement.participant_id), (Dot, Dot.participant_id)):
            assert s.scalar(select(func.count()).select_from(model).where(column == li)) == 0, model.__name__
        texts = set(s.scalars(select(Card.text)))
        assert QUOTED not in texts and ANON_CARD in texts
        assert SHARED_PLEDGE in set(s.scalars(select(Pledge.text)))
        person = s.get(Participant, li)
        assert person is not None and person.name == NAMED["li"], "withdrawing is not leaving"
        # Anonymous counters cannot be traced to anyone; they stay as they are.
        assert s.scalar(select(func.sum(PulseTally.count))) == 18


def test_an_event_past_its_retention_date_is_purged_and_others_are_kept(db):
    old_code, _ = make_event(db, "Last year's café")
    kept_code, _ = make_event(db, "Kept for a while")
    forever_code, _ = make_event(db, "Kept until deleted")
    now = datetime(2030, 6, 1, 12, tzinfo=timezone.utc)
    with db.session_scope() as s:
        retention.set_retention(s, events.get_by_code(s, old_code), date(2030, 5, 31), now=now - timedelta(days=30))
        retention.set_retention(s, events.get_by_code(s, kept_code), date(2030, 6, 1), now=now)
    with db.session_scope() as s:
        purged, _changes = retention.purge_expired(s, now=now)
    assert purged == [old_code]
    with db.read_scope() as s:
        assert sorted(e.code for e in s.scalars(select(Event))) == sorted([kept_code, forever_code])
        assert retention.kept_through(events.get_by_code(s, kept_code)) == date(2030, 6, 1)


def test_a_retention_date_in_the_past_is_refused_with_a_way_forward(db):
    code, _ = make_event(db)
    with pytest.raises(DomainError, match="already passed"):
        with db.session_scope() as s:
            retention.set_retention(s, events.get_by_code(s, code), date(2001, 1, 1))
    with pytest.raises(DomainError, match="YYYY-MM-DD"):
        retention.parse_day("next tuesday")
