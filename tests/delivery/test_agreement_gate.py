"""The group agreement is a gate: until a person accepts it they see nothing of
the event and can do nothing but accept it."""
from tests.factories import make_event, make_participant, phone, received


def _event_with_agreement(console, db):
    code, _ = make_event(db, title="Group consultation")
    _, token = make_participant(db, code, "Amara")
    reply = console.emit(
        "event.update",
        {"event": code, "title": "Group consultation", "agreement_text": "What is said here stays here."},
        callback=True,
    )
    assert reply["ok"]
    return code, token


def test_someone_who_has_not_accepted_sees_only_the_agreement(console, socket_clients, db):
    code, token = _event_with_agreement(console, db)
    client = phone(socket_clients, code, token)
    snap = received(client, "snapshot")[-1]
    assert snap["activity"] is None and snap["agenda"] == [] and snap["mine"] == {}
    assert snap["event"]["agreement_text"] == "What is said here stays here."
    assert snap["me"]["agreed"] is False


def test_someone_who_has_not_accepted_can_do_nothing_else(console, socket_clients, db):
    code, token = _event_with_agreement(console, db)
    client = phone(socket_clients, code, token)
    client.get_received()
    console.emit("agenda.add", {"event": code, "kind": "welcome", "title": "Introductions"}, callback=True)
    console.emit("agenda.next", {"event": code}, callback=True)
    assert [p for p in received(client, "patch") if "activity" in p] == []  # not in the event's room
    reply = client.emit("card.add", {"text": "hello", "cid": "abcdefgh12"}, callback=True)
    assert reply == {"ok": False, "error": "Please read and accept the group agreement first.", "code": "not_allowed"}
    assert client.emit("me.update", {"name": "Amara B"}, callback=True)["ok"]


def test_accepting_opens_the_event_live(console, socket_clients, db):
    code, token = _event_with_agreement(console, db)
    client = phone(socket_clients, code, token)
    assert client.emit("agreement.accept", {}, callback=True)["ok"]
    snap = received(client, "snapshot")[-1]
    assert snap["me"]["agreed"] is True and snap["activity"]["kind"] == "welcome"
    console.emit("agenda.add", {"event": code, "kind": "welcome", "title": "Introductions"}, callback=True)
    console.emit("agenda.next", {"event": code}, callback=True)
    assert [p["activity"]["title"] for p in received(client, "patch") if "activity" in p][-1] == "Introductions"
    roster = console.emit("console.watch", {"event": code}, callback=True)["snapshot"]["roster"]
    assert roster[0]["agreed_at"] is not None  # the record shows who accepted and when


def test_changing_the_agreement_asks_everyone_to_accept_it_again(console, socket_clients, db):
    code, token = _event_with_agreement(console, db)
    client = phone(socket_clients, code, token)
    client.emit("agreement.accept", {}, callback=True)
    client.get_received()
    console.emit(
        "event.update",
        {"event": code, "title": "Group consultation", "agreement_text": "New wording: what is said here stays here."},
        callback=True,
    )
    snap = received(client, "snapshot")[-1]
    assert snap["me"]["agreed"] is False and snap["activity"] is None
    console.emit("agenda.add", {"event": code, "kind": "welcome", "title": "Later"}, callback=True)
    console.emit("agenda.next", {"event": code}, callback=True)
    assert [p for p in received(client, "patch") if "activity" in p] == []


def test_the_console_is_told_a_consultation_needs_its_confidentiality_agreement(console, db):
    code, _ = make_event(db, title="Knee pain group")
    refused = console.emit("agenda.add", {"event": code, "kind": "consultation"}, callback=True)
    assert refused["ok"] is False and "confidentiality agreement" in refused["error"]
    details = {"event": code, "title": "Knee pain group", "agreement_text": "What is said here stays here."}
    assert console.emit("event.update", details, callback=True)["ok"]
    assert console.emit("agenda.add", {"event": code, "kind": "questions"}, callback=True)["ok"]
    cleared = console.emit("event.update", {**details, "agreement_text": ""}, callback=True)
    assert cleared["ok"] is False and "cannot be left empty" in cleared["error"]
    snap = console.emit("console.watch", {"event": code}, callback=True)["snapshot"]
    assert snap["event"]["agreement_text"] == "What is said here stays here."
