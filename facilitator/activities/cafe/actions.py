"""Socket.IO actions for the world café and the harvest board: thin by design.

Phones also belong to their table's room (``event:<id>:table:<tid>``) for the
focus round, so a card written at a table reaches only that table's phones.
Rooms are joined on connect (a hook in ``handlers``) and again whenever the
seating changes.
"""
from __future__ import annotations

import logging

from flask import request

from facilitator.activities.board import rules as board
from facilitator.activities.cafe import rules as cafe, essences
from facilitator.core import events, participants
from facilitator.core.errors import DomainError, NotAllowed
from facilitator.core.models import Event, Participant
from facilitator.delivery.services import services
from facilitator.delivery import cluster, handlers, rooms, socketio
from facilitator.delivery.auth import COHOST, FACILITATOR, PARTICIPANT, Actor
from facilitator.delivery.handling import Reply, action, grouped_action
from facilitator.delivery.payloads import CLIENT_ID, EVENT_CODE, Bool, Choice, Int, IntList, Obj, Schema, Text

log = logging.getLogger(__name__)

ID = Int(1, 2**31 - 1, required=True)
OPTIONAL_ID = Int(1, 2**31 - 1)


# --- table rooms --------------------------------------------------------------


TABLE = "table"  # the kind of room, in Actor.extra_rooms


def _table_rooms_on_connect(s, event: Event, person: Participant) -> dict[str, str]:
    """The table room of a phone that connects while seated in a café."""
    current = next((a for a in event.activities if a.id == event.current_activity_id), None)
    if current is None or current.kind != cafe.KIND:
        return {}
    try:
        seat = cafe.seat_of(s, cafe.current_cafe(event), person.id)
    except DomainError:
        return {}
    return {TABLE: rooms.table(event.id, seat.table_id)} if seat else {}


handlers.CONNECT_HOOKS.append(_table_rooms_on_connect)


def _move_to_table_room(sid: str, room: str) -> None:
    """Leave the phone's old table room (only that one) and enter ``room``.

    At 2,000 phones and 250 tables, leaving every table room for every phone
    was half a million calls on a round change; the connection knows its table.
    """
    server = socketio.server
    actor = services().connections.get(sid)
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
    server = socketio.server
    for pid, table_id in where:
        wanted = rooms.table(event_id, table_id)
        for sid, _eio in list(server.manager.get_participants("/", rooms.participant(pid))):
            _move_to_table_room(sid, wanted)


def _join_my_table(s, act, pid: int):
    seat = cafe.seat_of(s, act, pid)
    room = rooms.table(act.event_id, seat.table_id) if seat else None
    sid = request.sid

    def join():
        if room:
            _move_to_table_room(sid, room)

    return join


# --- helpers ------------------------------------------------------------------


def _me(s, actor: Actor) -> tuple[Event, Participant]:
    person = participants.still_in_event(s, actor.participant_id)
    return person.event, person


# Who runs the rounds: the console, and a co-host's phone (core/cohost.py).
LEADS = (FACILITATOR, COHOST)


def _cafe(s, cmd):
    event = events.get_by_code(s, cmd.event)
    return event, cafe.current_cafe(event)


# --- the facilitator: setting up and running rounds ---------------------------


@action(
    "cafe.setup",
    roles=FACILITATOR,
    schema=Schema(event=EVENT_CODE, config=Obj(max_chars=40000, required=True)),
)
def cafe_setup(s, actor: Actor, cmd):
    """Set the café's tables, rounds (questions, minutes) and whether anyone may add cards."""
    _, act = _cafe(s, cmd)
    changes, reseated = cafe.setup(s, act, cmd.config)
    return Reply({"reseated": True} if reseated else {}, [changes])


