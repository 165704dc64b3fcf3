"""Socket.IO handlers for events, people and the agenda: thin by design.

Each one authorises, validates, calls the domain and returns; the
``action`` wrapper commits before anything is emitted. Activity kinds add
their own handler modules beside this one.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable

from flask import request
from flask_socketio import ConnectionRefusedError, join_room, leave_room

from facilitator.core import agenda, codes, cohost, events, other_languages, participants, screens
from facilitator.whole_event import presentation, templates, views
from facilitator.core.errors import DomainError
from facilitator.core.events import EventDetails
from facilitator.core.models import Event, utcnow
from facilitator.core.outbound import Changes
from facilitator.core.kinds import kind_of
from facilitator.delivery.services import services
from facilitator import grouping, i18n
from facilitator.i18n import N_
from facilitator.delivery import cluster, rooms, screen_lists, socketio
from facilitator.delivery.auth import (
    CLINICIAN, COHOST, CONSOLE_COOKIE, FACILITATOR, PARTICIPANT, PARTICIPANT_COOKIE, SCREEN, Actor
)
from facilitator.delivery.export_actions import erase_from_files
from facilitator.delivery.handling import Reply, action
from facilitator.delivery.lookup import me, named_event
from facilitator.delivery.payloads import (
    EVENT_CODE, Bool, Choice, Identifier, Int, Obj, Schema, Text, identifier_or_none
)
from facilitator.delivery.publish import publish, server_time

log = logging.getLogger(__name__)

# What a connecting client may say about itself, checked like any payload;
# other keys are ignored, so an older or newer client still connects.
# `language`: the page's own (a console's or a co-host's refusals come in it; a phone's follow its person's).
CONNECT_AUTH = Schema(role=Text(20), event=Text(40), token=Identifier(200), secret=Identifier(200), language=Text(16))


# --- connecting ---------------------------------------------------------------


@socketio.on("connect")
def on_connect(auth=None):
    """Resolve who is connecting, put them in their rooms and send a full snapshot.

    python-socketio has no connection-state recovery, so every reconnect
    is treated as a first connect: the snapshot is all a client needs.
    """
    svc = services()
    auth = auth if isinstance(auth, dict) else {}
    # A refusal in the page's own language (a phone's page is in its person's, or the phone's).
    language = i18n.known(auth.get("language"))
    try:
        auth = CONNECT_AUTH.parse({k: v for k, v in auth.items() if k in CONNECT_AUTH.fields})
        connect = CONNECTS.get(auth.role)
        if connect is None:
            raise DomainError(N_("Say who is connecting: a participant, a screen or the console."))
        generation = svc.doorway.generation  # every commit before this one has been counted
        actor, snapshot, changes = connect(svc, auth)
    except DomainError as exc:
        said = i18n.refusal(language, exc)
        raise ConnectionRefusedError(said, {"message": said, "code": exc.code})
    svc.connections.add(actor)
    if actor.role == PARTICIPANT:
        svc.cluster.connected(actor.participant_id)
    elif actor.role in LISTED:
        svc.cluster.device_opened(actor.role, actor.event_id, _device(actor))
    for room in _rooms_of(actor):
        join_room(room)
    if actor.role == SCREEN:
        snapshot = _screen_still_current(svc, actor, snapshot, generation)
    snapshot["server_time"] = server_time()
    socketio.emit("snapshot", snapshot, to=request.sid)
    publish(changes)
    if actor.role in LISTED:
        tell_console_about(actor.role, actor.event_id)


# Functions ``(s, activity, persons) -> {person id: {kind: room name}}`` by activity
# kind, that a kind's handler module registers to put phones in more rooms while
# that kind runs (a café phone's table). They run inside the connecting session,
# so a connect costs no extra session, once for the phones connecting together.
CONNECT_HOOKS: dict[str, Callable] = {}


def _rooms_of(actor: Actor) -> list[str]:
    if actor.role == PARTICIPANT and actor.gated:
        return [rooms.participant(actor.participant_id)]
    if actor.role == PARTICIPANT:
        return [rooms.event(actor.event_id), rooms.participant(actor.participant_id), *actor.extra_rooms.values()]
    if actor.role == SCREEN:
        return [rooms.screen(actor.event_id)]
    if actor.role == CLINICIAN:
        return [rooms.clinician(actor.event_id)]
    if actor.role == COHOST:
        return [rooms.cohost(actor.event_id)]
    return []


def _knocking(svc, auth) -> tuple[str, str]:
    """The event code a connecting page names, and its address; refused while the address
    has failed too often (every way in counts its failures the same way)."""
    ip = request.remote_addr or "?"
    if not svc.join_failures.would_allow(ip):
        raise DomainError(svc.join_failures.message, code="rate_limited")
    code = auth.get("event")
    if not isinstance(code, str):
        raise DomainError(N_("Which event? The link is missing its code."))
    return code, ip


def _connect_participant(svc, auth):
    code, ip = _knocking(svc, auth)
    token = auth.get("token") or identifier_or_none(request.cookies.get(PARTICIPANT_COOKIE.format(code=codes.normalise(code) or "")))
    # Phones that connect together (after a join storm, or all at once when
    # the Wi-Fi comes back) are resumed in one transaction: the event is read
    # once and its public view built once for all of them.
    outcome = grouping.together(svc.combiners, "connect", (code, token), lambda asks: _resume_phones(svc, asks))
    if isinstance(outcome, Refused):
        # A phone that has not joined yet connects once without a token, to be
        # shown the join form: that is not a failed attempt; a wrong token or
        # a wrong event code is.
        if token or outcome.unknown_event:
            svc.join_failures.allow(ip)
        raise outcome.error
    if outcome is None:
        raise DomainError(N_("Something went wrong on the server; please reload the page."), code="server_error")
    arrival = _still_current(svc, outcome)
    person = outcome.person
    actor = Actor(PARTICIPANT, request.sid, event_id=person.event_id, participant_id=person.id, gated=arrival.gated,
                  extra_rooms=arrival.extra_rooms, language=person.language)
    return actor, {"role": PARTICIPANT, **arrival.snapshot}, outcome.changes


@dataclass(frozen=True)
class Refused:
    error: DomainError
    unknown_event: bool = False


@dataclass(frozen=True)
class Arrival:
    """What a connecting phone is sent, and the rooms it joins beyond the event's own."""

    gated: bool  # it has the group agreement to accept first, and sees nothing else
    extra_rooms: dict[str, str]
    snapshot: dict


