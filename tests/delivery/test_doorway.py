"""What joining and connecting phones are told of their event is kept between commits
(delivery/doorway.py), and never shown once something it holds has changed."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from facilitator.core.errors import NotFound
from facilitator.delivery import handlers
from facilitator.delivery.doorway import Doorway
from tests.factories import FrozenClock, ack, make_event, make_participant, phone, received


# --- the keeper alone ---------------------------------------------------------------


def test_a_public_view_is_kept_until_a_change_is_counted_or_it_is_too_old():
    clock = FrozenClock()
    door = Doorway(max_age=1.0, clock=clock)
    built = []

    def build():
        built.append(1)
        return {"n": len(built)}

    assert door.public(7, build) == {"n": 1}
    assert door.public(7, build) == {"n": 1}, "kept"
    door.changed()
    assert door.public(7, build) == {"n": 2}, "forgotten at a change"
    clock.now += 0.9
    assert door.public(7, build) == {"n": 2}
    clock.now += 0.2
    assert door.public(7, build) == {"n": 3}, "too old"


def test_a_view_read_while_a_change_was_counted_is_not_kept():
    door = Doorway()
    built = []

    def build_while_something_commits():
        built.append(1)
        door.changed()  # a commit, between this read and its keeping
        return {"n": len(built)}

    door.public(7, build_while_something_commits)
    door.public(7, build_while_something_commits)
    assert len(built) == 2


def test_nothing_is_kept_when_the_doorway_is_off():
    door = Doorway(enabled=False)
    built = []
    door.public(7, lambda: built.append(1) or {})
    door.public(7, lambda: built.append(1) or {})
    assert len(built) == 2


def test_an_event_is_kept_by_its_code_however_it_is_typed_and_a_wrong_code_never(db, monkeypatch):
    from facilitator.core import events

    code, eid = make_event(db)
    reads = []
    real = events.to_join
    monkeypatch.setattr(events, "to_join", lambda s, c: reads.append(c) or real(s, c))
    door = Doorway()
    with db.read_scope() as s:
        assert door.facts(s, code).id == eid
        assert door.facts(s, f"{code[:4].lower()}-{code[4:]}").id == eid
        for _ in range(2):
            with pytest.raises(NotFound):
                door.facts(s, "ZZZZ-ZZZZ")
    assert reads == [code, "ZZZZZZZZ", "ZZZZZZZZ"]


def test_several_processes_keep_nothing(app, settings, db):
    from facilitator.delivery.cluster import Cluster
    from facilitator.delivery.services import Services

    class Shared(Cluster):
        shared = True

    assert app.extensions["facilitator"].doorway.enabled
    assert not Services(settings=settings, db=db, cluster=Shared()).doorway.enabled


# --- through the real handlers ---------------------------------------------------------


def _join(app, code: str, name: str) -> str:
    http = app.test_client()
    r = http.post(f"/api/e/{code}/join", json={"name": name})
    assert r.status_code == 200, r.get_json()
    return http.get_cookie(f"fc_p_{code}").value


def _snapshot(client) -> dict:
    (snap,) = received(client, "snapshot")
    return snap


def test_joins_and_connects_read_the_event_once_between_changes(app, db, socket_clients, monkeypatch):
    from facilitator.core import events
    from facilitator.whole_event import views

    code, _ = make_event(db, agenda=[{"kind": "welcome"}])
    reads, built = [], []
    real_to_join, real_public = events.to_join, views.phone_public
    monkeypatch.setattr(events, "to_join", lambda s, c: reads.append(c) or real_to_join(s, c))
    monkeypatch.setattr(views, "phone_public", lambda s, e, **kw: built.append(e.id) or real_public(s, e, **kw))
    for name in ("Ada", "Bo", "Cy"):
        phone(socket_clients, code, _join(app, code, name))
    assert len(reads) == 1, "three joins and three connects read the event once"
    assert len(built) == 1, "and built its public view once"


def test_a_phone_that_connects_after_a_change_sees_it(app, db, socket_clients, console):
    code, _ = make_event(db, agenda=[{"kind": "welcome"}, {"kind": "checkin"}])
    first = phone(socket_clients, code, _join(app, code, "Ada"))
    agenda = _snapshot(first)["agenda"]
    assert _snapshot(phone(socket_clients, code, _join(app, code, "Bo")))["activity"]["kind"] == "welcome"
    assert ack(console, "agenda.goto", {"event": code, "activity": agenda[1]["id"]})["ok"]
    assert ack(console, "event.update", {"event": code, "title": "Our gathering"})["ok"]
    later = _snapshot(phone(socket_clients, code, _join(app, code, "Cy")))
    assert later["activity"]["kind"] == "checkin"
    assert later["event"]["title"] == "Our gathering"
    assert later["agenda"][1]["started"] is True


def test_a_join_after_the_event_is_locked_is_refused(app, db, console):
    code, _ = make_event(db)
    _join(app, code, "Ada")  # the event is kept, open
    assert ack(console, "event.lock", {"event": code, "locked": True})["ok"]
    r = app.test_client().post(f"/api/e/{code}/join", json={"name": "Bo"})
    assert r.status_code == 400, r.get_json()


def test_a_write_by_another_process_shows_once_the_kept_event_is_too_old(app, db, services, socket_clients):
    code, _ = make_event(db, title="Before")
    clock = FrozenClock()
    services.doorway.clock = clock
    assert _snapshot(phone(socket_clients, code, _join(app, code, "Ada")))["event"]["title"] == "Before"
    with db.engine.begin() as conn:  # as the command line would: no commit this process counts
        conn.execute(text("UPDATE event SET title = 'After' WHERE code = :code"), {"code": code})
    assert _snapshot(phone(socket_clients, code, _join(app, code, "Bo")))["event"]["title"] == "Before"
    clock.now += services.doorway.max_age
    assert _snapshot(phone(socket_clients, code, _join(app, code, "Cy")))["event"]["title"] == "After"


def test_a_change_committed_before_a_phone_is_in_its_rooms_is_in_its_snapshot(app, db, socket_clients, console, monkeypatch):
    """A change published after the phone's snapshot was read but before the phone joined its
    rooms would never reach it: the snapshot is read again."""
    code, _ = make_event(db, agenda=[{"kind": "welcome"}, {"kind": "checkin"}])
    ada = _join(app, code, "Ada")
    agenda = _snapshot(phone(socket_clients, code, ada))["agenda"]
    real = handlers._resume_phones

    def resumed_then_the_agenda_moves(svc, asks):
        out = real(svc, asks)
        assert ack(console, "agenda.goto", {"event": code, "activity": agenda[1]["id"]})["ok"]
        return out

    monkeypatch.setattr(handlers, "_resume_phones", resumed_then_the_agenda_moves)
    late = _snapshot(phone(socket_clients, code, _join(app, code, "Bo")))
    assert late["activity"] is not None and late["activity"]["kind"] == "checkin"


def test_on_each_backend_joins_and_connects_see_every_change(database_url, tmp_path):
    """PostgreSQL takes writers side by side (no writer's lock): what is kept is still forgotten
    at each commit, and the phone that connects next sees the change."""
    from facilitator import create_app
    from facilitator.delivery import socketio
    from facilitator.settings import Settings

    app = create_app(Settings(data_dir=tmp_path / "data", database_url=database_url, async_mode="threading",
                              base_url="http://cafe.test:8080", testing=True))
    svc = app.extensions["facilitator"]
    made = []
    try:
        code, _ = make_event(svc.db, agenda=[{"kind": "welcome"}, {"kind": "checkin"}])
        console = socketio.test_client(app, auth={"role": "console", "secret": svc.console_secret()})
        made.append(console)

        def connect(name):
            client = socketio.test_client(app, auth={"role": "participant", "event": code, "token": _join(app, code, name)})
            made.append(client)
            return _snapshot(client)

        agenda = connect("Ada")["agenda"]
        assert connect("Bo")["activity"]["kind"] == "welcome"
        assert ack(console, "agenda.goto", {"event": code, "activity": agenda[1]["id"]})["ok"]
        assert connect("Cy")["activity"]["kind"] == "checkin"
        assert ack(console, "event.lock", {"event": code, "locked": True})["ok"]
        assert app.test_client().post(f"/api/e/{code}/join", json={"name": "Di"}).status_code == 400
    finally:
        for client in made:
            if client.is_connected():
                client.disconnect()
        svc.db.dispose()
