"""How often the views that show who is here are rebuilt when that changes.

A join, a connect or a disconnect makes the current circle's queue stale on
the big screen, the console and (its "next" and counts) every phone. In a
room of 30 each can be sent at once; in a hall of 2,000 arriving in twenty
seconds, rebuilding the console's queue of 2,000 and patching 2,000 phones at
every arrival would be millions of messages. So the first change is sent at
once and the ones after it, for ``interval`` seconds, together at the end of
that time: never later than that, and never more than one refresh a second
for an event. Process memory is right here: it is a schedule, not state.
"""
from __future__ import annotations

import threading
import time

# Long enough to gather a join storm, short enough that nobody waits on it.
INTERVAL = 1.0


class PresenceThrottle:
    """Which views of an event to refresh now, and which at the end of the interval."""

    def __init__(self, interval: float = INTERVAL, clock=time.monotonic):
        self.interval = interval
        self.clock = clock
        self._guard = threading.Lock()
        self._last: dict[int, float] = {}
        self._later: dict[int, set[str]] = {}

    def now(self, event_id: int, views: frozenset[str]) -> tuple[set[str], float | None]:
        """``(views to send now, seconds until a refresh is due)``; the delay is
        given only to the caller who must schedule it (the first to be deferred)."""
        with self._guard:
            if event_id in self._later:
                self._later[event_id] |= views
                return set(), None
            now = self.clock()
            last = self._last.get(event_id)
            if last is None or now - last >= self.interval:
                self._last[event_id] = now
                return set(views), None
            self._later[event_id] = set(views)
            return set(), self.interval - (now - last)

    def deferred(self, event_id: int) -> bool:
        """Whether a refresh of this event is already due at the end of its interval."""
        with self._guard:
            return event_id in self._later

    def due(self, event_id: int) -> set[str]:
        """The views deferred for this event, now being sent."""
        with self._guard:
            self._last[event_id] = self.clock()
            return self._later.pop(event_id, set())