@dataclass(frozen=True)
class Resumed:
    """A phone resumed: who it is, now counted connected, and what it is sent, read at ``generation``."""

    event_code: str
    person: participants.PersonRow
    arrival: Arrival
    changes: Changes
    generation: int


def _resume_phones(svc, asks: list[tuple[str, str | None]]) -> list:
    """For each (event code, token): who the phone is, now connected, with their snapshot; or why not."""
    out: list = []
    found: dict[str, events.EventToJoin | DomainError] = {}
    public: dict[int, dict] = {}

    def public_of(event_id: int, build) -> dict:
        # Once a group even when the doorway keeps nothing (several processes).
        if event_id not in public:
            public[event_id] = svc.doorway.public(event_id, build)
        return public[event_id]

    # Presence is reset at every start, so its write need not wait for an fsync.
    with svc.db.presence_scope() as s:
        # Noted inside the writer's lock: every commit before this session has been counted.
        generation = svc.doorway.generation
        resumed: list[tuple[int, events.EventToJoin, participants.PersonRow, Changes]] = []
        for code, token in asks:
            try:
                event = events.get_by_code_once(s, code, found, read=svc.doorway.facts)
                if isinstance(event, DomainError):
                    out.append(Refused(event, unknown_event=True))
                    continue
                person, changes = participants.resume_connected(s, event, token)
                resumed.append((len(out), event, person, changes))
                out.append(None)  # its arrival, below
            except DomainError as exc:
                out.append(Refused(exc))
        # Each event's phones' own views are read together: when the Wi-Fi comes back in a
        # café, 2,000 phones connect at once, and each read its table alone.
        by_event: dict[int, tuple[events.EventToJoin, list[participants.PersonRow]]] = {}
        for _, event, person, _ in resumed:
            by_event.setdefault(event.id, (event, []))[1].append(person)
        arrivals = {pid: arrival for event, persons in by_event.values()
                    for pid, arrival in _arrivals(s, event, persons, public_of).items()}
        for at, event, person, changes in resumed:
            out[at] = Resumed(event.code, person, arrivals[person.id], changes, generation)
    return out


def _read_now(_event_id: int, build) -> dict:
    return build()


def _arrival(s, event: events.EventToJoin, person: participants.PersonRow, public_of=_read_now) -> Arrival:
    """A connecting phone's snapshot and rooms; ``public_of(event id, build)`` gives the public
    part (kept by the doorway for a connect; by default read now)."""
    return _arrivals(s, event, [person], public_of)[person.id]


