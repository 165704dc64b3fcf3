"""A card merged into another (a duplicate, or a host's "+1") is counted on the card it joined in the report."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from facilitator.activities.board.models import Card
from facilitator.core import events

from .support import harvested_event
from .test_formats import TextOf, _flat, export

PLUS_ONE = "There's no bus to hospital after six o'clock"


@pytest.fixture
def harvest(tmp_path):
    from facilitator.db import Database

    database = Database(f"sqlite:///{tmp_path / 'plus.sqlite3'}")
    database.upgrade()
    h = harvested_event(database)
    with database.session_scope() as s:
        event = events.get_by_code(s, h.code)
        into = s.scalars(select(Card).where(Card.event_id == event.id, Card.hidden.is_(False), Card.withdrawn.is_(False),
                                            Card.merged_into_id.is_(None)).order_by(Card.id)).first()
        s.add(Card(event_id=event.id, activity_id=into.activity_id, table_id=into.table_id, round_id=into.round_id,
                   author_id=into.author_id, text=PLUS_ONE, merged_into_id=into.id))
        h.into_text = into.text
    yield database, h
    database.dispose()


def test_the_html_report_lists_a_plus_one_under_the_card_it_joined_with_the_count(harvest):
    db, h = harvest
    page = TextOf.read(export(db, h, "html").decode())
    text = _flat(page.joined)
    assert "+1 similar" in text
    # Under the card it joined, not as a card of its own.
    assert text.index(_flat(h.into_text)) < text.index(PLUS_ONE) < text.index(_flat(h.into_text)) + 400
    assert text.count(PLUS_ONE) == 1


def test_the_markdown_lists_a_plus_one_under_the_card_it_joined_with_the_count(harvest):
    db, h = harvest
    md = export(db, h, "md").decode()
    lines = md.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  - ") and "no bus to hospital" in line)
    assert "+1 similar" in lines[at - 1]
    assert sum("no bus to hospital" in line for line in lines) == 1
