"""Over the wire: keeping people apart or at one table, and a host change that says when it applies."""
from tests.cafe_support import cafe_event
from tests.factories import ack, make_participant, phone, received


def _room(db, socket_clients, names=("Sam", "Ada", "Bo", "Cy", "Di", "Ed")):
    code, _ = cafe_event(db, tables=2)
    ids, phones = {}, {}
    for name in names:
        ids[name], token = make_participant(db, code, name)
        phones[name] = phone(socket_clients, code, token)
    return code, ids, phones


def _console_view(console, code):
    return ack(console, "console.watch", {"event": code})["snapshot"]["activity"]


def test_the_facilitator_keeps_two_people_apart_and_the_console_lists_them(socket_clients, console, db):
    code, ids, _ = _room(db, socket_clients)
    reply = ack(console, "cafe.apart", {"event": code, "a": ids["Sam"], "b": ids["Ada"]})
    assert reply == {"ok": True}
    view = _console_view(console, code)
    assert [[p["label"] for p in pair] for pair in view["apart"]] == [["Sam", "Ada"]]
    for _ in range(2):
        assert ack(console, "cafe.seat", {"event": code})["ok"]
        tables = {m["label"]: t["id"] for t in _console_view(console, code)["plan"] for m in t["members"]}
        assert tables["Sam"] != tables["Ada"]
    assert ack(console, "cafe.apart", {"event": code, "a": ids["Sam"], "b": ids["Ada"], "apart": False}) == {"ok": True}
    assert _console_view(console, code)["apart"] == []


def test_apart_and_together_refuse_each_other_and_name_the_people(socket_clients, console, db):
    code, ids, _ = _room(db, socket_clients)
    assert ack(console, "cafe.link", {"event": code, "a": ids["Sam"], "b": ids["Ada"]})["ok"]
    reply = ack(console, "cafe.apart", {"event": code, "a": ids["Ada"], "b": ids["Sam"]})
    assert reply["ok"] is False and reply["code"] == "conflict"
    assert "Ada and Sam are kept together" in reply["error"]
    assert ack(console, "cafe.apart", {"event": code, "a": ids["Bo"], "b": ids["Sam"]})["ok"]
    reply = ack(console, "cafe.link", {"event": code, "a": ids["Ada"], "b": ids["Bo"]})
    assert reply["code"] == "conflict" and "kept apart" in reply["error"]
    reply = ack(console, "cafe.apart", {"event": code, "a": ids["Bo"], "b": ids["Bo"]})
    assert reply["code"] == "refused" and "two different people" in reply["error"]
    reply = ack(console, "cafe.apart", {"event": code, "a": ids["Bo"], "b": 999_999})
    assert reply["code"] == "not_found"


def test_someone_who_stays_keeps_their_table_from_round_to_round(socket_clients, console, db):
    code, ids, phones = _room(db, socket_clients)
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    table = ack(phones["Cy"], "sync")["snapshot"]["mine"]["seat"]["table"]
    assert ack(console, "cafe.stay", {"event": code, "participant": ids["Cy"]}) == {"ok": True}
    assert _console_view(console, code)["stays"] == [
        {"id": ids["Cy"], "label": "Cy", "table": table, "table_name": next(
            t["name"] for t in _console_view(console, code)["plan"] if t["id"] == table)}]
    assert ack(console, "cafe.round.end", {"event": code})["ok"]
    assert ack(phones["Cy"], "sync")["snapshot"]["mine"]["seat"]["table"] == table
    reply = ack(console, "cafe.stay", {"event": code, "participant": ids["Cy"], "table": 999_999})
    assert reply["code"] == "not_found"


def test_a_host_change_says_when_it_applies_and_between_rounds_phones_see_it_at_once(socket_clients, console, db):
    code, ids, phones = _room(db, socket_clients)
    t1, t2 = (t["id"] for t in _console_view(console, code)["plan"])
    assert ack(console, "cafe.host", {"event": code, "table": t1, "participant": ids["Sam"]}) == {"ok": True, "applies": "now"}
    assert ack(console, "cafe.host", {"event": code, "table": t2, "participant": ids["Ada"]})["ok"]
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    reply = ack(console, "cafe.host", {"event": code, "table": t1, "participant": ids["Bo"]})
    assert reply == {"ok": True, "applies": "next_round"}
    plan = {t["id"]: t for t in _console_view(console, code)["plan"]}
    assert (plan[t1]["host"], plan[t1]["chosen_host"]) == ("Sam", "Bo")
    assert ack(console, "cafe.round.end", {"event": code})["ok"]  # round 2 seated: Bo hosts
    for client in phones.values():
        client.get_received()
    reply = ack(console, "cafe.host", {"event": code, "table": t1, "participant": ids["Di"]})
    assert reply == {"ok": True, "applies": "now"}
    seats = [p["mine"]["seat"] for p in received(phones["Di"], "patch") if "mine" in p]
    assert seats and seats[-1]["table"] == t1 and seats[-1]["is_host"], "Di's phone is told at once"
