"""Handle requests that arrive together as one group: one transaction, one commit.

A card burst is every table host posting within the same second; a join
storm is a hall scanning the QR code at once, each phone then connecting.
Handled one by one, each request is its own transaction: its own reads (who
is posting and where they sit, the event, its public view), its own commit,
and under eventlet or gevent all of it on the one loop, so the last request
of a burst waits for every one before it. A :class:`Combiner` lets the
requests that arrived while one group was being written be handled next as
one group: the reads are shared and the commit is paid once. Under light
load a group is one request and nothing waits; under a burst groups grow by
themselves, because more arrive while each is written.

There is no background worker: the first request of a group does the work
(it is the *leader*) while the others wait, each on an event of its own; a
leader done with its group wakes each request in it, and hands the lead to
the oldest request still waiting. (They once all waited on one lock: under
eventlet a lock's waiters are a queue that each acquire looks through and
removes itself from, so a wait cost in proportion to everyone waiting, as
when the Wi-Fi dropped and 4,000 phones' disconnects each waited for the
database's writer lock.) The locks and events are the threading
module's, which eventlet and gevent make green, so this works in every async
mode. Plain Python: it knows nothing of sockets, HTTP or the database.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

log = logging.getLogger(__name__)

# Enough to share the reads of a whole burst, small enough that one group's
# transaction stays short.
MAX_GROUP = 100


@dataclass(eq=False)
class Request:
    """One request waiting in a group; ``outcome`` is set when its group is done."""

    payload: Any
    outcome: Any = None
    done: bool = field(default=False)
    # Set when its group is done, or when it is its turn to lead; made only for a request
    # that waits (most lead at once: a group of one, under light load).
    woken: threading.Event | None = None


class Combiner:
    """Runs ``handle(requests)`` for groups of requests submitted concurrently.

    ``handle`` must set ``outcome`` on every request it is given (the combiner
    marks them done afterwards, even when ``handle`` raises).
    """

    def __init__(self, max_group: int = MAX_GROUP):
        self.max_group = max_group
        self._pending: list[Request] = []
        self._guard = threading.Lock()  # the pending list and who leads
        self._leading = False  # a group is being handled, or its next leader is woken
        self._next: Request | None = None  # the request woken to lead the next group

    def submit(self, payload: Any, handle: Callable[[list[Request]], None]) -> Any:
        """Handle ``payload`` in a group with whatever else is waiting; returns its outcome."""
        mine = Request(payload)
        with self._guard:
            self._pending.append(mine)
            leads = not self._leading
            self._leading = True
            if not leads:
                mine.woken = threading.Event()
        if not leads:
            try:
                mine.woken.wait()
            except BaseException:  # its thread stopped while it waited (the server shutting down)
                self._withdraw(mine)
                raise
        if not mine.done:
            # Its turn to lead: it is the oldest request waiting, so in the group it takes.
            self._lead(handle)
        return mine.outcome

    def _lead(self, handle: Callable[[list[Request]], None]) -> None:
        with self._guard:
            self._next = None
            group, self._pending = self._pending[: self.max_group], self._pending[self.max_group :]
        try:
            handle(group)
        finally:
            for request in group:
                request.done = True
            with self._guard:
                following = self._next = self._pending[0] if self._pending else None
                self._leading = following is not None
            for request in group:
                if request.woken is not None:
                    request.woken.set()
            if following is not None:
                following.woken.set()  # the next group's leader (it waits, so it has its event)

    def _withdraw(self, mine: Request) -> None:
        """A waiting request that will never run: out of the queue, and if it was woken to lead
        the next group, the lead passes on (else everyone behind it would wait for ever)."""
        with self._guard:
            if mine in self._pending:
                self._pending.remove(mine)
            if self._next is not mine:
                return
            following = self._next = self._pending[0] if self._pending else None
            self._leading = following is not None
        if following is not None:
            following.woken.set()


def handle(group: list[Request], work: Callable[[list[Any]], list[Any]], what: str) -> None:
    """Set each request's outcome from ``work(payloads)``, one outcome per payload in order.

    When ``work`` breaks (a bug: its transaction rolled back), each request is
    tried again alone, so one bad request does not sink the others; a request
    that breaks alone is left without an outcome (None).
    """
    try:
        outcomes = work([r.payload for r in group])
    except Exception:
        log.exception("%s failed for a group of %d", what, len(group))
        if len(group) > 1:
            for request in group:
                handle([request], work, what)
        return
    for request, outcome in zip(group, outcomes):
        request.outcome = outcome


def together(combiners: dict, key: str, payload: Any, work: Callable[[list[Any]], list[Any]]) -> Any:
    """``payload``'s outcome from ``work``, run on a group of the requests under ``key`` that arrive together."""
    combiner = combiners.get(key)
    if combiner is None:  # made once per key: a Combiner's two locks are not free, and this is every join
        combiner = combiners.setdefault(key, Combiner())
    return combiner.submit(payload, lambda group: handle(group, work, key))
