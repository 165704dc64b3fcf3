"""Socket.IO actions for theme suggestions at the harvest: ask, accept, throw away.

Asking answers at once with the ask's number; the grouping runs in a
background task that waits on a process of its own (so the phones are
served meanwhile), with no database transaction open. A new ask stops the
process of the one it replaces; groups are saved only if no later ask
superseded them, and the console hears them as a ``board.suggestions`` delta.
"""
from __future__ import annotations

import json
import logging
import subprocess
import sys

from flask import current_app

from facilitator.activities.board import rules as board, suggest, theme_suggestions
from facilitator.delivery.services import services
from facilitator.delivery import socketio
from facilitator.delivery.auth import FACILITATOR, Actor
from facilitator.delivery.handling import Reply, action
from facilitator.delivery.lookup import named_event
from facilitator.delivery.payloads import EVENT_CODE, Int, IntList, Schema, Text
from facilitator.delivery.publish import publish

log = logging.getLogger(__name__)

ID = Int(1, 2**31 - 1, required=True)
OPTIONAL_ID = Int(1, 2**31 - 1)
# 2,000 cards take seconds; far longer means something is wrong: the console is told.
TIMEOUT_S = 300


# The grouping running for each event, so that a new ask stops the one it replaces.
# Only processes: what was asked and found is in the database.
_RUNNING: dict[int, subprocess.Popen] = {}


def _group_apart(ask: theme_suggestions.Ask) -> tuple[suggest.Suggestions, str] | None:
    """The grouping in a process of its own; None when a later ask stopped it.

    Pure Python in a thread would hold the interpreter's lock and starve the
    event loop (measured: stalls of 300 to 500 ms at 2,000 cards). eventlet
    and gevent make ``subprocess`` cooperative, so waiting here blocks nothing.
    """
    proc = subprocess.Popen([sys.executable, "-I", suggest.__file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")
    earlier, _RUNNING[ask.event_id] = _RUNNING.get(ask.event_id), proc
    if earlier is not None and earlier.poll() is None:
        earlier.kill()
    try:
        out, err = proc.communicate(json.dumps({"cards": ask.cards, "avoid": ask.avoid}), timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise
    finally:
        if _RUNNING.get(ask.event_id) is proc:
            del _RUNNING[ask.event_id]
    if proc.returncode != 0:
        if proc.returncode < 0 and _RUNNING.get(ask.event_id) is not proc:
            return None  # stopped by a later ask
        raise RuntimeError(f"the grouping exited with {proc.returncode}: {err[-500:]}")
    data = json.loads(out)
    return suggest.from_json(data), data.get("method", "words")


def _group_in_background(ask: theme_suggestions.Ask):
    app = current_app._get_current_object()

    def run():
        with app.app_context():
            db = services().db
            try:
                found = _group_apart(ask)
            except Exception:  # a bug or a timeout: say so on the console, change nothing
                log.exception("theme suggestions failed (ask %d, %d cards)", ask.number, len(ask.cards))
                with db.session_scope() as s:
                    changes = theme_suggestions.give_up(s, ask)
                publish(changes)
                return
            if found is None:
                log.info("theme suggestions of ask %d stopped: a later ask replaced it", ask.number)
                return
            with db.session_scope() as s:
                changes = theme_suggestions.save_proposals(s, ask, *found)
            if changes is None:
                log.info("theme suggestions of ask %d dropped: a later ask replaced it", ask.number)
            publish(changes)

    return lambda: socketio.start_background_task(run)


@action("suggest.ask", roles=FACILITATOR, schema=Schema(event=EVENT_CODE))
def suggest_ask(s, actor: Actor, cmd):
    """Ask for theme suggestions for the cards without a theme; they reach the console when ready (a new ask replaces an earlier one)."""
    ask = theme_suggestions.begin_ask(s, named_event(s, cmd))
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
        s, named_event(s, cmd), cmd.suggestion, theme_id=cmd.theme, name=cmd.name, card_ids=cmd.cards
    )
    return Reply({"theme": theme_id}, [changes])


@action("suggest.reject", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, suggestion=ID))
def suggest_reject(s, actor: Actor, cmd):
    """Throw a suggested group away; asking again will not propose it again."""
    return theme_suggestions.reject(s, named_event(s, cmd), cmd.suggestion)
