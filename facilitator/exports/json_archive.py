"""The JSON archive: everything needed to restore the event exactly, elsewhere.

Unlike the other formats it is a backup, not a report: it holds hidden and
withdrawn cards, who answered a pulse (never what), and the hashes of the
phones' keys so that people's phones reconnect after a restore. Keep it as
safe as the database itself. What people kept to themselves (pledges, goals
and questions not shared) it leaves out: that never leaves the event. So are
the links' secrets (a restored event makes a new screen link and clinician
link) and the record of handled messages, which says who sent what.
"""
from __future__ import annotations

import json

from sqlalchemy.orm import Session

from ..domain import archive
from ..models import Event


def render(s: Session, event: Event) -> bytes:
    return write(archive.document(s, event))


def write(doc: dict) -> bytes:
    """The archive document as the file's bytes."""
    return archive.dumps(doc).encode("utf-8")


def parse(data: bytes | str):
    """The archive document in a file, or an ArchiveError a person can act on."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        return json.loads(text)
    except (UnicodeDecodeError, ValueError) as exc:
        raise archive.ArchiveError(
            f"This file is not a Circle & Café archive: it is not JSON text ({exc.__class__.__name__}). Nothing was changed."
        ) from None