def _arrivals(s, event: events.EventToJoin, persons: list[participants.PersonRow], public_of=_read_now) -> dict[int, Arrival]:
    """:func:`_arrival` for phones of one event connecting together, their own views read in one go."""
    out: dict[int, Arrival] = {}
    for person in persons:
        if participants.must_accept_agreement(event, person):
            out[person.id] = Arrival(True, {}, views.phone_snapshot(s, events.get_by_code(s, event.code), person))
    # The same person twice (two tabs connecting together): the later row, counted twice.
    open_to = list({p.id: p for p in persons if p.id not in out}.values())
    if not open_to:
        return out

    def public() -> dict:
        return views.phone_public(s, events.get_by_code(s, event.code, with_current=True))

    kind = kind_of(event.current_kind) if event.current_kind else None
    hook = CONNECT_HOOKS.get(event.current_kind)
    # The current activity is read only when its kind shows these phones something of their own.
    current = agenda.load_current(s, event.current_activity_id) if kind and (kind.personalises or hook) else None
    personal = views.phone_personal_in(s, current, open_to, open_to)
    extra = hook(s, current, open_to) if hook and current is not None else {}
    shared = public_of(event.id, public)
    for person in open_to:
        out[person.id] = Arrival(False, extra.get(person.id, {}), {**shared, **personal[person.id]})
    return out


# How many times a connecting phone's snapshot is read again while changes keep being committed.
REREADS = 3


def _still_current(svc, resumed: Resumed) -> Arrival:
    """The phone's arrival, read again if a change was counted since it was read (before the
    phone is in its rooms, that change's patches would never reach it)."""
    arrival, generation = resumed.arrival, resumed.generation
    for _ in range(REREADS):
        if not svc.doorway.enabled or svc.doorway.generation == generation:
            break
        generation = svc.doorway.generation
        with svc.db.read_scope() as s:
            arrival = _arrival(s, events.to_join(s, resumed.event_code), resumed.person)
    return arrival


@contextmanager
def opened_by_link(svc, auth, *, holds_secret, refusal: str, opened: str):
    """A big screen, a co-host or a clinician: the event's code and the secret of its link (the
    code alone is on every photo of the screen); ``holds_secret(s, event, secret)``. Gives the
    read session, the event and the address; a refusal counts against the address's join
    failures, as a wrong event code does."""
    code, ip = _knocking(svc, auth)
    try:
        with svc.db.read_scope() as s:
            event = events.get_by_code(s, code)
            if not holds_secret(s, event, auth.get("secret")):
                raise DomainError(refusal, code="not_allowed")
            yield s, event, ip
            log.info("%s opened event %s", opened, event.code)
    except DomainError:
        svc.join_failures.allow(ip)
        raise


def _connect_screen(svc, auth):
    with opened_by_link(
        svc, auth, holds_secret=lambda s, event, secret: screens.is_secret(event, svc.links_key(), secret), opened="a big screen",
        refusal=N_("This big screen link is not valid (it may have been replaced). Open the big screen from the facilitator's console."),
    ) as (s, event, ip):
        snapshot = _screen_snapshot(svc, s, event)
        actor = Actor(SCREEN, request.sid, event_id=event.id, connected_at=utcnow().isoformat(), address=ip)
    return actor, snapshot, None


def _screen_snapshot(svc, s, event) -> dict:
    snapshot = {"role": SCREEN, **screen_lists.mark(views.screen_snapshot(s, event, svc.join_url(event.code)))}
    snapshot["short_join"] = svc.short_join_address(event.code)
    return snapshot


def _screen_still_current(svc, actor: Actor, snapshot: dict, generation: int) -> dict:
    """A big screen's snapshot, read again if a change was committed while it was read: that
    change's patch went out before the screen was in its room (a pause from the console as the
    projector's page connects)."""
    if not svc.doorway.enabled or svc.doorway.generation == generation:
        return snapshot
    with svc.db.read_scope() as s:
        event = s.get(Event, actor.event_id)
        return snapshot if event is None else _screen_snapshot(svc, s, event)


# The devices the console lists, by role, with the event a list is sent as: the big screens
# and the co-host phones, on every process (the cluster keeps each process's).
LISTED = {SCREEN: "screens", COHOST: "cohosts"}


def _device(actor: Actor) -> dict:
    return {"id": actor.sid, "since": actor.connected_at, "address": actor.address}


def devices_of(svc, role: str, event_id: int) -> list[dict]:
    """The big screens or co-host phones connected to an event now, oldest first, for the console."""
    here = [_device(a) for a in svc.connections.of_event(role, event_id)]
    return sorted(svc.cluster.devices(role, event_id, here), key=lambda x: (x["since"] or "", x["id"]))


def tell_console_about(role: str, event_id: int) -> None:
    svc = services()
    socketio.emit(LISTED[role], {LISTED[role]: devices_of(svc, role, event_id)}, to=rooms.console(event_id))


