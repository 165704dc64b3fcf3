"""Deleting, keeping and withdrawing over Socket.IO; the console's downloads over HTTP."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from facilitator.core import events
from facilitator.activities.board.models import Card
from facilitator.core.models import Event, Participant
from facilitator.activities.checkout.models import Pledge
from facilitator.delivery.export_actions import purge_now

from ..erasure_support import traces
from ..exports.support import ANON_CARD, HIDDEN, NAMED, PRIVATE_PLEDGE, QUOTED, WITHDRAWN, harvested_event
from ..factories import make_event, phone, received
from ..support import wait_for

EVENT_TEXT = [QUOTED, ANON_CARD, PRIVATE_PLEDGE, HIDDEN, NAMED["amara"]]


def console_http(app, services):
    client = app.test_client()
    assert client.post("/console/login", json={"key": services.console_secret()}).status_code == 200
    return client


def test_the_console_deletes_an_event_and_its_phones_are_let_go(db, console, socket_clients):
    harvest = harvested_event(db)
    amara = phone(socket_clients, harvest.code, harvest.tokens["amara"])
    assert console.emit("console.watch", {"event": harvest.code}, callback=True)["ok"]
    console.get_received()
    reply = console.emit("event.delete", {"event": harvest.code}, callback=True)
    assert reply == {"ok": True, "deleted": harvest.code}
    with db.read_scope() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == 0
        assert s.scalar(select(func.count()).select_from(Participant)) == 0
    gone = received(console, "event.deleted")
    assert gone and "deleted" in gone[0]["message"]
    assert not amara.is_connected(), "the phones of a deleted event are let go"
    again = console.emit("event.delete", {"event": harvest.code}, callback=True)
    assert again["ok"] is False and again["code"] == "not_found"


def test_an_event_deleted_while_an_export_reads_leaves_the_files_once_the_export_ends(db, settings, console):
    harvest = harvested_event(db)
    with db.read_scope() as export:
        assert QUOTED in set(export.scalars(select(Card.text)))
        assert console.emit("event.delete", {"event": harvest.code}, callback=True)["ok"]
        assert traces(settings, EVENT_TEXT), "the export's snapshot still needs the old pages"
    # The erasure is retried in the background until the reader has gone.
    wait_for(lambda: traces(settings, EVENT_TEXT) == {}, timeout=15, message="the deleted text to leave the files")


def test_what_a_participant_withdraws_from_their_phone_leaves_the_files(db, settings, socket_clients):
    harvest = harvested_event(db)
    lis = [QUOTED, WITHDRAWN, "Phones on silent", PRIVATE_PLEDGE]
    li = phone(socket_clients, harvest.code, harvest.tokens["li"])
    with db.read_scope() as export:
        export.scalars(select(Card.text)).all()
        assert li.emit("me.withdraw_all", {}, callback=True)["ok"]
    wait_for(lambda: traces(settings, lis) == {}, timeout=15, message="Li's text to leave the files")
    assert traces(settings, [ANON_CARD]), "the others' cards stay"


def test_a_person_the_facilitator_removes_with_erasure_leaves_the_files(db, settings, console):
    harvest = harvested_event(db)
    lis = [QUOTED, WITHDRAWN, "Phones on silent", PRIVATE_PLEDGE]
    with db.read_scope() as export:
        export.scalars(select(Card.text)).all()
        reply = console.emit(
            "participant.remove", {"event": harvest.code, "participant": harvest.people["li"], "erase": True}, callback=True
        )
        assert reply["ok"]
    wait_for(lambda: traces(settings, lis) == {}, timeout=15, message="Li's text to leave the files")


def test_the_retention_purge_erases_an_event_past_its_date_and_lets_its_phones_go(app, db, settings, console, socket_clients):
    kept_code, _ = make_event(db, "Kept for next year")
    harvest = harvested_event(db)
    amara = phone(socket_clients, harvest.code, harvest.tokens["amara"])
    assert console.emit("console.watch", {"event": harvest.code}, callback=True)["ok"]
    amara.get_received(), console.get_received()
    with db.session_scope() as s:
        events.get_by_code(s, harvest.code).retain_until = datetime.now(timezone.utc) - timedelta(hours=1)
    assert traces(settings, EVENT_TEXT)

    assert purge_now(app) == [harvest.code]

    with db.read_scope() as s:
        assert [e.code for e in s.scalars(select(Event))] == [kept_code]
    assert received(console, "event.deleted"), "the console is told"
    assert not amara.is_connected(), "the phones of a purged event are let go"
    assert traces(settings, EVENT_TEXT) == {}
    assert purge_now(app) == [], "nothing more to purge"


def test_a_participant_cannot_delete_the_event(db, socket_clients):
    harvest = harvested_event(db)
    amara = phone(socket_clients, harvest.code, harvest.tokens["amara"])
    reply = amara.emit("event.delete", {"event": harvest.code}, callback=True)
    assert reply["ok"] is False and reply["code"] == "not_allowed"
    with db.read_scope() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == 1


def test_a_participant_withdraws_everything_they_posted_from_their_phone(db, socket_clients):
    harvest = harvested_event(db)
    li = phone(socket_clients, harvest.code, harvest.tokens["li"])
    reply = li.emit("me.withdraw_all", {}, callback=True)
    assert reply["ok"] is True and reply["removed"]["cards"] == 3 and reply["removed"]["pledges"] == 1
    with db.read_scope() as s:
        assert s.scalar(select(func.count()).select_from(Card).where(Card.author_id == harvest.people["li"])) == 0
        assert s.scalar(select(func.count()).select_from(Pledge).where(Pledge.participant_id == harvest.people["li"])) == 0
        assert s.scalar(select(func.count()).select_from(Card)) > 0, "others' cards stay"


def test_the_console_sets_and_clears_a_retention_date(db, console):
    harvest = harvested_event(db)
    reply = console.emit("event.retain", {"event": harvest.code, "until": "2099-12-31"}, callback=True)
    assert reply["ok"] is True and reply["kept_through"] == "2099-12-31"
    assert reply["retain_until"].startswith("2100-01-01T00:00")
    bad = console.emit("event.retain", {"event": harvest.code, "until": "31/12/2099"}, callback=True)
    assert bad["ok"] is False and "YYYY-MM-DD" in bad["error"]
    cleared = console.emit("event.retain", {"event": harvest.code, "until": ""}, callback=True)
    assert cleared["ok"] is True and cleared["retain_until"] is None
    with db.read_scope() as s:
        assert events.get_by_code(s, harvest.code).retain_until is None


def test_downloads_need_the_console_secret(app, db, services):
    harvest = harvested_event(db)
    for ext in ("csv", "xlsx", "md", "html", "json"):
        response = app.test_client().get(f"/e/{harvest.code}/export.{ext}")
        assert response.status_code == 403, ext
        assert "console" in response.get_json()["error"]
    forged = app.test_client()
    forged.set_cookie("fc_console", "not-the-secret")
    assert forged.get(f"/e/{harvest.code}/export.json").status_code == 403


def test_the_console_downloads_every_format_with_the_options_it_asks_for(app, db, services):
    harvest = harvested_event(db)
    client = console_http(app, services)
    plain = client.get(f"/e/{harvest.code}/export.csv")
    assert plain.status_code == 200 and plain.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in plain.headers["Content-Disposition"] and plain.headers["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(plain.data.decode("utf-8-sig"))))
    assert QUOTED in [r["Text"] for r in rows] and HIDDEN not in [r["Text"] for r in rows]
    assert "Written by" not in rows[0]
    full = client.get(f"/e/{harvest.code}/export.csv?names=1&hidden=1").data.decode("utf-8-sig")
    assert HIDDEN in full and NAMED["li"] in full
    for ext, kind in (("xlsx", "spreadsheetml"), ("md", "text/markdown"), ("html", "text/html"), ("json", "application/json")):
        response = client.get(f"/e/{harvest.code}/export.{ext}")
        assert response.status_code == 200 and kind in response.headers["Content-Type"], ext
    assert client.get(f"/e/{harvest.code}/export.exe").status_code == 404
    assert client.get("/e/ZZZZZZZZ/export.csv").status_code == 404
