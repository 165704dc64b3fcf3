"""`facilitator event delete` while `facilitator run` serves the event: its phones, screen
and console are told, as when the console deletes it, and phones and screen are let go."""
from tests.support import LiveClient, close_all, wait_for


def test_an_event_deleted_from_the_command_line_tells_and_lets_go_of_its_phones_and_screen(server):
    code = server.create_event()["code"]
    other_code = server.create_event("Another gathering")["code"]
    phone = LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, "Sam")}).connect()
    screen = LiveClient(server.url, server.screen_auth(code)).connect()
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    bystander = LiveClient(server.url, server.screen_auth(other_code)).connect()
    try:
        assert console.call("console.watch", {"event": code})["ok"]
        done = server.cli("event", "delete", code, "--yes")
        assert done.returncode == 0, done.stderr
        for name, client in (("phone", phone), ("screen", screen), ("console", console)):
            wait_for(lambda c=client: c.events("event.deleted"), message=f"the {name} is told")
        assert "deleted" in phone.events("event.deleted")[0]["message"]
        wait_for(lambda: not phone.sio.connected and not screen.sio.connected, message="phone and screen let go")
        assert console.sio.connected and bystander.sio.connected
        assert bystander.events("event.deleted") == []
        assert bystander.call("sync")["ok"], "the other event carries on"
    finally:
        close_all([phone, screen, console, bystander])


def test_the_check_tells_each_connection_once_and_leaves_other_events_alone(app, db, socket_clients, console, screen_auth):
    from facilitator.whole_event import erasure
    from facilitator.core import events
    from facilitator.delivery.export_actions import let_go_of_deleted_events
    from tests.factories import make_event, make_participant, phone, received

    code, event_id = make_event(db)
    other_code, _ = make_event(db, "Another gathering")
    _, token = make_participant(db, code, "Sam")
    sam = phone(socket_clients, code, token)
    screen = socket_clients(screen_auth(other_code))
    assert console.emit("console.watch", {"event": code}, callback=True)["ok"]
    assert let_go_of_deleted_events(app) == [], "nothing deleted yet"
    with db.session_scope() as s:  # as `facilitator event delete` does, in its own process
        erasure.delete_event(s, events.get_by_code(s, code))
    console.get_received()
    assert let_go_of_deleted_events(app) == [event_id]
    assert not sam.is_connected()
    assert [m for m in sam.queue if m["name"] == "event.deleted"], "told before it was let go"
    assert len(received(console, "event.deleted")) == 1 and console.is_connected()
    assert received(screen, "event.deleted") == [] and screen.is_connected()
    assert let_go_of_deleted_events(app) == [], "told once, not at every check"
    assert received(console, "event.deleted") == []
