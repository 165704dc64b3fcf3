"""Values computed once per read session: a snapshot does not change while it is read."""
from __future__ import annotations

from typing import Callable, TypeVar

from sqlalchemy.orm import Session

T = TypeVar("T")

READ_ONLY = "facilitator.read_only"
MEMO = "facilitator.memo"
SESSION_MEMO = "facilitator.session_memo"

# More people than this in one batch of views (a round change, a reconnect storm):
# what they share is read whole (by its round or event) and picked in Python. A
# list of 2,000 ids in a statement cost more to build than the rows it left out.
FEW = 20


def once_per_read(session: Session, key: tuple, compute: Callable[[], T]) -> T:
    """``compute()`` once per read scope: nothing changes within one snapshot.

    A publish builds the phones', the screen's and the console's views, and
    they share work (the circle's line-up of 2,000 people was read six times
    per move of the talking piece). The phones' views and the watchers' are
    built in two read scopes, one after the other, that share one memo
    (``read_scope(memo=...)``): both show the moment after the same commit.
    In a writing session the data can change under the caller, so nothing is
    kept there. What is kept must be plain values, never ORM objects, since
    it outlives the session that read it.
    """
    return _kept(session, MEMO, key, compute)


def once_per_session(session: Session, key: tuple, compute: Callable[[], T]) -> T:
    """``compute()`` once per read scope's session, for ORM objects (which belong to it).

    :func:`once_per_read` keeps plain values across the phones' and the
    watchers' scopes; the café's round, its rounds and its tables are objects
    of one session, read again by each view a scope builds (at a round change
    the round ten times, the tables five). Kept in the session's ``info``,
    which ends with it (``db.KeptSessions`` empties it); nothing is kept in a
    writing session, where they may change.
    """
    return _kept(session, SESSION_MEMO, key, compute)


def _kept(session: Session, memo_name: str, key: tuple, compute: Callable[[], T]) -> T:
    """``compute()`` once per ``session.info[memo_name]`` in a read scope; every time in a writing session."""
    if not session.info.get(READ_ONLY):
        return compute()
    memo = session.info.setdefault(memo_name, {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]
