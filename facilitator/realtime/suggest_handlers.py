"""Socket.IO actions for theme suggestions at the harvest: ask, accept, throw away.

Asking answers at once with the ask's number; the grouping runs in a
background task, on a native thread (``off_loop``) so the phones are served
meanwhile, with no database transaction open. Its groups are saved only if
no later ask superseded it, and then the console's view is refreshed.
"""
from __future__ import annotations

import logging

from flask import current_app

from .. import off_loop
from ..domain import board, events, suggest, theme_suggestions
from ..services import services
from . import socketio
from .auth import FACILITATOR, Actor
from .handling import Reply, action
from .payloads import EVENT_CODE, Int, IntList, Schema, Text
from .publish import publish

log = logging.getLogger(__name__)

ID = Int(1, 2**31 - 1, required=True)
OPTIONAL_ID = Int(1, 2**31 - 1)


def _group_in_background(ask: theme_suggestions.Ask):
    app = current_app._get_current_object()

    def run():
        with app.app_context():
            db = services().db
            try:
                found = off_loop.call(lambda: suggest.suggest(ask.cards, avoid=ask.avoid))
            except Exception:  # a bug in the grouping: say so on the console, change nothing
                log.exception("theme suggestions failed (ask %d, %d cards)", ask.number, len(ask.cards))
                with db.session_scope() as s:
                    changes = theme_suggestions.give_up(s, ask.event_id, ask.number)
                publish(changes)
                return
            with db.session_scope() as s:
                changes = theme_suggestions.save_proposals(s, ask.event_id, ask.number, found)
            if changes is None:
                log.info("theme suggestions of ask %d dropped: a later ask replaced it", ask.number)
            publish(changes)

    return lambda: socketio.start_background_task(run)


@action("suggest.ask", roles=FACILITATOR, schema=Schema(event=EVENT_CODE))
def suggest_ask(s, actor: Actor, cmd):
    """Ask for theme suggestions for the cards without a theme; they reach the console when ready (a new ask replaces an earlier one)."""
    ask = theme_suggestions.begin_ask(s, events.get_by_code(s, cmd.event))
    return Reply({"ask": ask.number, "cards": len(ask.cards)}, [ask.changes], after=_group_in_background(ask))


@action(
    "suggest.accept",
    roles=FACILITATOR,
    schema=Schema(event=EVENT_CODE, suggestion=ID, theme=OPTIONAL_ID, name=Text(board.THEME_MAX, default=""),
                  cards=IntList(board.BATCH_MAX, 1, 2**31 - 1)),
)
def suggest_accept(s, actor: Actor, cmd):
    """Accept a suggested group: its cards (or only ``cards``) go into a new theme (its name, or ``name``) or into ``theme``."""
    theme_id, changes = theme_suggestions.accept(
        s, events.get_by_code(s, cmd.event), cmd.suggestion, theme_id=cmd.theme, name=cmd.name, card_ids=cmd.cards
    )
    return Reply({"theme": theme_id}, [changes])


@action("suggest.reject", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, suggestion=ID))
def suggest_reject(s, actor: Actor, cmd):
    """Throw a suggested group away; asking again will not propose it again."""
    return theme_suggestions.reject(s, events.get_by_code(s, cmd.event), cmd.suggestion)
