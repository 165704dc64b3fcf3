"""The collector's pace in a running server: short passes by the clock, a full one now and then."""
from __future__ import annotations

import gc

import pytest

from facilitator import collector


class Stop(Exception):
    pass


def paced(seconds: float):
    """Run the pace on a fake clock for ``seconds``; returns the generations it collected, in order."""
    now = [0.0]
    collected: list[int] = []

    def sleep(duration):
        if now[0] + duration > seconds:
            raise Stop
        now[0] += duration

    pace = collector.CollectorPace(sleep, lambda: now[0], collect=collected.append)
    with pytest.raises(Stop):
        pace.run()
    return collected


def test_young_passes_come_by_the_clock_and_every_few_take_the_middle_generation():
    collected = paced(2.0)
    assert len(collected) == int(2.0 / collector.YOUNG_PASS_EVERY_S)
    every = collector.MIDDLE_PASS_EVERY
    assert collected == [1 if (i + 1) % every == 0 else 0 for i in range(len(collected))]


def test_a_full_pass_comes_once_in_a_long_while_and_only_then():
    collected = paced(collector.FULL_PASS_EVERY_S * 2.5)
    assert collected.count(2) == 2
    first = collected.index(2)
    assert first * collector.YOUNG_PASS_EVERY_S == pytest.approx(collector.FULL_PASS_EVERY_S - collector.YOUNG_PASS_EVERY_S)


def test_settling_the_heap_freezes_what_start_up_made_and_makes_automatic_passes_rare():
    before = gc.get_threshold()
    try:
        collector.settle_the_heap()
        assert gc.get_freeze_count() > 1000
        young, middle, old = gc.get_threshold()
        # Automatic passes: a young one per 50,000 allocations at most; the clock and the pace do the rest.
        assert young >= 10_000 and old >= 100_000
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
