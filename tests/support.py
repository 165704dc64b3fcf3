"""Helpers shared by tests: a real server process, waiting on conditions, clients."""
from __future__ import annotations

import functools
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable

import requests

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Zygote:
    """This test process's tests/cli_zygote.py: `python -m facilitator <command>` forked from a
    process that has imported the app once, instead of a new interpreter each time."""

    def __init__(self):
        import atexit
        import shutil
        import tempfile

        self.dir = tempfile.mkdtemp(prefix="cli-zygote-")
        # Its socket's folder goes with the test process (the zygote ends when our end of its stdin closes).
        atexit.register(shutil.rmtree, self.dir, True)
        self.path = os.path.join(self.dir, "socket")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.cli_zygote", self.path], cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        ready = self.proc.stdout.readline()
        if ready.strip() != "ready":
            raise RuntimeError(f"the CLI zygote did not start: {ready!r}")

    def run(self, cmd: list[str], *, cwd: Path, env: dict, timeout: float) -> subprocess.CompletedProcess:
        deadline = time.monotonic() + timeout
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.connect(self.path)
            request = {"args": cmd[3:], "cwd": str(cwd), "env": dict(env),
                       "main": str(ROOT / "facilitator" / "__main__.py")}
            conn.sendall(json.dumps(request).encode() + b"\n")
            lines = conn.makefile("rb")
            pid = None
            try:
                conn.settimeout(timeout)
                pid = json.loads(lines.readline())["pid"]
                conn.settimeout(max(0.001, deadline - time.monotonic()))
                answer = lines.readline()
            except socket.timeout:
                if pid is not None:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                raise subprocess.TimeoutExpired(cmd, timeout) from None
            if not answer:
                raise RuntimeError(f"the CLI's child process ended without an answer: {cmd}")
            done = json.loads(answer)
        return subprocess.CompletedProcess(cmd, done["returncode"], done["stdout"], done["stderr"])


_zygote: _Zygote | None = None
_zygote_lock = threading.Lock()


def run_cli(cmd: list[str], *, cwd: Path, env: dict, timeout: float) -> subprocess.CompletedProcess:
    """``subprocess.run(cmd, capture_output=True, text=True, ...)`` for ``python -m facilitator <command>``.

    This interpreter's CLI commands other than ``run`` are forked from the zygote (same code,
    a process of their own, without the interpreter's start and the imports); ``run`` (which
    patches the standard library before importing) and other interpreters (an installed wheel's)
    are real subprocesses."""
    global _zygote
    if cmd[0] != sys.executable or cmd[1:3] != ["-m", "facilitator"] or len(cmd) < 4 or cmd[3] == "run":
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    with _zygote_lock:
        if _zygote is None or _zygote.proc.poll() is not None:
            _zygote = _Zygote()
        zygote = _zygote
    return zygote.run(cmd, cwd=cwd, env=env, timeout=timeout)


def wait_for(condition: Callable[[], Any], timeout: float = 10.0, interval: float = 0.02, message: str = "") -> Any:
    """Poll until ``condition()`` is truthy; fail with ``message`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {message or condition}")
        time.sleep(interval)


class ServerProcess:
    """`facilitator run` as a child process, as a facilitator would start it."""

    def __init__(
        self,
        data_dir: Path,
        async_mode: str | None = None,
        port: int | None = None,
        env: dict | None = None,
        cwd: Path = ROOT,
        extra_args: tuple[str, ...] = (),
        scheme: str = "http",
        python: str = sys.executable,
    ):
        self.data_dir = Path(data_dir)
        self.cwd = cwd
        self.extra_args = tuple(extra_args)
        self.scheme = scheme
        self.python = python
        self.async_mode = async_mode
        self.port = port or free_port()
        self.env = env or {}
        self.proc: subprocess.Popen | None = None
        self.output: list[str] = []

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> "ServerProcess":
        cmd = [self.python, "-m", "facilitator", "run", "--no-browser", "--host", "127.0.0.1",
               "--port", str(self.port), "--data-dir", str(self.data_dir)]
        if self.async_mode:
            cmd += ["--async-mode", self.async_mode]
        cmd += list(self.extra_args)
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}
        self.proc = subprocess.Popen(cmd, cwd=self.cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._drain, daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited:\n" + "".join(self.output))
            try:
                if requests.get(self.url + "/healthz", timeout=1, verify=False).ok:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise RuntimeError("server did not start:\n" + "".join(self.output))

    def _drain(self) -> None:
        assert self.proc and self.proc.stdout
        for line in self.proc.stdout:
            self.output.append(line)

    @property
    def console_secret(self) -> str:
        return (self.data_dir / "console.key").read_text().strip()

    def screen_auth(self, code: str) -> dict:
        """What a big screen opened from the console sends: the event's code and its screen link's secret."""
        from sqlalchemy import create_engine, select

        from facilitator.core import screens
        from facilitator.core.models import Event

        engine = create_engine(f"sqlite:///{self.data_dir / 'facilitator.sqlite3'}")
        try:
            with engine.connect() as conn:
                row = conn.execute(select(Event.id, Event.code, Event.screen_nonce).where(Event.code == code)).one()
        finally:
            engine.dispose()
        event = Event(id=row.id, code=row.code, screen_nonce=row.screen_nonce)
        key = (self.data_dir / "links.key").read_text().strip()
        return {"role": "screen", "event": code, "secret": screens.secret(event, key)}

    def screen_url(self, code: str) -> str:
        """The big screen's page as the console's link opens it, secret in the fragment."""
        return f"{self.url}/e/{code}/screen#key={self.screen_auth(code)['secret']}"

    def kill(self) -> None:
        """SIGKILL: the laptop's battery ran out."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return run_cli(
            [self.python, "-m", "facilitator", *args, "--data-dir", str(self.data_dir)],
            cwd=self.cwd, timeout=60, env={**os.environ, **self.env},
        )

    def create_event(self, title: str = "Community gathering", **extra: str) -> dict:
        args = ["event", "create", "--title", title, "--json", "--port", str(self.port)]
        for key, value in extra.items():
            args += [f"--{key}", value]
        done = self.cli(*args)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def scalars(self, statement) -> list:
        """Run a query on the server's database file, as a second reader would (the WAL lets it)."""
        from sqlalchemy import create_engine

        engine = create_engine(f"sqlite:///{self.data_dir / 'facilitator.sqlite3'}")
        try:
            with engine.connect() as conn:
                return list(conn.scalars(statement))
        finally:
            engine.dispose()

    def join(self, code: str, name: str | None, **extra) -> str:
        """Join over HTTP as a phone would; returns the participant token."""
        body = {"name": name, "anonymous": name is None, **extra}
        res = requests.post(f"{self.url}/api/e/{code}/join", json=body, timeout=5)
        assert res.ok, res.text
        return res.cookies[f"fc_p_{code}"]


