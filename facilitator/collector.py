"""The garbage collector's pace, for a server where one pause holds up every phone.

Under eventlet or gevent the collector runs on the one thread that serves
every connection: while it walks the heap, no phone is answered. Its passes
must stay short, and at a large event CPython's own pacing does not keep them
short (docs/performance.md, "5,000 phones again").

Three things this module does about it:

1. What start-up loads (Flask, SQLAlchemy, openpyxl, the pages) lives as long
   as the server; frozen (CPython's gc.freeze, made for long-running
   servers), it is left out of every pass.
2. Automatic passes come rarely (GC_THRESHOLDS): at CPython's defaults a run
   at 2,000 phones made 16 full passes of up to 400 ms each.
3. Young passes also come by the clock (YOUNG_PASS_EVERY_S), because counting
   allocations does not bound them. CPython starts a young pass when
   allocations outnumber deallocations by the threshold; every message a
   server sends ends one wait of its socket and starts another (eventlet's
   timers and timeouts), so an old object dies for each new one born, the
   count hardly rises, and the young generation grows unnoticed: at 5,000
   phones a young pass walked 257,000 objects (134 ms) where the threshold
   meant 50,000. A pass every quarter of a second walks only what that
   quarter made; every few of them also take the middle generation, so it
   never holds more than about a second's survivors (a middle pass of 290 ms
   before).
"""
from __future__ import annotations

import gc
import time

# Young passes by count: rarely, since the clock below bounds them.
# The oldest generation: see FULL_PASS_EVERY_S.
GC_THRESHOLDS = (50_000, 20, 1_000_000)
YOUNG_PASS_EVERY_S = 0.25
MIDDLE_PASS_EVERY = 4  # young passes
# A full pass walks everything the event made (at 2,000 phones about 400 ms,
# at 5,000 about a second): once in a long while, so that cycles which lived
# long before they became garbage (a phone's connection, gone) are freed.
FULL_PASS_EVERY_S = 30 * 60


def settle_the_heap() -> None:
    """Freeze what start-up made and set the thresholds (before serving)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


class CollectorPace:
    """Young and middle passes by the clock, a full pass now and then (a background task)."""

    def __init__(self, sleep, monotonic, collect=gc.collect):
        self.sleep = sleep
        self.monotonic = monotonic
        self.collect = collect
        self.passes = 0

    def run(self) -> None:
        last_full = self.monotonic()
        while True:
            self.sleep(YOUNG_PASS_EVERY_S)
            self.passes += 1
            if self.monotonic() - last_full >= FULL_PASS_EVERY_S:
                self.collect(2)
                last_full = self.monotonic()
            else:
                self.collect(1 if self.passes % MIDDLE_PASS_EVERY == 0 else 0)


def pace_the_collector(socketio) -> CollectorPace:
    """Settle the heap and start the clocked passes on the server's own loop."""
    settle_the_heap()
    pace = CollectorPace(socketio.sleep, time.monotonic)
    socketio.start_background_task(pace.run)
    return pace
