"""Running the toolkit on a laptop for years: quiet start-up, one sentence per problem, a log,
backups taken during an event, and `doctor` the evening before."""
from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator import __version__
from facilitator.cli import cli
from tests.support import ROOT, ServerProcess, free_port, run_cli
from tests.system.test_crash_and_reconnect import start_cafe


def facilitator(*args, env=None, cwd=None):
    """`python -m facilitator <args>`: a process of its own (forked from tests/cli_zygote.py, but `run` started afresh)."""
    return run_cli(
        [sys.executable, "-m", "facilitator", *args], timeout=120, env={**os.environ, **(env or {})}, cwd=cwd or ROOT,
    )


def one_sentence(result) -> str:
    """The command failed with exit code 2 and said why in one line, without a traceback."""
    assert result.returncode == 2, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_the_version_is_printed():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"facilitator (Circle & Café) {__version__}"


def test_a_mistyped_async_mode_is_one_sentence_with_exit_code_2(tmp_path):
    for args in (["run", "--no-browser", "--data-dir", str(tmp_path)], ["event", "list", "--data-dir", str(tmp_path)]):
        line = one_sentence(facilitator(*args, env={"FACILITATOR_ASYNC_MODE": "evenlet"}))
        assert "'evenlet'" in line and "eventlet, gevent or threading" in line


def test_every_facilitator_setting_is_in_the_help():
    used = set()
    for path in (ROOT / "facilitator").rglob("*.py"):
        used.update(re.findall(r"FACILITATOR_[A-Z_]+[A-Z]", path.read_text()))
    assert "FACILITATOR_DATA_DIR" in used
    helped = CliRunner().invoke(cli, ["--help"]).output
    readme = (ROOT / "README.md").read_text()
    for name in sorted(used):
        assert name in helped, f"{name} is not in `facilitator --help`"
        assert name in readme, f"{name} is not in the README"


def test_a_server_starts_quietly_and_writes_its_log(server):
    said = "".join(server.output)
    for noise in ("Warning", "deprecated", "Deprecat", "Traceback"):
        assert noise not in said, said
    log = (server.data_dir / "logs" / "facilitator.log").read_text()
    assert f"Circle & Café {__version__} starting" in log
    assert oct((server.data_dir / "logs" / "facilitator.log").stat().st_mode & 0o777) == "0o600"


def test_a_second_server_on_the_same_port_or_data_folder_is_refused(server, tmp_path):
    same_folder = facilitator("run", "--no-browser", "--host", "127.0.0.1", "--port", str(free_port()),
                              "--data-dir", str(server.data_dir))
    assert "Another Circle & Café server is using the data folder" in one_sentence(same_folder)
    same_port = facilitator("run", "--no-browser", "--host", "127.0.0.1", "--port", str(server.port),
                            "--data-dir", str(tmp_path / "other"))
    assert f"Port {server.port} is in use" in one_sentence(same_port)


