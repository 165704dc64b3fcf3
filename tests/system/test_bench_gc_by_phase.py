"""bench/gc_passes/by_phase.py: the collector's passes laid beside each phase of a benchmark run."""
from __future__ import annotations

import json

from tests.system.conftest import bench_script


def test_each_pass_counts_in_the_phase_whose_cpu_it_was_part_of(tmp_path, capsys):
    by_phase = bench_script("gc_by_phase", "gc_passes/by_phase.py")
    began = 1000.0
    # Joined ends at 20 s, but its CPU is read once its messages settle, at 22 s: a pass at 21 s
    # is part of the joins' CPU, not the cards'.
    result = {"server": "app", "n": 50, "run": 1, "pid": 4242, "began": began,
              "phases": {"ready": 1.0, "joined": 20.0, "cards": 40.0},
              "settled": {"ready": 1.5, "joined": 22.0, "cards": 41.0},
              "phase_cost": {"joined": {"cpu_s": 2.5}, "cards": {"cpu_s": 1.25}}}
    (tmp_path / "results.json").write_text(json.dumps([result, {"server": "bare", "n": 50, "pid": 1}]))
    (tmp_path / "gc-4242.log").write_text(
        f"{began + 5:.3f} g0 1.5ms collected=3 uncollectable=0\n"
        f"{began + 21:.3f} g1 10.0ms collected=0 uncollectable=0\n"
        f"{began + 30:.3f} g0 2.0ms collected=1 uncollectable=0\n"
        f"{began + 30.5:.3f} g2 40.0ms collected=9 uncollectable=0\n"
        f"{began + 39:.3f} g"  # half written: the process was stopped
    )
    phases = {name: gens for name, _cpu, gens in by_phase.by_phase(result, by_phase.passes(tmp_path / "gc-4242.log"))}
    assert phases["joined"] == {0: (1, 1.5), 1: (1, 10.0), 2: (0, 0)}
    assert phases["cards"] == {0: (1, 2.0), 1: (0, 0), 2: (1, 40.0)}
    by_phase.main(str(tmp_path / "results.json"), str(tmp_path))
    printed = capsys.readouterr().out
    assert "joined        CPU    2500 ms, collector    12 ms" in printed
    assert "bare: no log of its passes" in printed
