"""Socket.IO actions for the record of an event: delete it, keep it until a date,
and a person withdrawing everything they posted. Also the retention purge task.

Every erasure is followed by a WAL checkpoint, so the deleted text leaves the
database files too, not only the tables; while a reader holds the WAL the
checkpoint is tried again in the background (:func:`erase_from_files`).
"""
from __future__ import annotations

import logging

from sqlalchemy import select

from facilitator.whole_event import erasure
from facilitator.core import retention
from facilitator.core.outbound import Changes
from facilitator.core.models import Event
from facilitator.delivery.services import services
from facilitator.delivery import cluster, rooms, socketio
from facilitator.delivery.auth import FACILITATOR, PARTICIPANT, SCREEN, Actor
from facilitator.delivery.handling import Reply, action
from facilitator.delivery.lookup import me, named_event
from facilitator.delivery.payloads import EVENT_CODE, Schema, Text
from facilitator.delivery.publish import publish

log = logging.getLogger(__name__)

PURGE_INTERVAL_SECONDS = 3600
# How soon phones and screens hear that `facilitator event delete` (another
# process) erased their event; one small query each time.
DELETED_CHECK_SECONDS = 2.0


def erase_from_files(db=None) -> None:
    """After an erasure, empty the WAL now or, while a reader holds it, keep trying in the background.

    The action has already answered; a failed checkpoint is retried with
    ``socketio.sleep`` so that the wait never stops the server.
    """
    db = db or services().db
    if db.checkpoint():
        return
    log.info("a reader holds the write-ahead log; the erased text leaves it when the reader ends")
    socketio.start_background_task(db.checkpoint_until_done, sleep=socketio.sleep)


@cluster.on("event.let_go")
def _disconnect_event(event_id: int) -> None:
    """Phones and screens of a deleted event connected here are let go (they were told why); consoles stop following it."""
    svc = services()
    for role in (PARTICIPANT, SCREEN):
        for sid in svc.connections.sids_with_role(role):
            actor = svc.connections.get(sid)
            if actor is not None and actor.event_id == event_id:
                socketio.server.disconnect(sid, namespace="/")
    _stop_watching(svc, event_id)


@action("event.delete", roles=FACILITATOR, schema=Schema(event=EVENT_CODE))
def event_delete(s, actor: Actor, cmd):
    """Erase the event and everything in it, for good."""
    event = named_event(s, cmd)
    code, event_id = event.code, event.id
    changes = erasure.delete_event(s, event)

    def after():
        erase_from_files()
        services().cluster.everywhere("event.let_go", event_id=event_id)

    return Reply({"deleted": code}, [changes], after=after)


@action("event.retain", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, until=Text(10, default="")))
def event_retain(s, actor: Actor, cmd):
    """Keep the event through a date (YYYY-MM-DD) and erase it after; an empty date keeps it until deleted by hand."""
    event = named_event(s, cmd)
    day = retention.parse_day(cmd.until) if cmd.until.strip() else None
    changes = retention.set_retention(s, event, day)
    kept = retention.kept_through(event)
    return Reply(
        {"retain_until": event.retain_until.isoformat() if event.retain_until else None,
         "kept_through": kept.isoformat() if kept else None},
        [changes],
    )


@action("me.withdraw_all", roles=PARTICIPANT, schema=Schema())
def me_withdraw_all(s, actor: Actor, cmd):
    """Delete everything I posted in this event (cards, votes, agreement proposals, words, pledges)."""
    removed, changes = erasure.withdraw_all(s, me(s, actor))
    return Reply({"removed": removed}, [changes], after=erase_from_files)


# --- retention -----------------------------------------------------------------


def purge_now(app) -> list[str]:
    """Erase every event past its retention date (in its own session); returns their codes."""
    svc = app.extensions["facilitator"]
    with app.app_context():
        with svc.db.session_scope() as s:
            codes, changes = retention.purge_expired(s)
        if codes:
            publish(changes)
            for change in changes:  # told why, as when the facilitator deletes an event
                svc.cluster.everywhere("event.let_go", event_id=change.event_id)
            # This runs in the purge's own background task (or the command
            # line), so it may wait here for a reader to finish.
            svc.db.checkpoint_until_done(sleep=socketio.sleep)
            log.info("purged %d event(s) past their retention date", len(codes))
    return codes


def start_retention_task(app, interval: float = PURGE_INTERVAL_SECONDS):
    """Purge expired events now and then every ``interval`` seconds, in the background.

    With several processes one of them purges each time (a lease in Redis), not each of them.
    """
    svc = app.extensions["facilitator"]

    def loop():
        while True:
            try:
                if svc.cluster.once("retention-purge", interval * 0.9):
                    purge_now(app)
            except Exception:  # never let the purge stop the server
                log.exception("the retention purge failed; it will run again")
            socketio.sleep(interval)

    return socketio.start_background_task(loop)


# --- events deleted by another process ------------------------------------------


def let_go_of_deleted_events(app) -> list[int]:
    """Tell everyone still connected to an event that is no longer in the database, and let them go.

    `facilitator event delete` runs in its own process, next to a running
    server that cannot hear it; this finds what it erased and does what the
    console's ``event.delete`` does: ``event.deleted`` to the phones, the
    screen and the console watching it, then phones and screens disconnected.
    Returns the ids of the events found gone.
    """
    svc = app.extensions["facilitator"]
    with app.app_context():
        # From the registry's indexes: every two seconds, a scan of 5,000 phones was not free.
        followed = svc.connections.events_of(PARTICIPANT, SCREEN)
        followed |= {a.watching_event_id for a in svc.connections.of_role(FACILITATOR) if a.watching_event_id is not None}
        if not followed:
            return []
        with svc.db.read_scope() as s:
            still_here = set(s.scalars(select(Event.id).where(Event.id.in_(sorted(followed)))))
        gone = sorted(followed - still_here)
        for event_id in gone:
            publish(Changes(event_id, phones=True))  # the publisher finds no event: event.deleted
            _disconnect_event(event_id)
        if gone:
            log.info("let go of %d event(s) deleted by another program", len(gone))
        return gone


def _stop_watching(svc, event_id: int) -> None:
    """Consoles that had the deleted event open were told; they follow it no more."""
    for sid in svc.connections.sids_with_role(FACILITATOR):
        actor = svc.connections.get(sid)
        if actor is not None and actor.watching_event_id == event_id:
            actor.watching_event_id = None
            socketio.server.leave_room(sid, rooms.console(event_id), namespace="/")


def start_deleted_events_watch(app, interval: float = DELETED_CHECK_SECONDS):
    """Every ``interval`` seconds, let go of connections to events deleted by another process."""

    def loop():
        while True:
            socketio.sleep(interval)
            try:
                let_go_of_deleted_events(app)
            except Exception:  # never let the watch stop the server
                log.exception("checking for deleted events failed; it will run again")

    return socketio.start_background_task(loop)