def keep_lists(state: dict, patch: dict) -> dict:
    """A screen's patch with the long lists it left out (it was last sent them) taken from ``state``,
    as the big screen keeps them (participant_ui/screen.js, delivery/screen_lists.py)."""
    after = patch.get("activity")
    if not isinstance(after, dict) or "lists" not in after:
        return patch
    before = state.get("activity") or {}
    after = dict(after)
    for key, digest in after["lists"].items():
        if key not in after and before.get("id") == after.get("id") and (before.get("lists") or {}).get(key) == digest:
            after[key] = before[key]
    return {**patch, "activity": after}


class LiveClient:
    """A real python-socketio client that records everything it receives."""

    def __init__(self, url: str, auth: dict, headers: dict | None = None):
        import socketio

        self.headers = headers or {}
        self.sio = socketio.Client(reconnection=True, reconnection_delay=0.2, reconnection_delay_max=1)
        LEFT_OPEN.add(self)
        self.auth = auth
        self.url = url
        self.received: list[tuple[str, Any]] = []
        self.lock = threading.Lock()
        self.snapshots: list[dict] = []

        @self.sio.on("*")
        def any_event(name, data=None):
            with self.lock:
                self.received.append((name, data))
                if name == "snapshot":
                    self.snapshots.append(data)

    def connect(self) -> "LiveClient":
        self.sio.connect(self.url, auth=self.auth, headers=self.headers, transports=["websocket"], wait_timeout=10)
        return self

    def call(self, name: str, payload: dict | None = None, timeout: float = 10) -> dict:
        return self.sio.call(name, payload or {}, timeout=timeout)

    def state(self) -> dict:
        """What the client's screen would show: the last snapshot with later patches merged in."""
        state: dict = {}
        with self.lock:
            for name, data in self.received:
                if name == "snapshot":
                    state = dict(data)
                elif name == "patch":
                    state.update(keep_lists(state, data))
        return state

    def events(self, name: str) -> list[Any]:
        with self.lock:
            return [d for n, d in self.received if n == name]

    def close(self) -> None:
        LEFT_OPEN.discard(self)
        # The closing handshake: websocket-client waits up to 3 s for the server's close frame,
        # which the threading and gevent servers never send (eventlet's comes at once). A second
        # is ample for one that comes; the socket is shut down either way, as before.
        ws = getattr(self.sio.eio, "ws", None)
        if ws is not None:
            ws.close = functools.partial(type(ws).close, ws, timeout=CLOSING_HANDSHAKE_WAIT)
        # ``shutdown``, not ``disconnect``: a client reconnecting (its server restarted, or it was
        # cut off) is not connected, and ``disconnect`` would leave its reconnection running for
        # ever, in this process, after the test: knocking every second at a port a later test's
        # server may have, and drawing on the global ``random`` (its back-off's jitter) while
        # Hypothesis draws examples elsewhere.
        self.sio.shutdown()


# The LiveClients not closed yet: one a file's tests opened and left open is closed when the file
# ends, before its servers stop (tests/conftest.py), so that none outlives the servers it knew.
LEFT_OPEN: set[LiveClient] = set()


# How long a closing client waits for the server's close frame (websocket-client's default is 3 s).
CLOSING_HANDSHAKE_WAIT = 1.0


def close_all(clients) -> None:
    """Disconnect many clients at once: under gevent each websocket close waits
    up to CLOSING_HANDSHAKE_WAIT for the closing handshake, and one after another that adds up."""
    threads = [threading.Thread(target=client.close) for client in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
