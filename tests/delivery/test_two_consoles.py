"""Two facilitators, two laptops, one console link: each sees what the other does, live."""
from __future__ import annotations

from tests.cafe_support import arrive, cafe_event
from tests.circle_support import circle_event
from tests.factories import ack, received


def _second_console(socket_clients, services):
    client = socket_clients({"role": "console", "secret": services.console_secret()})
    assert client.is_connected()
    client.get_received()
    return client


def _activities(client) -> list[dict]:
    """The activity in each patch: whole, or the parts merged into the activity it holds (``inside``)."""
    return [p.get("activity") or p["inside"]["activity"] for p in received(client, "patch")
            if p.get("activity") or "activity" in p.get("inside", {})]


def test_a_move_on_one_console_shows_on_the_other(console, socket_clients, services, db):
    code, _, _, ids = circle_event(db)
    other = _second_console(socket_clients, services)
    for laptop in (console, other):
        assert ack(laptop, "console.watch", {"event": code})["snapshot"]["activity"]["speaker"] is None
    assert ack(console, "circle.start", {"event": code})["ok"]
    assert _activities(other)[-1]["speaker"]["id"] == ids["Amara"]
    assert ack(other, "circle.next", {"event": code})["ok"]
    assert _activities(console)[-1]["speaker"]["id"] == ids["Bao"]
    # The people too: one adds someone without a phone, the other sees them.
    added = ack(other, "participant.add", {"event": code, "name": "Dilys"})
    assert added["ok"]
    heard = console.get_received()
    assert [m["args"][0]["label"] for m in heard if m["name"] == "roster.person"] == ["Dilys"]


def test_both_consoles_follow_a_cafe_round_and_the_agenda(console, socket_clients, services, db):
    code, _ = cafe_event(db)
    arrive(db, code, "Ade", "Bea", "Cy", "Di")
    other = _second_console(socket_clients, services)
    for laptop in (console, other):
        ack(laptop, "console.watch", {"event": code})
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    assert _activities(other)[-1]["round"]["status"] == "running"
    assert ack(other, "cafe.round.pause", {"event": code})["ok"]
    assert _activities(console)[-1]["round"]["status"] == "paused"
    assert ack(console, "agenda.next", {"event": code})["ok"]
    moved = [p for p in received(other, "patch") if "current" in p]
    assert moved and moved[-1]["activity"]["kind"] == "harvest"
