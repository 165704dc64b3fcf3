"""A whole data folder in one file, taken while the server runs, and put back.

A backup is a zip: the SQLite database copied with SQLite's online backup
API (a file copy of a database in WAL mode can miss what is still in the
WAL, or catch a page half-written), the console and session keys, the saved
agenda templates and the address phones used, with a manifest saying which
release and schema revision wrote it. Logs, the server lock and the copies
kept before upgrades stay out.
"""
from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from facilitator import __version__, datalock, schema
from facilitator.settings import Settings, StartupError

DATABASE = "facilitator.sqlite3"
MANIFEST = "manifest.json"
KEPT_FILES = ("console.key", "flask.key", "base_url")
KEPT_FOLDERS = ("agenda_templates",)
# A data folder's keys and templates are tiny; anything far larger is not ours.
MAX_SMALL_FILE = 1024 * 1024


class BackupError(StartupError):
    """A backup cannot be made, or a file cannot be restored: the sentence says why."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    events: int
    revision: str | None
    made_at: str


def _count_events(database: Path) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT count(*) FROM event").fetchone()[0]


def make(settings: Settings, out: Path) -> BackupSummary:
    """Write a backup of ``settings.data_dir`` to ``out`` (readable by its owner only)."""
    if settings.database_url:
        raise BackupError(
            "This server keeps its events in the database at FACILITATOR_DATABASE_URL, not in the data folder: "
            "back it up with that database's own tools (for PostgreSQL, pg_dump; see docs/deploy.md)."
        )
    data_dir = settings.data_dir
    database = data_dir / DATABASE
    if not database.exists():
        raise BackupError(f"There is nothing to back up: {data_dir} holds no events yet.")
    out = Path(out)
    with tempfile.TemporaryDirectory(prefix="facilitator-backup-") as work:
        copy = Path(work) / DATABASE
        schema.copy_sqlite(database, copy)
        revision = schema.state_of_file(copy)
        events = _count_events(copy)
        made_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        manifest = {"format": 1, "version": __version__, "revision": revision, "made_at": made_at, "events": events}
        tmp = out.with_name(out.name + ".partial")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1))
            archive.write(copy, DATABASE)
            for name in KEPT_FILES:
                if (data_dir / name).is_file():
                    archive.write(data_dir / name, name)
            for folder in KEPT_FOLDERS:
                for path in sorted((data_dir / folder).glob("*.json")) if (data_dir / folder).is_dir() else []:
                    archive.write(path, f"{folder}/{path.name}")
        os.replace(tmp, out)
    return BackupSummary(out, events, revision, made_at)


def _allowed(name: str) -> bool:
    """Only the names a backup holds: nothing that could land outside the data folder."""
    if name in (MANIFEST, DATABASE) or name in KEPT_FILES:
        return True
    path = PurePosixPath(name)
    return (
        len(path.parts) == 2 and path.parts[0] in KEPT_FOLDERS and path.suffix == ".json"
        and not path.name.startswith(".") and "\\" not in name
    )


def restore(settings: Settings, backup: Path) -> BackupSummary:
    """Put a backup into ``settings.data_dir``; what was there is kept beside it, never overwritten.

    Refused while a server runs on the folder, and for a file that is not a
    whole, readable backup of a release this one can open.
    """
    if settings.database_url:
        raise BackupError("This server keeps its events in FACILITATOR_DATABASE_URL: restore that database with its own tools.")
    data_dir = settings.data_dir
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Held while restoring, so that no server starts on a half-restored folder.
    lock = datalock.DataFolderLock(data_dir)
    try:
        lock.acquire()
    except datalock.FolderInUse:
        raise BackupError(
            f"A Circle & Café server is running on {data_dir}: stop it first, then restore (nothing was changed)."
        ) from None
    try:
        return _restore(data_dir, Path(backup))
    finally:
        lock.release()


def _restore(data_dir: Path, backup: Path) -> BackupSummary:
    try:
        archive = zipfile.ZipFile(backup)
    except (OSError, zipfile.BadZipFile):
        raise BackupError(f"{backup} is not a Circle & Café backup (not a zip file); nothing was changed.") from None
    with archive, tempfile.TemporaryDirectory(prefix="facilitator-restore-") as work:
        names = archive.namelist()
        if MANIFEST not in names or DATABASE not in names:
            raise BackupError(f"{backup} is not a Circle & Café backup (no manifest or database); nothing was changed.")
        strange = [n for n in names if not _allowed(n)]
        if strange:
            raise BackupError(f"{backup} holds files a backup never holds ({strange[0]!r}); nothing was changed.")
        for info in archive.infolist():
            if info.filename != DATABASE and info.file_size > MAX_SMALL_FILE:
                raise BackupError(f"{backup} holds an unexpectedly large {info.filename!r}; nothing was changed.")
        try:
            manifest = json.loads(archive.read(MANIFEST))
            made_at = str(manifest["made_at"])
        except (ValueError, KeyError, TypeError):
            raise BackupError(f"{backup} has a damaged manifest; nothing was changed.") from None
        staged = Path(work)
        archive.extractall(staged)
        database = staged / DATABASE
        try:
            with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
                ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        except sqlite3.DatabaseError:
            ok = False
        if not ok:
            raise BackupError(f"The database in {backup} is damaged; nothing was changed.")
        revision = schema.state_of_file(database)
        if revision is not None and not schema.is_known(revision):
            raise BackupError(
                f"{backup} was made by a newer release of Circle & Café (database revision {revision}): "
                "install that release or a newer one to restore it. Nothing was changed."
            )
        events = _count_events(database)
        _put_in_place(staged, data_dir, names)
    return BackupSummary(backup, events, revision, made_at)


def _put_in_place(staged: Path, data_dir: Path, names: list[str]) -> None:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    current = data_dir / DATABASE
    if current.exists():
        # Folded into one file first, so the copy kept aside is whole.
        kept = data_dir / f"{DATABASE}.before-restore-{stamp}"
        schema.copy_sqlite(current, kept)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{current}{suffix}").unlink(missing_ok=True)
    for name in names:
        if name == MANIFEST:
            continue
        target = data_dir / name
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if target.exists() and name != DATABASE:
            target.replace(target.with_name(f"{target.name}.before-restore-{stamp}"))
        tmp = target.with_name(target.name + ".partial")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write((staged / name).read_bytes())
        os.replace(tmp, target)
