"""`bench/run.py`'s machine probe: how quick the server's core was in each phase, so that a phase's
CPU, app against bare, can be read as if both servers had run on an equally quick machine."""
from __future__ import annotations

import os


def _result(server: str, cpu: dict[str, float], probe: dict[str, float] | None = None) -> dict:
    out = {"server": server, "phase_cost": {phase: {"cpu_s": seconds} for phase, seconds in cpu.items()}}
    if probe is not None:
        out["probe_ms"] = probe
    return out


def test_each_reading_counts_in_the_phase_it_was_taken_in(bench):
    began = 1000.0
    settled = {"ready": 1.0, "joined": 21.0, "cafe_setup": 22.0}
    readings = [(1000.5, 0.009), (1002.0, 0.002), (1010.0, 0.003), (1020.9, 0.004), (1021.5, 0.006)]
    # Before "ready" settled: no phase. Joins: 2, 3 and 4 ms (median 3); the café's set-up: 6 ms.
    assert bench.speed_by_phase(readings, began, settled) == {"joined": 3.0, "cafe_setup": 6.0}


def test_a_phase_without_a_reading_is_left_out(bench):
    assert bench.speed_by_phase([(1001.5, 0.002)], 1000.0, {"ready": 1.0, "joined": 2.0, "cards": 3.0}) == {"joined": 2.0}


def test_a_slower_moment_is_taken_out_of_the_ratio(bench):
    # The app's joins took 1.2x the bare server's CPU, on a machine 1.2x slower then: 1.0 at one speed.
    app = _result("app", {"joined": 2.4, "cards": 3.0}, {"joined": 2.4, "cards": 2.0})
    bare = _result("bare", {"joined": 2.0, "cards": 2.0}, {"joined": 2.0, "cards": 2.0})
    assert round(bench.at_one_speed(app, bare, "joined"), 2) == 1.0
    assert round(bench.at_one_speed(app, bare, "cards"), 2) == 1.5
    joins = next(line for line in bench.engine_report(app, bare).splitlines() if line.strip().startswith("joins"))
    assert joins.split()[-4:] == ["2.40", "/", "2.00", "1.00"]
    # The whole run in the probe's units: (2.4/2.4 + 3/2) / (2/2 + 2/2) = 1.25.
    assert round(bench._whole_at_one_speed(app, bare), 2) == 1.25
    summary = bench.repeat_report("eventlet", 50, [(None, app, bare), (None, app, bare)]).splitlines()
    cards = next(line for line in summary if line.strip().startswith("cards"))
    assert cards.split()[1:] == ["1.50", "1.50-1.50", "1.50", "1.50-1.50"]


def test_the_probe_runs_on_the_cores_it_is_given_at_the_lowest_priority(bench):
    core = {sorted(os.sched_getaffinity(0))[-1]}
    probe = bench.MachineProbe(core)
    try:
        first = [probe.proc.stdout.readline().split() for _ in range(3)]  # each line waits for a reading
        assert os.sched_getaffinity(probe.proc.pid) == core
        assert os.getpriority(os.PRIO_PROCESS, probe.proc.pid) == 19
    finally:
        rest = probe.readings()
    for when, seconds in first:
        assert 0 < float(seconds) < 1.0 and float(when) > 0
    assert all(0 < seconds < 1.0 for _, seconds in rest)
    assert probe.proc.returncode is not None  # stopped
