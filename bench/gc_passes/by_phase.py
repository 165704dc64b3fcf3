#!/usr/bin/env python3
"""The collector's passes in each server's phases: from a benchmark's results and the passes' logs.

    BENCH_GC_LOG=/tmp/gc PYTHONPATH=bench/gc_passes .venv/bin/python bench/run.py --sizes 2000 --json /tmp/gc.json
    .venv/bin/python bench/gc_passes/by_phase.py /tmp/gc.json /tmp/gc

For every run in the results (each names its server's process and the moment its phases count
from; of several processes, the first), the passes its server made in each phase: how many of each generation and how long they
took, beside the phase's server CPU. The collector's time is part of that CPU; cProfile does not
see CPython's own passes (the bare server's), and this does.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def passes(log: Path) -> list[tuple[float, int, float]]:
    """(when, generation, milliseconds) of each pass in one process's log."""
    out = []
    for line in log.read_text().splitlines():
        try:
            when, generation, ms, *_ = line.split()
            out.append((float(when), int(generation[1:]), float(ms.removesuffix("ms"))))
        except ValueError:  # a line half written when the process was stopped
            continue
    return out


def by_phase(result: dict, logged: list[tuple[float, int, float]]) -> list[tuple[str, float, dict[int, tuple[int, float]]]]:
    """(phase, its server CPU in ms, {generation: (passes, ms)}) for each phase of one run."""
    began = result["began"]
    # A phase's CPU is read once its messages have settled (``settled``), up to 5 s after it ends.
    ends = sorted(result.get("settled", result["phases"]).items(), key=lambda kv: kv[1])
    out = []
    for (_, start), (name, end) in zip([("start", 0.0), *ends], ends):
        inside = [(g, ms) for when, g, ms in logged if began + start <= when < began + end]
        gens = {g: (sum(1 for x, _ in inside if x == g), sum(ms for x, ms in inside if x == g)) for g in (0, 1, 2)}
        cpu = result.get("phase_cost", {}).get(name, {}).get("cpu_s")
        out.append((name, cpu * 1000 if cpu is not None else float("nan"), gens))
    return out


def main(results_path: str, logs: str) -> None:
    for result in json.loads(Path(results_path).read_text()):
        log = Path(logs) / f"gc-{result.get('pid')}.log"
        if "began" not in result or not log.exists():
            print(f"{result.get('server')}: no log of its passes (run with BENCH_GC_LOG)")
            continue
        print(f"{result['server']} (N = {result['n']}, run {result.get('run', 1)}):")
        for name, cpu_ms, gens in by_phase(result, passes(log)):
            collector = sum(ms for _, ms in gens.values())
            detail = ", ".join(f"g{g} {n} in {ms:.0f} ms" for g, (n, ms) in gens.items() if n)
            print(f"  {name:13s} CPU {cpu_ms:7.0f} ms, collector {collector:5.0f} ms  {detail}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
