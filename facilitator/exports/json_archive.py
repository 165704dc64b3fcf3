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

import os

from sqlalchemy.orm import Session

from facilitator import bounded_json

from facilitator.exports import exact_copy
from facilitator.exports.restore import ARCHIVE_BYTES_MAX, ArchiveError
from facilitator.core.models import Event


def render(s: Session, event: Event) -> bytes:
    return write(exact_copy.document(s, event))


def write(doc: dict) -> bytes:
    """The archive document as the file's bytes."""
    return exact_copy.dumps(doc).encode("utf-8")


def read(path: str | os.PathLike):
    """The archive document in the file at ``path``; one larger than any archive is refused unread."""
    size = os.path.getsize(path)
    if size > ARCHIVE_BYTES_MAX:
        _too_large(size)
    with open(path, "rb") as fh:
        return parse(fh.read(ARCHIVE_BYTES_MAX + 1))


def _too_large(size: int):
    raise ArchiveError(
        f"This file is larger than any Circle & Café archive ({size / 1024 / 1024:,.0f} MB; "
        f"an archive holds at most {ARCHIVE_BYTES_MAX // 1024 // 1024} MB). Nothing was changed."
    )


def parse(data: bytes | str):
    """The archive document in a file, or an ArchiveError a person can act on.

    A file larger than any event's archive is refused before it is decoded:
    decoding is where memory goes (several times the file's size).
    """
    if len(data) > ARCHIVE_BYTES_MAX:
        _too_large(len(data))
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        return bounded_json.loads(text)
    except bounded_json.JSONTooComplex as exc:
        raise ArchiveError(f"This file is not a Circle & Café archive: {exc} Nothing was changed.") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ArchiveError(
            f"This file is not a Circle & Café archive: it is not JSON text ({exc.__class__.__name__}). Nothing was changed."
        ) from None