@action(
    "cafe.host",
    roles=FACILITATOR,
    schema=Schema(event=EVENT_CODE, table=ID, participant=OPTIONAL_ID),
)
def cafe_host(s, actor: Actor, cmd):
    """Pick a table's host (or none): between rounds the coming round is seated again at once."""
    _, act = _cafe(s, cmd)
    changes, applies = cafe.set_host(s, act, cmd.table, cmd.participant)
    return Reply({"applies": applies}, [changes], after=_rerooms(s, act) if applies == "now" else None)


@action(
    "cafe.link",
    roles=FACILITATOR,
    schema=Schema(event=EVENT_CODE, a=ID, b=ID, together=Bool(default=True)),
)
def cafe_link(s, actor: Actor, cmd):
    """Keep two people at the same table (a person and their supporter), or let them part."""
    _, act = _cafe(s, cmd)
    return cafe.link(s, act, cmd.a, cmd.b, cmd.together)


@action(
    "cafe.apart",
    roles=FACILITATOR,
    schema=Schema(event=EVENT_CODE, a=ID, b=ID, apart=Bool(default=True)),
)
def cafe_apart(s, actor: Actor, cmd):
    """Never seat two people at the same table (or let them meet again)."""
    _, act = _cafe(s, cmd)
    return cafe.keep_apart(s, act, cmd.a, cmd.b, cmd.apart)


@action(
    "cafe.stay",
    roles=FACILITATOR,
    schema=Schema(event=EVENT_CODE, participant=ID, table=OPTIONAL_ID, stay=Bool(default=True)),
)
def cafe_stay(s, actor: Actor, cmd):
    """Keep someone at one table all event (they cannot move easily), or let them travel."""
    _, act = _cafe(s, cmd)
    return cafe.stay(s, act, cmd.participant, cmd.stay, cmd.table)


@action("cafe.seat", roles=LEADS, schema=Schema(event=EVENT_CODE))
def cafe_seat(s, actor: Actor, cmd):
    """Seat everyone for the coming round (again, if it has not started)."""
    _, act = _cafe(s, cmd)
    changes = cafe.seat_round(s, act)
    return Reply({"repeats": cafe.focus_round(s, act).repeats}, [changes], after=_rerooms(s, act))


@action("cafe.seat_late", roles=LEADS, schema=Schema(event=EVENT_CODE))
def cafe_seat_late(s, actor: Actor, cmd):
    """Seat everyone here who has no table yet, each at the smallest table."""
    _, act = _cafe(s, cmd)
    changes = cafe.seat_everyone_late(s, act)
    return Reply({}, [changes], after=_rerooms(s, act))


@action("cafe.round.start", roles=LEADS, schema=Schema(event=EVENT_CODE))
def cafe_round_start(s, actor: Actor, cmd):
    """Start the coming round's timer (seating it first if needed)."""
    _, act = _cafe(s, cmd)
    changes = cafe.start_round(s, act)
    return Reply({"round": cafe.focus_round(s, act).number}, [changes], after=_rerooms(s, act))


@action("cafe.round.pause", roles=LEADS, schema=Schema(event=EVENT_CODE))
def cafe_round_pause(s, actor: Actor, cmd):
    """Pause the round's timer."""
    _, act = _cafe(s, cmd)
    return cafe.pause_round(s, act)


@action("cafe.round.resume", roles=LEADS, schema=Schema(event=EVENT_CODE))
def cafe_round_resume(s, actor: Actor, cmd):
    """Carry on with a paused round."""
    _, act = _cafe(s, cmd)
    return cafe.resume_round(s, act)


@action("cafe.round.extend", roles=LEADS, schema=Schema(event=EVENT_CODE, minutes=Int(1, 60, default=5)))
def cafe_round_extend(s, actor: Actor, cmd):
    """Give the round more minutes (5 unless said)."""
    _, act = _cafe(s, cmd)
    return cafe.extend_round(s, act, cmd.minutes)


