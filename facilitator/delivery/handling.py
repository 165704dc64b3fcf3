"""The one shape every Socket.IO action has: authorise, validate, do, commit, tell.

An action is declared with :func:`action`; its function receives a database
session, the :class:`Actor` and the parsed payload, calls the domain and
returns a :class:`Reply`. The wrapper commits, and only after the commit
publishes the changes and acknowledges the sender. Anything refused comes
back to the sender alone as ``{"ok": false, "error": ..., "code": ...}``.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from flask import request

from facilitator.core import codes
from facilitator.core.errors import DomainError, NotAllowed
from facilitator import i18n
from facilitator.i18n import N_, refusal
from facilitator.core.group_agreement import BEFORE_AGREEMENT
from sqlalchemy import bindparam, insert, select

from facilitator.core.outbound import Changes
from facilitator.core.rows import DriverStatement
from facilitator.core.models import Event, utcnow
from facilitator.delivery.models import HandledMessage
from facilitator.delivery.services import services
from facilitator import grouping
from facilitator.delivery import socketio
from facilitator.delivery.auth import COHOST, PARTICIPANT, Actor, require
from facilitator.delivery.payloads import Schema
from facilitator.delivery.publish import publish

log = logging.getLogger(__name__)
# An action slower than this is worth a line in the log: phones wait for it.
SLOW_ACTION_MS = 1000


@dataclass
class Reply:
    data: dict[str, Any] = field(default_factory=dict)
    changes: list[Changes] = field(default_factory=list)
    # Runs after the changes are published (e.g. disconnect someone removed).
    after: Callable[[], None] | None = None


@dataclass(frozen=True)
class ActionSpec:
    name: str
    roles: tuple[str, ...]
    schema: Schema
    limited: bool
    doc: str
    grouped: bool = False


# Every action, for docs/protocol.md and the authorization tests.
ACTIONS: dict[str, ActionSpec] = {}


SERVER_ERROR = {"ok": False, "error": N_("Something went wrong on the server; nothing was changed."), "code": "server_error"}


def action(name: str, *, roles: tuple[str, ...] | str, schema: Schema, limited: bool = False):
    """Declare a Socket.IO action. ``limited`` adds the posting rate limit."""
    return _declare(name, roles, schema, limited, grouped=False)


def grouped_action(name: str, *, roles: tuple[str, ...] | str, schema: Schema, limited: bool = False):
    """Declare an action whose requests, when they arrive together, are handled as one group.

    The function receives the session and a list of ``(actor, cmd)`` and
    returns, for each in order, what an action returns (a :class:`Reply`,
    :class:`Changes` or None) or the :class:`DomainError` that refused it; a
    refused request must write nothing. Everything else (who may send it,
    its payload, the posting limit, a repeated client id, publishing after
    the commit) is as for :func:`action`. See :mod:`facilitator.grouping`.
    """
    return _declare(name, roles, schema, limited, grouped=True)


def _declare(name: str, roles: tuple[str, ...] | str, schema: Schema, limited: bool, *, grouped: bool):
    roles = (roles,) if isinstance(roles, str) else tuple(roles)

    def decorate(fn: Callable[..., Any]):
        ACTIONS[name] = ActionSpec(name, roles, schema, limited, (fn.__doc__ or "").strip(), grouped)

        def handler(data=None):
            svc = services()
            actor = svc.connections.get(request.sid)
            started = time.monotonic()
            try:
                actor = require(actor, *roles)
                if actor.role == PARTICIPANT and actor.gated and name not in BEFORE_AGREEMENT:
                    raise NotAllowed(N_("Please read and accept the group agreement first."))
                cmd = schema.parse(data)
                if actor.role == COHOST:
                    _own_event_only(actor, cmd)
                spend = (lambda key=_poster(actor): svc.post_limiter.hit(key)) if limited else None
                if grouped:
                    reply = _in_group(svc, name, fn, _Pending(actor, cmd, spend))
                else:
                    with svc.db.session_scope() as s:
                        if actor.role == COHOST:
                            _link_still_open(s, actor)
                        reply = _once(s, name, actor, cmd, fn, spend)
            except DomainError as exc:
                # The same code for scripts; the sentence in the asker's language.
                return {"ok": False, "error": refusal(getattr(actor, "language", None), exc), "code": exc.code}
            except Exception:  # a bug: the transaction rolled back, say so plainly
                log.exception("action %s failed", name)
                return _server_error(actor)
            if reply is None:
                return _server_error(actor)
            publish(reply.changes)
            if reply.after is not None:
                reply.after()
            elapsed_ms = (time.monotonic() - started) * 1000
            if elapsed_ms > SLOW_ACTION_MS:
                log.warning("action %s took %.0f ms", name, elapsed_ms)
            return {"ok": True, **reply.data}

        handler.__name__ = f"on_{name.replace('.', '_')}"
        socketio.on_event(name, handler)
        return fn

    return decorate


def _server_error(actor) -> dict[str, Any]:
    return {**SERVER_ERROR, "error": i18n.gettext(getattr(actor, "language", None), SERVER_ERROR["error"])}


def _own_event_only(actor: Actor, cmd) -> None:
    """A co-host link opens one event: an action that names another is refused."""
    named = cmd.get("event")
    if named is not None and codes.normalise(named) != actor.event_code:
        raise NotAllowed(N_("This co-host link is for another event."))


def _link_still_open(s, actor: Actor) -> None:
    """A co-host's link was withdrawn or replaced: its phone is closed just after the commit,
    and anything it sends meanwhile (or from another process) is refused, in the same transaction."""
    event = s.get(Event, actor.event_id)
    if event is None or event.cohost_nonce is None or event.cohost_nonce != actor.link_nonce:
        raise NotAllowed(N_("The facilitator has withdrawn this co-host link. Ask them for a new one if you are still co-hosting."))


def _poster(actor: Actor) -> tuple:
    """Whose posting allowance an action spends: a person's, however many connections they open."""
    if actor.role == PARTICIPANT:
        return ("participant", actor.participant_id)
    return ("connection", actor.sid)