def _connect_cohost(svc, auth):
    with opened_by_link(
        svc, auth, holds_secret=lambda s, event, secret: cohost.is_secret(event, svc.links_key(), secret), opened="a co-host",
        refusal=N_("This co-host link does not work any more: the facilitator has withdrawn or replaced it. "
                   "Ask them to show you the current co-host QR code."),
    ) as (s, event, ip):
        snapshot = {"role": COHOST, **views.cohost_snapshot(s, event)}
        actor = Actor(COHOST, request.sid, event_id=event.id, event_code=event.code, link_nonce=event.cohost_nonce,
                      connected_at=utcnow().isoformat(), address=ip, language=i18n.known(auth.get("language")))
    return actor, snapshot, None


def _connect_console(svc, auth):
    secret = auth.get("secret") or identifier_or_none(request.cookies.get(CONSOLE_COOKIE))
    if not svc.is_console_secret(secret):
        raise DomainError(
            N_("This console link is not valid (it may have been changed). Use the link printed by `facilitator run`."),
            code="not_allowed",
        )
    with svc.db.read_scope() as s:
        snapshot = {
            "role": "console",
            "events": events.list_events(s),
            "templates": [t.summary() for t in templates.all_templates(svc.settings.data_dir)],
            "tls": bool(svc.settings.tls_cert),
            # Several processes: whether live updates between them are interrupted.
            "cluster": svc.cluster.status(),
        }
    # The console page's own language (its header's choice): its refusals come in it.
    return Actor(FACILITATOR, request.sid, language=i18n.known(auth.get("language"))), snapshot, None


# How each role connects, by the role a client names; a kind with a role of its
# own adds it (the clinician's view: activities/consultation/actions.py).
CONNECTS = {PARTICIPANT: _connect_participant, SCREEN: _connect_screen, "console": _connect_console, COHOST: _connect_cohost}


@socketio.on("disconnect")
def on_disconnect(*_reason):
    svc = services()
    actor = svc.connections.pop(request.sid)
    # A person's limits outlive the connection: reconnecting does not refill them.
    svc.post_limiter.forget(("connection", request.sid))
    if actor is not None and actor.role in LISTED:
        svc.cluster.device_closed(actor.role, actor.event_id, actor.sid)
        tell_console_about(actor.role, actor.event_id)
    if actor is None or actor.role != PARTICIPANT:
        return
    # Phones that leave together (the venue's Wi-Fi drops) are counted off in
    # one transaction, as they are counted in when they come back.
    changes = grouping.together(svc.combiners, "disconnect", actor.participant_id, lambda people: _count_off(svc, people))
    svc.cluster.disconnected(actor.participant_id)
    publish(changes)


def _count_off(svc, people: list[int]) -> list[Changes | None]:
    """For each person whose connection ended (once a connection): what to tell, once they are counted off."""
    # Who is connected is reset at every start, so its write need not wait for an fsync.
    with svc.db.session_scope(durable=False) as s:
        return [participants.disconnected(s, person) for person in people]


@action("sync", roles=(PARTICIPANT, SCREEN, FACILITATOR, COHOST), schema=Schema())
def sync(s, actor: Actor, cmd):
    """A full snapshot again, for a client that suspects it missed something."""
    svc = services()
    if actor.role == PARTICIPANT:
        # A phone whose person was removed meanwhile reads nothing more of the event.
        person = me(s, actor)
        return Reply({"snapshot": views.phone_snapshot(s, person.event, person)})
    if actor.role == SCREEN:
        event = s.get(Event, actor.event_id)
        return Reply({"snapshot": screen_lists.mark(views.screen_snapshot(s, event, svc.join_url(event.code)))})
    if actor.role == COHOST:
        return Reply({"snapshot": views.cohost_snapshot(s, s.get(Event, actor.event_id))})
    return Reply({"events": events.list_events(s)})


# --- the phone ----------------------------------------------------------------


@action(
    "me.update",
    roles=PARTICIPANT,
    schema=Schema(
        name=Text(participants.NAME_MAX * 2), pronouns=Text(participants.PRONOUNS_MAX * 2), anonymous=Bool(default=None)
    ),
)
def me_update(s, actor: Actor, cmd):
    """Change the name or pronouns you are known by (only those given), or become anonymous."""
    return participants.update_identity(s, me(s, actor), name=cmd.name, pronouns=cmd.pronouns, anonymous=cmd.anonymous)


