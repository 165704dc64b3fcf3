"""Fewer café tables never quietly unseat anyone: refused with a sentence while a
round is under way; a round seated but not started is seated again, and the reply says so."""
from tests.cafe_support import cafe_event
from tests.factories import ack, make_participant, phone, received


def _running_cafe(db, socket_clients, console):
    code, _ = cafe_event(db, tables=2, capacity=6)  # six people: two tables of 3, or one of 6
    phones = {}
    for name in ("Sam", "Ada", "Bo", "Cy", "Di", "Ed"):
        _, token = make_participant(db, code, name)
        phones[name] = phone(socket_clients, code, token)
    assert ack(phones["Sam"], "cafe.volunteer", {"host": True})["ok"]
    assert ack(phones["Ada"], "cafe.volunteer", {"host": True})["ok"]
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    return code, phones


def _plan(console, code):
    plan = ack(console, "console.watch", {"event": code})["snapshot"]["activity"]["plan"]
    return {table["name"]: sorted(m["label"] for m in table["members"]) for table in plan}


def _tables_of(phones):
    return {name: ack(client, "sync")["snapshot"]["mine"]["seat"]["name"] for name, client in phones.items()}


def test_removing_a_table_people_sit_at_during_a_round_is_refused_and_everyone_stays_seated(socket_clients, console, db):
    code, phones = _running_cafe(db, socket_clients, console)
    before_plan, before_seats = _plan(console, code), _tables_of(phones)
    assert len(before_plan) == 2 and sum(len(m) for m in before_plan.values()) == 6
    reply = ack(console, "cafe.setup", {"event": code, "config": {"tables": 1}})
    assert reply["ok"] is False and reply["code"] == "conflict"
    assert "under way" in reply["error"] and "end the round" in reply["error"]
    assert _plan(console, code) == before_plan
    assert _tables_of(phones) == before_seats


def test_adding_a_table_during_a_round_is_fine(socket_clients, console, db):
    code, phones = _running_cafe(db, socket_clients, console)
    before = _tables_of(phones)
    assert ack(console, "cafe.setup", {"event": code, "config": {"tables": 3}}) == {"ok": True}
    assert _tables_of(phones) == before
    assert len(_plan(console, code)) == 3


def test_fewer_tables_for_a_round_seated_but_not_started_seats_it_again_and_says_so(socket_clients, console, db):
    code, phones = _running_cafe(db, socket_clients, console)
    assert ack(console, "cafe.round.end", {"event": code})["ok"]  # round 2 is seated, not started
    for client in phones.values():
        client.get_received()
    reply = ack(console, "cafe.setup", {"event": code, "config": {"tables": 1}})
    assert reply == {"ok": True, "reseated": True}
    plan = _plan(console, code)
    assert list(plan.values()) == [["Ada", "Bo", "Cy", "Di", "Ed", "Sam"]]
    table = next(iter(plan))
    assert set(_tables_of(phones).values()) == {table}
    for client in phones.values():  # each phone was told, not only on asking
        seats = [p["mine"]["seat"] for p in received(client, "patch") if "mine" in p]
        assert seats and seats[-1]["name"] == table
