"""What the in-process cost scripts share (``join_cost.py``, ``round_change_cost.py``): the tree
they import the app from, and how they print a profile."""
from __future__ import annotations

import argparse
import cProfile
import io
import logging
import pstats
import re
import sys
import time
from pathlib import Path
from typing import Iterable


def common_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--repeat", type=int, default=1, help="runs, each with a fresh app and database")
    p.add_argument("--top", type=int, default=40, help="functions to print with --profile")
    p.add_argument("--callees", help="with --profile: also what the functions matching this pattern called")
    p.add_argument("--source", help="the source tree to import facilitator from (default: this one)")


def use_source(source: str | None) -> Path:
    """Import facilitator from ``source`` (e.g. ``git archive main``) or this tree; quiet its log."""
    root = Path(source).resolve() if source else Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    logging.disable(logging.WARNING)
    return root


def profiler(wanted: bool) -> cProfile.Profile | None:
    """CPU time, not wall time: a commit's fsync and the clients' waits are not the server's work."""
    return cProfile.Profile(time.process_time) if wanted else None


def print_profile(profile: cProfile.Profile, top: int, callees: str | None = None) -> None:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    if callees:
        stats.print_callees(callees)
    print(out.getvalue())
    print_by_package((func, stat[2]) for func, stat in stats.stats.items())


def package_of(path: str, name: str) -> str:
    """Who a function's own time belongs to: a site package, the app's own module, the stdlib or a builtin."""
    if path == "~":
        of = re.search(r"of '([^']+)' objects", name) or re.search(r"method ([\w.]+)\.\w+>", name)
        return "builtin " + (of.group(1) if of else name)
    if "site-packages/" in path:
        return path.split("site-packages/")[1].split("/")[0].removesuffix(".py")
    if "/facilitator/" in path:
        return "facilitator/" + path.split("/facilitator/")[1].split("/")[0].removesuffix(".py")
    return "stdlib " + Path(path).stem


def print_by_package(own_times: Iterable[tuple[tuple, float]], top: int = 25) -> None:
    """Own time by package, from ``((path, line, name), seconds)`` pairs: where the work above a
    bare server can only be (SQLAlchemy, the app's views...)."""
    totals: dict[str, float] = {}
    for (path, _line, name), own in own_times:
        package = package_of(path, name)
        totals[package] = totals.get(package, 0.0) + own
    whole = sum(totals.values()) or 1.0
    print("own time by package:")
    for package, own in sorted(totals.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {own:7.2f} s {own / whole:6.1%}  {package}")
