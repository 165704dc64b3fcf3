"""The benchmark script still works: a small run (50 phones, one mode) prints every figure and loses nothing.

The figures themselves are not tested here (docs/performance.md has them);
this keeps ``bench/run.py`` from rotting as the app changes.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.system

FIGURES = (
    "join success",
    "join time p50/p95/p99 (ms)",
    "card to big screen p50/p95/p99 (ms)",
    "card to phone p50/p95/p99 (ms)",
    "new table: last phone (ms)",
    "talking piece to phones p50/p95/p99 (ms)",
    "messages lost",
    "server CPU µs per delivered message",
    "server peak RSS (MB)",
)


def small_run(tmp_path: Path) -> tuple[str, list[dict]]:
    out = subprocess.run(
        [
            sys.executable, str(ROOT / "bench" / "run.py"),
            "--modes", "eventlet", "--sizes", "50", "--workers", "2",
            "--join-window", "1", "--cafe-seconds", "2", "--card-interval", "1", "--drain", "10",
            "--moves", "3", "--move-interval", "0.3", "--round-timeout", "10", "--run-timeout", "90",
            "--json", str(tmp_path / "results.json"),
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    results = [json.loads(line[len("RESULT "):]) for line in out.stdout.splitlines() if line.startswith("RESULT ")]
    return out.stdout, results


# Two servers, each started and loaded in turn: about 40 s on a busy two-core machine.
@pytest.mark.timeout(300)
def test_fifty_phones_join_post_cards_change_tables_and_lose_no_message(tmp_path):
    printed, results = small_run(tmp_path)
    for figure in FIGURES:
        assert figure in printed, f"the report lacks {figure!r}:\n{printed}"
    assert "app/baseline" in printed
    by_server = {r["server"]: r for r in results}
    assert set(by_server) == {"app", "baseline"}, printed
    for server, r in by_server.items():
        assert "failed" not in r, f"{server}: {r.get('failed')}"
        assert r["join"]["ok"] == 50, f"{server}: {r['join']}"
        assert r["lost"]["total"] == 0, f"{server} lost messages: {r['lost']}"
        assert r["cafe"]["cards"] > 0 and r["cafe"]["to_screen"]["n"] == r["cafe"]["cards"], f"{server}: {r['cafe']}"
        assert r["cafe"]["to_phone"]["p95"] is not None, f"{server}: {r['cafe']}"
        assert r["round_change"]["told"] == 50, f"{server}: {r['round_change']}"
        assert r["checkin"]["n"] == 3 * 50, f"{server}: {r['checkin']}"
        assert r["cpu"]["us_per_delivered"] > 0 and r["rss_mb"] > 0, f"{server}: {r}"
    # A phone hears only its own table's cards; the bare server sends every card to every phone.
    app, base = by_server["app"], by_server["baseline"]
    assert app["cafe"]["phone_deliveries"] < base["cafe"]["phone_deliveries"]
    assert json.loads((tmp_path / "results.json").read_text()) == results
