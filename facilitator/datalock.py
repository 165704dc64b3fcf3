"""One server per data folder, and one server per port.

Two servers on one data folder would each think they own the events (and
each reset who is connected at start); two on one port split the room's
phones between them (eventlet listens with SO_REUSEPORT, so the second
would not fail by itself). Both are refused with a sentence.
"""
from __future__ import annotations

import errno
import os
import socket
from pathlib import Path

from facilitator.settings import StartupError

LOCK_FILE = "server.lock"

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


class FolderInUse(StartupError):
    """Another server holds the data folder."""


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


class DataFolderLock:
    """Held for as long as a server runs on a data folder; the OS lets go if the process dies."""

    def __init__(self, data_dir: Path, *, port: int | None = None):
        # With ``port``: one of several processes sharing the folder (a hosted
        # deployment with a message queue), each on its own port.
        self.path = Path(data_dir) / (LOCK_FILE if port is None else f"server-{port}.lock")
        self._fd: int | None = None

    def acquire(self) -> "DataFolderLock":
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            os.close(fd)
            raise FolderInUse(
                f"Another Circle & Café server is using the data folder {self.path.parent} "
                f"(process {holder(self.path) or 'unknown'}). Stop it first, or start with another --data-dir."
            )
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def holder(path: Path) -> str | None:
    """The process id written by the server holding the lock, if any."""
    try:
        return path.read_text().strip() or None
    except OSError:
        return None


def in_use(data_dir: Path) -> bool:
    """Whether a running server holds this data folder (without taking it)."""
    path = Path(data_dir) / LOCK_FILE
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDWR)
    try:
        if _try_lock(fd):
            return False
        return True
    finally:
        os.close(fd)  # closing releases a lock this call took


def check_port_free(host: str, port: int) -> None:
    """Refuse a port another program listens on, whatever socket options it used."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # SO_REUSEADDR so that a server just stopped (its connections in
        # TIME_WAIT) does not count; no SO_REUSEPORT, so anyone listening does.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                reason = "is in use by another program" if exc.errno == errno.EADDRINUSE else "needs administrator rights"
                raise StartupError(
                    f"Port {port} {reason} (is Circle & Café already running?). "
                    f"Stop that program, or start with another port: --port {port + 1 if port < 65535 else 8080}."
                ) from None
            if exc.errno == errno.EADDRNOTAVAIL:
                raise StartupError(f"This computer has no address {host}: check --host.") from None
            raise
