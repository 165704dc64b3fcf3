"""A heartbeat that notices when the event loop stalls.

Under eventlet or gevent one blocking call (a SQLite lock wait, a long C
call) freezes every connection at once. This task wakes every 20 ms and
reports any wake-up that came late by more than the threshold, so a stall
shows up in the log (and in the tests) instead of as phones that "just hang".
"""
from __future__ import annotations

import logging
import sys
import time
import traceback

from facilitator import off_loop

log = logging.getLogger(__name__)

TICK = 0.02


class LoopWatch:
    def __init__(self, socketio, threshold_ms: float):
        self.socketio = socketio
        self.threshold = threshold_ms / 1000
        self.max_gap = 0.0
        self.stalls = 0
        self.last_tick = time.monotonic()

    def start(self) -> "LoopWatch":
        self.socketio.start_background_task(self._run)
        StallSampler(self).start()
        return self

    def _run(self) -> None:
        last_report = time.monotonic()
        while True:
            before = time.monotonic()
            self.socketio.sleep(TICK)
            self.last_tick = time.monotonic()
            gap = time.monotonic() - before - TICK
            self.max_gap = max(self.max_gap, gap)
            if gap > self.threshold:
                self.stalls += 1
                # The wall-clock time, to line a stall up with a benchmark's phases.
                print(f"loop-watch: event loop stalled for {gap * 1000:.0f} ms at {time.time():.3f}", file=sys.stderr, flush=True)
            if before - last_report >= 1.0:
                last_report = before
                print(f"loop-watch: max gap {self.max_gap * 1000:.1f} ms, stalls {self.stalls}", file=sys.stderr, flush=True)


class StallSampler:
    """A real OS thread that prints where the loop's thread is while a tick is late.

    The heartbeat above only says *that* the loop stalled; this says *why*
    (an fsync, a checkpoint, an export's CPU): it samples the stack of the
    thread the loop runs on every 20 ms once a tick is overdue.
    """

    def __init__(self, watch: LoopWatch):
        self.watch = watch
        self.loop_thread = off_loop.native("_thread", "get_ident")()

    def start(self) -> "StallSampler":
        off_loop.native("_thread", "start_new_thread")(self._run, ())
        return self

    def _run(self) -> None:
        sleep = off_loop.native("time", "sleep")
        while True:
            sleep(TICK)
            late = time.monotonic() - self.watch.last_tick - TICK
            if late > self.watch.threshold / 2:
                frame = sys._current_frames().get(self.loop_thread)
                if frame is not None:
                    stack = "".join(traceback.format_stack(frame)[-8:])
                    print(f"loop-watch: {late * 1000:.0f} ms late at {time.time():.3f}, the loop is in:\n{stack}", file=sys.stderr, flush=True)
