"""The clinician's link: a secret per event, of which only the hash is stored."""
from __future__ import annotations

import hmac
import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.core.models import Event, utcnow
from facilitator.activities.consultation.models import ClinicianKey
from facilitator.core.outbound import Changes
from facilitator.core.participants import hash_token

SECRET_MAX = 200


def _key(s: Session, event: Event) -> ClinicianKey | None:
    return s.scalar(select(ClinicianKey).where(ClinicianKey.event_id == event.id))


def rotate(s: Session, event: Event) -> tuple[str, Changes]:
    """A new clinician secret for this event, returned this once; the old link stops working."""
    key = _key(s, event)
    if key is None:
        key = ClinicianKey(event_id=event.id, secret_hash="")
        s.add(key)
    secret = secrets.token_urlsafe(24)
    key.secret_hash = hash_token(secret)
    key.created_at = utcnow()
    s.flush()
    return secret, Changes(event.id, console=True)


def is_secret(s: Session, event: Event, candidate: Any) -> bool:
    key = _key(s, event)
    if key is None or not key.secret_hash or not isinstance(candidate, str) or not candidate or len(candidate) > SECRET_MAX:
        return False
    return hmac.compare_digest(key.secret_hash.encode(), hash_token(candidate).encode())


def link_path(event: Event, secret: str) -> str:
    """The clinician link's path, its secret in the fragment (never sent to the server in a URL)."""
    return f"/e/{event.code}/clinician#key={secret}"


def link_made_at(s: Session, event: Event) -> str | None:
    """When the current clinician link was made, or None before one is: the console cannot show the link itself."""
    key = _key(s, event)
    return key.created_at.isoformat() if key is not None else None
