"""The big screen's link: the screen is opened from the console, not with the event code.

The event code is printed on the screen and in every photo of it, so it
opens the join page and nothing more. A big screen connects with the secret
in its link, ``/e/<CODE>/screen#key=<secret>``, which the console shows.

The secret is not stored anywhere: it is an HMAC of the event and its
``screen_nonce`` under the data folder's ``links.key``. So a copy of the
database or an archive opens no screen; the console can show the current
link at any time (the facilitator opens the screen whenever the projector
is plugged in, from any console); and a new nonce (:func:`rotate`) shuts
every earlier link out. A restored event gets a new nonce, so a new link.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

from sqlalchemy.orm import Session

from facilitator.core.models import Event
from facilitator.core.models import new_screen_nonce
from facilitator.core.outbound import Changes

SECRET_MAX = 200


def signed(purpose: str, event: Event, nonce: str, key: str) -> str:
    """A link's secret: an HMAC of what it opens (``purpose``), the event and the link's nonce.
    The co-host link (core/cohost.py) is made the same way, for another purpose."""
    message = f"{purpose}\0{event.id}\0{event.code}\0{nonce}".encode()
    digest = hmac.new(key.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode().rstrip("=")


def matches(current: str | None, candidate: Any) -> bool:
    """Whether what a client sent is this link's secret (in constant time)."""
    if current is None or not isinstance(candidate, str) or not candidate or len(candidate) > SECRET_MAX:
        return False
    return hmac.compare_digest(current.encode(), candidate.encode())


def secret(event: Event, key: str) -> str:
    """The secret of this event's screen link now."""
    return signed("screen", event, event.screen_nonce, key)


def is_secret(event: Event, key: str, candidate: Any) -> bool:
    return matches(secret(event, key), candidate)


def link_path(event: Event, key: str) -> str:
    """The screen link's path, its secret in the fragment: browsers never send it, so no log holds it."""
    return f"/e/{event.code}/screen#key={secret(event, key)}"


def rotate(s: Session, event: Event) -> Changes:
    """A new screen link for this event; every earlier one stops working."""
    event.screen_nonce = new_screen_nonce()
    return Changes(event.id, console=True)
