"""A phone that floods cards or dots hits the posting limit after its burst; nobody else notices.

The limit is per person (a burst of 10, then one a second, shared by
posting and voting, and by all the connections one phone's key opens): a
script on one phone is stopped while the phone beside it carries on.
"""
from sqlalchemy import func, select

from facilitator.activities.board.models import Card, Dot
from tests.cafe_support import cafe_event, go_to_harvest
from tests.factories import ack, frozen_posting_limit, make_participant, phone

BURST = 10


def _count(db, model, **where):
    with db.read_scope() as s:
        q = select(func.count()).select_from(model)
        for key, value in where.items():
            q = q.where(getattr(model, key) == value)
        return s.scalar(q)


def _cafe_with_two_phones(db, socket_clients, console, services):
    assert services.post_limiter.burst == BURST
    clock = frozen_posting_limit(services)
    code, _ = cafe_event(db, tables=2, anyone_can_post=True)
    phones = {}
    for name in ("Sam", "Ada"):
        pid, token = make_participant(db, code, name)
        phones[name] = (pid, phone(socket_clients, code, token))
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    return code, phones, clock


def test_a_flood_of_cards_is_stopped_after_the_burst_and_the_next_phone_still_posts(
    socket_clients, console, db, services
):
    code, phones, clock = _cafe_with_two_phones(db, socket_clients, console, services)
    sam_id, sam = phones["Sam"]
    ada_id, ada = phones["Ada"]
    replies = [ack(sam, "card.add", {"text": f"Spam {n}", "cid": f"flood-card-{n:04}"}) for n in range(40)]
    assert all(r["ok"] for r in replies[:BURST])
    refused = replies[BURST:]
    assert {r["code"] for r in refused} == {"rate_limited"}
    assert all("wait a moment" in r["error"] for r in refused)
    assert _count(db, Card, author_id=sam_id) == BURST

    # Ada's phone, on its own connection, is not touched by Sam's flood.
    assert ack(ada, "card.add", {"text": "Walking groups", "cid": "ada-card-0001"})["ok"]
    assert _count(db, Card, author_id=ada_id) == 1
    # Sam's phone still reads and does what is not posting, and posts again once the limit refills.
    assert ack(sam, "sync")["ok"]
    assert ack(sam, "card.add", {"text": "One more", "cid": "flood-card-0100"})["code"] == "rate_limited"
    clock.now += 1.0
    assert ack(sam, "card.add", {"text": "One more", "cid": "flood-card-0100"})["ok"]
    assert _count(db, Card) == BURST + 2


def test_a_flood_of_dots_is_stopped_after_the_burst_and_the_next_phone_still_votes(
    socket_clients, console, db, services
):
    code, phones, clock = _cafe_with_two_phones(db, socket_clients, console, services)
    sam_id, sam = phones["Sam"]
    ada_id, ada = phones["Ada"]
    card = ack(ada, "card.add", {"text": "Walking groups", "cid": "ada-card-0001"})["id"]
    go_to_harvest(db, code)
    assert ack(console, "vote.open", {"event": code, "dots": 20})["ok"]
    replies = [ack(sam, "vote.add", {"card": card, "cid": f"flood-dot-{n:04}"}) for n in range(30)]
    assert all(r["ok"] for r in replies[:BURST]), replies[:BURST]
    assert {r["code"] for r in replies[BURST:]} == {"rate_limited"}
    assert _count(db, Dot, participant_id=sam_id) == BURST

    # Posting and voting share the limit: Sam cannot switch to taking dots back either...
    assert ack(sam, "vote.remove", {"card": card, "cid": "flood-undo-0001"})["code"] == "rate_limited"
    # ...while Ada votes as usual.
    assert ack(ada, "vote.add", {"card": card, "cid": "ada-dot-0001"})["ok"]
    assert _count(db, Dot, participant_id=ada_id) == 1
    assert _count(db, Dot) == BURST + 1
    clock.now += 1.0
    assert ack(sam, "vote.remove", {"card": card, "cid": "flood-undo-0001"})["ok"]


def test_one_person_over_ten_connections_has_one_posting_allowance(socket_clients, console, db, services):
    frozen_posting_limit(services)
    code, _ = cafe_event(db, tables=2, anyone_can_post=True)
    kim_id, token = make_participant(db, code, "Kim")
    kims = [phone(socket_clients, code, token) for _ in range(10)]  # one phone's key, ten sockets
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    replies = [ack(k, "card.add", {"text": f"Spam {i}-{n}", "cid": f"many-{i:02}-{n:04}"}) for i, k in enumerate(kims) for n in range(3)]
    assert sum(r["ok"] for r in replies) == BURST
    assert {r["code"] for r in replies if not r["ok"]} == {"rate_limited"}
    assert _count(db, Card, author_id=kim_id) == BURST
