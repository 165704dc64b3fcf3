"""The consultation round over Socket.IO: passing, and the facilitator editing the
agenda while the round runs."""
from __future__ import annotations

from tests.consultation_support import SHARED_Q, consultation_event, go
from tests.factories import phone


def _started(db, console, socket_clients):
    c = consultation_event(db)
    phones = {k: phone(socket_clients, c.code, c.tokens[k]) for k in ("amara", "bao", "anon")}
    go(db, c.code, "consultation")
    assert console.emit("circle.start", {"event": c.code}, callback=True)["ok"]
    return c, phones


def _round(client) -> dict:
    return client.emit("sync", {}, callback=True)["snapshot"]


def _speaker(client) -> str | None:
    speaker = _round(client)["activity"]["speaker"]
    return speaker["label"] if speaker else None


def _agenda(console, code) -> list[str]:
    return [a["kind"] for a in console.emit("console.watch", {"event": code}, callback=True)["snapshot"]["agenda"]]


def test_a_person_who_passes_is_offered_their_time_with_the_clinician_after_the_others(db, console, socket_clients):
    c, phones = _started(db, console, socket_clients)
    assert _speaker(phones["bao"]) == "Amara"
    assert phones["amara"].emit("circle.pass", {}, callback=True)["ok"]
    mine = _round(phones["amara"])["mine"]
    assert mine["status"] == "passed_once" and mine["passes"] == 1
    assert _speaker(phones["amara"]) == "Bao"
    assert phones["bao"].emit("circle.done", {}, callback=True)["ok"]
    assert phones["anon"].emit("circle.done", {}, callback=True)["ok"]
    assert _speaker(phones["bao"]) == "Amara", "the piece comes back to the person who passed"
    assert phones["amara"].emit("circle.done", {}, callback=True)["ok"]
    assert _round(phones["amara"])["activity"]["speaker"] is None


def test_the_agenda_can_be_reordered_while_the_consultation_round_runs(db, console, socket_clients):
    c, phones = _started(db, console, socket_clients)
    assert phones["amara"].emit("circle.done", {}, callback=True)["ok"]
    moves = [(c.activities["goals"], 0), (c.activities["consultation"], 0), (c.activities["welcome"], 4)]
    for activity, to in moves:
        assert console.emit("agenda.move", {"event": c.code, "activity": activity, "to": to}, callback=True)["ok"]
    assert _agenda(console, c.code) == ["consultation", "goals", "checkin", "questions", "welcome"]
    view = _round(phones["bao"])
    assert view["activity"]["id"] == c.activities["consultation"] and view["activity"]["speaker"]["label"] == "Bao"
    assert [a["kind"] for a in view["agenda"]][:2] == ["consultation", "goals"]
    assert phones["bao"].emit("circle.done", {}, callback=True)["ok"]
    assert _speaker(phones["amara"]) == "Anonymous", "the round goes on where it was"


def test_activities_can_be_removed_while_the_consultation_round_runs_but_not_the_round(db, console, socket_clients):
    c, phones = _started(db, console, socket_clients)
    remove = lambda activity, **more: console.emit(  # noqa: E731
        "agenda.remove", {"event": c.code, "activity": activity, **more}, callback=True)
    assert remove(c.activities["consultation"])["ok"] is False
    # Questions belong to the event: removing the questions activity keeps them in the round.
    assert remove(c.activities["questions"])["ok"]
    view = _round(phones["bao"])
    assert view["activity"]["speaker"]["label"] == "Amara" and SHARED_Q in str(view["activity"]["questions"])
    # The check-out already holds two goals: removing it asks first and removes nothing.
    asked = remove(c.activities["goals"])
    assert asked["ok"] is False and asked["code"] == "confirm" and "2 contributions" in asked["error"]
    assert "goals" in _agenda(console, c.code)
    assert remove(c.activities["goals"], confirm=True)["ok"]
    assert _agenda(console, c.code) == ["welcome", "checkin", "consultation"]
    assert phones["amara"].emit("circle.done", {}, callback=True)["ok"]
    assert _speaker(phones["anon"]) == "Bao"


def test_an_activity_that_holds_nothing_is_removed_without_asking(db, console, socket_clients):
    c, _ = _started(db, console, socket_clients)
    reply = console.emit("agenda.remove", {"event": c.code, "activity": c.activities["checkin"]}, callback=True)
    assert reply["ok"], reply
