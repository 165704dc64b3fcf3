"""A new release opens last year's data folder: everything is there, and the schema is this release's."""
from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from facilitator import create_app, schema
from facilitator.db import Database
from facilitator.core.models import Base, Event, Participant
from facilitator.delivery.models import HandledMessage
from facilitator.activities.board.models import Card
from facilitator.activities.checkout.models import CheckoutWord, Pledge
from facilitator.settings import Settings

from ..conftest import PG_URL

DATA = Path(__file__).resolve().parent.parent / "data"
EXPECTED = json.loads((DATA / "legacy-0.1.0.expected.json").read_text())


def contents(db: Database) -> dict:
    with db.read_scope() as s:
        return {
            "events": sorted(s.scalars(sa.select(Event.title))),
            "people": sorted(n or "" for n in s.scalars(sa.select(Participant.name))),
            "cards": sorted(s.scalars(sa.select(Card.text))),
            "pledges": sorted(s.scalars(sa.select(Pledge.text))),
            "words": sorted(s.scalars(sa.select(CheckoutWord.text))),
        }


def schema_differences(engine: sa.Engine) -> list:
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)


def revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@pytest.fixture
def legacy_folder(tmp_path) -> Path:
    """A data folder as release 0.1.0 left it."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(DATA / "legacy-0.1.0.sqlite3", folder / "facilitator.sqlite3")
    return folder


@pytest.fixture
def legacy_postgres():
    """A PostgreSQL schema holding what release 0.1.0 wrote, loaded from its pg_dump."""
    name = f"legacy_{uuid.uuid4().hex[:10]}"
    dump = (DATA / "legacy-0.1.0.postgres.sql").read_text().replace("legacy_fixture", name)
    url = sa.make_url(PG_URL)
    loaded = subprocess.run(
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", url.host or "127.0.0.1", "-p", str(url.port or 5432),
         "-U", url.username or "postgres", url.database or "test"],
        input=dump, capture_output=True, text=True,
    )
    assert loaded.returncode == 0, f"PostgreSQL is needed at {PG_URL}: {loaded.stderr}"
    yield f"{PG_URL}?options=-csearch_path%3D{name}"
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{name}" CASCADE'))
    admin.dispose()


def test_a_data_folder_from_release_0_1_0_opens_with_everything_in_it(legacy_folder):
    app = create_app(Settings(data_dir=legacy_folder, async_mode="threading", testing=True))
    db = app.extensions["facilitator"].db
    try:
        assert contents(db) == EXPECTED
        assert revision(db.engine) == schema.head()
        assert schema_differences(db.engine) == []
        # The baseline is release 0.1.0's schema: the folder is stamped as it, not rebuilt, and the
        # copy kept before the later migrations is the baseline's.
        assert [p.name for p in legacy_folder.glob("facilitator.sqlite3.before-*")] == [
            f"facilitator.sqlite3.before-{schema.BASELINE}"
        ]
    finally:
        db.dispose()


def test_a_postgresql_database_from_release_0_1_0_opens_with_everything_in_it(legacy_postgres):
    db = Database(legacy_postgres)
    try:
        db.upgrade()
        assert contents(db) == EXPECTED
        assert revision(db.engine) == schema.head()
        assert schema_differences(db.engine) == []
    finally:
        db.dispose()


def test_the_migrations_alone_build_exactly_the_models_schema(database_url):
    """A fresh database takes the models' tables in one go; the migrations must make the same ones."""
    engine = sa.create_engine(database_url)
    try:
        with engine.begin() as conn:
            command.upgrade(schema.alembic_config(conn), "head")
        assert schema_differences(engine) == []
    finally:
        engine.dispose()


def test_a_new_column_is_added_to_an_old_folder_and_a_copy_of_the_old_file_is_kept(legacy_folder, tmp_path, monkeypatch):
    """The upgrade path a future release takes: one more migration, run on start-up."""
    migrations = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "9001_note.py").write_text(
        "from alembic import op\nimport sqlalchemy as sa\n"
        f"revision = '9001'\ndown_revision = {schema.head()!r}\nbranch_labels = None\ndepends_on = None\n"
        "def upgrade():\n"
        "    with op.batch_alter_table('event') as batch:\n"
        "        batch.add_column(sa.Column('note', sa.Text(), nullable=False, server_default=''))\n"
    )
    monkeypatch.setattr(schema, "MIGRATIONS", migrations)
    schema._script.cache_clear()
    schema._known_revisions.cache_clear()
    try:
        db = Database(f"sqlite:///{legacy_folder / 'facilitator.sqlite3'}")
        db.upgrade()
        with db.engine.connect() as conn:
            notes = conn.exec_driver_sql("SELECT note FROM event").scalars().all()
        assert notes == [""]
        assert revision(db.engine) == "9001"
        db.dispose()
        kept = legacy_folder / f"facilitator.sqlite3.before-{schema.BASELINE}"
        assert kept.exists()
        old = Database(f"sqlite:///{kept}")
        assert revision(old.engine) == schema.BASELINE
        old.dispose()
    finally:
        schema._script.cache_clear()
        schema._known_revisions.cache_clear()


