"""`facilitator doctor`: what would break an event on the day, found the evening before.

Each check says what it found and, when something is wrong, what to do. A
``fail`` would stop an event (the command then exits non-zero); a ``warn``
is worth knowing (phones may not reach the laptop; a database will be
upgraded at start).
"""
from __future__ import annotations

import errno
import importlib
import os
import shutil
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from facilitator import datalock, netinfo, schema
from facilitator.settings import Settings, StartupError

OK, WARN, FAIL = "ok", "warn", "fail"
# An event writes little (a few MB), but SQLite needs room to work and logs grow.
MIN_FREE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    message: str


def run_checks(settings: Settings, *, host: str | None = None) -> list[Check]:
    """Every check, in the order a facilitator would fix them."""
    return [
        check_network(settings, host),
        check_port(settings),
        check_data_folder(settings),
        check_database(settings),
        check_async_library(settings),
    ]


def check_network(settings: Settings, host: str | None) -> Check:
    """Phones on the same Wi-Fi reach the laptop at its LAN address: bind there and connect to it."""
    address = host or netinfo.lan_address()
    if address is None:
        return Check("network", FAIL, "This laptop has no address on a local network, so phones cannot reach it. "
                     "Connect to the venue's Wi-Fi (or start a hotspot), then run doctor again.")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as listener:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind((address, 0))  # a spare port: the event's own may be taken, which is check_port's news
            listener.listen(1)
            with socket.create_connection(listener.getsockname()[:2], timeout=3):
                pass
    except OSError as exc:
        return Check("network", FAIL, f"Connections to {address} do not get through ({exc.strerror or exc}): "
                     "a firewall may be blocking them; allow Python to accept connections on this network.")
    return Check("network", OK, f"Phones on this network can reach http://{address}:{settings.port}")


def check_port(settings: Settings) -> Check:
    try:
        datalock.check_port_free(settings.host, settings.port)
    except StartupError as exc:
        return Check("port", FAIL, str(exc))
    return Check("port", OK, f"Port {settings.port} is free.")


def check_data_folder(settings: Settings) -> Check:
    folder = settings.data_dir
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    try:
        free = shutil.disk_usage(existing).free
        if folder.exists():
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
                pass
        elif not os.access(existing, os.W_OK):
            raise PermissionError(errno.EACCES, "permission denied")
    except OSError as exc:
        return Check("data folder", FAIL, f"The data folder {folder} cannot be written ({exc.strerror or exc}): "
                     "fix its permissions, or choose another with --data-dir.")
    if free < MIN_FREE_BYTES:
        return Check("data folder", FAIL, f"Only {free // (1024 * 1024)} MB free where {folder} is: "
                     "free some space (200 MB at least) before the event.")
    if datalock.in_use(folder) if folder.exists() else False:
        return Check("data folder", WARN, f"A server is running on {folder} now; stop it before the event starts another.")
    return Check("data folder", OK, f"{folder} is writable, with {free // (1024 * 1024 * 1024)} GB free.")


def check_database(settings: Settings) -> Check:
    url = settings.effective_database_url
    if not settings.database_url and not (settings.data_dir / "facilitator.sqlite3").exists():
        return Check("database", OK, "No events yet: the database is created at the first start.")
    engine = sa.create_engine(url, hide_parameters=True)
    try:
        found = schema.state(engine)
    except sa.exc.SQLAlchemyError as exc:
        return Check("database", FAIL, f"The database cannot be opened ({type(exc.orig or exc).__name__}): "
                     "check FACILITATOR_DATABASE_URL, or restore a backup (facilitator restore).")
    finally:
        engine.dispose()
    if not found.is_known:
        return Check("database", FAIL, f"The database is {found.describe()}: install that release, or use another --data-dir.")
    if not found.up_to_date:
        return Check("database", WARN, f"The database is {found.describe()}; a copy is kept first.")
    return Check("database", OK, f"The database is at revision {found.current}, this release's.")


def check_async_library(settings: Settings) -> Check:
    mode = settings.async_mode
    if mode == "threading":
        return Check("async library", OK, "threading needs no library.")
    try:
        importlib.import_module(mode)
    except Exception as exc:  # an import can fail in many ways; any of them stops the server
        extra = "" if mode == "eventlet" else " (pip install 'circle-and-cafe[gevent]')"
        return Check("async library", FAIL, f"{mode} does not load ({exc}): reinstall it{extra}, "
                     "or choose another with FACILITATOR_ASYNC_MODE.")
    return Check("async library", OK, f"{mode} loads.")