@action("cafe.round.end", roles=LEADS, schema=Schema(event=EVENT_CODE))
def cafe_round_end(s, actor: Actor, cmd):
    """End the round now; the next one is seated so phones show where to go."""
    _, act = _cafe(s, cmd)
    changes = cafe.end_round(s, act)
    return Reply({}, [changes], after=_rerooms(s, act))


# --- the phone: hosting and finding a seat ------------------------------------


@action("cafe.volunteer", roles=PARTICIPANT, schema=Schema(host=Bool(required=True)))
def cafe_volunteer(s, actor: Actor, cmd):
    """Offer to host a table (or take the offer back)."""
    event, person = _me(s, actor)
    return cafe.volunteer(s, cafe.current_cafe(event), person, cmd.host)


@action("cafe.seat_me", roles=PARTICIPANT, schema=Schema())
def cafe_seat_me(s, actor: Actor, cmd):
    """A phone that arrives (or comes back) after the seating asks for a table."""
    event, person = _me(s, actor)
    act = cafe.current_cafe(event)
    changes = cafe.seat_late(s, act, person)
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
    event, person = _me(s, actor)
    return essences.write(s, cafe.current_cafe(event), person, cmd.round, cmd.essence, cmd.next_question)


# --- cards --------------------------------------------------------------------


CARD_TEXT = Text(board.CARD_MAX, required=True, min_len=1)
TAG = Choice("", *board.TAGS, default=None)


@grouped_action(
    "card.add",
    roles=PARTICIPANT,
    schema=Schema(text=CARD_TEXT, tag=TAG, theme=OPTIONAL_ID, on_behalf=OPTIONAL_ID, table=OPTIONAL_ID,
                  round=Int(1, 1000), cid=CLIENT_ID),
    limited=True,
)
def card_add(s, requests: list[tuple[Actor, dict]]):
    """Add an insight card for your table (hosts; anyone if the facilitator allows)."""
    # A burst of cards from many tables is handled as one group (facilitator.grouping).
    people = participants.still_in_event_many(s, [actor.participant_id for actor, _ in requests])
    out: list = [NotAllowed("You are no longer in this event.")] * len(requests)
    by_event: dict[int, list[int]] = {}
    for i, (actor, _) in enumerate(requests):
        if actor.participant_id in people:
            by_event.setdefault(people[actor.participant_id].event_id, []).append(i)
    for indices in by_event.values():
        event = people[requests[indices[0]][0].participant_id].event
        posted = board.add_cards(s, event, [(people[requests[i][0].participant_id], _new_card(requests[i][1])) for i in indices])
        for i, result in zip(indices, posted):
            out[i] = result if isinstance(result, DomainError) else Reply(
                {"id": result.card_id, "repeated": False}, [result.changes]
            )
    return out


def _new_card(cmd) -> board.NewCard:
    return board.NewCard(cmd.text, cmd.tag, cmd.theme, cmd.on_behalf, cmd.table, cmd.round)


@action(
    "card.edit",
    roles=PARTICIPANT,
    schema=Schema(card=ID, text=CARD_TEXT, tag=TAG, theme=OPTIONAL_ID),
    limited=True,
)
def card_edit(s, actor: Actor, cmd):
    """Change a card you wrote (or, as host, one of your table's cards)."""
    event, person = _me(s, actor)
    return board.edit_card(s, event, person, cmd.card, cmd.text, cmd.tag, cmd.theme)


@action("card.withdraw", roles=PARTICIPANT, schema=Schema(card=ID))
def card_withdraw(s, actor: Actor, cmd):
    """Take back a card you wrote."""
    event, person = _me(s, actor)
    return board.withdraw_card(s, event, person, cmd.card)


# --- the facilitator's board --------------------------------------------------


def _event(s, cmd) -> Event:
    return events.get_by_code(s, cmd.event)


@action("theme.create", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, name=Text(board.THEME_MAX, required=True, min_len=1)))
def theme_create(s, actor: Actor, cmd):
    """Start a theme on the board."""
    theme, changes = board.create_theme(s, _event(s, cmd), cmd.name)
    return Reply({"id": theme.id}, [changes])


