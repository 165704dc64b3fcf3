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
3. Young and middle passes also come by the clock when CPython's count has
   not brought one for a while, because counting allocations does not bound
   them. CPython starts a young pass when allocations outnumber deallocations
   by the threshold; every message a server sends ends one wait of its socket
   and starts another (eventlet's timers and timeouts), so at a large event
   an old object dies for each new one born, the count hardly rises, and the
   young generation grows unnoticed: at 5,000 phones a young pass walked
   257,000 objects (134 ms) where the threshold meant 50,000, and a middle
   pass took 290 ms. A young pass forced after two seconds walks only what
   those seconds left alive. Only when the count has not brought one, and
   not more often: forcing passes four times a second whatever the count
   cost a run at 2,000 phones a tenth more CPU (each pass walks whatever
   happens to be alive then), once a second still a twentieth.

A pass by the clock also waits, a little, while the server is busy: when
625 table hosts post their last card within a second at 5,000 phones, every
card queued behind a 50-200 ms pass waits for it (a young and a middle pass
landed in such a burst: 127 ms of its 1.1 s of CPU). A busy moment is one in
which the process used most of a core since the last check; the pass comes
at the first quiet check, or at half its interval again if none comes.
"""
from __future__ import annotations

import gc
import time

# Young passes by count: rarely, since the clock below bounds them.
# The oldest generation: see FULL_PASS_EVERY_S.
GC_THRESHOLDS = (50_000, 20, 1_000_000)
CHECK_EVERY_S = 0.25
# Busy: the process used more than this share of a core since the last check.
BUSY_CPU_SHARE = 0.6
# While busy, a pass by the clock waits at most this share of its interval more.
BUSY_DELAY_AT_MOST = 0.5
YOUNG_PASS_AT_LEAST_EVERY_S = 2.0
MIDDLE_PASS_AT_LEAST_EVERY_S = 8.0
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
    """A pass of a generation when none has come for a while (a background task).

    ``passed`` is told of every pass, CPython's own included (``pace_the_collector``
    hooks it into ``gc.callbacks``).
    """

    def __init__(self, sleep, monotonic, collect=gc.collect, cpu=time.process_time):
        self.sleep = sleep
        self.monotonic = monotonic
        self.collect = collect
        self.cpu = cpu
        now = monotonic()
        self.last_pass = [now, now, now]  # by generation: when a pass last took it (a pass takes the younger ones too)

    def passed(self, generation: int) -> None:
        now = self.monotonic()
        for younger in range(generation + 1):
            self.last_pass[younger] = now

    def heard(self, phase: str, info: dict) -> None:
        if phase == "stop":
            self.passed(info["generation"])

    def tick(self, busy: bool = False) -> None:
        since = [self.monotonic() - at for at in self.last_pass]
        stretch = 1 + BUSY_DELAY_AT_MOST if busy else 1
        if since[2] >= FULL_PASS_EVERY_S * stretch:
            self.collect(2)
        elif since[1] >= MIDDLE_PASS_AT_LEAST_EVERY_S * stretch:
            self.collect(1)
        elif since[0] >= YOUNG_PASS_AT_LEAST_EVERY_S * stretch:
            self.collect(0)

    def run(self) -> None:
        wall, cpu = self.monotonic(), self.cpu()
        while True:
            self.sleep(CHECK_EVERY_S)
            busy = self.cpu() - cpu > BUSY_CPU_SHARE * max(self.monotonic() - wall, CHECK_EVERY_S)
            self.tick(busy)
            # Measured from after the tick: a pass it made is not the next check's business.
            wall, cpu = self.monotonic(), self.cpu()


def pace_the_collector(socketio) -> CollectorPace:
    """Settle the heap and start the clocked passes on the server's own loop."""
    settle_the_heap()
    pace = CollectorPace(socketio.sleep, time.monotonic)
    gc.callbacks.append(pace.heard)
    socketio.start_background_task(pace.run)
    return pace
