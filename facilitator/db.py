"""Engine, unit-of-work sessions and the SQLite settings the event data needs.

A transaction here never spans network I/O: under eventlet or gevent a SQLite
lock wait blocks every connection at once, so handlers open a session, let the
domain do its work, commit, and only then emit.
"""
from __future__ import annotations

import logging
import sqlite3
import sys
import threading
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from facilitator import off_loop, schema
from facilitator.core.reads import MEMO, READ_ONLY
from facilitator.settings import StartupError

log = logging.getLogger(__name__)

# After an erasure, how often and how long to try emptying the WAL while a
# reader holds it: 0.2 s doubling to a minute, about 12 minutes in all.
CHECKPOINT_ATTEMPTS = 20
CHECKPOINT_DELAY = 0.2


def _sqlite_pragmas(dbapi_connection, _record, synchronous: str = "FULL", autocheckpoint: int = 200) -> None:
    cur = dbapi_connection.cursor()
    # WAL lets exports read while a card is being written; FULL makes an
    # acknowledged card survive a power cut (the write rate is tiny).
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA synchronous={synchronous}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    # The commit that crosses the autocheckpoint mark copies the WAL into the
    # database and syncs it, blocking the event loop meanwhile: at SQLite's
    # default of 1,000 pages that was once 230 ms; 200 pages keeps each
    # checkpoint short (it happens five times as often, and costs a fifth).
    cur.execute(f"PRAGMA wal_autocheckpoint={autocheckpoint}")
    # Deleted text is overwritten, not left in free pages (right to erasure).
    cur.execute("PRAGMA secure_delete=ON")
    cur.close()


class OffLoopCommits(sqlite3.Connection):
    """A SQLite connection whose commits wait on a native thread.

    A commit is where SQLite syncs the disk (and, every 200 pages, copies the
    WAL into the database): milliseconds on a quiet disk, hundreds of them on
    a busy one, and under eventlet or gevent every phone would wait with it.
    The writer lock keeps one commit at a time, and the committing greenlet
    waits for it, so the connection is never used by two threads at once.
    """

    def commit(self) -> None:
        off_loop.call(super().commit)


# A presence connection checkpoints the WAL itself (off the loop) once in this
# many commits; the durable connections checkpoint it at their own commits.
PRESENCE_CHECKPOINT_EVERY = 100


class PresenceCommits(sqlite3.Connection):
    """A connection for writes a power cut may lose (who is connected): commits on the loop.

    With ``synchronous=NORMAL`` a commit in WAL mode appends to the log and
    syncs nothing, so it is quick; what could block is the checkpoint that
    SQLite runs on the committing connection when the log passes its mark.
    These connections never checkpoint by themselves (``wal_autocheckpoint=0``):
    the durable commits do, off the loop, and so does every
    ``PRESENCE_CHECKPOINT_EVERY``-th presence commit, so a reconnect storm with
    no other writes does not grow the log without end. Handing every commit to
    a native thread cost a join storm a tenth of its CPU (issue #22).
    """

    commits = 0

    def commit(self) -> None:
        self.commits += 1
        if self.commits % PRESENCE_CHECKPOINT_EVERY:
            super().commit()
        else:
            off_loop.call(self._commit_and_checkpoint)

    def _commit_and_checkpoint(self) -> None:
        super().commit()
        # PASSIVE: copies what no reader still needs and never waits for one.
        self.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()


class KeptSessions:
    """Sessions closed at the end of a unit of work, handed to the next ones.

    Making a ``Session`` costs about as much as a small statement (its
    transaction's state, its identity map, its events): a join makes two, a
    card three, and a join storm is 100 joins a second. A session closed by
    ``Session.close()`` is empty and may be used again (SQLAlchemy 2's
    ``close_resets_only``); its ``info`` is emptied here. A closed session is
    handed out again only once nothing but this list holds it: the scope's
    ``as s`` outlives the ``with`` in its caller's frame, and an object may
    have kept its session to read through later. Until then it waits here.
    """

    def __init__(self, make: Callable[[], Session], most: int = 16):
        self._make = make
        self._most = most
        self._closed: list[Session] = []
        self._lock = threading.Lock()  # a session is never handed to two threads (threading mode)

    def take(self) -> Session:
        with self._lock:
            for at in range(len(self._closed) - 1, -1, -1):  # the last given back first
                # Held by this list and getrefcount's argument alone: nobody else has it.
                if sys.getrefcount(self._closed[at]) <= 2:
                    session = self._closed.pop(at)
                    break
            else:
                return self._make()
        if session.in_transaction() or session.info or len(session.identity_map):
            # Its last holder used it after its scope (a read through an object that kept it):
            # closed again, so that nothing of that use reaches the next unit of work.
            session.close()
            session.info.clear()
        return session

    def give_back(self, session: Session) -> None:
        session.close()
        session.info.clear()
        with self._lock:
            self._closed.append(session)
            if len(self._closed) > self._most:
                del self._closed[0]  # the longest held: made again when needed

    @contextmanager
    def one(self) -> Iterator[Session]:
        session = self.take()
        try:
            yield session
        finally:
            self.give_back(session)