# --- grouped actions ------------------------------------------------------------


@dataclass(eq=False)
class _Pending:
    actor: Actor
    cmd: Any
    spend: Callable[[], None] | None


def _in_group(svc, name: str, fn, pending: _Pending) -> Reply | None:
    """Handle this request in a group with the same action's others; its Reply, or raise its refusal."""
    outcome = grouping.together(svc.combiners, name, pending, lambda items: _handle_items(svc, name, fn, items))
    if isinstance(outcome, DomainError):
        raise outcome
    return outcome  # None only if the group failed unexpectedly (logged)


def _handle_group(svc, name: str, fn, group: list[grouping.Request]) -> None:
    grouping.handle(group, lambda items: _handle_items(svc, name, fn, items), name)


def _handle_items(svc, name: str, fn, items: list[_Pending]) -> list[Reply | DomainError]:
    # On a connection: a grouped action mostly runs prebuilt statements (a card: its author,
    # its seat, the repeated-message check, the card, its record), and a session is made
    # only if it asks for one.
    with svc.db.unit_scope() as s:
        return _once_each(s, name, fn, items)


def _once_each(s, name: str, fn, items: list[_Pending]) -> list[Reply | DomainError]:
    """:func:`_once` for a group: one read of the repeated client ids, one write of the new ones."""
    outcomes: list[Reply | DomainError | None] = [None] * len(items)
    seen = _seen(s, [(it.actor.participant_id, cid) for it in items if (cid := _client_id(it.actor, it.cmd))])
    first: dict[tuple[int, str], int] = {}  # the same message twice in one group: once
    twins: dict[int, int] = {}
    fresh: list[int] = []
    for i, it in enumerate(items):
        cid = _client_id(it.actor, it.cmd)
        if cid:
            key = (it.actor.participant_id, cid)
            if key in seen:
                action_name, reply = seen[key]
                outcomes[i] = (
                    Reply({**reply, "repeated": True}) if action_name == name
                    else DomainError(N_("That message id was already used for something else."), code="conflict")
                )
                continue
            if key in first:
                twins[i] = first[key]
                continue
            first[key] = i
        if it.spend is not None:
            try:
                it.spend()
            except DomainError as exc:
                outcomes[i] = exc
                continue
        fresh.append(i)
    results = fn(s, [(items[i].actor, items[i].cmd) for i in fresh]) if fresh else []
    records = []
    for i, result in zip(fresh, results):
        outcome = result if isinstance(result, DomainError) else _as_reply(result)
        outcomes[i] = outcome
        cid = _client_id(items[i].actor, items[i].cmd)
        if cid and isinstance(outcome, Reply):
            records.append(_record_row(name, items[i].actor, cid, outcome.data))
    if len(records) == 1:
        _RECORD_ONE.rows(s, records[0])
    elif records:
        s.connection().execute(_RECORD, records)
    for i, j in twins.items():
        twin = outcomes[j]
        outcomes[i] = Reply({**twin.data, "repeated": True}) if isinstance(twin, Reply) else twin
    return outcomes


