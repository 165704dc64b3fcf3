"""Publishing yields to the loop between the parts it builds, not after the last one.

An emit only queues a message; under eventlet or gevent the sockets are
written when the publishing green thread yields. Between two parts (the
phones' patches, then the big screen's) the yield lets 2,000 phones' patches
go out before the next part is built. After the last part there is nothing
left to build: a card's handler acknowledges it and ends, so a turn of the
loop there is only a cost, paid by every card of a burst.
"""
from __future__ import annotations

import pytest

from facilitator.core.outbound import Changes, To
from facilitator.delivery import publish as publishing
from tests.factories import make_event


@pytest.fixture
def turns(monkeypatch):
    taken: list[float] = []
    monkeypatch.setattr(publishing.socketio, "sleep", lambda seconds=0: taken.append(seconds))
    return taken


def _card(event_id: int, text: str) -> Changes:
    card = {"id": 1, "text": text}
    return Changes(event_id).send("board.card", card, To.screen(event_id)).send("board.card", card, To.console(event_id))


def test_a_card_is_published_without_a_turn_of_the_loop(app, db, turns):
    _, event_id = make_event(db)
    with app.app_context():
        publishing.publish(_card(event_id, "Walking groups"))
    assert turns == []


def test_changes_published_together_take_a_turn_between_them_and_none_after_the_last(app, db, turns):
    _, event_id = make_event(db)
    with app.app_context():
        publishing.publish([_card(event_id, "Walking groups"), _card(event_id, "Lunch clubs")])
    assert turns == [0]