@action("theme.rename", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, theme=ID, name=Text(board.THEME_MAX, required=True, min_len=1)))
def theme_rename(s, actor: Actor, cmd):
    """Rename a theme."""
    return board.rename_theme(s, _event(s, cmd), cmd.theme, cmd.name)


@action("theme.delete", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, theme=ID))
def theme_delete(s, actor: Actor, cmd):
    """Remove a theme; its cards stay on the board."""
    return board.delete_theme(s, _event(s, cmd), cmd.theme)


@action("card.theme", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, card=ID, theme=OPTIONAL_ID))
def card_theme(s, actor: Actor, cmd):
    """Put a card in a theme (or take it out)."""
    return board.assign_theme(s, _event(s, cmd), cmd.card, cmd.theme)


@action("cards.theme", roles=FACILITATOR,
        schema=Schema(event=EVENT_CODE, cards=IntList(board.BATCH_MAX, 1, 2**31 - 1, required=True), theme=OPTIONAL_ID))
def cards_theme(s, actor: Actor, cmd):
    """Put several cards in one theme (or take them out) in one step."""
    return board.assign_themes(s, _event(s, cmd), cmd.cards, cmd.theme)


@action("card.unmerge", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, card=ID))
def card_unmerge(s, actor: Actor, cmd):
    """Split a merged card back out onto the board."""
    return board.unmerge_card(s, _event(s, cmd), cmd.card)


@action("card.merge", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, card=ID, into=ID))
def card_merge(s, actor: Actor, cmd):
    """Merge a duplicate card into another."""
    return board.merge_cards(s, _event(s, cmd), cmd.card, cmd.into)


@action("card.hide", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, card=ID, hidden=Bool(default=True)))
def card_hide(s, actor: Actor, cmd):
    """Hide a card from every screen at once (or show it again)."""
    return board.set_hidden(s, _event(s, cmd), cmd.card, cmd.hidden)


@action("card.pin", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, card=ID, pinned=Bool(default=True)))
def card_pin(s, actor: Actor, cmd):
    """Pin a card to discuss (or unpin it)."""
    return board.set_pinned(s, _event(s, cmd), cmd.card, cmd.pinned)


@action("board.group", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, by=Choice(*board.GROUPINGS, required=True)))
def board_group(s, actor: Actor, cmd):
    """Group the big screen's board by table, round, theme or votes."""
    return board.set_grouping(s, _event(s, cmd), cmd.by)


@action("vote.open", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, dots=Int(1, board.MAX_DOTS, default=3)))
def vote_open(s, actor: Actor, cmd):
    """Open a dot vote: everyone gets ``dots`` dots to spend."""
    return board.open_vote(s, _event(s, cmd), cmd.dots)


@action("vote.close", roles=FACILITATOR, schema=Schema(event=EVENT_CODE))
def vote_close(s, actor: Actor, cmd):
    """Close the vote; the results stay on the board."""
    return board.close_vote(s, _event(s, cmd))


# --- the phone: dots ----------------------------------------------------------


@action("vote.add", roles=PARTICIPANT, schema=Schema(card=OPTIONAL_ID, theme=OPTIONAL_ID, cid=CLIENT_ID), limited=True)
def vote_add(s, actor: Actor, cmd):
    """Put one of your dots on a card or a theme."""
    event, person = _me(s, actor)
    return board.add_dot(s, event, person, cmd.card, cmd.theme)


@action("vote.remove", roles=PARTICIPANT, schema=Schema(card=OPTIONAL_ID, theme=OPTIONAL_ID, cid=CLIENT_ID), limited=True)
def vote_remove(s, actor: Actor, cmd):
    """Take one of your dots back."""
    event, person = _me(s, actor)
    return board.remove_dot(s, event, person, cmd.card, cmd.theme)
