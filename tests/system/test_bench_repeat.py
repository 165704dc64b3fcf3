"""`bench/run.py --repeat`: the servers take turns going first, and the ratios quoted are medians
of each run's own ratio (one run's ratio moves by 10-20 % with the machine)."""
from __future__ import annotations

from types import SimpleNamespace


def _result(server: str, **cpu: float) -> dict:
    return {"server": server, "phase_cost": {phase: {"cpu_s": seconds} for phase, seconds in cpu.items()}}


def test_the_servers_take_turns_going_first(bench, monkeypatch):
    started = []
    monkeypatch.setattr(bench, "run_once", lambda kind, mode, n, opts, source=None: started.append(kind) or {"server": kind})
    opts = SimpleNamespace(baseline=True, yardsticks="bare", before="/tmp/before")
    for k in range(3):
        before, app, bare, naive = bench.run_servers("eventlet", 50, opts, k)
        assert (before["server"], app["server"], bare["server"], naive) == ("app-before", "app", "bare", None)
        assert before["run"] == app["run"] == bare["run"] == k + 1
    assert [started[i:i + 3] for i in (0, 3, 6)] == [["app", "app", "bare"], ["app", "bare", "app"], ["bare", "app", "app"]]


def test_the_summary_quotes_the_median_of_each_runs_own_ratio(bench):
    trios = [
        (_result("app-before", joined=3.0), _result("app", joined=2.4), _result("bare", joined=2.0)),
        (_result("app-before", joined=4.5), _result("app", joined=3.0), _result("bare", joined=3.0)),
        (_result("app-before", joined=2.0), _result("app", joined=1.8), _result("bare", joined=1.0)),
    ]
    joins = next(line for line in bench.repeat_report("eventlet", 50, trios).splitlines() if line.strip().startswith("joins"))
    # app/bare 1.2, 1.0, 1.8: median 1.20, range 1.00-1.80; before/bare 1.5, 1.5, 2.0; after/before 0.8, 0.67, 0.9.
    # No probe readings in these results: nothing at one speed.
    assert joins.split()[1:] == ["1.20", "1.00-1.80", "-", "-", "1.50", "0.80"]
