"""A phone replaying its outbox after a reconnect: everything arrives once, nothing is refused for repeating.

The posting limit (bursts of 10, then one a second) is a wall for scripts; a
phone that comes back from a dead spot resends what it queued, some of it
already saved, and must never be told "too fast" about what is already there.
"""
import pytest
from sqlalchemy import func, select

from facilitator.activities.agreements.models import Agreement
from facilitator.activities.board.models import Card
from facilitator.activities.checkout.models import CheckoutWord, Pledge
from facilitator.activities.goals.models import Goal
from facilitator.activities.questions.models import Question
from facilitator.core import agenda, events
from tests.cafe_support import cafe_event
from tests.factories import ack, frozen_posting_limit, make_event, make_participant, phone


def _host_at_a_running_table(db, socket_clients, console):
    code, _ = cafe_event(db, tables=1)
    _, token = make_participant(db, code, "Sam")
    sam = phone(socket_clients, code, token)
    assert ack(sam, "cafe.volunteer", {"host": True})["ok"]
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    return sam


def _cards(db):
    with db.read_scope() as s:
        return s.scalar(select(func.count()).select_from(Card))


def test_a_phone_replaying_more_than_ten_saved_cards_hears_repeated_for_each_even_past_the_limit(
    socket_clients, console, db, services
):
    clock = frozen_posting_limit(services)
    sam = _host_at_a_running_table(db, socket_clients, console)
    first = {}
    for n in range(10):
        reply = ack(sam, "card.add", {"text": f"Idea {n}", "cid": f"replay-card-{n:04}"})
        assert reply["ok"] and reply["repeated"] is False, reply
        first[n] = reply["id"]
    over = ack(sam, "card.add", {"text": "Idea 10", "cid": "replay-card-0010"})
    assert over["ok"] is False and over["code"] == "rate_limited"

    # The acknowledgements were lost: the phone sends all eleven again, in order.
    for n in range(10):
        again = ack(sam, "card.add", {"text": f"Idea {n}", "cid": f"replay-card-{n:04}"})
        assert again == {"ok": True, "id": first[n], "repeated": True}
    assert _cards(db) == 10
    # Only new cards wait for the limit, and the repeats spent none of it.
    assert ack(sam, "card.add", {"text": "Idea 10", "cid": "replay-card-0010"})["code"] == "rate_limited"
    clock.now += 1.0
    saved = ack(sam, "card.add", {"text": "Idea 10", "cid": "replay-card-0010"})
    assert saved["ok"] and saved["repeated"] is False
    assert ack(sam, "card.add", {"text": "Idea 11", "cid": "replay-card-0011"})["code"] == "rate_limited"
    assert _cards(db) == 11


def test_a_queue_of_twenty_five_cards_replayed_at_the_pace_of_the_limit_is_stored_exactly_once(
    socket_clients, console, db, services
):
    """What the phone's outbox does: resend in order, wait and retry what is refused as too fast."""
    clock = frozen_posting_limit(services)
    sam = _host_at_a_running_table(db, socket_clients, console)
    queue = [{"text": f"Queued {n}", "cid": f"queued-card-{n:04}"} for n in range(25)]
    # The first twelve were saved before the Wi-Fi dropped, acknowledgements lost.
    for item in queue[:10]:
        assert ack(sam, "card.add", item)["ok"]
    clock.now += 2.0
    for item in queue[10:12]:
        assert ack(sam, "card.add", item)["ok"]

    replies = {}
    waits = 0
    for item in queue:
        reply = ack(sam, "card.add", item)
        while not reply["ok"]:
            assert reply["code"] == "rate_limited", reply
            waits += 1
            clock.now += 1.0  # the outbox's back-off
            reply = ack(sam, "card.add", item)
        replies[item["cid"]] = reply
    assert [replies[i["cid"]]["repeated"] for i in queue] == [True] * 12 + [False] * 13
    assert waits == 13  # one wait for each new card: the repeats spent none of the limit
    assert _cards(db) == 25
    with db.read_scope() as s:
        texts = sorted(s.scalars(select(Card.text)))
    assert texts == sorted(i["text"] for i in queue)


def test_a_client_id_reused_for_another_action_is_a_conflict_even_past_the_limit(socket_clients, console, db, services):
    frozen_posting_limit(services)
    sam = _host_at_a_running_table(db, socket_clients, console)
    for n in range(10):
        assert ack(sam, "card.add", {"text": f"Idea {n}", "cid": f"conflict-card-{n:04}"})["ok"]
    reused = ack(sam, "checkout.word", {"text": "Calm", "cid": "conflict-card-0003"})
    assert reused["ok"] is False and reused["code"] == "conflict"


# What a phone sends with a client id outside the café, the activity it is sent in, and the rows it makes.
RESENT = {
    "checkout.word": ("checkout", {"one_word": True}, {"text": "Calm"}, CheckoutWord),
    "checkout.pledge": ("checkout", {"pledges": True}, {"text": "Call my sister", "shared": True}, Pledge),
    "goal.set": ("goals", {}, {"text": "Walk after lunch", "shared": False}, Goal),
    "agreements.propose": ("agreements", {}, {"text": "Phones on silent"}, Agreement),
    "question.add": ("questions", {}, {"text": "How do others sleep?", "visibility": "private"}, Question),
}


@pytest.mark.parametrize("name", sorted(RESENT))
def test_a_resent_word_pledge_goal_agreement_or_question_is_saved_once_and_answered_as_the_first_time(
    socket_clients, db, name
):
    kind, config, payload, model = RESENT[name]
    code, _ = make_event(db, agenda=[{"kind": kind, "config": config}], agreement_text="What is said here stays here.")
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        agenda.go_to(s, event, event.activities[0].id)
    _, token = make_participant(db, code, "Sam")
    sam = phone(socket_clients, code, token)
    first = ack(sam, name, {**payload, "cid": "resent-0001"})
    assert first["ok"] and first["id"], first
    # The acknowledgement was lost; the phone sends it again, from a new connection.
    sam = phone(socket_clients, code, token)
    assert ack(sam, name, {**payload, "cid": "resent-0001"}) == {**first, "repeated": True}
    with db.read_scope() as s:
        assert s.scalars(select(model.id)).all() == [first["id"]]
