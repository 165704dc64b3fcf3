"""Where the server's time went between two profile marks (one phase of the benchmark).

    .venv/bin/python bench/profile_diff.py DIR/app-eventlet-2000.prof.mark1 DIR/app-eventlet-2000.prof.mark2 [N]
    .venv/bin/python bench/profile_diff.py --against DIR/bare-eventlet-2000.prof.mark1 DIR/bare-eventlet-2000.prof.mark2 \\
        DIR/app-eventlet-2000.prof.mark1 DIR/app-eventlet-2000.prof.mark2 [N]

Prints the N functions (default 40) with the most own time between the
marks, the total, and the own time by package (SQLAlchemy, the app's
modules, the builtins...): set beside the bare server's, where the app's
extra cost can only be. Own time only: under eventlet or gevent the
cumulative times are skewed by switches between green threads.

With ``--against`` the same phase of another profile (the bare server's) is
taken away function by function: the N functions where the app spent the
most more than the bare server, and both servers' totals outside the loop's
wait for sockets (``epoll``, ``poll``). The collector's own passes are
invisible to cProfile, as is work on native threads (commits under gevent):
the bench's CPU figures count them, these do not.
"""
import pstats
import sys

# Run as a script: this folder is on the path.
from in_process import print_by_package


def own_times(path: str) -> dict:
    return {func: (stat[1], stat[2]) for func, stat in pstats.Stats(path).stats.items()}


def phase(before_path: str, after_path: str) -> dict:
    """(path, line, name) -> (calls, own seconds) between two marks, where the time grew."""
    before, after = own_times(before_path), own_times(after_path)
    out = {}
    for func, (calls, own) in after.items():
        calls0, own0 = before.get(func, (0, 0.0))
        if own - own0 > 0:
            out[func] = (calls - calls0, own - own0)
    return out


def _by_name(times: dict) -> dict:
    """Keyed by where the function lives inside its package and its name, so two servers' match."""
    out: dict = {}
    for (path, _line, name), (_calls, own) in times.items():
        key = (path.split("site-packages/")[-1], name)
        out[key] = out.get(key, 0.0) + own
    return out


def _outside_the_wait(times: dict) -> float:
    return sum(own for key, own in times.items() if "poll" not in key[1])


def against(other: dict, mine: dict, top: int) -> None:
    theirs, ours = _by_name(other), _by_name(mine)
    print(f"outside the loop's wait: {_outside_the_wait(ours):.2f} s here, {_outside_the_wait(theirs):.2f} s in the other")
    rows = sorted(((ours.get(k, 0.0) - theirs.get(k, 0.0), k) for k in set(ours) | set(theirs)), reverse=True)
    for more, (path, name) in rows[:top]:
        print(f"{more:8.3f} s more  ({ours.get((path, name), 0.0):6.3f} here, {theirs.get((path, name), 0.0):6.3f} there)  {path}({name})")


def main() -> None:
    args = sys.argv[1:]
    other = None
    if args and args[0] == "--against":
        other, args = phase(args[1], args[2]), args[3:]
    mine = phase(args[0], args[1])
    top = int(args[2]) if len(args) > 2 else 40
    if other is not None:
        against(other, mine, top)
        return
    rows = sorted(((own, calls, func) for func, (calls, own) in mine.items()), reverse=True)
    whole = sum(r[0] for r in rows)
    print(f"total own time between the marks: {whole:.2f} s")
    for own, calls, (path, line, name) in rows[:top]:
        print(f"{own:8.3f} s {calls:9d} calls  {path.split('site-packages/')[-1]}:{line}({name})")
    print_by_package(((func, own) for own, _calls, func in rows), top)


if __name__ == "__main__":
    main()
