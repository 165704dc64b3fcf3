"""Socket.IO actions for the record of an event: delete it, keep it until a date,
and a person withdrawing everything they posted. Also the retention purge task.

Every erasure is followed by a WAL checkpoint, so the deleted text leaves the
database files too, not only the tables; while a reader holds the WAL the
checkpoint is tried again in the background (:func:`erase_from_files`).
"""
from __future__ import annotations

import logging

from ..domain import erasure, events, retention
from ..domain.errors import NotAllowed
from ..models import Participant
from ..services import services
from . import socketio
from .auth import FACILITATOR, PARTICIPANT, SCREEN, Actor
from .handling import Reply, action
from .payloads import EVENT_CODE, Schema, Text
from .publish import publish

log = logging.getLogger(__name__)

PURGE_INTERVAL_SECONDS = 3600


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


def _disconnect_event(event_id: int) -> None:
    """Phones and screens of a deleted event are let go (they were told why)."""
    svc = services()
    for role in (PARTICIPANT, SCREEN):
        for sid in svc.connections.sids_with_role(role):
            actor = svc.connections.get(sid)
            if actor is not None and actor.event_id == event_id:
                socketio.server.disconnect(sid, namespace="/")


@action("event.delete", roles=FACILITATOR, schema=Schema(event=EVENT_CODE))
def event_delete(s, actor: Actor, cmd):
    """Erase the event and everything in it, for good."""
    event = events.get_by_code(s, cmd.event)
    code, event_id = event.code, event.id
    changes = erasure.delete_event(s, event)

    def after():
        erase_from_files()
        _disconnect_event(event_id)

    return Reply({"deleted": code}, [changes], after=after)


@action("event.retain", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, until=Text(10, default="")))
def event_retain(s, actor: Actor, cmd):
    """Keep the event through a date (YYYY-MM-DD) and erase it after; an empty date keeps it until deleted by hand."""
    event = events.get_by_code(s, cmd.event)
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
    person = s.get(Participant, actor.participant_id)
    if person is None or person.removed_at is not None:
        raise NotAllowed("You are no longer in this event.")
    removed, changes = erasure.withdraw_all(s, person)
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
                _disconnect_event(change.event_id)
            # This runs in the purge's own background task (or the command
            # line), so it may wait here for a reader to finish.
            svc.db.checkpoint_until_done(sleep=socketio.sleep)
            log.info("purged %d event(s) past their retention date", len(codes))
    return codes


def start_retention_task(app, interval: float = PURGE_INTERVAL_SECONDS):
    """Purge expired events now and then every ``interval`` seconds, in the background."""

    def loop():
        while True:
            try:
                purge_now(app)
            except Exception:  # never let the purge stop the server
                log.exception("the retention purge failed; it will run again")
            socketio.sleep(interval)

    return socketio.start_background_task(loop)
