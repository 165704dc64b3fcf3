"""Socket.IO actions of the world café: tables, hosts, seating and rounds. Thin by design.

Phones also belong to their table's room (``event:<id>:table:<tid>``) for the
focus round, so a card written at a table reaches only that table's phones.
Rooms are joined on connect (a hook in ``handlers``) and again whenever the
seating changes.
"""
from __future__ import annotations

import logging

from flask import request

from facilitator.activities.cafe import rules as cafe, essences
from facilitator.core import participants
from facilitator.core.errors import DomainError, NotAllowed
from facilitator.core.outbound import Changes
from facilitator.delivery.services import services
from facilitator.delivery import cluster, handlers, rooms, socketio
from facilitator.delivery.auth import FACILITATOR, LEADS, PARTICIPANT, Actor
from facilitator.delivery.handling import Reply, action, grouped_action
from facilitator.delivery.lookup import me, named_event
from facilitator.delivery.payloads import CLIENT_ID, EVENT_CODE, Bool, Int, Obj, Schema, Text
from facilitator.i18n import N_

log = logging.getLogger(__name__)

ID = Int(1, 2**31 - 1, required=True)
OPTIONAL_ID = Int(1, 2**31 - 1)


# --- table rooms --------------------------------------------------------------


TABLE = "table"  # the kind of room, in Actor.extra_rooms


def _table_rooms_on_connect(s, activity, persons: list) -> dict[int, dict[str, str]]:
    """The table room of each phone that connects while seated in a café (one read for them all)."""
    tables = cafe.tables_of(s, activity, [p.id for p in persons])
    return {pid: {TABLE: rooms.table(activity.event_id, table_id)} for pid, table_id in tables.items()}


handlers.CONNECT_HOOKS[cafe.KIND] = _table_rooms_on_connect


def _move_to_table_room(sid: str, room: str, connections: dict[str, Actor] | None = None) -> None:
    """Leave the phone's old table room (only that one) and enter ``room``.

    At 2,000 phones and 250 tables, leaving every table room for every phone
    was half a million calls on a round change; the connection knows its table.
    ``connections``: the server's, looked up once by a caller moving many phones.
    """
    server = socketio.server
    actor = (services().connections if connections is None else connections).get(sid)
    if actor is None:  # disconnecting as we speak: nothing to move
        return
    old = actor.extra_rooms.get(TABLE)
    if old == room:
        return
    if old is not None:
        server.leave_room(sid, old, namespace="/")
    actor.extra_rooms[TABLE] = room
    server.enter_room(sid, room, namespace="/")


def _rerooms(s, act):
    """After a seating change: move every connected phone of the event into its table's room
    (on every process: each moves its own phones)."""
    event_id = act.event_id
    where = cafe.table_of_people(s, act)

    def move():
        # JSON between processes: the seating as [person, table] pairs.
        services().cluster.everywhere("cafe.reroom", event_id=event_id, where=[[p, t] for p, t in where.items()])

    return move


@cluster.on("cafe.reroom")
def _reroom_here(event_id: int, where: list) -> None:
    connections = services().connections  # once, not once a phone (2,000 at a round change)
    in_room = socketio.server.manager.get_participants
    for pid, table_id in where:
        wanted = rooms.table(event_id, table_id)
        for sid, _eio in list(in_room("/", rooms.participant(pid))):
            _move_to_table_room(sid, wanted, connections)


def _join_my_table(s, act, pid: int):
    seat = cafe.seat_of(s, act, pid)
    room = rooms.table(act.event_id, seat.table_id) if seat else None
    sid = request.sid

    def join():
        if room:
            _move_to_table_room(sid, room)

    return join


# --- the facilitator: setting up and running rounds ---------------------------


def _cafe(s, cmd):
    return cafe.current_cafe(named_event(s, cmd))


@action("cafe.setup", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, config=Obj(max_chars=40000, required=True)))
def cafe_setup(s, actor: Actor, cmd):
    """Set the café's tables, rounds (questions, minutes) and whether anyone may add cards."""
    act = _cafe(s, cmd)
    changes, reseated = cafe.setup(s, act, cmd.config)
    return Reply({"reseated": True} if reseated else {}, [changes])


@action("cafe.host", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, table=ID, participant=OPTIONAL_ID))
def cafe_host(s, actor: Actor, cmd):
    """Pick a table's host (or none): between rounds the coming round is seated again at once."""
    act = _cafe(s, cmd)
    changes, applies = cafe.set_host(s, act, cmd.table, cmd.participant)
    return Reply({"applies": applies}, [changes], after=_rerooms(s, act) if applies == "now" else None)


@action("cafe.link", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, a=ID, b=ID, together=Bool(default=True)))
def cafe_link(s, actor: Actor, cmd):
    """Keep two people at the same table (a person and their supporter), or let them part."""
    return cafe.link(s, _cafe(s, cmd), cmd.a, cmd.b, cmd.together)


@action("cafe.apart", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, a=ID, b=ID, apart=Bool(default=True)))
def cafe_apart(s, actor: Actor, cmd):
    """Never seat two people at the same table (or let them meet again)."""
    return cafe.keep_apart(s, _cafe(s, cmd), cmd.a, cmd.b, cmd.apart)


