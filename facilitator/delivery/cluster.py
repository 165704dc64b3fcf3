"""What the server processes of one deployment share: one process, or several on Redis.

On a laptop there is one process and everything here is plain memory (no
Redis client is loaded). A hosted deployment runs several processes behind
a reverse proxy with ``FACILITATOR_MESSAGE_QUEUE``; then the same calls go
to Redis (``realtime.redis_cluster``), so that:

- rate limits are counted once for everyone (a phone cannot reset them by
  reconnecting to another process);
- an action that reaches people by their connection (disconnect a removed
  person, close the big screens, move phones to their café table) runs on
  every process, each for its own connections (:meth:`Cluster.everywhere`);
- a background task (the retention purge) runs on one process (:meth:`Cluster.once`);
- who is connected stays right when a process dies (its connections are
  counted per process and let go when its lease lapses).

Callers only ever use this interface, as CTFd's event publisher does.
"""
from __future__ import annotations

import logging
from typing import Callable

from facilitator.core import participants
from facilitator.settings import Settings, StartupError
from facilitator.delivery.limits import RateLimiter
from facilitator.delivery.manager import IndexedManager

log = logging.getLogger(__name__)

# What runs on every process for its own connections, by name: handlers
# register here at import (``@on("participant.let_go")``), before any app exists.
_EVERYWHERE: dict[str, Callable[..., None]] = {}

INTERRUPTED = "Live updates between servers interrupted: each server keeps serving its own phones until it is back."
RESTORED = "Live updates between servers are back."


def on(name: str):
    """Register what every process does with its own connections when ``everywhere(name)`` is called."""

    def register(fn: Callable[..., None]):
        _EVERYWHERE[name] = fn
        return fn

    return register


def run_here(name: str, payload: dict) -> None:
    _EVERYWHERE[name](**payload)


class Cluster:
    """One process on its own: the laptop. Everything is local."""

    shared = False
    healthy = True

    def limiter(self, name: str, *, rate: float, burst: int, message: str) -> RateLimiter:
        return RateLimiter(rate=rate, burst=burst, message=message)

    def everywhere(self, name: str, **payload) -> None:
        """Run the registered ``name`` on every process (here, now; elsewhere, as soon as they hear)."""
        run_here(name, payload)

    def once(self, name: str, seconds: float) -> bool:
        """Whether this process should do the job ``name`` now (at most once in ``seconds`` across processes)."""
        return True

    def connected(self, participant_id: int) -> None:
        """A participant's connection to this process was counted in the database."""

    def disconnected(self, participant_id: int) -> None:
        """A participant's connection to this process was let go in the database."""

    def device_opened(self, role: str, event_id: int, entry: dict) -> None:
        """A big screen or co-host phone connected to this process (``entry``: its id, since when, from where)."""

    def device_closed(self, role: str, event_id: int, sid: str) -> None:
        """A big screen or co-host phone connected to this process went away."""

    def devices(self, role: str, event_id: int, here: list[dict]) -> list[dict]:
        """Every big screen (or co-host phone) of the event, given those connected to this process."""
        return here

    def client_manager(self):
        """The Socket.IO client manager to use, or None for Flask-SocketIO's own."""
        # The room index of this process's connections: a disconnect leaves only the
        # rooms it is in, not quadratic when every phone drops at once.
        return IndexedManager()

    def start(self, app) -> None:
        """Called once the server starts: nobody is connected to a server that has just started.

        (Several processes: only the first of a cold start resets, then the
        heartbeat keeps the counts right.)
        """
        svc = app.extensions["facilitator"]
        with svc.db.session_scope() as s:
            participants.reset_connections(s)

    def status(self) -> dict | None:
        """For the console: None while all is well, else what is wrong."""
        return None


def check_shared_settings(settings: Settings) -> None:
    """Refuse, with one sentence, what cannot work with several processes."""
    url = settings.message_queue or ""
    if not url.split("://", 1)[0] in ("redis", "rediss", "unix"):
        raise StartupError(
            f"FACILITATOR_MESSAGE_QUEUE must be a Redis URL such as redis://127.0.0.1:6379/0 (it is {_safe(url)!r})."
        )
    if settings.effective_database_url.startswith("sqlite"):
        raise StartupError(
            "Several server processes cannot share one SQLite file: with FACILITATOR_MESSAGE_QUEUE set, "
            "set FACILITATOR_DATABASE_URL to a PostgreSQL database, or unset FACILITATOR_MESSAGE_QUEUE to run one server."
        )


def _safe(url: str) -> str:
    """A URL without its password, for messages and the log."""
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        rest = "***@" + rest.split("@", 1)[1]
    return f"{scheme}{sep}{rest}"
