"""Socket.IO events for events, people and the agenda, through Flask-SocketIO's test client."""
from facilitator.delivery.handling import ACTIONS
from tests.factories import make_event, make_participant, phone, received


def test_the_console_connects_only_with_the_secret(socket_clients, services):
    assert not socket_clients({"role": "console", "secret": "guess"}).is_connected()
    assert not socket_clients({"role": "console"}).is_connected()
    good = socket_clients({"role": "console", "secret": services.console_secret()})
    assert good.is_connected()
    assert received(good, "snapshot")[0]["events"] == []


def test_the_facilitator_creates_an_event_and_gets_its_code_and_join_link(console):
    reply = console.emit("event.create", {"title": "Spring gathering", "purpose": "Parks"}, callback=True)
    assert reply["ok"] is True
    assert reply["join_url"] == f"http://cafe.test:8080/j/{reply['code']}"
    listed = console.emit("console.events", {}, callback=True)["events"]
    assert [e["title"] for e in listed] == ["Spring gathering"]


def test_a_bad_event_create_is_refused_with_a_clear_error(console):
    assert console.emit("event.create", {"title": ""}, callback=True) == {
        "ok": False, "error": "'title' must not be empty.", "code": "bad_request"}
    reply = console.emit("event.create", {"title": "x" * 201}, callback=True)
    assert reply["ok"] is False and "too long" in reply["error"]
    reply = console.emit("event.create", {"title": "A", "is_admin": True}, callback=True)
    assert reply["ok"] is False and "Unexpected" in reply["error"]
    reply = console.emit("event.create", "not an object", callback=True)
    assert reply["ok"] is False
    assert console.emit("console.events", {}, callback=True)["events"] == []


def test_a_phone_connects_with_its_token_and_gets_a_snapshot(socket_clients, db):
    code, _ = make_event(db, welcome_text="Tea at the back")
    _, token = make_participant(db, code, "Amara")
    client = phone(socket_clients, code, token)
    snap = received(client, "snapshot")[0]
    assert snap["me"]["label"] == "Amara"
    assert snap["activity"]["kind"] == "welcome"
    assert snap["activity"]["message"] == "Tea at the back"


def test_a_phone_without_a_valid_token_is_refused(socket_clients, db):
    code, _ = make_event(db)
    other_code, _ = make_event(db, title="Another")
    _, other_token = make_participant(db, other_code, "Sam")
    assert not socket_clients({"role": "participant", "event": code, "token": "forged"}).is_connected()
    assert not socket_clients({"role": "participant", "event": code, "token": other_token}).is_connected()
    assert not socket_clients({"role": "participant", "event": "NOPE1234", "token": other_token}).is_connected()


def test_the_screen_sees_people_arrive_and_connect(socket_clients, screen_auth, db):
    code, _ = make_event(db)
    screen = socket_clients(screen_auth(code))
    assert received(screen, "snapshot")[0]["count"] == 0
    pid, token = make_participant(db, code, "Amara")
    phone(socket_clients, code, token)
    people = received(screen, "roster.person")
    assert people[-1] == {**people[-1], "id": pid, "label": "Amara", "online": True}


def test_the_facilitator_moves_the_agenda_and_every_phone_follows(console, socket_clients, db):
    code, _ = make_event(db)
    _, token = make_participant(db, code, "Amara")
    client = phone(socket_clients, code, token)
    client.get_received()
    added = console.emit("agenda.add", {"event": code, "kind": "welcome", "title": "Second part"}, callback=True)
    assert added["ok"]
    assert console.emit("agenda.next", {"event": code}, callback=True)["ok"]
    public = [p for p in received(client, "patch") if "activity" in p]
    assert public[-1]["activity"]["title"] == "Second part"
    reply = console.emit("agenda.next", {"event": code}, callback=True)
    assert reply == {"ok": False, "error": "That is the end of the agenda.", "code": "refused"}


def test_the_console_watches_an_event_and_sees_its_roster(console, db):
    code, _ = make_event(db)
    make_participant(db, code, "Amara")
    reply = console.emit("console.watch", {"event": code}, callback=True)
    assert [p["label"] for p in reply["snapshot"]["roster"]] == ["Amara"]
    assert [a["kind"] for a in reply["snapshot"]["agenda"]] == ["welcome"]


def test_removing_a_participant_disconnects_their_phone(console, socket_clients, db):
    code, _ = make_event(db)
    pid, token = make_participant(db, code, "Amara")
    client = phone(socket_clients, code, token)
    assert console.emit("participant.remove", {"event": code, "participant": pid}, callback=True)["ok"]
    assert not client.is_connected()
    assert not socket_clients({"role": "participant", "event": code, "token": token}).is_connected()


def test_a_person_changes_their_name_or_becomes_anonymous(socket_clients, db):
    code, _ = make_event(db)
    _, token = make_participant(db, code, "Amara")
    client = phone(socket_clients, code, token)
    assert client.emit("me.update", {"name": "Amara J", "pronouns": "she/her"}, callback=True)["ok"]
    assert received(client, "patch")[-1]["me"]["label"] == "Amara J"
    assert client.emit("me.update", {"anonymous": True}, callback=True)["ok"]
    assert received(client, "patch")[-1]["me"]["anonymous"] is True


def test_a_participant_cannot_do_anything_the_facilitator_does(socket_clients, db):
    code, _ = make_event(db)
    _, token = make_participant(db, code, "Amara")
    client = phone(socket_clients, code, token)
    facilitator_actions = [name for name, spec in ACTIONS.items() if spec.roles == ("facilitator",)]
    assert len(facilitator_actions) >= 10
    for name in facilitator_actions:
        reply = client.emit(name, {"event": code}, callback=True)
        assert reply == {"ok": False, "error": "Only the facilitator can do that.", "code": "not_allowed"}, name


def test_the_screen_cannot_act(socket_clients, screen_auth, db):
    code, _ = make_event(db)
    screen = socket_clients(screen_auth(code))
    for name in ("agenda.next", "me.update", "event.create"):
        reply = screen.emit(name, {"event": code}, callback=True)
        assert reply["ok"] is False and reply["code"] == "not_allowed"


def test_every_action_is_documented_in_the_protocol():
    from pathlib import Path

    protocol = (Path(__file__).resolve().parents[2] / "docs" / "protocol.md").read_text()
    missing = [name for name in ACTIONS if f"`{name}`" not in protocol]
    assert missing == []


def test_the_facilitator_creates_an_event_from_a_template_and_saves_its_agenda(console):
    snapshot_templates = console.emit("console.templates", {}, callback=True)["templates"]
    assert [t["id"] for t in snapshot_templates][:1] == ["community-gathering"]
    reply = console.emit("event.create", {"title": "Gathering", "template": "community-gathering"}, callback=True)
    watched = console.emit("console.watch", {"event": reply["code"]}, callback=True)["snapshot"]
    assert [a["kind"] for a in watched["agenda"]] == ["welcome", "checkin", "agreements", "cafe", "harvest", "checkout"]
    saved = console.emit("template.save", {"event": reply["code"], "name": "Our way"}, callback=True)
    assert saved["ok"] and saved["template"]["id"] == "our-way"
    assert "our-way" in [t["id"] for t in console.emit("console.templates", {}, callback=True)["templates"]]
    refused = console.emit("event.create", {"title": "X", "template": "nope"}, callback=True)
    assert refused["ok"] is False and "no agenda template" in refused["error"]