@action("me.language", roles=PARTICIPANT, schema=Schema(language=Choice(*i18n.LANGUAGES, required=True)))
def me_language(s, actor: Actor, cmd):
    """Choose the language your phone is in (one of facilitator/i18n.py's); the page reloads in it."""
    participants.set_language(s, me(s, actor), cmd.language)
    # This phone's other connections answer in it from now on too.
    connections = services().connections
    for other in map(connections.get, connections.sids_of_participant(actor.participant_id)):
        if other is not None and other.role == PARTICIPANT:
            other.language = cmd.language
    return Reply({"language": cmd.language})


@action("agreement.accept", roles=PARTICIPANT, schema=Schema())
def agreement_accept(s, actor: Actor, cmd):
    """Accept the group agreement (needed before anything else is shown)."""
    changes = participants.accept_agreement(s, me(s, actor))
    return Reply(changes=[changes], after=lambda: resubscribe([actor.participant_id]))


def resubscribe(participant_ids) -> None:
    """Put these people's live sockets in the rooms they belong in now, with a fresh snapshot.

    Used when what someone may see changes under them: they accept the group
    agreement, or the facilitator changes it and asks everyone to accept again.
    Their phones may be connected to any of several processes: each does it for its own.
    """
    services().cluster.everywhere("participants.resubscribe", participant_ids=list(participant_ids))


@cluster.on("participants.resubscribe")
def resubscribe_here(participant_ids) -> None:
    svc = services()
    for pid in participant_ids:
        sids = svc.connections.sids_of_participant(pid)
        if not sids:
            continue
        with svc.db.read_scope() as s:
            person = s.get(participants.Participant, pid)
            if person is None:
                continue
            arrival = _arrival(s, events.to_join(s, person.event.code), person)
        snapshot = {"role": PARTICIPANT, **arrival.snapshot, "server_time": server_time()}
        for sid in sids:
            actor = svc.connections.get(sid)
            if actor is None:
                continue
            actor.gated = arrival.gated
            actor.extra_rooms = dict(arrival.extra_rooms)
            keep = {sid, rooms.participant(pid)}
            for room in list(socketio.server.rooms(sid, namespace="/")):
                if room not in keep:
                    socketio.server.leave_room(sid, room, namespace="/")
            for room in _rooms_of(actor):
                socketio.server.enter_room(sid, room, namespace="/")
            socketio.emit("snapshot", snapshot, to=sid)


def converge_here() -> None:
    """After an outage between processes: every client of this process gets a fresh snapshot.

    What other processes published meanwhile never reached them; a snapshot
    (built from the database, which every process shares) brings them level,
    and puts each phone back in the rooms it belongs in now (its café table).
    """
    svc = services()
    connected = svc.connections.actors()
    resubscribe_here(sorted({a.participant_id for a in connected if a.role == PARTICIPANT and a.participant_id}))
    screens_by_event: dict[int, list[str]] = {}
    consoles_by_event: dict[int, list[str]] = {}
    for a in connected:
        if a.role == SCREEN and a.event_id is not None:
            screens_by_event.setdefault(a.event_id, []).append(a.sid)
        elif a.role == FACILITATOR and a.watching_event_id is not None:
            consoles_by_event.setdefault(a.watching_event_id, []).append(a.sid)
    for event_id in sorted(set(screens_by_event) | set(consoles_by_event)):
        with svc.db.read_scope() as s:
            event = s.get(Event, event_id)
            if event is None:
                continue
            join_url = svc.join_url(event.code)
            screen = {"role": SCREEN, **views.screen_snapshot(s, event, join_url), "short_join": svc.short_join_address(event.code)}
            console = views.console_snapshot(s, event, join_url, screen_link=svc.screen_link_path(event))
        screen["server_time"] = server_time()
        for sid in screens_by_event.get(event_id, []):
            socketio.server.emit("snapshot", screen, to=sid, namespace="/", ignore_queue=True)
        for sid in consoles_by_event.get(event_id, []):
            socketio.server.emit("patch", {**console, "server_time": server_time()}, to=sid, namespace="/", ignore_queue=True)


# --- the console --------------------------------------------------------------


DETAILS = dict(
    title=Text(events.TITLE_MAX, required=True, min_len=1),
    purpose=Text(events.TEXT_MAX, default=""),
    welcome_text=Text(events.TEXT_MAX, default=""),
    agreement_text=Text(events.TEXT_MAX, default=""),
)


# For an update, a field left out (or null) is left as it is; "" clears it.
DETAILS_CHANGED = dict(
    title=Text(events.TITLE_MAX, min_len=1),
    purpose=Text(events.TEXT_MAX),
    welcome_text=Text(events.TEXT_MAX),
    agreement_text=Text(events.TEXT_MAX),
)


@action("console.events", roles=FACILITATOR, schema=Schema())
def console_events(s, actor: Actor, cmd):
    """The list of events on this laptop."""
    return Reply({"events": events.list_events(s)})