def read_only_folder_command(folder: Path, *args: str) -> list[str]:
    """``args`` run with ``folder`` read-only: by its mode, or for root (whom modes do not stop) by a read-only mount."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return [sys.executable, "-m", "facilitator", *args]
    script = f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" && exec "$0" "$@"'
    return ["unshare", "--mount", "sh", "-c", script, sys.executable, "-m", "facilitator", *args]


def test_an_unwritable_data_folder_is_one_sentence_and_doctor_says_so(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    ran = subprocess.run(read_only_folder_command(folder, "run", "--no-browser", "--port", str(free_port()),
                                                  "--data-dir", str(folder)),
                         capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert f"The data folder {folder} cannot be written" in one_sentence(ran)
    doctor = subprocess.run(read_only_folder_command(folder, "doctor", "--host", "127.0.0.1", "--port", str(free_port()),
                                                     "--data-dir", str(folder)),
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert doctor.returncode == 1, doctor.stdout + doctor.stderr
    assert f"[FAIL] data folder: The data folder {folder} cannot be written" in doctor.stdout


def test_doctor_finds_a_port_in_use_and_passes_when_all_is_well(tmp_path):
    port = free_port()
    ready = facilitator("doctor", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(tmp_path / "data"))
    assert ready.returncode == 0, ready.stdout + ready.stderr
    assert "Ready for the event." in ready.stdout
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", port))
        taken.listen(1)
        busy = facilitator("doctor", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(tmp_path / "data"))
    assert busy.returncode == 1
    assert f"[FAIL] port: Port {port} is in use" in busy.stdout
    assert "1 problem(s) would stop an event" in busy.stdout


def export_json(data_dir: Path, code: str) -> bytes:
    done = facilitator("export", code, "--format", "json", "--out", "-", "--data-dir", str(data_dir))
    assert done.returncode == 0, done.stderr
    return done.stdout.encode()


def test_a_backup_taken_under_card_load_restores_to_the_same_event(server, tmp_path):
    code, console, phones = start_cafe(server, people=8)
    stop = threading.Event()
    acknowledged: list[int] = []

    def post(i, phone):
        n = 0
        # Ten a second each: under a phone's message allowance (excess messages go unanswered),
        # though past its posting allowance, whose refusals are answered and cost the server little.
        while not stop.wait(0.1):
            reply = phone.call("card.add", {"text": f"Idea {n} from {i}", "cid": f"backup-{i}-{n}-cid"})
            if reply.get("ok"):
                acknowledged.append(reply["id"])
            n += 1

    posters = [threading.Thread(target=post, args=(i, phone)) for i, phone in enumerate(phones)]
    for t in posters:
        t.start()
    try:
        while len(acknowledged) < 20:
            threading.Event().wait(0.01)
        during = server.cli("backup", "--out", str(tmp_path / "during.zip"))
        assert during.returncode == 0, during.stderr
    finally:
        stop.set()
        for t in posters:
            t.join(30)
    assert oct((tmp_path / "during.zip").stat().st_mode & 0o777) == "0o600"
    # Taken mid-load, the copy is whole: it restores, and every card in it is the server's.
    restored_during = tmp_path / "restored-during"
    done = facilitator("restore", str(tmp_path / "during.zip"), "--data-dir", str(restored_during))
    assert done.returncode == 0, done.stderr
    assert "Restored 1 event(s)" in done.stdout

    after = server.cli("backup", "--out", str(tmp_path / "after.zip"))
    assert after.returncode == 0, after.stderr
    restored = tmp_path / "restored"
    assert facilitator("restore", str(tmp_path / "after.zip"), "--data-dir", str(restored)).returncode == 0
    assert export_json(restored, code) == export_json(server.data_dir, code)
    assert (restored / "console.key").read_text() == (server.data_dir / "console.key").read_text()
    console.close()
    for phone in phones:
        phone.close()


def test_restore_refuses_a_folder_in_use_and_a_file_that_is_not_a_backup(server, tmp_path):
    server.create_event("Kept safe")
    made = server.cli("backup", "--out", str(tmp_path / "b.zip"))
    assert made.returncode == 0, made.stderr
    in_use = facilitator("restore", str(tmp_path / "b.zip"), "--data-dir", str(server.data_dir))
    assert "server is running on" in one_sentence(in_use)

    not_a_backup = tmp_path / "notes.zip"
    with zipfile.ZipFile(not_a_backup, "w") as z:
        z.writestr("../../escape.txt", "x")
    refused = facilitator("restore", str(not_a_backup), "--data-dir", str(tmp_path / "elsewhere"))
    assert "is not a Circle & Café backup" in one_sentence(refused)
    (tmp_path / "plain.txt").write_text("hello")
    assert "not a zip file" in one_sentence(facilitator("restore", str(tmp_path / "plain.txt"), "--data-dir", str(tmp_path / "x")))


def test_restoring_over_existing_events_keeps_them_beside_it(tmp_path):
    for name, title in (("a", "From the first laptop"), ("b", "From the second laptop")):
        proc = ServerProcess(tmp_path / name)
        proc.start()
        try:
            proc.create_event(title)
            assert proc.cli("backup", "--out", str(tmp_path / f"{name}.zip")).returncode == 0
        finally:
            proc.stop()
    done = facilitator("restore", str(tmp_path / "b.zip"), "--data-dir", str(tmp_path / "a"))
    assert done.returncode == 0, done.stderr
    assert "From the second laptop" in facilitator("event", "list", "--data-dir", str(tmp_path / "a")).stdout
    kept = list((tmp_path / "a").glob("facilitator.sqlite3.before-restore-*"))
    assert len(kept) == 1
    with sqlite3.connect(kept[0]) as conn:
        assert [r[0] for r in conn.execute("SELECT title FROM event")] == ["From the first laptop"]
