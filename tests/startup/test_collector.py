"""The collector's pace in a running server: a pass by the clock when CPython's count brings none."""
from __future__ import annotations

import gc

import pytest

from facilitator import collector


class Stop(Exception):
    pass


class FakeRun:
    """The pace on a fake clock, its passes recorded; ``automatic`` (time, generation) are CPython's own."""

    def __init__(self, seconds: float, automatic: list[tuple[float, int]] = (), busy: list[tuple[float, float]] = ()):
        self.now = 0.0
        self.cpu = 0.0  # the process's CPU: a second a second while ``busy`` (from, to), none otherwise
        self.seconds = seconds
        self.automatic = sorted(automatic)
        self.busy = busy
        self.forced: list[tuple[float, int]] = []
        self.pace = collector.CollectorPace(self.sleep, lambda: self.now, collect=self.collect, cpu=lambda: self.cpu)

    def sleep(self, duration):
        if self.now + duration > self.seconds:
            raise Stop
        self.cpu += sum(max(0.0, min(self.now + duration, to) - max(self.now, start)) for start, to in self.busy)
        self.now += duration
        while self.automatic and self.automatic[0][0] <= self.now:
            _, generation = self.automatic.pop(0)
            self.pace.heard("stop", {"generation": generation, "collected": 0, "uncollectable": 0})

    def collect(self, generation):
        self.forced.append((self.now, generation))
        self.pace.passed(generation)

    def run(self) -> list[tuple[float, int]]:
        with pytest.raises(Stop):
            self.pace.run()
        return self.forced


def test_with_no_pass_of_its_own_the_young_and_middle_generations_are_collected_by_the_clock():
    young, middle = collector.YOUNG_PASS_AT_LEAST_EVERY_S, collector.MIDDLE_PASS_AT_LEAST_EVERY_S
    assert middle % young == 0  # a middle pass takes the young generation with it
    forced = FakeRun(middle * 2).run()
    assert forced == [(k * young, 1 if (k * young) % middle == 0 else 0) for k in range(1, int(middle * 2 / young) + 1)]
    assert forced[-1] == (middle * 2, 1)


def test_cpythons_own_passes_count_so_none_is_forced_while_they_come_often():
    # A young pass every half second and a middle one every three seconds, as at a busy moment.
    automatic = [(t / 2, 0) for t in range(1, 25)] + [(3.0, 1), (6.0, 1), (9.0, 1)]
    assert FakeRun(12.0, automatic).run() == []


def test_a_pass_by_the_clock_waits_for_the_first_quiet_check_while_the_server_is_busy():
    young = collector.YOUNG_PASS_AT_LEAST_EVERY_S
    # A card burst from just before the young pass is due until a little after it.
    burst = (young - 0.5, young + 0.6)
    forced = FakeRun(young * 2, busy=[burst]).run()
    assert forced[0][1] == 0
    assert burst[1] <= forced[0][0] <= burst[1] + collector.CHECK_EVERY_S
    # Quiet, the same pass comes on time.
    assert FakeRun(young * 2).run()[0] == (young, 0)


def test_while_the_server_stays_busy_a_pass_by_the_clock_waits_only_so_long():
    young, middle = collector.YOUNG_PASS_AT_LEAST_EVERY_S, collector.MIDDLE_PASS_AT_LEAST_EVERY_S
    stretch = 1 + collector.BUSY_DELAY_AT_MOST
    forced = FakeRun(middle * stretch, busy=[(0.0, middle * 10)]).run()
    assert forced[0] == (young * stretch, 0)
    assert forced[-1] == (middle * stretch, 1)


def test_a_full_pass_comes_once_in_a_long_while_and_only_then():
    forced = FakeRun(collector.FULL_PASS_EVERY_S * 2.5).run()
    full = [at for at, generation in forced if generation == 2]
    assert full == [collector.FULL_PASS_EVERY_S, collector.FULL_PASS_EVERY_S * 2]


def test_settling_the_heap_freezes_what_start_up_made_and_makes_automatic_passes_rare():
    before = gc.get_threshold()
    try:
        collector.settle_the_heap()
        assert gc.get_freeze_count() > 1000
        young, middle, old = gc.get_threshold()
        # A young pass per 50,000 allocations at most; the clock does the rest, and the full passes.
        assert young >= 10_000 and old >= 100_000
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_the_pace_hears_real_passes():
    pace = collector.CollectorPace(lambda _: None, lambda: 5.0)
    gc.callbacks.append(pace.heard)
    try:
        pace.last_pass = [0.0, 0.0, 0.0]
        gc.collect(1)
    finally:
        gc.callbacks.remove(pace.heard)
    assert pace.last_pass == [5.0, 5.0, 0.0]