@action("event.create", roles=FACILITATOR, schema=Schema(template=Text(80), **DETAILS))
def event_create(s, actor: Actor, cmd):
    """Create an event from an agenda template; the reply carries its code and join link."""
    svc = services()
    template = templates.get(cmd.template or "blank", svc.settings.data_dir)
    details = EventDetails(cmd.title, cmd.purpose, cmd.welcome_text, cmd.agreement_text or template.agreement_text)
    event = events.create_event(s, details, agenda=template.agenda)
    log.info("event %s created in the console", event.code)
    return Reply({"code": event.code, "join_url": svc.join_url(event.code)})


@action("template.save", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, name=Text(80, required=True, min_len=1)))
def template_save(s, actor: Actor, cmd):
    """Keep this event's agenda as a template for future events."""
    template = templates.save_from_event(named_event(s, cmd), cmd.name, services().settings.data_dir)
    return Reply({"template": template.summary()})


@action("console.templates", roles=FACILITATOR, schema=Schema())
def console_templates(s, actor: Actor, cmd):
    """The agenda templates an event can start from."""
    return Reply({"templates": [t.summary() for t in templates.all_templates(services().settings.data_dir)]})


@action("event.update", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, **DETAILS_CHANGED))
def event_update(s, actor: Actor, cmd):
    """Change an event's title, purpose, welcome text or group agreement (only those given)."""
    event = named_event(s, cmd)
    details = events.edited(
        event, title=cmd.title, purpose=cmd.purpose, welcome_text=cmd.welcome_text, agreement_text=cmd.agreement_text
    )
    changes, asked_again = events.update_event(s, event, details)
    return Reply(changes=[changes], after=lambda: resubscribe(asked_again))


@action("event.languages", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, language=Text(16, required=True, min_len=2),
                                                          second=Text(16)))
def event_languages(s, actor: Actor, cmd):
    """The big screen's language, and a second one beside it ("" or null: none)."""
    return Reply(changes=[events.set_languages(named_event(s, cmd), cmd.language, cmd.second or None)])


@action("event.texts", roles=FACILITATOR, schema=Schema(
    event=EVENT_CODE, language=Text(16, required=True, min_len=2), title=Text(other_languages.TITLE_MAX),
    purpose=Text(other_languages.LONG_MAX), welcome_text=Text(other_languages.LONG_MAX),
    agreement_text=Text(other_languages.LONG_MAX)))
def event_texts(s, actor: Actor, cmd):
    """The event's title, purpose, welcome and agreement in another language ("": none)."""
    given = {name: cmd[name] for name in other_languages.EVENT_FIELDS if name in cmd}
    return Reply(changes=[other_languages.set_event_texts(named_event(s, cmd), cmd.language, given)])


@action("agenda.texts", roles=FACILITATOR, schema=Schema(
    event=EVENT_CODE, activity=Int(1, 2**31, required=True), language=Text(16, required=True, min_len=2),
    title=Text(other_languages.TITLE_MAX), prompt=Text(other_languages.ACTIVITY_TEXTS["prompt"]),
    message=Text(other_languages.ACTIVITY_TEXTS["message"]), rounds=Obj(max_keys=12, max_chars=8000)))
def agenda_texts(s, actor: Actor, cmd):
    """An activity's title, prompt or message, and a café's questions, in another language ("": none)."""
    event = named_event(s, cmd)
    given = {name: cmd[name] for name in ("title", "prompt", "message") if name in cmd}
    return Reply(changes=[other_languages.set_activity_texts(
        event, agenda.get_activity(event, cmd.activity), cmd.language, given, cmd.rounds)])


@action("console.watch", roles=FACILITATOR, schema=Schema(event=EVENT_CODE))
def console_watch(s, actor: Actor, cmd):
    """Open an event in the console: live roster and agenda from now on."""
    event = named_event(s, cmd)
    if actor.watching_event_id is not None:
        leave_room(rooms.console(actor.watching_event_id))
    actor.watching_event_id = event.id
    join_room(rooms.console(event.id))
    log.info("event %s opened in the console", event.code)
    svc = services()
    snapshot = views.console_snapshot(
        s, event, svc.join_url(event.code), screen_link=svc.screen_link_path(event), cohost_link=svc.cohost_url(event)
    )
    return Reply({"snapshot": {**snapshot, **{name: devices_of(svc, role, event.id) for role, name in LISTED.items()}}})


@action("event.lock", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, locked=Bool(required=True)))
def event_lock(s, actor: Actor, cmd):
    """Stop (or allow again) new people joining."""
    return events.set_locked(s, named_event(s, cmd), cmd.locked)


