"""`bench/run.py`'s machine probe: how quick the server's core was in each phase, so that a phase's
CPU, app against bare, can be read as if both servers had run on an equally quick machine."""
from __future__ import annotations

import os

from tests.support import wait_for


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
    assert bench.probe_ms_by_phase(readings, began, settled) == {"joined": 3.0, "cafe_setup": 6.0}


def test_a_phase_without_a_reading_is_left_out(bench):
    assert bench.probe_ms_by_phase([(1001.5, 0.002)], 1000.0, {"ready": 1.0, "joined": 2.0, "cards": 3.0}) == {"joined": 2.0}


def test_the_probes_lines_are_read_and_a_line_cut_short_is_left_out(bench):
    text = "1000.250 0.002100\n1000.500 0.002300\n1000.7"
    assert bench.probe_readings(text) == [(1000.25, 0.0021), (1000.5, 0.0023)]


def test_a_slower_moment_is_taken_out_of_the_ratio(bench):
    # The app's joins took 1.2x the bare server's CPU, on a machine 1.2x slower then: 1.0 at one speed.
    app = _result("app", {"joined": 2.4, "cards": 3.0}, {"joined": 2.4, "cards": 2.0})
    bare = _result("bare", {"joined": 2.0, "cards": 2.0}, {"joined": 2.0, "cards": 2.0})
    assert round(bench.at_one_speed(app, bare, "joined"), 2) == 1.0
    assert round(bench.at_one_speed(app, bare, "cards"), 2) == 1.5
    report = bench.engine_report(app, bare).splitlines()
    joins = next(line for line in report if line.strip().startswith("joins"))
    assert joins.split()[-4:] == ["2.40", "/", "2.00", "1.00"]
    # The whole run in the probe's units: (2.4/2.4 + 3/2) / (2/2 + 2/2) = 1.25; plainly 5.4/4 = 1.35.
    whole = next(line for line in report if line.strip().startswith("whole run"))
    assert whole.split()[4] == "1.35" and whole.split()[-5:-4] == ["1.25"]


def test_the_whole_run_at_one_speed_needs_every_phase_read_by_both_probes(bench):
    app = _result("app", {"joined": 2.4, "cafe_setup": 0.5}, {"joined": 2.4})  # the set-up too short to read
    bare = _result("bare", {"joined": 2.0, "cafe_setup": 0.5}, {"joined": 2.0, "cafe_setup": 2.0})
    assert bench._whole_at_one_speed(app, bare) is None
    whole = next(line for line in bench.engine_report(app, bare).splitlines() if line.strip().startswith("whole run"))
    assert whole.split()[-5] == "-"


def test_over_several_runs_the_summary_quotes_the_median_at_one_speed(bench):
    slow_moment = (None, _result("app", {"joined": 2.4}, {"joined": 2.4}), _result("bare", {"joined": 2.0}, {"joined": 2.0}))
    same_moment = (None, _result("app", {"joined": 2.6}, {"joined": 2.0}), _result("bare", {"joined": 2.0}, {"joined": 2.0}))
    no_probe = (None, _result("app", {"joined": 3.0}), _result("bare", {"joined": 2.0}))
    summary = bench.repeat_report("eventlet", 50, [slow_moment, same_moment, no_probe]).splitlines()
    joins = next(line for line in summary if line.strip().startswith("joins"))
    # Plainly 1.2, 1.3 and 1.5 (median 1.30); at one speed 1.0 and 1.3, the run without a probe left out.
    assert joins.split()[1:] == ["1.30", "1.20-1.50", "1.15", "1.00-1.30"]


def test_the_probe_runs_on_the_cores_it_is_given_at_the_lowest_priority(bench, tmp_path):
    core = {sorted(os.sched_getaffinity(0))[-1]}
    probe = bench.MachineProbe(core, tmp_path, lasts_s=60)
    try:
        # Its third reading written (each comes 0.25 s after the one before).
        wait_for(lambda: len(bench.probe_readings(_text(probe.path))) >= 3, timeout=20, message="three readings")
        assert os.sched_getaffinity(probe.proc.pid) == core
        assert os.getpriority(os.PRIO_PROCESS, probe.proc.pid) == 19
    finally:
        readings = probe.readings()
    assert probe.proc.returncode is not None  # stopped
    assert len(readings) >= 3
    assert all(0 < seconds < 1.0 and when > 0 for when, seconds in readings)


def _text(path) -> str:
    return path.read_text() if path.exists() else ""
