"""Run `facilitator run ...` under cProfile; SIGUSR1 writes the profile so far.

SIGUSR2 writes it to OUT.mark1, OUT.mark2, ...: `bench/run.py --profile`
marks the end of every phase (1 ready, 2 joined, 3 café set-up, 4 cards,
5 round change, 6 check-in), and `bench/profile_diff.py` shows where the
time between two marks went.

    python bench/profiled_server.py OUT.prof run --no-browser ...
    python bench/profiled_server.py OUT.prof bare --port ... --async-mode ...   # bench/bare_server.py

For finding where the server's one core goes under the benchmark's load
(`bench/run.py --profile DIR`). Under eventlet and gevent every green thread
runs on the main OS thread, so one profiler sees all of them; the times
per call are skewed by switches, the totals per function are not. The
collector's passes are charged to the function whose allocation set one off.
"""
import cProfile
import signal
import sys
import time

out = sys.argv.pop(1)
# The main thread's CPU time, not the wall clock's: a wait for the interpreter lock (a commit's
# native thread holding it) or for the machine (steal) would be charged to whatever function
# ran when it began. Every green thread runs on the main thread, so this is the loop's CPU.
profiler = cProfile.Profile(time.thread_time)


marks = 0


def dump(_signum, _frame):
    profiler.dump_stats(out)


def mark(_signum, _frame):
    """The profile so far as OUT.markN: the difference of two marks is one phase."""
    global marks
    marks += 1
    profiler.dump_stats(f"{out}.mark{marks}")
    profiler.enable()  # writing the stats stopped the profiler


signal.signal(signal.SIGUSR1, dump)
signal.signal(signal.SIGUSR2, mark)
if sys.argv[1:2] == ["bare"]:
    # The yardstick, profiled the same way, so a phase's time can be compared function by function.
    import runpy
    from pathlib import Path

    script = str(Path(__file__).with_name("bare_server.py"))
    sys.argv = [script, *sys.argv[2:]]
    profiler.enable()
    runpy.run_path(script, run_name="__main__")
else:
    sys.argv[0] = "facilitator"
    from facilitator.cli import main  # noqa: E402 - after argv is set: main() monkey-patches first

    profiler.enable()
    main()
