"""Log every pass of the garbage collector, in every Python process started with this folder on
its path and ``BENCH_GC_LOG`` set to a folder: one file a process, one line a pass (when, which
generation, how long, what it freed). For the servers' and the load generator's pauses:

    BENCH_GC_LOG=/tmp/gc PYTHONPATH=bench/gc_passes .venv/bin/python bench/run.py --sizes 5000 --no-baseline

Python imports a ``sitecustomize`` module at start-up if one is on its path, before anything
else runs; this one does nothing without ``BENCH_GC_LOG``. docs/performance.md (stop 41) has
what it showed.
"""
import gc
import os
import time

_folder = os.environ.get("BENCH_GC_LOG")
if _folder:
    os.makedirs(_folder, exist_ok=True)
    _out = open(os.path.join(_folder, f"gc-{os.getpid()}.log"), "a", buffering=1)
    _started = [0.0]

    def _heard(phase: str, info: dict) -> None:
        if phase == "start":
            _started[0] = time.perf_counter()
            return
        ms = (time.perf_counter() - _started[0]) * 1000
        _out.write(f"{time.time():.3f} g{info['generation']} {ms:.1f}ms collected={info['collected']} "
                   f"uncollectable={info['uncollectable']}\n")

    gc.callbacks.append(_heard)
