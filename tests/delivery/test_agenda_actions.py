"""The facilitator shapes the agenda and the room: each action works, and each is
refused with a reason when it cannot (or when anyone else sends it)."""
import pytest

from tests.factories import make_event, make_participant, phone, received

NOT_THE_FACILITATOR = {"ok": False, "error": "Only the facilitator can do that.", "code": "not_allowed"}


def _add(console, code, title):
    reply = console.emit("agenda.add", {"event": code, "kind": "welcome", "title": title}, callback=True)
    assert reply["ok"], reply
    return reply["id"]


def _watch(console, code) -> dict:
    return console.emit("console.watch", {"event": code}, callback=True)["snapshot"]


def _titles(console, code) -> list[str]:
    return [a["title"] for a in _watch(console, code)["agenda"]]


def _activity_titles(client) -> list[str]:
    return [p["activity"]["title"] for p in received(client, "patch") if "activity" in p]


@pytest.fixture
def event(db):
    """An event whose agenda is Welcome, Tea, Circle, with Welcome running."""
    code, _ = make_event(db)
    return code


@pytest.fixture
def agenda(console, event):
    ids = {"Tea": _add(console, event, "Tea"), "Circle": _add(console, event, "Circle")}
    ids["Welcome"] = _watch(console, event)["agenda"][0]["id"]
    assert _titles(console, event) == ["Welcome", "Tea", "Circle"]
    return ids


@pytest.fixture
def amara(db, event, socket_clients):
    _, token = make_participant(db, event, "Amara")
    client = phone(socket_clients, event, token)
    client.get_received()
    return client


# --- agenda.prev --------------------------------------------------------------


def test_the_facilitator_goes_back_and_every_phone_follows(console, event, agenda, amara):
    assert console.emit("agenda.next", {"event": event}, callback=True)["ok"]
    assert console.emit("agenda.prev", {"event": event}, callback=True) == {"ok": True}
    assert _activity_titles(amara)[-1] == "Welcome"
    assert _watch(console, event)["current"] == agenda["Welcome"]


def test_there_is_no_going_back_from_the_first_activity(console, event, agenda, amara):
    reply = console.emit("agenda.prev", {"event": event}, callback=True)
    assert reply == {"ok": False, "error": "This is the first activity.", "code": "refused"}
    assert _watch(console, event)["current"] == agenda["Welcome"]
    assert _activity_titles(amara) == []


def test_a_phone_cannot_move_the_agenda_back(console, event, agenda, amara):
    console.emit("agenda.next", {"event": event}, callback=True)
    assert amara.emit("agenda.prev", {"event": event}, callback=True) == NOT_THE_FACILITATOR
    assert _watch(console, event)["current"] == agenda["Tea"]


# --- agenda.move --------------------------------------------------------------


def test_the_facilitator_reorders_the_agenda_and_the_screen_sees_it(console, event, agenda, socket_clients, screen_auth):
    screen = socket_clients(screen_auth(event))
    screen.get_received()
    assert console.emit("agenda.move", {"event": event, "activity": agenda["Circle"], "to": 0}, callback=True) == {"ok": True}
    assert _titles(console, event) == ["Circle", "Welcome", "Tea"]
    outlines = [p["agenda"] for p in received(screen, "patch") if "agenda" in p]
    assert [a["title"] for a in outlines[-1]] == ["Circle", "Welcome", "Tea"]


def test_a_place_past_the_end_moves_an_activity_last(console, event, agenda):
    assert console.emit("agenda.move", {"event": event, "activity": agenda["Welcome"], "to": 99}, callback=True)["ok"]
    assert _titles(console, event) == ["Tea", "Circle", "Welcome"]


def test_moving_an_activity_of_another_event_is_refused(console, db, event, agenda):
    other, _ = make_event(db, title="Another gathering")
    theirs = _add(console, other, "Theirs")
    reply = console.emit("agenda.move", {"event": event, "activity": theirs, "to": 0}, callback=True)
    assert reply == {"ok": False, "error": "That activity is not on this event's agenda.", "code": "not_found"}
    assert _titles(console, event) == ["Welcome", "Tea", "Circle"]
    assert _titles(console, other) == ["Welcome", "Theirs"]


def test_a_move_without_a_place_is_refused(console, event, agenda):
    reply = console.emit("agenda.move", {"event": event, "activity": agenda["Tea"]}, callback=True)
    assert reply["ok"] is False and reply["code"] == "bad_request"
    assert _titles(console, event) == ["Welcome", "Tea", "Circle"]


def test_a_phone_cannot_reorder_the_agenda(console, event, agenda, amara):
    reply = amara.emit("agenda.move", {"event": event, "activity": agenda["Circle"], "to": 0}, callback=True)
    assert reply == NOT_THE_FACILITATOR
    assert _titles(console, event) == ["Welcome", "Tea", "Circle"]


# --- agenda.update ------------------------------------------------------------


def test_the_facilitator_renames_the_running_activity_and_phones_see_it(console, event, agenda, amara):
    reply = console.emit("agenda.update", {"event": event, "activity": agenda["Welcome"], "title": "Hello, all"}, callback=True)
    assert reply == {"ok": True}
    assert _activity_titles(amara)[-1] == "Hello, all"
    assert _titles(console, event) == ["Hello, all", "Tea", "Circle"]


def test_an_activity_cannot_lose_its_title(console, event, agenda):
    reply = console.emit("agenda.update", {"event": event, "activity": agenda["Tea"], "title": "   "}, callback=True)
    assert reply == {"ok": False, "error": "An activity needs a title of at most 200 characters.", "code": "refused"}
    assert _titles(console, event) == ["Welcome", "Tea", "Circle"]


