"""Engine, unit-of-work sessions and the SQLite settings the event data needs.

A transaction here never spans network I/O: under eventlet or gevent a SQLite
lock wait blocks every connection at once, so handlers open a session, let the
domain do its work, commit, and only then emit.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    # WAL lets exports read while a card is being written; FULL makes an
    # acknowledged card survive a power cut (the write rate is tiny).
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    # Deleted text is overwritten, not left in free pages (right to erasure).
    cur.execute("PRAGMA secure_delete=ON")
    cur.close()


class Database:
    """The event database: one engine, short sessions, serialised writes."""

    def __init__(self, url: str):
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        kwargs: dict = {}
        if self.is_sqlite:
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 5}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # SQLite allows one writer; queueing writers here is cheaper than
        # letting them spin in busy waits (which block the whole event loop).
        self._write_lock = threading.RLock()

    def create_all(self) -> None:
        from . import models

        models.Base.metadata.create_all(self.engine)

    @contextmanager
    def session_scope(self, *, durable: bool = True) -> Iterator[Session]:
        """A unit of work: commits at the end, rolls back on any error.

        ``durable=False`` is for writes a power cut may lose without harm
        (who is connected right now, which is reset at every start): on SQLite
        their commit skips the fsync that every other write waits for, and
        that under eventlet or gevent stops every connection while it lasts.
        """
        with self._write_lock:
            if durable or not self.is_sqlite:
                with self._sessions() as session, session.begin():
                    yield session
                return
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
                conn.commit()
                try:
                    with self._sessions(bind=conn) as session, session.begin():
                        yield session
                finally:
                    # The connection goes back to the pool as durable as it came.
                    conn.exec_driver_sql("PRAGMA synchronous=FULL")
                    conn.commit()

    @contextmanager
    def read_scope(self) -> Iterator[Session]:
        """A read-only unit of work that never takes the writer's place.

        Every query in it sees the same moment: on SQLite an explicit read
        transaction pins one WAL snapshot (the driver would otherwise run each
        SELECT on its own, and an export could see a card but not its theme).
        Readers never block the writer in WAL mode.
        """
        with self._sessions() as session:
            try:
                if self.is_sqlite:
                    session.connection().exec_driver_sql("BEGIN")
                yield session
            finally:
                session.rollback()

    def checkpoint(self) -> None:
        """Fold the WAL into the main file and empty it (after an erasure)."""
        if not self.is_sqlite:
            return
        with self.engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            conn.commit()

    def dispose(self) -> None:
        self.engine.dispose()
