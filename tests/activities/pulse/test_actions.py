"""The 3Cs pulse over Socket.IO: answers counted once, and never tied to a person."""
import json

from facilitator.delivery.handling import ACTIONS
from tests.circle_support import ok, refused


def _walk(value):
    yield value
    if isinstance(value, dict):
        for v in value.values():
            yield from _walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from _walk(v)


def _links_a_rating_to_a_person(payload) -> bool:
    for node in _walk(payload):
        if isinstance(node, dict):
            rated = any(isinstance(node.get(c), int) and not isinstance(node.get(c), bool) for c in ("control", "contact", "confidence"))
            named = any(k in node for k in ("id", "participant", "participant_id", "label", "me"))
            if rated and named:
                return True
    return False


def test_pulse_answers_are_counted_once_and_shown_only_as_aggregates_from_three(db, room, console, socket_clients):
    code, aid, ids, phones, screen = room(config={"pulse": True}, names=("Amara", "Bao", "Chen", "Dara"))
    everyone = [*phones.values(), screen, console]
    ok(phones["Amara"].emit("pulse.answer", {"control": 5, "contact": 4, "confidence": 3, "cid": "pulse-0001"}, callback=True))
    # A retry, or a second try, is not counted again.
    ok(phones["Amara"].emit("pulse.answer", {"control": 1, "contact": 1, "confidence": 1, "cid": "pulse-0002"}, callback=True))
    ok(phones["Bao"].emit("pulse.answer", {"control": 3, "contact": 2, "confidence": 1}, callback=True))
    shown = ok(console.emit("console.watch", {"event": code}, callback=True))["snapshot"]["activity"]["pulse_results"]
    assert shown["enough"] is False
    assert all(shown["scores"][c]["mean"] is None and shown["scores"][c]["count"] is None for c in shown["scores"])
    ok(phones["Chen"].emit("pulse.answer", {"control": 4, "contact": 3, "confidence": 2}, callback=True))
    shown = ok(console.emit("console.watch", {"event": code}, callback=True))["snapshot"]["activity"]["pulse_results"]
    assert shown["enough"] is True
    assert shown["scores"]["control"] == {"label": "Control", "count": 3, "mean": 4.0, "shown": True}
    assert shown["scores"]["confidence"]["mean"] == 2.0
    # Nothing anybody received, nor any snapshot, ties a rating to a person.
    for client in everyone:
        for message in client.get_received():
            assert not _links_a_rating_to_a_person(message["args"]), message
        assert not _links_a_rating_to_a_person(client.emit("sync", {}, callback=True))
    mine = phones["Amara"].emit("sync", {}, callback=True)["snapshot"]["mine"]
    assert mine["pulse_answered"] is True
    assert "control" not in json.dumps(mine)


def test_no_message_reads_individual_pulse_answers(db, room):
    pulse_actions = [name for name in ACTIONS if name.startswith("pulse.")]
    assert pulse_actions == ["pulse.answer"]
    code, aid, ids, phones, _ = room(config={"pulse": True})
    reply = phones["Amara"].emit("pulse.answer", {"control": 2, "cid": "pulse-xyz-1"}, callback=True)
    assert reply == {"ok": True, "answered": True}
    refused(phones["Amara"].emit("pulse.answer", {"control": 9}, callback=True), "bad_request")
    refused(phones["Amara"].emit("pulse.answer", {"participant": ids["Bao"], "control": 2}, callback=True), "bad_request")


def test_the_pulse_is_refused_where_the_circle_has_none(db, room):
    code, aid, ids, phones, _ = room()
    refused(phones["Amara"].emit("pulse.answer", {"control": 3}, callback=True), "refused")
