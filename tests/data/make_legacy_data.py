"""Make the data folders that the upgrade tests open: an event made by release 0.1.0.

The files beside this script were written by the code at commit 8d717b0 (the
last commit before schema migrations existed), so that the tests can prove a
new release opens last year's data folder with nothing lost. To make them
again, run this script with that commit's package on the path:

    git worktree add /tmp/release-0.1.0 8d717b0
    PYTHONPATH=/tmp/release-0.1.0 .venv/bin/python tests/data/make_legacy_data.py

It writes:
- ``legacy-0.1.0.sqlite3``: the SQLite file of a data folder;
- ``legacy-0.1.0.postgres.sql``: the same event in PostgreSQL (``pg_dump`` of
  the schema ``legacy_fixture``, which the test renames as it loads it);
- ``legacy-0.1.0.expected.json``: what must be there after the upgrade.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(1, str(HERE.parent.parent))  # `tests` as a package; the old `facilitator` comes first

import sqlalchemy as sa  # noqa: E402

from facilitator.db import Database  # noqa: E402
from facilitator.activities.board.models import Card
from facilitator.activities.checkout.models import CheckoutWord, Pledge
from facilitator.core.models import Event, Participant  # noqa: E402
from tests.exports.support import harvested_event  # noqa: E402

PG_URL = os.environ.get("FACILITATOR_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PG_SCHEMA = "legacy_fixture"


def make(url: str) -> dict:
    db = Database(url)
    db.create_all()
    harvested_event(db)
    with db.read_scope() as s:
        expected = {
            "events": sorted(s.scalars(sa.select(Event.title))),
            "people": sorted(n or "" for n in s.scalars(sa.select(Participant.name))),
            "cards": sorted(s.scalars(sa.select(Card.text))),
            "pledges": sorted(s.scalars(sa.select(Pledge.text))),
            "words": sorted(s.scalars(sa.select(CheckoutWord.text))),
        }
    db.dispose()
    return expected


def main() -> None:
    sqlite_file = HERE / "legacy-0.1.0.sqlite3"
    for leftover in HERE.glob("legacy-0.1.0.sqlite3*"):
        leftover.unlink()
    expected = make(f"sqlite:///{sqlite_file}")
    # One file, no WAL beside it: what a data folder holds after a clean stop.
    with sa.create_engine(f"sqlite:///{sqlite_file}").connect() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=DELETE")

    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
        conn.execute(sa.text(f"CREATE SCHEMA {PG_SCHEMA}"))
    assert make(f"{PG_URL}?options=-csearch_path%3D{PG_SCHEMA}") == expected
    dump = subprocess.run(
        ["pg_dump", "--no-owner", "--no-privileges", "--schema", PG_SCHEMA, "-h", "127.0.0.1", "-U", "postgres", "test"],
        check=True, capture_output=True, text=True,
    ).stdout
    (HERE / "legacy-0.1.0.postgres.sql").write_text(dump)
    with admin.begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA {PG_SCHEMA} CASCADE"))
    (HERE / "legacy-0.1.0.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {sqlite_file.name}, legacy-0.1.0.postgres.sql, legacy-0.1.0.expected.json")


if __name__ == "__main__":
    main()