@action(
    "participant.remove",
    roles=FACILITATOR,
    schema=Schema(event=EVENT_CODE, participant=Int(1, 2**31, required=True), erase=Bool()),
)
def participant_remove(s, actor: Actor, cmd):
    """Take someone off the event; with ``erase``, everything they posted goes too."""
    event = named_event(s, cmd)
    changes = participants.remove(s, event, cmd.participant, erase=cmd.erase)
    pid = cmd.participant

    def disconnect_them():
        svc = services()
        socketio.emit("removed", {"message": N_("The facilitator has taken you off this event.")}, to=rooms.participant(pid))
        svc.cluster.everywhere("participant.let_go", participant_id=pid)
        if cmd.erase:
            erase_from_files()

    return Reply(changes=[changes], after=disconnect_them)


@cluster.on("participant.let_go")
def _let_go_of_participant(participant_id: int) -> None:
    """A removed person's phones connected here are disconnected (they were told why)."""
    for sid in services().connections.sids_of_participant(participant_id):
        socketio.server.disconnect(sid, namespace="/", ignore_queue=True)


@action("participant.restore", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, participant=Int(1, 2**31, required=True)))
def participant_restore(s, actor: Actor, cmd):
    """Let a removed person back in, with everything they posted; their phone comes back in as them on a reload.
    Refused for someone erased (they are gone for good) or still in the event."""
    return participants.let_back_in(s, named_event(s, cmd), cmd.participant)


@action("participant.add", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, name=Text(120, required=True, min_len=1)))
def participant_add(s, actor: Actor, cmd):
    """Add someone without a phone, by name, so they are counted and given turns."""
    person, changes = participants.add_without_phone(s, named_event(s, cmd), cmd.name)
    return Reply({"id": person.id}, [changes])


AGENDA_ITEM = dict(title=Text(200), config=Obj())


@action(
    "agenda.add",
    roles=FACILITATOR,
    schema=Schema(event=EVENT_CODE, kind=Text(40, required=True), position=Int(0, 1000), **AGENDA_ITEM),
)
def agenda_add(s, actor: Actor, cmd):
    """Add an activity to the agenda (at the end, or at ``position``)."""
    event = named_event(s, cmd)
    activity = agenda.add_activity(s, event, cmd.kind, title=cmd.title, config=cmd.config, position=cmd.position)
    return Reply({"id": activity.id}, [agenda.changed(event)])


@action(
    "agenda.update",
    roles=FACILITATOR,
    schema=Schema(event=EVENT_CODE, activity=Int(1, 2**31, required=True), **AGENDA_ITEM),
)
def agenda_update(s, actor: Actor, cmd):
    """Change an activity's title or settings."""
    return agenda.update_activity(s, named_event(s, cmd), cmd.activity, title=cmd.title, config=cmd.config)


@action(
    "agenda.remove",
    roles=FACILITATOR,
    schema=Schema(event=EVENT_CODE, activity=Int(1, 2**31, required=True), confirm=Bool()),
)
def agenda_remove(s, actor: Actor, cmd):
    """Take an activity off the agenda (not the one running now); one holding contributions needs ``confirm``."""
    return agenda.remove_activity(s, named_event(s, cmd), cmd.activity, confirmed=bool(cmd.confirm))


@action(
    "agenda.move",
    roles=FACILITATOR,
    schema=Schema(event=EVENT_CODE, activity=Int(1, 2**31, required=True), to=Int(0, 1000, required=True)),
)
def agenda_move(s, actor: Actor, cmd):
    """Move an activity to another place in the agenda."""
    return agenda.move_activity(s, named_event(s, cmd), cmd.activity, cmd.to)


@action("agenda.goto", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, activity=Int(1, 2**31, required=True)))
def agenda_goto(s, actor: Actor, cmd):
    """Make an activity the current one: every phone and the screen follow."""
    return agenda.go_to(s, named_event(s, cmd), cmd.activity)


@action("agenda.next", roles=FACILITATOR, schema=Schema(event=EVENT_CODE))
def agenda_next(s, actor: Actor, cmd):
    """Move on to the next activity."""
    return agenda.step(s, named_event(s, cmd), +1)


@action("agenda.prev", roles=FACILITATOR, schema=Schema(event=EVENT_CODE))
def agenda_prev(s, actor: Actor, cmd):
    """Go back to the previous activity."""
    return agenda.step(s, named_event(s, cmd), -1)


