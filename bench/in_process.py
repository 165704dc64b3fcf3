"""What the in-process cost scripts share (``join_cost.py``, ``round_change_cost.py``): the tree
they import the app from, and how they print a profile."""
from __future__ import annotations

import argparse
import cProfile
import io
import logging
import pstats
import sys
import time
from pathlib import Path


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