def _client_id(actor: Actor, cmd) -> str | None:
    return cmd.get("cid") if actor.role == PARTICIPANT else None


# Built once: every phone action with a client id runs both (a card burst is
# 250 a second), and a prebuilt Core statement skips the ORM's per-query work.
_HANDLED = select(HandledMessage.participant_id, HandledMessage.client_id, HandledMessage.action, HandledMessage.reply)
_SEEN = _HANDLED.where(
    HandledMessage.participant_id.in_(bindparam("people", expanding=True)),
    HandledMessage.client_id.in_(bindparam("client_ids", expanding=True)),
)
# A group of one (most of them: a card posted while the room is calm), without the list
# parameters whose SQL is rewritten at each execution, and handed to SQLite's driver as it is.
_SEEN_ONE = DriverStatement(
    _HANDLED.where(HandledMessage.participant_id == bindparam("person"), HandledMessage.client_id == bindparam("client_id")),
    ("person", "client_id"),
)
_RECORD = insert(HandledMessage)
_RECORD_ONE = DriverStatement(insert(HandledMessage.__table__), ("participant_id", "client_id", "action", "reply", "handled_at"))


def _seen(s, keys: list[tuple[int, str]]) -> dict[tuple[int, str], tuple[str, dict]]:
    """(participant, client id) -> (action, first reply), for the messages already handled."""
    if not keys:
        return {}
    if len(keys) == 1:
        rows = _SEEN_ONE.rows(s, {"person": keys[0][0], "client_id": keys[0][1]})
    else:
        rows = s.connection().execute(
            _SEEN, {"people": sorted({p for p, _ in keys}), "client_ids": sorted({c for _, c in keys})}
        )
    wanted = set(keys)
    return {(person, cid): (action, reply) for person, cid, action, reply in rows if (person, cid) in wanted}


def _record_row(name: str, actor: Actor, cid: str, reply: dict[str, Any]) -> dict[str, Any]:
    return {"participant_id": actor.participant_id, "client_id": cid, "action": name, "reply": reply, "handled_at": utcnow()}


def _once(s, name: str, actor: Actor, cmd, fn, spend: Callable[[], None] | None = None) -> Reply:
    """Run the action, unless this phone already sent this very message.

    A participant's message that carries a client id (``cid``) is handled
    once: a retry (the acknowledgement was lost, the phone reconnected and
    sent it again) gets the first reply back and changes nothing. Checked
    under the writer, since the same message may arrive twice at once (two
    connections of one phone).

    ``spend`` takes a post from the posting limit (it raises when there is
    none left). A phone replaying its outbox after a reconnect resends what
    was saved but never acknowledged: that is answered from the stored reply
    before anything is spent, so it can never come back refused.
    """
    outcome = _once_each(s, name, lambda s, requests: [fn(s, *requests[0])], [_Pending(actor, cmd, spend)])[0]
    if isinstance(outcome, DomainError):
        raise outcome
    return outcome


def _as_reply(result) -> Reply:
    if result is None:
        return Reply()
    if isinstance(result, Changes):
        return Reply(changes=[result])
    return result
