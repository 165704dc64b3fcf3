"""After a commit, tell the right people: snapshots for stale views, deltas as they are.

Payloads are built in a read session that is closed before anything is sent:
no transaction is ever open while we write to sockets.
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import replace
from typing import Iterable

from flask import current_app
from sqlalchemy import select

from facilitator.activities.consultation import clinician
from facilitator.core import kinds as activities, participants
from facilitator.whole_event import views
from facilitator.i18n import N_
from facilitator.core.outbound import Changes
from facilitator.core.rows import plain_rows
from facilitator.core.models import Activity, Event, Participant
from facilitator.delivery.services import services
from facilitator.delivery import rooms, screen_lists
from facilitator.delivery import socketio
from facilitator.delivery.auth import CLINICIAN, COHOST

log = logging.getLogger(__name__)


def publish(changes: Changes | Iterable[Changes] | None) -> None:
    if changes is None:
        return
    if isinstance(changes, Changes):
        changes = [changes]
    changes = list(changes)
    for i, change in enumerate(changes):
        _send(change, last=i == len(changes) - 1)


def _send(change: Changes, last: bool = True) -> None:
    change = _with_views_showing_people(change)
    if change.phones:
        # Its commit made the doorway forget; a refresh for who is here made no commit.
        services().doorway.changed()
    # What the phones' and the watchers' views share (a circle's line-up) is
    # read once: both read scopes show the moment after this change's commit.
    # A write that lands between them publishes its own change after this one.
    memo: dict = {}
    # Phones first: after a round ends, 2,000 phones wait for their next
    # table while the big screen's and the console's plans are built.
    for part in (_phones_outbox, _watchers_outbox, _messages):
        sent = 0
        for name, payload, to in part(change, memo):
            if name == "patch":
                payload["server_time"] = server_time()
            socketio.emit(name, payload, to=to)
            if name == "event.deleted":
                return  # nothing else of a deleted event is sent
            sent += 1
        if sent > 1 and not (last and part is _messages):
            # An emit only queues the message: under eventlet or gevent the
            # sockets are written once this loop yields. Let them be written
            # before the next part is built. Nothing of this publish is built
            # after its last part: the sockets are written when the caller next
            # yields (a card's handler acknowledges and ends), without a turn of
            # the loop for each card of a burst.
            socketio.sleep(0)


def _with_views_showing_people(change: Changes) -> Changes:
    """When who is here changed, the current activity's views that show it are stale too.

    Decided here, not by each domain function that changes presence: a
    connect or a join knows nothing of the circle's queue, and a kind that
    shows people says so once (``ActivityKind.views_showing_people``). At
    most one such refresh an interval per event (``realtime.presence``): the
    first now, those after it together at the end of the interval.
    """
    if not change.people:
        return change
    svc = services()
    if svc.presence.deferred(change.event_id):
        # A refresh is due at the end of the interval: it looks up then which views
        # show people. One query an interval, not one a join (a quarter of the hosted
        # server's samples in a join storm went to this lookup: a pooled connection
        # checked, a query, a rollback, each a round trip to PostgreSQL).
        return change
    # Through the throttle even when nothing shows people now (a welcome, the
    # café's rounds): the joins after this one in the interval skip the lookup,
    # and the refresh at its end looks again, in case the agenda moved meanwhile.
    stale = _views_showing_people(svc, change.event_id)
    now, delay = svc.presence.now(change.event_id, stale)
    if delay is not None:
        _refresh_later(svc, change.event_id, delay)
    return _marked(change, now)


def _views_showing_people(svc, event_id: int) -> frozenset[str]:
    """Which views of the event's current activity show who is here (one small query)."""
    with svc.db.read_scope() as s:
        kind = s.scalar(select(Activity.kind).join(Event, Event.current_activity_id == Activity.id).where(Event.id == event_id))
    return activities.kind_of(kind).views_showing_people if kind is not None else frozenset()


def _marked(change: Changes, views: set[str]) -> Changes:
    if not views:
        return change
    return replace(
        change,
        phones=change.phones or "phones" in views,
        screen=change.screen or "screen" in views,
        console=change.console or "console" in views,
        parts=None,  # who is here shows in more than the parts a change named: whole views
    )


def _refresh_later(svc, event_id: int, delay: float) -> None:
    app = current_app._get_current_object()
    server = socketio.server

    def refresh() -> None:
        socketio.sleep(delay)
        if socketio.server is not server:
            return  # the app was made again (the tests make one a test): its rooms are another event's
        with app.app_context():
            try:
                # What was deferred, and what the current activity shows now: the agenda may
                # have moved meanwhile, and the changes after the first were not looked up.
                views = svc.presence.due(event_id) | _views_showing_people(svc, event_id)
                if views:
                    _send(_marked(Changes(event_id), views))
            except Exception:  # a background task: nobody else would hear of it
                log.exception("refreshing the views of event %s after presence changed", event_id)

    socketio.start_background_task(refresh)


def _clinician_watching(svc, event_id: int) -> bool:
    if svc.cluster.shared:
        return True  # the clinician's view may be open on another process
    return any(
        actor is not None and actor.event_id == event_id
        for actor in map(svc.connections.get, svc.connections.sids_with_role(CLINICIAN))
    )


def server_time() -> int:
    """Milliseconds since the epoch: clients count down to deadlines with it."""
    return int(time.time() * 1000)


