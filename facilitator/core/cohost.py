"""The co-host link: a co-facilitator's phone runs the talking piece, the timer and the café's rounds.

The lead facilitator walks the room while a co-host keeps the round going
from a phone, opened with ``/e/<CODE>/cohost#key=<secret>`` (the console
shows it as a link and a QR code). What a co-host may do is a short list:
move the piece on, pass or finish for the speaker, start, pause and resume
the circle, add time, and start, pause, resume, extend or end a café round
(and seat it). Never the agenda, the people, the board, the exports or any
link: those stay with the console (``delivery/handling.py`` checks roles).

Made like the big screen's link (core/screens.py): the secret is an HMAC
of the event and its ``cohost_nonce`` under the data folder's ``links.key``,
so nothing stored opens it (a copy of the database or an archive opens no
co-host page) and the console can show it again at any time. The console's
own secret is another file: making a new console link leaves this one alone.
A new nonce replaces the link; no nonce (revoked) means no link at all.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from facilitator.core.models import Event
from facilitator.core.models import new_screen_nonce
from facilitator.core.outbound import Changes
from facilitator.core.screens import matches, signed


def secret(event: Event, key: str) -> str | None:
    """The secret of this event's co-host link now, or None when it has none."""
    return signed("cohost", event, event.cohost_nonce, key) if event.cohost_nonce else None


def is_secret(event: Event, key: str, candidate: Any) -> bool:
    return matches(secret(event, key), candidate)


def link_path(event: Event, key: str) -> str | None:
    """The co-host link's path, its secret in the fragment (never sent to the server), or None."""
    current = secret(event, key)
    return f"/e/{event.code}/cohost#key={current}" if current else None


def make_link(s: Session, event: Event) -> Changes:
    """A co-host link for this event; an earlier one stops working."""
    event.cohost_nonce = new_screen_nonce()
    return Changes(event.id, console=True)


def revoke(s: Session, event: Event) -> Changes:
    """No co-host link any more: the one handed out opens nothing."""
    event.cohost_nonce = None
    return Changes(event.id, console=True)