class ConnectionUnit:
    """A unit of work on a Core connection, its ORM session made only if something asks for it.

    A join and a phone's connect are a statement each, run on the connection
    (``s.connection().execute``): the session around them (its transaction's
    state, its flush, its close) cost more than the statement, twice a join.
    Anything else a session offers (``get``, ``scalar``, ``add``...) makes
    one on the same connection, in the same transaction, when first asked
    (a phone whose token is refused, a join that records the group agreement).
    """

    def __init__(self, connection):
        self._connection = connection
        self._session: Session | None = None
        self._open = True
        self.info: dict = {}

    def connection(self):
        return self._connection

    @property
    def autoflush(self) -> bool:
        # Only a session has anything to flush before a statement (core.rows.plain_rows).
        return self._session is not None and self._session.autoflush

    def flush(self) -> None:
        if self._session is not None:
            self._session.flush()

    def in_transaction(self) -> bool:
        return self._open

    def __getattr__(self, name: str):
        # Only what this class does not define: the rest of a Session's interface.
        return getattr(self._orm(), name)

    def _orm(self) -> Session:
        if not self._open:
            raise RuntimeError("This unit of work is over: its session cannot be used after it.")
        if self._session is None:
            # Joins the connection's transaction: the unit commits or rolls back the connection.
            self._session = Session(bind=self._connection, expire_on_commit=False, join_transaction_mode="rollback_only")
        return self._session

    def close(self) -> None:
        self._open = False
        if self._session is not None:
            self._session.close()