def _gone(eid: int) -> list[tuple[str, dict, str | list[str]]]:
    # Marked for the catalogues: each phone shows it in its own language (phone.js looks it up).
    gone = {"message": N_("This event has been closed and its record deleted.")}
    return [("event.deleted", gone, [rooms.event(eid), rooms.screen(eid), rooms.console(eid), rooms.cohost(eid)])]


# A public patch up to this size is cheaper to copy into every phone's own
# patch than to send as a message of its own (a socket write costs more than
# encoding a few kilobytes again).
RIDE_ALONG_MAX = 4096


def _small(view: dict) -> bool:
    return len(json.dumps(view, separators=(",", ":"), default=str)) <= RIDE_ALONG_MAX


def _phones_outbox(change: Changes, memo: dict) -> list[tuple[str, dict, str | list[str]]]:
    """The phones' public patch and each person's own, read in one snapshot."""
    if not (change.phones or change.participants or change.all_participants):
        return []
    svc = services()
    out: list[tuple[str, dict, str | list[str]]] = []
    eid = change.event_id
    with svc.db.read_scope(memo=memo) as s:
        event = s.get(Event, eid)
        if event is None:
            return _gone(eid)
        public = views.phone_public(s, event, activity_only=change.activity_only) if change.phones else None
        if public is not None and svc.connections.of_event(COHOST, eid):
            # A co-host's phone shows what every phone shows (views.cohost_snapshot).
            out.append(("patch", public, rooms.cohost(eid)))
        # Rows, not ORM objects (nor through the ORM's loading): a round change sends 2,000 people their own views.
        in_event = select(*participants.PERSON_COLUMNS).where(Participant.event_id == eid, Participant.removed_at.is_(None))
        persons: list[participants.PersonRow] = []
        if change.all_participants:
            # Everyone connected, in one query (not their 2,000 ids, then them).
            persons = [participants.PersonRow._make(r) for r in plain_rows(s, in_event.where(Participant.connections > 0))]
        more = set(change.participants) - {p.id for p in persons}
        if more:
            persons += [participants.PersonRow._make(r) for r in plain_rows(s, in_event.where(Participant.id.in_(more)))]
        personal = views.phone_personal_parts(s, event, persons, change.parts) if persons and change.parts else None
        if personal is None:
            personal = views.phone_personal_many(s, event, persons) if persons else {}
        # When every connected phone gets its own patch anyway (a round
        # change), the public part rides along in it: one message per phone,
        # not two (4,000 socket writes become 2,000). Not a large public part
        # (a dot vote's ballot of 2,000 cards): copied into every phone's patch,
        # it would be encoded once a phone, where the room's message is encoded
        # once. Someone who has not accepted the group agreement gets only
        # their own part, as ever.
        ride_along = public is not None and change.all_participants and _small(public)
        if public is not None and not ride_along:
            out.append(("patch", public, rooms.event(eid)))
        agreement = bool(event.agreement_text)  # read once, not once a person (2,000 at a round change)
        for person in persons:
            body = personal.get(person.id)
            if body is None:
                continue  # a part of a view they do not hold (they have not accepted the agreement)
            if ride_along and not (agreement and participants.must_accept_agreement(event, person)):
                body = {**public, **body}
            out.append(("patch", body, rooms.participant(person.id)))
    return out


def _watchers_outbox(change: Changes, memo: dict) -> list[tuple[str, dict, str | list[str]]]:
    """The big screen's, the console's and the clinician's patches, read in one snapshot."""
    if not (change.screen or change.console or change.roster or change.clinician):
        return []
    svc = services()
    out: list[tuple[str, dict, str | list[str]]] = []
    eid = change.event_id
    with svc.db.read_scope(memo=memo) as s:
        event = s.get(Event, eid)
        if event is None:
            return [] if (change.phones or change.participants or change.all_participants) else _gone(eid)
        join_url = svc.join_url(event.code)
        # Only some parts of the activity changed (a café round's timing): those parts alone,
        # where the kind builds them (the screen's long lists are untouched, and stay as sent).
        parts = change.parts if change.parts and not change.roster else None
        screen_part = views.activity_parts(s, event, "screen", parts) if parts and change.screen else None
        console_part = views.activity_parts(s, event, "console", parts) if parts and change.console else None
        if screen_part is not None:
            out.append(("patch", screen_lists.thin_part(svc.screen_lists, eid, screen_part), rooms.screen(eid)))
        elif change.screen:
            view = views.screen_snapshot(s, event, join_url, with_roster=change.roster)
            out.append(("patch", screen_lists.thin(svc.screen_lists, eid, view), rooms.screen(eid)))
        if console_part is not None:
            out.append(("patch", console_part, rooms.console(eid)))
        elif change.console:
            out.append(("patch", views.console_snapshot(
                s, event, join_url, screen_link=svc.screen_link_path(event), cohost_link=svc.cohost_url(event),
                with_roster=change.roster,
            ), rooms.console(eid)))
        elif change.roster:
            out.append(("patch", views.roster_summary(s, event), rooms.console(eid)))
        if change.roster and not change.screen:
            out.append(("patch", views.roster_summary(s, event, for_screen=True), rooms.screen(eid)))
        if (change.clinician or change.console) and _clinician_watching(svc, eid):
            out.append(("patch", clinician.snapshot(s, event), rooms.clinician(eid)))
    return out


def _messages(change: Changes, _memo: dict) -> list[tuple[str, dict, str | list[str]]]:
    out = []
    for msg in change.messages:
        targets = [rooms.for_audience(to) for to in msg.to]
        out.append((msg.name, msg.payload, targets if len(targets) != 1 else targets[0]))
    return out
