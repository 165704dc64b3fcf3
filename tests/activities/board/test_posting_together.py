"""A burst's cards handled as one group: each accepted or refused on its own, the accepted
ones written together, on each backend the toolkit supports (SQLite and PostgreSQL)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from facilitator.activities.board import rules as board
from facilitator.activities.board.models import Card
from facilitator.core import events
from facilitator.core.errors import NotAllowed
from facilitator.core.models import Participant
from tests.cafe_support import hosts_at_two_tables


def _two_tables_in_round_one(db):
    code, _, (sam, ada, bo, _), (first, second), _ = hosts_at_two_tables(db)
    return code, {"Sam": sam, "Ada": ada, "Bo": bo}, {sam: first, ada: second}


@pytest.mark.parametrize("posting", [["Sam", "Bo", "Ada", "Sam"], ["Ada"], ["Bo", "Sam"]])
def test_a_groups_cards_are_saved_together_in_order_each_at_its_hosts_table_and_a_refusal_writes_nothing(store, posting):
    code, people, table_of = _two_tables_in_round_one(store)
    with store.session_scope() as s:
        event = events.get_by_code(s, code)
        authors = [s.get(Participant, people[name]) for name in posting]
        outcomes = board.add_cards(s, event, [(author, board.NewCard(f"Card {i} from {name}"))
                                               for i, (name, author) in enumerate(zip(posting, authors))])
    posted = [o for o in outcomes if isinstance(o, board.Posted)]
    # Bo is not a host: refused, and only Bo's card.
    assert [isinstance(o, NotAllowed) for o in outcomes] == [name == "Bo" for name in posting]
    assert [p.card_id for p in posted] == sorted(p.card_id for p in posted)
    with store.read_scope() as s:
        saved = {row.id: row for row in s.execute(select(Card.id, Card.text, Card.author_id, Card.table_id))}
    assert sorted(saved) == sorted(p.card_id for p in posted)
    hosts = [name for name in posting if name != "Bo"]
    for i, (name, outcome) in enumerate(zip(posting, outcomes)):
        if name == "Bo":
            continue
        card = saved[outcome.card_id]
        assert (card.text, card.author_id, card.table_id) == (f"Card {i} from {name}", people[name], table_of[people[name]])
        # What its table, the console and the screen are told is the card as saved.
        sent = [m.payload for m in outcome.changes.messages if m.name == "board.card"]
        assert len(sent) == 2 and all((view["id"], view["table"], view["text"]) == (card.id, card.table_id, card.text) for view in sent)
    assert len(posted) == len(hosts)
