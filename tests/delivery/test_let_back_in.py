"""A removed person can be let back in, with what they posted; an erased person is gone for good."""
from __future__ import annotations

from facilitator.activities.board import rules as board
from facilitator.activities.cafe import rules as cafe
from facilitator.core import events
from facilitator.activities.board.models import Card

from tests.cafe_support import cafe_event
from tests.factories import ack, make_participant, phone, received
from tests.delivery.test_authorization import connect_refusal, everything


def _with_a_card(db, code, pid, text):
    """The round under way, and this person's card at their table."""
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        person = next(p for p in event.participants if p.id == pid)
        person.connections = 1
        s.flush()
        cafe.start_round(s, cafe.current_cafe(event))
        card = board.add_card(s, event, person, board.NewCard(text)).card_id
        person.connections = 0
        return card


def test_a_removed_person_is_let_back_in_with_their_card_and_their_phone_comes_back_as_them(app, console, db, socket_clients):
    code, _ = cafe_event(db, anyone_can_post=True)
    ines, token = make_participant(db, code, "Ines")
    card = _with_a_card(db, code, ines, "A bench by the bus stop")
    ack(console, "console.watch", {"event": code})
    assert ack(console, "participant.remove", {"event": code, "participant": ines})["ok"]
    removed = [p["removed"] for p in received(console, "patch") if "removed" in p][-1]
    assert [(p["id"], p["label"]) for p in removed] == [(ines, "Ines")] and removed[0]["removed_at"]
    assert connect_refusal(app, {"role": "participant", "event": code, "token": token})["data"]["code"] == "not_allowed"

    assert ack(console, "participant.restore", {"event": code, "participant": ines})["ok"]
    heard = console.get_received()
    patches = [m["args"][0] for m in heard if m["name"] == "patch" and "roster" in m["args"][0]]
    assert [p["id"] for p in patches[-1]["roster"]] == [ines] and patches[-1]["removed"] == []
    assert [m["args"][0]["label"] for m in heard if m["name"] == "roster.person"] == ["Ines"]
    with db.read_scope() as s:
        assert s.get(Card, card).author_id == ines, "what she posted stayed hers"
    back = phone(socket_clients, code, token)
    snapshot = received(back, "snapshot")[0]
    assert snapshot["me"]["id"] == ines and snapshot["mine"]["my_cards"][0]["text"] == "A bench by the bus stop"


def test_an_erased_person_cannot_be_let_back_in(console, db):
    code, _ = cafe_event(db)
    ines, _ = make_participant(db, code, "Ines")
    assert ack(console, "participant.remove", {"event": code, "participant": ines, "erase": True})["ok"]
    before = everything(db)
    reply = ack(console, "participant.restore", {"event": code, "participant": ines})
    assert reply["ok"] is False and reply["code"] == "not_found"
    assert ack(console, "console.watch", {"event": code})["snapshot"]["removed"] == []
    assert everything(db) == before


def test_letting_back_in_someone_who_is_in_or_in_another_event_is_refused(console, db):
    code, _ = cafe_event(db)
    other, _ = cafe_event(db)
    ines, _ = make_participant(db, code, "Ines")
    elsewhere, _ = make_participant(db, other, "Jo")
    ack(console, "participant.remove", {"event": other, "participant": elsewhere})
    before = everything(db)
    here = ack(console, "participant.restore", {"event": code, "participant": ines})
    assert here["ok"] is False and here["code"] == "refused" and "already" in here["error"]
    across = ack(console, "participant.restore", {"event": code, "participant": elsewhere})
    assert across["ok"] is False and across["code"] == "not_found"
    assert everything(db) == before


def test_the_big_screen_never_hears_who_was_removed(console, db, socket_clients, screen_auth):
    code, _ = cafe_event(db)
    ines, _ = make_participant(db, code, "Ines")
    screen = socket_clients(screen_auth(code))
    ack(console, "participant.remove", {"event": code, "participant": ines})
    ack(console, "participant.restore", {"event": code, "participant": ines})
    for m in screen.get_received():
        assert "removed" not in (m["args"][0] if m["args"] and isinstance(m["args"][0], dict) else {}), m["name"]
