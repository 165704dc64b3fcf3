"""The big screen is opened from the console: the event code printed on it opens no screen."""
from __future__ import annotations

from tests.factories import ack, make_event, make_participant, phone, received


def _secret(link: str) -> str:
    path, _, fragment = link.partition("#key=")
    assert fragment and "key" not in path, link
    return fragment


def test_the_event_code_alone_opens_no_big_screen_but_the_consoles_link_does(socket_clients, console, db):
    code, _ = make_event(db, agreement_text="What is said here stays here.")
    make_participant(db, code, "Amara", pronouns="she/her")
    by_code = socket_clients({"role": "screen", "event": code})
    assert not by_code.is_connected()
    link = ack(console, "console.watch", {"event": code})["snapshot"]["screen_link"]
    assert link.startswith(f"/e/{code}/screen#key=")
    screen = socket_clients({"role": "screen", "event": code, "secret": _secret(link)})
    assert screen.is_connected()
    assert received(screen, "snapshot")[0]["count"] == 1


def test_a_refused_screen_is_told_to_open_it_from_the_console(app, db):
    from tests.delivery.test_authorization import connect_refusal

    code, _ = make_event(db)
    refusal = connect_refusal(app, {"role": "screen", "event": code, "secret": "a-guess"})
    assert refusal["data"]["code"] == "not_allowed"
    assert "console" in refusal["message"]


def test_the_console_sees_which_screens_are_connected_and_closes_them_for_good(socket_clients, console, db):
    code, _ = make_event(db)
    watched = ack(console, "console.watch", {"event": code})["snapshot"]
    assert watched["screens"] == []
    old = _secret(watched["screen_link"])
    screen = socket_clients({"role": "screen", "event": code, "secret": old})
    assert screen.is_connected()
    listed = received(console, "screens")[-1]["screens"]
    assert len(listed) == 1 and listed[0]["since"] and listed[0]["address"]

    rotated = ack(console, "screen.rotate", {"event": code})
    assert not screen.is_connected()
    heard = console.get_received()
    assert [m["args"][0] for m in heard if m["name"] == "screens"][-1]["screens"] == []
    new = _secret(rotated["screen_link"])
    assert new != old
    # The console's own view of the event carries the new link.
    patches = [m["args"][0] for m in heard if m["name"] == "patch" and "screen_link" in m["args"][0]]
    assert patches and patches[-1]["screen_link"] == rotated["screen_link"]
    # The old link opens nothing any more; the new one does.
    assert not socket_clients({"role": "screen", "event": code, "secret": old}).is_connected()
    assert socket_clients({"role": "screen", "event": code, "secret": new}).is_connected()


def test_a_closed_screen_is_told_why(socket_clients, console, screen_auth, db):
    code, _ = make_event(db)
    ack(console, "console.watch", {"event": code})
    screen = socket_clients(screen_auth(code))
    screen.get_received()
    ack(console, "screen.rotate", {"event": code})
    # The test client keeps what reached a socket the server has since dropped in its queue.
    closed = [m["args"][0] for m in screen.queue if m["name"] == "screen.closed"]
    assert not screen.is_connected()
    assert closed and "console" in closed[0]["message"]


def test_one_events_screen_link_opens_no_other_event(socket_clients, screen_auth, db):
    code, _ = make_event(db)
    other, _ = make_event(db, title="Another")
    secret = screen_auth(code)["secret"]
    assert not socket_clients({"role": "screen", "event": other, "secret": secret}).is_connected()


def test_a_screen_link_lasts_through_a_restart_but_not_a_copy_of_the_database(settings, socket_clients, db, app, tmp_path):
    """The secret is made from the data folder's key: the database alone holds nothing that opens a screen."""
    from facilitator import schema

    from facilitator import create_app
    from facilitator.core import events, screens

    code, _ = make_event(db)
    with db.read_scope() as s:
        event = events.get_by_code(s, code)
        link = app.extensions["facilitator"].screen_link_path(event)
        stored = [str(v) for v in (event.id, event.code, event.screen_nonce)]
    assert not any(_secret(link) in v for v in stored)
    again = create_app(settings)
    try:
        with again.extensions["facilitator"].db.read_scope() as s:
            assert again.extensions["facilitator"].screen_link_path(events.get_by_code(s, code)) == link
    finally:
        again.extensions["facilitator"].db.dispose()
    # The same database in another data folder (a copied file) makes other links.
    copy = settings.with_(data_dir=tmp_path / "copy")
    copy.data_dir.mkdir()
    schema.copy_sqlite(settings.data_dir / "facilitator.sqlite3", copy.data_dir / "facilitator.sqlite3")
    elsewhere = create_app(copy)
    try:
        with elsewhere.extensions["facilitator"].db.read_scope() as s:
            event = events.get_by_code(s, code)
            assert not screens.is_secret(event, elsewhere.extensions["facilitator"].links_key(), _secret(link))
    finally:
        elsewhere.extensions["facilitator"].db.dispose()