def test_updating_an_activity_that_is_not_there_is_refused(console, event, agenda):
    reply = console.emit("agenda.update", {"event": event, "activity": 999_999, "title": "Ghost"}, callback=True)
    assert reply["ok"] is False and reply["code"] == "not_found"


def test_a_phone_cannot_rename_an_activity(console, event, agenda, amara):
    reply = amara.emit("agenda.update", {"event": event, "activity": agenda["Tea"], "title": "Mine now"}, callback=True)
    assert reply == NOT_THE_FACILITATOR
    assert _titles(console, event) == ["Welcome", "Tea", "Circle"]


# --- agenda.remove ------------------------------------------------------------


def test_the_facilitator_takes_an_activity_off_the_agenda(console, event, agenda, amara):
    assert console.emit("agenda.remove", {"event": event, "activity": agenda["Tea"]}, callback=True) == {"ok": True}
    assert _titles(console, event) == ["Welcome", "Circle"]
    assert console.emit("agenda.next", {"event": event}, callback=True)["ok"]
    assert _activity_titles(amara)[-1] == "Circle"


def test_the_running_activity_cannot_be_removed(console, event, agenda):
    reply = console.emit("agenda.remove", {"event": event, "activity": agenda["Welcome"]}, callback=True)
    assert reply == {
        "ok": False, "error": "This activity is running now. Move the agenda on before removing it.", "code": "refused"}
    assert _titles(console, event) == ["Welcome", "Tea", "Circle"]


def test_removing_an_activity_that_is_not_there_is_refused(console, event, agenda):
    reply = console.emit("agenda.remove", {"event": event, "activity": 999_999}, callback=True)
    assert reply["ok"] is False and reply["code"] == "not_found"


def test_a_phone_cannot_remove_an_activity(console, event, agenda, amara):
    assert amara.emit("agenda.remove", {"event": event, "activity": agenda["Tea"]}, callback=True) == NOT_THE_FACILITATOR
    assert _titles(console, event) == ["Welcome", "Tea", "Circle"]


# --- event.lock ---------------------------------------------------------------


def test_a_locked_event_takes_no_new_people_until_it_is_opened_again(app, console, event, socket_clients, screen_auth):
    screen = socket_clients(screen_auth(event))
    screen.get_received()
    http = app.test_client()
    assert console.emit("event.lock", {"event": event, "locked": True}, callback=True) == {"ok": True}
    assert [p["event"]["locked"] for p in received(screen, "patch") if "event" in p][-1] is True
    refused = http.post(f"/api/e/{event}/join", json={"name": "Late Lou"})
    assert refused.status_code == 400 and refused.json["code"] == "not_allowed"
    assert "not taking new people" in refused.json["error"]
    assert console.emit("event.lock", {"event": event, "locked": False}, callback=True)["ok"]
    assert http.post(f"/api/e/{event}/join", json={"name": "Late Lou"}).json["ok"]
    assert [p["label"] for p in _watch(console, event)["roster"]] == ["Late Lou"]


def test_locking_keeps_the_people_already_there(console, db, event, socket_clients):
    _, token = make_participant(db, event, "Amara")
    assert console.emit("event.lock", {"event": event, "locked": True}, callback=True)["ok"]
    assert phone(socket_clients, event, token).is_connected()


def test_a_lock_must_say_locked_or_not(console, event):
    reply = console.emit("event.lock", {"event": event}, callback=True)
    assert reply["ok"] is False and reply["code"] == "bad_request"
    assert _watch(console, event)["event"]["locked"] is False


def test_a_phone_cannot_lock_the_event(app, console, event, amara):
    assert amara.emit("event.lock", {"event": event, "locked": True}, callback=True) == NOT_THE_FACILITATOR
    assert _watch(console, event)["event"]["locked"] is False
    assert app.test_client().post(f"/api/e/{event}/join", json={"name": "Bao"}).json["ok"]


# --- participant.add ----------------------------------------------------------


def test_the_facilitator_adds_someone_without_a_phone_and_the_screen_counts_them(console, event, socket_clients, screen_auth):
    screen = socket_clients(screen_auth(event))
    screen.get_received()
    reply = console.emit("participant.add", {"event": event, "name": "Grandad Joe"}, callback=True)
    assert reply["ok"] and isinstance(reply["id"], int)
    roster = _watch(console, event)["roster"]
    assert [(p["id"], p["label"]) for p in roster] == [(reply["id"], "Grandad Joe")]
    assert any(p["id"] == reply["id"] and p["label"] == "Grandad Joe" for p in received(screen, "roster.person"))


def test_someone_added_without_a_name_is_refused(console, event):
    reply = console.emit("participant.add", {"event": event, "name": ""}, callback=True)
    assert reply["ok"] is False and reply["code"] == "bad_request"
    assert _watch(console, event)["roster"] == []


def test_adding_someone_to_an_event_that_is_not_there_is_refused(console):
    reply = console.emit("participant.add", {"event": "ZZZZZZZZ", "name": "Joe"}, callback=True)
    assert reply["ok"] is False and reply["code"] == "not_found"


def test_a_phone_cannot_add_people(console, event, amara):
    assert amara.emit("participant.add", {"event": event, "name": "Sock puppet"}, callback=True) == NOT_THE_FACILITATOR
    assert [p["label"] for p in _watch(console, event)["roster"]] == ["Amara"]
