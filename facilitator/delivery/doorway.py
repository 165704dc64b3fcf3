"""What joining and connecting phones are told of their event, kept between requests.

A join storm is a hundred phones a second asking the same two things of one
event: which event has this code (may they join, must they accept an
agreement, what is running) and what every phone sees of it (its title, its
agenda, its current activity's public view). Read from the database for each
phone, those answers were a third of what a join cost the server above a bare
Socket.IO server (issue #22). They are kept here, and forgotten:

- at every commit that could change them (``Database.after_commit``, called
  inside the writer's lock, before anything is published); joins and
  presence writes change neither, only who is here;
- when the phones' public view is refreshed because who is here changed
  (``publish``): a kind that shows people on every phone shows counts;
- after ``MAX_AGE`` seconds, in case of a write this process did not make
  (the command line on the same database file).

``generation`` counts those moments. A connecting phone notes it when its
snapshot is read; if it moved before the phone is in its rooms, the snapshot
is read again (``handlers._connect_participant``): a change published in
between would otherwise never reach that phone.

With several processes a write on another one is not seen here, so nothing is
kept (``enabled``). A cache, not state: the process can lose it at any time,
and everything in it is rebuilt from the database.
"""
from __future__ import annotations

import threading
import time
from typing import Any, Callable

from sqlalchemy.orm import Session

from facilitator.core import codes, events
from facilitator.core.events import EventToJoin

# Seconds an answer is kept at most, whatever happened: a hundred joins a
# second read the event about once a second.
MAX_AGE = 1.0


class Doorway:
    def __init__(self, *, enabled: bool = True, max_age: float = MAX_AGE, clock: Callable[[], float] = time.monotonic):
        self.enabled = enabled
        self.max_age = max_age
        self.clock = clock
        self.generation = 0
        self._lock = threading.Lock()
        # event code -> (what joining reads, generation, when); event id -> (public view, generation, when)
        self._facts: dict[str, tuple[EventToJoin, int, float]] = {}
        self._public: dict[int, tuple[dict[str, Any], int, float]] = {}

    def changed(self) -> None:
        """Something every phone is shown may have changed: forget everything."""
        with self._lock:
            self.generation += 1
            self._facts.clear()
            self._public.clear()

    def facts(self, s: Session, raw_code: str) -> EventToJoin:
        """``events.to_join``, kept: the event with this code, or NotFound (never kept)."""
        code = codes.normalise(raw_code) or ""
        return self._kept(self._facts, code, lambda: events.to_join(s, code))

    def public(self, event_id: int, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """The public part of every phone's snapshot (``views.phone_public``), built by ``build``
        when it is not kept. Shared by every snapshot: never change it."""
        return self._kept(self._public, event_id, build)

    def _kept(self, kept: dict, key, read: Callable[[], Any]) -> Any:
        now = self.clock()
        with self._lock:
            found = kept.get(key)
            generation = self.generation
        if found is not None and found[1] == generation and now - found[2] < self.max_age:
            return found[0]
        value = read()
        if self.enabled:
            with self._lock:
                # Read before a change was counted: it may show the moment before it.
                if self.generation == generation:
                    kept[key] = (value, generation, now)
        return value
