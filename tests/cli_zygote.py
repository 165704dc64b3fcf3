"""`python -m facilitator <command>` without paying for a new interpreter and its imports each time.

A test that runs the command line (``ServerProcess.cli``: ``event create``, ``backup``, ...)
spent about 1.3 s of CPU on starting Python and importing Flask, SQLAlchemy, openpyxl and the
app, and a few ms on the command itself; the suite ran it dozens of times.

This module is a zygote: one process per test process imports all that once, then forks a
child for each command. The child is a process of its own, as ``python -m facilitator`` would
be: its own working directory, environment, stdin (/dev/null), stdout and stderr, and exit
code; it runs ``facilitator/__main__.py`` itself (so ``main()``: the umask, the warnings, click),
then what the interpreter does at exit (non-daemon threads joined, atexit handlers), and exits.
Only ``run`` is never forked (it must choose and patch its async library before any import):
``tests/support.py`` starts it, and any other interpreter, as a real subprocess.

Protocol, one connection a command: the client sends one JSON line (argv, cwd, env); the child
answers one JSON line with its pid, then, when done, one with the exit code, stdout and stderr.
"""
from __future__ import annotations

import json
import os
import select
import signal
import socket
import sys


def _preload() -> None:
    import warnings

    # Warnings raised by an import go to the zygote's stderr, never to a command's; a command
    # hides them itself (logs.quiet_third_party_warnings), so its output is the same either way.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _import_what_the_commands_import()
    # Modules that read the environment when imported are left for the child to import, with its environment.
    for name in ("facilitator.delivery.redis_cluster", "psycopg", "gevent"):
        assert name not in sys.modules, f"{name} was preloaded: it reads the environment at import"


# What the preloaded modules read from the environment when imported (eventlet's); a command
# whose environment sets any of them otherwise is run by a new interpreter instead (see _child).
READ_AT_IMPORT = ("EVENTLET_NO_GREENDNS", "EVENTLET_TESTS", "EVENTLET_DEPRECATED_EAI_NODATA", "EVENTLET_THREADPOOL_SIZE")


def _import_what_the_commands_import() -> None:
    # What `facilitator <command>` imports (cli.py imports lazily, inside each command).
    import facilitator.cli  # noqa: F401
    from facilitator import create_app  # noqa: F401
    import facilitator.db  # noqa: F401
    import facilitator.delivery  # noqa: F401
    import facilitator.delivery.services  # noqa: F401
    import facilitator.web  # noqa: F401
    import facilitator.core.events  # noqa: F401
    import facilitator.whole_event.templates  # noqa: F401
    import facilitator.netinfo  # noqa: F401
    import facilitator.backup  # noqa: F401
    # create_app's Socket.IO loads its async driver (eventlet, the default mode) and eventlet's green modules.
    import engineio.async_drivers.eventlet  # noqa: F401


def _read_line(conn: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            raise EOFError
        data += chunk
    return data


def _child(conn: socket.socket) -> None:
    """Run one command as `python -m facilitator` would, then exit (never returns)."""
    code = 1
    try:
        request = json.loads(_read_line(conn))
        conn.sendall(json.dumps({"pid": os.getpid()}).encode() + b"\n")
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        # `python -m` puts the working directory first on the path.
        sys.path[0] = os.getcwd()
        out = os.memfd_create("stdout")
        err = os.memfd_create("stderr")
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out, 1)
        os.dup2(err, 2)
        sys.stdin = open(0, "r", closefd=False)
        sys.stdout = open(1, "w", closefd=False)
        sys.stderr = open(2, "w", closefd=False, errors="backslashreplace")
        sys.argv = [request["main"], *request["args"]]
        if any(os.environ.get(name) != _preloaded_with.get(name) for name in READ_AT_IMPORT):
            os.execv(sys.executable, [sys.executable, "-m", "facilitator", *request["args"]])
        import runpy
        import threading
        import traceback

        try:
            runpy.run_module("facilitator", run_name="__main__", alter_sys=True)
            code = 0
        except SystemExit as exc:
            if exc.code is None:
                code = 0
            elif isinstance(exc.code, int):
                code = exc.code
            else:
                print(exc.code, file=sys.stderr)
                code = 1
        except BaseException:  # noqa: BLE001 - as the interpreter does: the traceback, exit code 1
            traceback.print_exc()
            code = 1
        # What the interpreter does at exit: wait for non-daemon threads, run atexit handlers.
        shutdown = getattr(threading, "_shutdown", None)
        if shutdown is not None:
            shutdown()
        import atexit

        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()

        def read(fd: int) -> str:
            os.lseek(fd, 0, os.SEEK_SET)
            chunks = []
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
            return b"".join(chunks).decode("utf-8", errors="replace")

        conn.sendall(json.dumps({"returncode": code, "stdout": read(out), "stderr": read(err)}).encode() + b"\n")
    finally:
        os._exit(code)


_preloaded_with: dict[str, str] = {}


def serve(path: str) -> None:
    _preloaded_with.update(os.environ)
    _preload()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(64)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        # The test process holds our stdin: when it ends, so do we.
        ready, _, _ = select.select([server, sys.stdin], [], [])
        if sys.stdin in ready and not os.read(sys.stdin.fileno(), 1):
            return
        if server in ready:
            conn, _ = server.accept()
            pid = os.fork()
            if pid == 0:
                server.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                _child(conn)
            conn.close()


if __name__ == "__main__":
    serve(sys.argv[1])
