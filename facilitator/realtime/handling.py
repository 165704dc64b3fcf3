"""The one shape every Socket.IO action has: authorise, validate, do, commit, tell.

An action is declared with :func:`action`; its function receives a database
session, the :class:`Actor` and the parsed payload, calls the domain and
returns a :class:`Reply`. The wrapper commits, and only after the commit
publishes the changes and acknowledges the sender. Anything refused comes
back to the sender alone as ``{"ok": false, "error": ..., "code": ...}``.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Callable

from flask import request

from ..domain.errors import DomainError, NotAllowed
from sqlalchemy import bindparam, insert, select

from ..domain.outbound import Changes
from ..models import HandledMessage, utcnow
from ..services import services
from . import socketio
from .auth import PARTICIPANT, Actor, require
from .payloads import Schema
from .publish import publish

log = logging.getLogger(__name__)


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


# Every action, for docs/protocol.md and the authorization tests.
ACTIONS: dict[str, ActionSpec] = {}

# What a person may do before accepting the event's group agreement.
BEFORE_AGREEMENT = {"agreement.accept", "me.update", "sync"}


def action(name: str, *, roles: tuple[str, ...] | str, schema: Schema, limited: bool = False):
    """Declare a Socket.IO action. ``limited`` adds the posting rate limit."""
    roles = (roles,) if isinstance(roles, str) else tuple(roles)

    def decorate(fn: Callable[[Any, Actor, Any], Reply | Changes | None]):
        ACTIONS[name] = ActionSpec(name, roles, schema, limited, (fn.__doc__ or "").strip())

        def handler(data=None):
            svc = services()
            actor = svc.connections.get(request.sid)
            try:
                svc.message_limiter.hit(request.sid)
                actor = require(actor, *roles)
                if actor.role == PARTICIPANT and actor.gated and name not in BEFORE_AGREEMENT:
                    raise NotAllowed("Please read and accept the group agreement first.")
                cmd = schema.parse(data)
                spend = (lambda sid=request.sid: svc.post_limiter.hit((sid, "post"))) if limited else None
                with svc.db.session_scope() as s:
                    reply = _once(s, name, actor, cmd, fn, spend)
            except DomainError as exc:
                return {"ok": False, "error": str(exc), "code": exc.code}
            except Exception:  # a bug: the transaction rolled back, say so plainly
                log.exception("action %s failed", name)
                return {"ok": False, "error": "Something went wrong on the server; nothing was changed.", "code": "server_error"}
            publish(reply.changes)
            if reply.after is not None:
                reply.after()
            return {"ok": True, **reply.data}

        handler.__name__ = f"on_{name.replace('.', '_')}"
        socketio.on_event(name, handler)
        return fn

    return decorate


def _client_id(actor: Actor, cmd) -> str | None:
    return cmd.get("cid") if actor.role == PARTICIPANT else None


# Built once: every phone action with a client id runs both (a card burst is
# 250 a second), and a prebuilt Core statement skips the ORM's per-query work.
_SEEN = select(HandledMessage.action, HandledMessage.reply).where(
    HandledMessage.participant_id == bindparam("participant_id"), HandledMessage.client_id == bindparam("client_id")
)
_RECORD = insert(HandledMessage)


def _seen(s, name: str, actor: Actor, cid: str) -> dict[str, Any] | None:
    """The first reply to this participant's message ``cid``, marked repeated, if it was handled."""
    seen = s.connection().execute(_SEEN, {"participant_id": actor.participant_id, "client_id": cid}).first()
    if seen is None:
        return None
    if seen.action != name:
        raise DomainError("That message id was already used for something else.", code="conflict")
    return {**seen.reply, "repeated": True}


def _record(s, name: str, actor: Actor, cid: str, reply: dict[str, Any]) -> None:
    s.connection().execute(
        _RECORD,
        {"participant_id": actor.participant_id, "client_id": cid, "action": name, "reply": reply, "handled_at": utcnow()},
    )


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
    cid = _client_id(actor, cmd)
    if cid:
        repeat = _seen(s, name, actor, cid)
        if repeat is not None:
            return Reply(repeat)
    if spend is not None:
        spend()
    reply = _as_reply(fn(s, actor, cmd))
    if cid:
        _record(s, name, actor, cid, reply.data)
    return reply


def _as_reply(result) -> Reply:
    if result is None:
        return Reply()
    if isinstance(result, Changes):
        return Reply(changes=[result])
    return result
