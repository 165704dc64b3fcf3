"""`facilitator export`, `import`, `event delete|retain|purge-expired` as an organiser types them."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from facilitator.cli import cli
from facilitator.db import Database
from facilitator.activities.board.models import Card
from facilitator.settings import Settings

from ..erasure_support import traces
from ..exports.support import ANON_CARD, PRIVATE_PLEDGE, SHARED_PLEDGE, harvested_event


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_ASYNC_MODE", "threading")
    path = tmp_path / "laptop"
    return path


def harvest_in(data_dir):
    db = Database(Settings(data_dir=data_dir).effective_database_url)
    data_dir.mkdir(parents=True, exist_ok=True)
    db.upgrade()
    harvest = harvested_event(db)
    db.dispose()
    return harvest


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result


def test_an_event_moves_to_another_laptop_and_comes_back_identical(data_dir, tmp_path):
    harvest = harvest_in(data_dir)
    first, second, other = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "other-laptop"
    # A real process for the first step: the command works as installed.
    done = subprocess.run(
        [sys.executable, "-m", "facilitator", "export", harvest.code, "--format", "json", "--out", str(first), "--data-dir", str(data_dir)],
        capture_output=True, text=True, timeout=60, env={"FACILITATOR_ASYNC_MODE": "threading", "PATH": ""},
    )
    assert done.returncode == 0, done.stderr
    text = first.read_text("utf-8")
    assert SHARED_PLEDGE in text and PRIVATE_PLEDGE not in text  # what was kept private stays behind
    restored = run("import", first, "--data-dir", other)
    assert restored.exit_code == 0 and "Restored" in restored.output
    twice = run("import", first, "--data-dir", other)
    assert twice.exit_code == 0 and "already here; nothing was changed" in twice.output
    listed = json.loads(run("event", "list", "--json", "--data-dir", other).output)
    assert [e["code"] for e in listed] == [harvest.code]
    assert run("export", harvest.code, "--format", "json", "--out", second, "--data-dir", other).exit_code == 0
    assert second.read_bytes() == first.read_bytes()


def test_a_damaged_archive_is_refused_with_a_clear_error(data_dir, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "circle-and-cafe-archive", "version": 7, "records": {}}')
    result = run("import", bad, "--data-dir", data_dir)
    assert result.exit_code != 0
    assert "version 7" in result.output and "Nothing was changed" in result.output
    assert json.loads(run("event", "list", "--json", "--data-dir", data_dir).output) == []


def test_an_archive_with_a_number_too_large_is_refused_without_a_traceback(data_dir, tmp_path):
    harvest = harvest_in(data_dir)
    source = tmp_path / "source.json"
    assert run("export", harvest.code, "--format", "json", "--out", source, "--data-dir", data_dir).exit_code == 0
    doc = json.loads(source.read_text("utf-8"))
    doc["records"]["activity"][0]["position"] = 10**30
    bad = tmp_path / "huge.json"
    bad.write_text(json.dumps(doc), "utf-8")
    other = tmp_path / "other-laptop"
    result = CliRunner().invoke(cli, ["import", str(bad), "--data-dir", str(other)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert "activity record 1's position is out of range" in result.output and "Nothing was changed" in result.output
    assert "Traceback" not in result.output
    assert json.loads(run("event", "list", "--json", "--data-dir", other).output) == []


def test_an_archive_that_would_break_its_event_is_refused_by_the_import_command(data_dir, tmp_path):
    harvest = harvest_in(data_dir)
    source = tmp_path / "source.json"
    assert run("export", harvest.code, "--format", "json", "--out", source, "--data-dir", data_dir).exit_code == 0
    doc = json.loads(source.read_text("utf-8"))
    doc["records"]["activity"][0]["config"] = ["not", "settings"]  # once restored, every open was a server_error
    bad = tmp_path / "list-settings.json"
    bad.write_text(json.dumps(doc), "utf-8")
    other = tmp_path / "other-laptop"
    result = CliRunner().invoke(cli, ["import", str(bad), "--data-dir", str(other)])
    assert result.exit_code == 1 and "activity record 1's config must be an object" in result.output
    assert "Nothing was changed" in result.output and "Traceback" not in result.output
    assert json.loads(run("event", "list", "--json", "--data-dir", other).output) == []


def test_every_format_is_written_where_asked(data_dir, tmp_path):
    harvest = harvest_in(data_dir)
    for fmt in ("csv", "xlsx", "md", "html"):
        out = tmp_path / f"harvest.{fmt}"
        result = run("export", harvest.code, "--format", fmt, "--out", out, "--with-names", "--include-hidden", "--data-dir", data_dir)
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 200
    assert "Амара Петрова" in (tmp_path / "harvest.md").read_text("utf-8")
    unknown = run("export", "ZZZZ-ZZZZ", "--format", "csv", "--data-dir", data_dir)
    assert unknown.exit_code != 0 and "No event has that code" in unknown.output


def test_retention_and_deletion_from_the_command_line(data_dir):
    harvest = harvest_in(data_dir)
    kept = run("event", "retain", harvest.code, "--until", "2099-12-31", "--data-dir", data_dir)
    assert kept.exit_code == 0 and "2099-12-31" in kept.output
    assert "Erased 0" in run("event", "purge-expired", "--data-dir", data_dir).output
    refused = CliRunner().invoke(cli, ["event", "delete", harvest.code, "--data-dir", str(data_dir)], input="n\n")
    assert refused.exit_code != 0
    assert len(json.loads(run("event", "list", "--json", "--data-dir", data_dir).output)) == 1
    erased = run("event", "delete", harvest.code, "--yes", "--data-dir", data_dir)
    assert erased.exit_code == 0 and "Erased" in erased.output
    assert json.loads(run("event", "list", "--json", "--data-dir", data_dir).output) == []


def test_a_deletion_while_another_program_reads_waits_for_it_and_then_leaves_the_files(data_dir, monkeypatch):
    harvest = harvest_in(data_dir)
    other = Database(Settings(data_dir=data_dir).effective_database_url)  # a running server, say
    reading = other.read_scope()
    reading.__enter__().scalars(select(Card.text)).all()
    tries = []
    real = Database.checkpoint_until_done

    def reader_ends_after_the_first_try(self, **kw):
        def sleep(seconds):
            tries.append(seconds)
            reading.__exit__(None, None, None)

        return real(self, **kw, sleep=sleep)

    monkeypatch.setattr(Database, "checkpoint_until_done", reader_ends_after_the_first_try)
    try:
        erased = run("event", "delete", harvest.code, "--yes", "--data-dir", data_dir)
    finally:
        other.dispose()
    assert erased.exit_code == 0 and "Erased" in erased.output
    assert len(tries) == 1, "it tried again once the reader had gone"
    assert "write-ahead log" not in erased.output
    assert traces(Settings(data_dir=data_dir), [ANON_CARD, PRIVATE_PLEDGE]) == {}


def test_a_deletion_says_so_when_a_reader_keeps_the_text_in_the_log(data_dir, monkeypatch):
    harvest = harvest_in(data_dir)
    other = Database(Settings(data_dir=data_dir).effective_database_url)
    real = Database.checkpoint_until_done
    monkeypatch.setattr(Database, "checkpoint_until_done", lambda self, **kw: real(self, **kw, sleep=lambda s: None))
    try:
        with other.read_scope() as reader:
            reader.scalars(select(Card.text)).all()
            erased = run("event", "delete", harvest.code, "--yes", "--data-dir", data_dir)
    finally:
        other.dispose()
    assert erased.exit_code == 0 and "Erased" in erased.output
    assert "still be in the database's write-ahead log" in erased.output


def test_an_export_written_to_a_file_is_readable_by_its_owner_only(data_dir, tmp_path):
    import stat

    harvest = harvest_in(data_dir)
    for fmt in ("csv", "json"):
        out = tmp_path / f"harvest.{fmt}"
        out.write_text("an older file, readable by all")
        out.chmod(0o644)
        assert run("export", harvest.code, "--format", fmt, "--out", out, "--data-dir", data_dir).exit_code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o600, fmt
        assert out.read_bytes() != b"an older file, readable by all"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".export-")]


def test_an_existing_data_dir_keeps_its_permissions_and_a_new_one_is_private(tmp_path):
    import stat

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    Settings(data_dir=shared).ensure_data_dir()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    fresh = tmp_path / "new" / "data"
    Settings(data_dir=fresh).ensure_data_dir()
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700
