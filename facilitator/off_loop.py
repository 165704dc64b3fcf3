"""Blocking work that must not stop the event loop: run it on a real OS thread.

Under eventlet or gevent every connection shares one OS thread. A call that
blocks in C (an fsync when SQLite commits, a WAL checkpoint) or computes for
a long while (zipping a workbook) freezes every phone for as long as it
lasts: on a busy disk a single commit's fsync took 300 ms. Such calls go
through ``call``, which hands them to the async library's pool of native
threads and lets the other connections run meanwhile. Without a green loop
(threading mode, scripts, most tests) it simply calls the function.

This is the one place outside Flask-SocketIO's own API that knows which async
library is running (``native`` also gives the unpatched originals, for the
loop watch's sampler thread): Flask-SocketIO has no thread pool of its own, and the
libraries agree on nothing but the idea.
"""
from __future__ import annotations

import sys
from typing import Callable, TypeVar

T = TypeVar("T")

# How long the loop's thread keeps the interpreter's lock while a native thread asks for it
# (CPython's default: 5 ms). A commit's native thread needs the lock back the moment its sync
# is done, to return and to wake the loop; on one busy core it gets it only when the loop's
# thread is made to let go, so in a card burst every group of cards waited up to this long for
# nothing before it was published. A switch happens only when a thread asks: while none does,
# the loop runs as before.
HAND_BACK_SWITCH_INTERVAL_S = 0.001


def _green_library() -> str | None:
    """Which library has patched the standard library, if any."""
    if "gevent" in sys.modules:
        from gevent import monkey  # only when loaded already: neither library is a must

        if monkey.is_module_patched("threading"):
            return "gevent"
    if "eventlet" in sys.modules:
        from eventlet import patcher  # only when loaded already, like gevent

        if patcher.is_monkey_patched("thread"):
            return "eventlet"
    return None


def call(fn: Callable[..., T], *args) -> T:
    """``fn(*args)`` on a native thread when a green loop is running; its result or its exception."""
    library = _green_library()
    if library == "eventlet":
        from eventlet import tpool  # the library running the loop, and only it

        return tpool.execute(fn, *args)
    if library == "gevent":
        import gevent  # the library running the loop, and only it

        return gevent.get_hub().threadpool.apply(fn, args)
    return fn(*args)


def hand_back_promptly(async_mode: str) -> None:
    """Under eventlet, let a native thread that has finished have the interpreter back soon
    (``HAND_BACK_SWITCH_INTERVAL_S``). Other modes keep CPython's default: under gevent the
    same setting cost the cards phase more CPU in two runs at 2,000 phones (why was not looked
    into; docs/performance.md, stop 43), and in threading mode every request is a thread."""
    if async_mode == "eventlet":
        sys.setswitchinterval(HAND_BACK_SWITCH_INTERVAL_S)


def native(module: str, name: str):
    """The unpatched original of ``module.name`` (eventlet or gevent replace them)."""
    try:
        # Either library may be missing (gevent is an extra).
        from gevent import monkey

        if monkey.is_module_patched(module):
            return monkey.get_original(module, name)
    except ImportError:
        pass
    try:
        from eventlet import patcher  # may be missing too

        if patcher.is_monkey_patched(module if module != "_thread" else "thread"):
            return getattr(patcher.original(module), name)
    except ImportError:
        pass
    return getattr(__import__(module), name)
