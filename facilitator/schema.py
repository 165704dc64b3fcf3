"""The database's schema version: what a release finds in a data folder, and how it upgrades it.

Every change to the models ships with an Alembic migration in
``facilitator/migrations/versions``. At start-up the server brings the
database to the newest revision it knows:

- an empty database gets today's tables and is marked as current;
- a database made before migrations existed (release 0.1.0, which has the
  baseline's exact tables) is marked as the baseline, then upgraded;
- an older revision is upgraded, after a copy of a SQLite file is kept beside
  it, named with the revision it had (``facilitator.sqlite3.before-0001``);
- a revision this release does not know was written by a newer release: it is
  refused with a sentence, since an older release cannot read it safely.
"""
from __future__ import annotations

import logging
import sqlite3
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from facilitator.tables import metadata
from facilitator.settings import StartupError

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The revision whose tables are exactly release 0.1.0's, made by create_all.
BASELINE = "0001"


class SchemaTooNew(StartupError):
    """The database was written by a newer release than this one."""


@dataclass(frozen=True)
class SchemaState:
    current: str | None  # the revision recorded in the database; None when none is
    head: str  # the newest revision this release knows
    has_tables: bool  # whether anything is there at all

    @property
    def is_known(self) -> bool:
        return self.current is None or is_known(self.current)

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    def describe(self) -> str:
        if not self.has_tables:
            return f"empty (this release would create revision {self.head})"
        if self.current is None:
            return f"made by release 0.1.0, before schema versions (this release upgrades it to {self.head})"
        if not self.is_known:
            return f"revision {self.current}, written by a newer release (this one knows up to {self.head})"
        if self.up_to_date:
            return f"revision {self.current} (current)"
        return f"revision {self.current} (this release upgrades it to {self.head})"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


@lru_cache(maxsize=1)
def _known_revisions() -> frozenset[str]:
    return frozenset(rev.revision for rev in _script().walk_revisions())


def head() -> str:
    return _script().get_current_head()


def state(engine: Engine) -> SchemaState:
    with engine.connect() as conn:
        return _state(conn)


def _state(conn: Connection) -> SchemaState:
    tables = set(sa.inspect(conn).get_table_names()) - {"alembic_version"}
    current = MigrationContext.configure(conn).get_current_revision()
    return SchemaState(current=current, head=head(), has_tables=bool(tables))


def is_known(revision: str) -> bool:
    return revision in _known_revisions()


def state_of_file(database: Path) -> str | None:
    """The revision recorded in a SQLite file (None before migrations existed), read without changing it."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'").fetchone():
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


# PostgreSQL advisory lock key for upgrades: any number, the same in every release.
UPGRADE_LOCK = 0x0C1C_CAFE


def upgrade(engine: Engine, *, sqlite_file: Path | None = None) -> SchemaState:
    """Bring the database to this release's newest revision; returns the state it was found in.

    ``sqlite_file``: the database's file, copied beside itself before any
    migration changes it. Raises :class:`SchemaTooNew` for a database written
    by a newer release, without touching it. On PostgreSQL, two upgrades
    started together (two machines' deploy scripts) take turns: the second
    finds the work done.
    """
    if engine.dialect.name != "postgresql":
        return _upgrade(engine, sqlite_file)
    with engine.connect() as lock:
        lock.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": UPGRADE_LOCK})
        lock.commit()
        try:
            return _upgrade(engine, sqlite_file)
        finally:
            lock.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": UPGRADE_LOCK})
            lock.commit()


def _upgrade(engine: Engine, sqlite_file: Path | None) -> SchemaState:
    with engine.connect() as conn:
        found = _state(conn)
        conn.rollback()  # end the read, so that each step below is a transaction of its own
        if not found.is_known:
            raise SchemaTooNew(
                f"This data was written by a newer release of Circle & Café (database revision {found.current}; "
                f"this release knows up to {found.head}). Install that release or a newer one, "
                "or start this one with another --data-dir."
            )
        if found.up_to_date:
            return found
        context = MigrationContext.configure(conn)
        if not found.has_tables:
            # A new database: today's tables in one go, as the migrations would
            # make them (the migration tests compare the two), and marked current.
            with conn.begin():
                metadata.create_all(conn)
                context.stamp(_script(), "head")
            log.info("created a new database at revision %s", found.head)
            return found
        if found.current is None:
            # Release 0.1.0 made exactly the baseline's tables, without a version.
            with conn.begin():
                context.stamp(_script(), BASELINE)
            log.info("marked a database from release 0.1.0 as revision %s", BASELINE)
            if head() == BASELINE:
                return found
    from_revision = found.current or BASELINE
    if sqlite_file is not None:
        copy = sqlite_file.with_name(f"{sqlite_file.name}.before-{from_revision}")
        copy_sqlite(sqlite_file, copy)
        log.info("kept a copy of the database before upgrading it: %s", copy)
    with engine.connect() as conn:
        run_migrations(conn)
    log.info("upgraded the database from revision %s to %s", from_revision, head())
    return found


def run_migrations(conn: Connection, target: str = "head") -> None:
    """Run the migrations up to ``target`` in one transaction on ``conn`` (not yet in a transaction).

    On SQLite, batch mode changes a table by copying it, dropping the old one
    and renaming the copy; with foreign keys on, dropping ``event`` would
    delete every participant, card and pledge through ON DELETE CASCADE. So
    foreign keys are off while the migrations run (SQLite ignores the pragma
    inside a transaction, hence before it), and checked before the commit.
    """
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()
    try:
        with conn.begin():
            command.upgrade(alembic_config(conn), target)
            if sqlite:
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise StartupError(
                        f"Upgrading the database would leave {len(broken)} row(s) pointing at nothing "
                        f"(first in table {broken[0][0]}); nothing was changed. Please report this."
                    )
    finally:
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database (its online backup API, WAL included)."""
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    tmp.chmod(0o600)
    tmp.replace(target)


def new_revision(message: str) -> Path:
    """Write the migration for what the models changed since the newest revision (for developers).

    The models are compared with a scratch database built by the migrations
    so far; read and edit what it writes before committing it.
    """
    with tempfile.TemporaryDirectory() as scratch:
        engine = sa.create_engine(f"sqlite:///{scratch}/scratch.sqlite3")
        try:
            with engine.begin() as conn:
                config = alembic_config(conn)
                command.upgrade(config, "head")
                written = command.revision(config, message=message, autogenerate=True, rev_id=f"{int(head()) + 1:04d}")
        finally:
            engine.dispose()
    _script.cache_clear()
    _known_revisions.cache_clear()
    return Path(written.path)