@action(
    "cafe.stay",
    roles=FACILITATOR,
    schema=Schema(event=EVENT_CODE, participant=ID, table=OPTIONAL_ID, stay=Bool(default=True)),
)
def cafe_stay(s, actor: Actor, cmd):
    """Keep someone at one table all event (they cannot move easily), or let them travel."""
    return cafe.stay(s, _cafe(s, cmd), cmd.participant, cmd.stay, cmd.table)


@action("cafe.seat", roles=LEADS, schema=Schema(event=EVENT_CODE))
def cafe_seat(s, actor: Actor, cmd):
    """Seat everyone for the coming round (again, if it has not started)."""
    act = _cafe(s, cmd)
    changes = cafe.seat_round(s, act)
    return Reply({"repeats": cafe.focus_round(s, act).repeats}, [changes], after=_rerooms(s, act))


@action("cafe.seat_late", roles=LEADS, schema=Schema(event=EVENT_CODE))
def cafe_seat_late(s, actor: Actor, cmd):
    """Seat everyone here who has no table yet, each at the smallest table."""
    act = _cafe(s, cmd)
    changes = cafe.seat_everyone_late(s, act)
    return Reply({}, [changes], after=_rerooms(s, act))


@action("cafe.round.start", roles=LEADS, schema=Schema(event=EVENT_CODE))
def cafe_round_start(s, actor: Actor, cmd):
    """Start the coming round's timer (seating it first if needed)."""
    act = _cafe(s, cmd)
    # At 2,000 phones moving everyone to their table's room again costs a tenth of a
    # second: only when this start seats the round (else the seating already did).
    seats = cafe.seats_before_start(s, act)
    changes = cafe.start_round(s, act)
    return Reply({"round": cafe.focus_round(s, act).number}, [changes], after=_rerooms(s, act) if seats else None)


@action("cafe.round.pause", roles=LEADS, schema=Schema(event=EVENT_CODE))
def cafe_round_pause(s, actor: Actor, cmd):
    """Pause the round's timer."""
    return cafe.pause_round(s, _cafe(s, cmd))


@action("cafe.round.resume", roles=LEADS, schema=Schema(event=EVENT_CODE))
def cafe_round_resume(s, actor: Actor, cmd):
    """Carry on with a paused round."""
    return cafe.resume_round(s, _cafe(s, cmd))


@action("cafe.round.extend", roles=LEADS, schema=Schema(event=EVENT_CODE, minutes=Int(1, 60, default=5)))
def cafe_round_extend(s, actor: Actor, cmd):
    """Give the round more minutes (5 unless said)."""
    return cafe.extend_round(s, _cafe(s, cmd), cmd.minutes)


@action("cafe.round.end", roles=LEADS, schema=Schema(event=EVENT_CODE))
def cafe_round_end(s, actor: Actor, cmd):
    """End the round now; the next one is seated so phones show where to go."""
    act = _cafe(s, cmd)
    changes = cafe.end_round(s, act)
    return Reply({}, [changes], after=_rerooms(s, act))


# --- the phone: hosting and finding a seat ------------------------------------


@grouped_action("cafe.volunteer", roles=PARTICIPANT, schema=Schema(host=Bool(required=True)))
def cafe_volunteer(s, requests: list[tuple[Actor, dict]]):
    """Offer to host a table (or take the offer back)."""
    # When the café is announced, one phone in eight offers within seconds: the
    # offers that arrive together are one read of their people and one write of
    # the café's list of offers, in one transaction (facilitator.grouping).
    people = participants.still_in_event_many(s, [actor.participant_id for actor, _ in requests])
    out: list = []
    for actor, cmd in requests:
        person = people.get(actor.participant_id)
        try:
            if person is None:
                raise NotAllowed(N_("You are no longer in this event."))
            out.append(cafe.volunteer(s, cafe.current_cafe(person.event), person, cmd.host))
        except DomainError as exc:  # refused before it wrote anything
            out.append(exc)
    return out


@action("cafe.seat_me", roles=PARTICIPANT, schema=Schema())
def cafe_seat_me(s, actor: Actor, cmd):
    """A phone that arrives (or comes back) after the seating asks for a table."""
    person = me(s, actor)
    act = cafe.current_cafe(person.event)
    try:
        changes = cafe.seat_late(s, act, person)
    except cafe.NoRoom:
        # Not an error of the phone's: it says they wait for a seat, and the console's list of
        # late arrivals (sent whole only when it changes) shows them with its warning.
        return Reply({"table": None, "full": True}, [Changes(act.event_id, console=True)])
    seat = cafe.seat_of(s, act, person.id)
    return Reply({"table": seat.table_id if seat else None}, [changes] if changes else [], after=_join_my_table(s, act, person.id))


@action(
    "cafe.essence",
    roles=PARTICIPANT,
    schema=Schema(round=Int(1, 1000, required=True), essence=Text(essences.ESSENCE_MAX, default=""),
                  next_question=Text(essences.QUESTION_MAX, default=""), cid=CLIENT_ID),
    limited=True,
)
def cafe_essence(s, actor: Actor, cmd):
    """The table's host writes the round's card for the next group (both lines empty: clear it).

    ``next_question``, not ``question``: elsewhere ``question`` names a consultation question by its id.
    """
    person = me(s, actor)
    return essences.write(s, cafe.current_cafe(person.event), person, cmd.round, cmd.essence, cmd.next_question)
