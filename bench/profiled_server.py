"""Run `facilitator run ...` under cProfile; SIGUSR1 writes the profile so far.

    python bench/profiled_server.py OUT.prof run --no-browser ...

For finding where the server's one core goes under the benchmark's load
(`bench/run.py --profile DIR`). Under eventlet and gevent every green thread
runs on the main OS thread, so one profiler sees all of them; the times
per call are skewed by switches, the totals per function are not.
"""
import cProfile
import signal
import sys

out = sys.argv.pop(1)
profiler = cProfile.Profile()


def dump(_signum, _frame):
    profiler.dump_stats(out)


signal.signal(signal.SIGUSR1, dump)
sys.argv[0] = "facilitator"
from facilitator.cli import main  # noqa: E402 - after argv is set: main() monkey-patches first

profiler.enable()
main()