class Database:
    """The event database: one engine, short sessions, serialised writes."""

    def __init__(self, url: str):
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        # Statement parameters hold names and card texts: never in an error message or the log.
        kwargs: dict = {"hide_parameters": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 5, "factory": OffLoopCommits}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(url, **kwargs)
        self._sessions = KeptSessions(sessionmaker(self.engine, expire_on_commit=False))
        self._presence_sessions = self._sessions
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
            # A second, small pool for writes that may skip the fsync: its
            # connections are synchronous=NORMAL for good, so a connect costs
            # one commit, not two PRAGMA switches and three commits, and that
            # commit stays on the loop (PresenceCommits).
            presence_kwargs = {**kwargs, "connect_args": {**kwargs["connect_args"], "factory": PresenceCommits}}
            self.presence_engine: Engine | None = create_engine(url, pool_size=2, max_overflow=2, **presence_kwargs)
            event.listen(
                self.presence_engine, "connect",
                lambda conn, rec: _sqlite_pragmas(conn, rec, synchronous="NORMAL", autocheckpoint=0),
            )
            self._presence_sessions = KeptSessions(sessionmaker(self.presence_engine, expire_on_commit=False))
        else:
            self.presence_engine = None
        # SQLite allows one writer; queueing writers here is cheaper than
        # letting them spin in busy waits (which block the whole event loop).
        # PostgreSQL takes many writers at once: queueing them here would make
        # every join wait for the previous one's commit to travel and sync.
        self._write_lock = threading.RLock() if self.is_sqlite else nullcontext()
        # Called after each write that may change what every phone is shown
        # (delivery/doorway.py forgets what it keeps between connects).
        self.after_commit: list[Callable[[], None]] = []

    @property
    def sqlite_file(self) -> Path | None:
        """The database's file, when it is SQLite on disk."""
        database = self.engine.url.database if self.is_sqlite else None
        return Path(database) if database and database != ":memory:" else None

    def upgrade(self) -> "schema.SchemaState":
        """Bring the schema to this release's newest revision (see ``facilitator.schema``)."""
        return schema.upgrade(self.engine, sqlite_file=self.sqlite_file)

    def check_current(self) -> "schema.SchemaState":
        """Refuse a database that is not at this release's revision, without changing it.

        Several server processes never upgrade the database themselves (they
        would race); `facilitator db upgrade` does it once, before they start.
        """
        found = schema.state(self.engine)
        if not found.is_known:
            raise schema.SchemaTooNew(f"The database is {found.describe()}: install that release on every server.")
        if not found.up_to_date:
            raise StartupError(
                f"The database is {found.describe()}: run `facilitator db upgrade` once, then start the servers "
                "(with FACILITATOR_MESSAGE_QUEUE set they never upgrade it themselves, so they cannot race)."
            )
        return found

    @contextmanager
    def session_scope(self, *, durable: bool = True) -> Iterator[Session]:
        """A unit of work: commits at the end, rolls back on any error.

        ``durable=False`` is for writes a power cut may lose without harm:
        who is connected right now (reset at every start), and people joining
        (someone whose join is lost is shown the join form again, and joins
        again). On SQLite their commit skips the fsync that every other write
        waits for, and that under eventlet or gevent has to be handed to a
        native thread (with it, a join's unit of work cost about twice the CPU:
        bench/unit_costs.py); the next durable commit or checkpoint syncs them with it,
        since the log is one file. A process that dies loses nothing: the
        commit is in the operating system's hands.

        Such work only adds people or counts who is connected: it changes
        nothing every phone is shown. Every other commit calls ``after_commit``,
        inside the writer's lock, before anything is published.
        """
        sessions = self._sessions if durable else self._presence_sessions
        with self._write_lock:
            with sessions.one() as session, session.begin():
                if not durable and not self.is_sqlite:
                    # PostgreSQL's equivalent: the commit does not wait for the WAL's sync.
                    session.execute(text("SET LOCAL synchronous_commit TO OFF"))
                yield session
            if durable:
                for committed in self.after_commit:
                    committed()

    @contextmanager
    def presence_scope(self) -> Iterator[ConnectionUnit]:
        """``session_scope(durable=False)`` on a connection: for the units of work a join storm
        repeats (a join, a phone connecting), mostly a statement each (:class:`ConnectionUnit`)."""
        engine = self.presence_engine if self.presence_engine is not None else self.engine
        with self._write_lock:
            with self._connection_unit(engine, durable=False) as unit:
                yield unit

    @contextmanager
    def unit_scope(self) -> Iterator[ConnectionUnit]:
        """``session_scope()`` on a connection (:class:`ConnectionUnit`): for the units of work a
        card burst repeats, mostly a few statements each. A card posted alone (most of them)
        spent about a sixth of its unit of work in the session's own bookkeeping (its transaction,
        the connection asked of it for each statement, its commit and close)."""
        with self._write_lock:
            with self._connection_unit(self.engine, durable=True) as unit:
                yield unit
            for committed in self.after_commit:
                committed()

    @contextmanager
    def _connection_unit(self, engine: Engine, *, durable: bool) -> Iterator[ConnectionUnit]:
        with engine.begin() as connection:
            if not durable and not self.is_sqlite:
                connection.execute(text("SET LOCAL synchronous_commit TO OFF"))
            unit = ConnectionUnit(connection)
            try:
                yield unit
                unit.flush()  # what its session holds, before the connection commits
            finally:
                unit.close()

    @contextmanager
    def read_scope(self, *, memo: dict | None = None) -> Iterator[Session]:
        """A read-only unit of work that never takes the writer's place.

        Every query in it sees the same moment: on SQLite an explicit read
        transaction pins one WAL snapshot (the driver would otherwise run each
        SELECT on its own, and an export could see a card but not its theme).
        Readers never block the writer in WAL mode.

        ``memo`` is what :func:`once_per_read` keeps, shared with other read
        scopes that show the same moment (a publish's phones and watchers).
        """
        with self._sessions.one() as session:
            session.info[READ_ONLY] = True
            if memo is not None:
                session.info[MEMO] = memo
            try:
                if self.is_sqlite:
                    session.connection().exec_driver_sql("BEGIN")
                yield session
            finally:
                session.rollback()

    def checkpoint(self) -> bool:
        """Fold the WAL into the main file and empty it (after an erasure); True when done.

        A reader that began before the erasure keeps its snapshot, and the
        pages it may still read (the erased text among them) cannot be
        overwritten until it ends: then this returns False at once, without
        waiting, and the caller tries again later (see ``checkpoint_until_done``).
        """
        if not self.is_sqlite:
            return True
        with self.engine.connect() as conn:
            # Not the connection's usual busy wait: a TRUNCATE checkpoint waits
            # for every reader, and under eventlet or gevent that wait would
            # stop the whole server while the reader it waits for cannot run.
            conn.exec_driver_sql("PRAGMA busy_timeout=0")
            try:
                # Copying the WAL and syncing the file is slow on a busy disk.
                busy, logged, checkpointed = off_loop.call(
                    lambda: conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
                )
                conn.commit()
            finally:
                conn.exec_driver_sql("PRAGMA busy_timeout=5000")
        return busy == 0 and logged == checkpointed

    def checkpoint_until_done(
        self, *, attempts: int = CHECKPOINT_ATTEMPTS, delay: float = CHECKPOINT_DELAY, sleep: Callable[[float], None] = time.sleep
    ) -> bool:
        """Checkpoint, and while readers hold the WAL try again, up to ``attempts`` times.

        Waits ``delay`` seconds between tries, doubling up to a minute. In
        the server pass ``socketio.sleep`` and run this as a background task;
        a failure in the end is logged, since erased text may still be on disk.
        """
        wait = delay
        for attempt in range(1, attempts + 1):
            if self.checkpoint():
                return True
            if attempt < attempts:
                sleep(wait)
                wait = min(wait * 2, 60.0)
        log.error(
            "the write-ahead log could not be emptied after %d tries: erased text may still be in %s-wal "
            "until the next checkpoint (a long read transaction is holding it)", attempts, self.url
        )
        return False

    def dispose(self) -> None:
        self.engine.dispose()
        if self.presence_engine is not None:
            self.presence_engine.dispose()