def test_a_database_from_a_newer_release_is_refused_with_a_sentence_and_left_alone(legacy_folder):
    db = Database(f"sqlite:///{legacy_folder / 'facilitator.sqlite3'}")
    db.upgrade()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '7777'")
    with pytest.raises(schema.SchemaTooNew, match="newer release of Circle & Café.*7777"):
        db.upgrade()
    assert revision(db.engine) == "7777"
    assert contents(db) == EXPECTED
    db.dispose()


def test_the_upgrade_hashes_clinician_secrets_and_gives_each_event_its_own_screen_link(database_url):
    """Revision 0002: links already handed to clinicians keep working, but no secret is left in clear."""
    from facilitator.activities.consultation import clinician
    from facilitator.core.participants import hash_token

    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as conn:
            schema.run_migrations(conn, schema.BASELINE)
        now = "2026-11-30 10:00:00+00:00"
        with engine.begin() as conn:
            for n, code in enumerate(("AAAA2222", "BBBB3333"), start=1):
                conn.execute(sa.text(
                    "INSERT INTO event (id, code, title, purpose, welcome_text, agreement_text, locked, created_at)"
                    " VALUES (:id, :code, 'Old', '', '', 'Ours.', false, :now)"), {"id": n, "code": code, "now": now})
                conn.execute(sa.text(
                    "INSERT INTO consult_clinician_key (id, event_id, secret, created_at) VALUES (:id, :id, :secret, :now)"),
                    {"id": n, "secret": f"handed-out-secret-{n}", "now": now})
        schema.upgrade(engine)
        assert revision(engine) == schema.head()
        assert schema_differences(engine) == []
        with engine.connect() as conn:
            columns = {c["name"] for c in sa.inspect(conn).get_columns("consult_clinician_key")}
            hashes = conn.execute(sa.text("SELECT secret_hash FROM consult_clinician_key ORDER BY id")).scalars().all()
            nonces = conn.execute(sa.text("SELECT screen_nonce FROM event ORDER BY id")).scalars().all()
        assert "secret" not in columns
        assert hashes == [hash_token("handed-out-secret-1"), hash_token("handed-out-secret-2")]
        assert all(nonces) and len(set(nonces)) == 2, "one screen link per event"
        db = Database(database_url)
        try:
            with db.read_scope() as s:
                event = s.scalar(sa.select(Event).where(Event.code == "AAAA2222"))
                assert clinician.is_secret(s, event, "handed-out-secret-1")
                assert not clinician.is_secret(s, event, "handed-out-secret-2")
                assert not clinician.is_secret(s, event, hash_token("handed-out-secret-1")), "the hash itself opens nothing"
        finally:
            db.dispose()
    finally:
        engine.dispose()


# Revision 0007: the tables that kept the phone's message id themselves, who sent it and with which action.
OLD_MESSAGE_IDS = {
    "board_card": ("author_id", "card.add"), "circle_agreement": ("participant_id", "agreements.propose"),
    "circle_pledge": ("participant_id", "checkout.pledge"), "circle_word": ("participant_id", "checkout.word"),
}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_message_saved_with_its_id_on_its_row_is_still_answered_once_after_the_upgrade(backend, request):
    """Revision 0007 moves the message ids left on cards, agreements, pledges and words to the one record."""
    url = (f"sqlite:///{request.getfixturevalue('legacy_folder') / 'facilitator.sqlite3'}" if backend == "sqlite"
           else request.getfixturevalue("legacy_postgres"))
    engine = sa.create_engine(url)
    expected = set()
    with engine.begin() as conn:
        for table, (sender, action) in OLD_MESSAGE_IDS.items():
            conn.execute(sa.text(f"UPDATE {table} SET client_id = '{table}-' || id WHERE {sender} IS NOT NULL"))
            for row_id, person in conn.execute(sa.text(f"SELECT id, {sender} FROM {table} WHERE {sender} IS NOT NULL")):
                reply = {"id": row_id, "repeated": False} if table == "board_card" else {"id": row_id}
                expected.add((person, f"{table}-{row_id}", action, json.dumps(reply, sort_keys=True)))
    engine.dispose()
    assert len(expected) >= 8, "the old release's event has cards, agreements, pledges and words"
    db = Database(url)
    try:
        db.upgrade()
        assert schema_differences(db.engine) == []
        with db.read_scope() as s:
            handled = s.execute(sa.select(HandledMessage.participant_id, HandledMessage.client_id,
                                          HandledMessage.action, HandledMessage.reply))
            assert {(p, c, a, json.dumps(r, sort_keys=True)) for p, c, a, r in handled} == expected
        assert contents(db) == EXPECTED
    finally:
        db.dispose()