@action("screen.rotate", roles=FACILITATOR, schema=Schema(event=EVENT_CODE))
def screen_rotate(s, actor: Actor, cmd):
    """Make a new big screen link: every screen showing the event is closed, and the old link opens nothing."""
    event = named_event(s, cmd)
    changes = screens.rotate(s, event)
    event_id = event.id
    path = services().screen_link_path(event)

    def close_screens():
        socketio.emit(
            "screen.closed",
            {"message": "The facilitator has closed this screen. Open the big screen again from the console."},
            to=rooms.screen(event_id),
        )
        services().cluster.everywhere("screens.close", event_id=event_id)

    return Reply({"screen_link": path}, [changes], after=close_screens)


@cluster.on("screens.close")
def _close_screens_here(event_id: int) -> None:
    for screen in services().connections.of_event(SCREEN, event_id):
        socketio.server.disconnect(screen.sid, namespace="/", ignore_queue=True)


@action("cohost.link", roles=FACILITATOR, schema=Schema(event=EVENT_CODE))
def cohost_link(s, actor: Actor, cmd):
    """Make a co-host link for the event (a new one if there was one: co-host phones on the old link are closed)."""
    event = named_event(s, cmd)
    changes = cohost.make_link(s, event)
    link = services().cohost_url(event)
    event_id = event.id
    # Any co-host phone still open is on an earlier link: closed.
    return Reply({"cohost_link": link}, [changes], after=lambda: close_cohosts(event_id))


@action("cohost.revoke", roles=FACILITATOR, schema=Schema(event=EVENT_CODE))
def cohost_revoke(s, actor: Actor, cmd):
    """Withdraw the co-host link: it opens nothing any more, and co-host phones on it are closed."""
    event = named_event(s, cmd)
    changes = cohost.revoke(s, event)
    event_id = event.id
    return Reply(changes=[changes], after=lambda: close_cohosts(event_id))


def close_cohosts(event_id: int) -> None:
    """Tell the co-host phones of an event why they are closed, then drop them."""
    svc = services()
    socketio.emit(
        "cohost.closed",
        {"message": "The facilitator has withdrawn this co-host link. Ask them for a new one if you are still co-hosting."},
        to=rooms.cohost(event_id),
    )
    svc.cluster.everywhere("cohosts.close", event_id=event_id)


@cluster.on("cohosts.close")
def _close_cohosts_here(event_id: int) -> None:
    for phone in services().connections.of_event(COHOST, event_id):
        socketio.server.disconnect(phone.sid, namespace="/", ignore_queue=True)


@action("screen.mode", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, mode=Choice(*presentation.MODES, required=True)))
def screen_mode(s, actor: Actor, cmd):
    """Pause the big screen (the title and how to join, nothing else) or bring it back live."""
    return presentation.set_mode(s, named_event(s, cmd), cmd.mode)


@action("screen.spotlight", roles=FACILITATOR,
        schema=Schema(event=EVENT_CODE, card=Int(1, 2**31), theme=Int(1, 2**31), pledge=Int(1, 2**31)))
def screen_spotlight(s, actor: Actor, cmd):
    """Put one card, theme or shared pledge full-screen on the big screen; none of them takes it down."""
    chosen = [(kind, value) for kind, value in (("card", cmd.card), ("theme", cmd.theme), ("pledge", cmd.pledge)) if value is not None]
    if len(chosen) > 1:
        raise DomainError(N_("Choose one card, theme or pledge for the spotlight, not several."))
    kind, target = chosen[0] if chosen else (None, None)
    return presentation.spotlight(s, named_event(s, cmd), kind, target)


@action("screen.pages", roles=FACILITATOR,
        schema=Schema(event=EVENT_CODE, pace=Int(*presentation.PACE_RANGE), pages=Choice(*presentation.PAGES), step=Int(-1, 1)))
def screen_pages(s, actor: Actor, cmd):
    """How the big screen's long lists turn: a pace, held or turning, a page on or back."""
    return presentation.set_pages(s, named_event(s, cmd), pace=cmd.pace, pages=cmd.pages, step=cmd.step)


@action("console.rotate_secret", roles=FACILITATOR, schema=Schema())
def console_rotate_secret(s, actor: Actor, cmd):
    """Make a new console link; every other console is signed out."""
    svc = services()
    svc.rotate_console_secret()
    me = actor.sid

    def sign_out_others():
        svc.cluster.everywhere("consoles.sign_out", keep=me)

    return Reply({"console_url": svc.console_url(), "secret": svc.console_secret()}, after=sign_out_others)


@cluster.on("consoles.sign_out")
def _sign_out_consoles_here(keep: str) -> None:
    """Every console connected here but ``keep`` (the one that made the new link) is signed out."""
    for sid in services().connections.sids_with_role(FACILITATOR):
        if sid != keep:
            socketio.server.disconnect(sid, namespace="/", ignore_queue=True)
