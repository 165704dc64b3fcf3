"""Looking for erased text in the raw SQLite files (database, WAL and shared memory)."""
from __future__ import annotations

from pathlib import Path


def raw_files(settings) -> dict[str, bytes]:
    base = Path(settings.data_dir) / "facilitator.sqlite3"
    return {p.name: p.read_bytes() for p in (base, Path(f"{base}-wal"), Path(f"{base}-shm")) if p.exists()}


def found_in(files: dict[str, bytes], text: str) -> list[str]:
    """The files holding ``text``, as SQLite stores it (UTF-8) or as UTF-16."""
    needles = [text.encode("utf-8"), text.encode("utf-16-le")]
    return [name for name, data in files.items() if any(n in data for n in needles)]


def traces(settings, texts) -> dict[str, list[str]]:
    """Each text still somewhere in the files, with where; empty when all are gone."""
    files = raw_files(settings)
    return {text: where for text in texts if (where := found_in(files, text))}
