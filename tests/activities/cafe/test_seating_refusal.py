"""A room that cannot be seated gets a sentence saying what to change, not a server error."""
from tests.factories import make_event, make_participant, phone


def test_too_many_people_for_the_tables_is_a_clear_refusal(console, socket_clients, db):
    code, _ = make_event(db, agenda=[{"kind": "cafe", "config": {"tables": 1, "capacity": 2, "rounds": 1}}])
    for name in ("Amara", "Bao", "Chen"):
        _, token = make_participant(db, code, name)
        phone(socket_clients, code, token)
    reply = console.emit("cafe.round.start", {"event": code}, callback=True)
    assert reply["ok"] is False and reply["code"] != "server_error"
    assert "add a table" in reply["error"]
