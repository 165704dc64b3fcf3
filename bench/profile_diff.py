"""Where the server's time went between two profile marks (one phase of the benchmark).

    .venv/bin/python bench/profile_diff.py DIR/app-eventlet-2000.prof.mark1 DIR/app-eventlet-2000.prof.mark2 [N]

Prints the N functions (default 40) with the most own time between the
marks, the total, and the own time by package (SQLAlchemy, the app's
modules, the builtins...): set beside the bare server's, where the app's
extra cost can only be. Own time only: under eventlet or gevent the
cumulative times are skewed by switches between green threads.
"""
import pstats
import sys

# Run as a script: this folder is on the path.
from in_process import print_by_package


def own_times(path: str) -> dict:
    return {func: (stat[1], stat[2]) for func, stat in pstats.Stats(path).stats.items()}


def main() -> None:
    before, after = own_times(sys.argv[1]), own_times(sys.argv[2])
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    rows = []
    for func, (calls, own) in after.items():
        calls0, own0 = before.get(func, (0, 0.0))
        if own - own0 > 0:
            rows.append((own - own0, calls - calls0, func))
    rows.sort(reverse=True)
    whole = sum(r[0] for r in rows)
    print(f"total own time between the marks: {whole:.2f} s")
    for own, calls, (path, line, name) in rows[:top]:
        print(f"{own:8.3f} s {calls:9d} calls  {path.split('site-packages/')[-1]}:{line}({name})")
    print_by_package(((func, own) for own, _calls, func in rows), top)


if __name__ == "__main__":
    main()
