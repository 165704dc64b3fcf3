"""The big screen receives what it shows: the names people chose, never who wrote what, pronouns or times.

The screen is in every photo of the room, and its socket can be read by
anyone at the laptop driving it. Cards carry no author on it (exports hide
authors unless the organiser asks for names), and the roster carries no
pronouns and no times of joining or of accepting the group agreement.
"""
from __future__ import annotations

import json

from facilitator.core import events, participants
from facilitator.core.participants import Identity
from tests.cafe_support import cafe_event
from tests.factories import ack, phone

# Keys that tie a contribution to a person, or tell more about a person than the name they chose.
NOT_ON_THE_SCREEN = {"author", "author_id", "participant_id", "pronouns", "joined_at", "agreed_at", "last_seen_at"}
PRONOUNS = "xe/xem-only-on-the-console"


def keys_in(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_in(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_in(v)}
    return set()


def _join(db, code: str, name: str) -> tuple[int, str]:
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        joined = participants.join(s, event, Identity(name=name, pronouns=PRONOUNS), agreed=True)
        return joined.participant_id, joined.token


def test_a_cafe_and_its_harvest_reach_the_screen_without_authors_pronouns_or_times(socket_clients, console, screen_auth, db):
    code, _ = cafe_event(db, tables=2)
    screen = socket_clients(screen_auth(code))
    assert ack(console, "console.watch", {"event": code})["ok"]
    phones = {}
    for name in ("Sam", "Ada", "Bo"):
        pid, token = _join(db, code, name)
        phones[name] = phone(socket_clients, code, token)
    assert ack(phones["Sam"], "cafe.volunteer", {"host": True})["ok"]
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    card = ack(phones["Sam"], "card.add", {"text": "Benches in the park", "cid": "screen-0001"})["id"]
    assert ack(phones["Sam"], "card.edit", {"card": card, "text": "More benches in the park"})["ok"]
    assert ack(phones["Ada"], "me.update", {"name": "Ada L.", "pronouns": PRONOUNS})["ok"]
    assert ack(console, "agenda.next", {"event": code})["ok"]
    assert ack(console, "card.pin", {"event": code, "card": card})["ok"]
    assert ack(screen, "sync")["ok"]

    heard = screen.get_received()
    seen = [m["args"][0] for m in heard if m["args"]]
    # The screen did get the cards and the people, by the names they chose...
    text = json.dumps(seen)
    assert "More benches in the park" in text and "Ada L." in text
    assert any(m["name"] == "board.card" for m in heard) and any(m["name"] == "roster.person" for m in heard)
    # ...and nothing that says who wrote them, nor pronouns or times.
    assert keys_in(seen) & NOT_ON_THE_SCREEN == set()
    assert PRONOUNS not in text
    # The console still sees all of it: the facilitator needs it.
    console_text = json.dumps([m["args"] for m in console.get_received()])
    assert PRONOUNS in console_text and '"author"' in console_text and "agreed_at" in console_text
