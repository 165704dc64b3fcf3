"""The benchmark script still works: a small run (50 phones, one mode) prints every figure and loses nothing,
and the bare server (the fair yardstick) makes exactly the app's deliveries.

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

# Its loads run on timers (a move every 0.3 s, rounds with deadlines): tests beside it made
# the bare yardstick miss its deadlines and count messages as lost.
pytestmark = [pytest.mark.system, pytest.mark.alone]

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
    "the machine: 10 million additions (s)",
    "CPU stolen, server's / load's cores (s)",
    "load generator's CPU (s)",
)


@pytest.fixture(scope="module")
def small_run(tmp_path_factory) -> tuple[str, list[dict], Path]:
    """One small run for the module's tests: each costs a minute of the shared machine."""
    tmp_path = tmp_path_factory.mktemp("bench")
    out = subprocess.run(
        [
            sys.executable, str(ROOT / "bench" / "run.py"),
            "--modes", "eventlet", "--sizes", "50", "--workers", "2",
            "--join-window", "1", "--cafe-seconds", "2", "--card-interval", "1", "--drain", "10",
            "--moves", "3", "--move-interval", "0.3", "--round-timeout", "10", "--run-timeout", "90",
            "--yardsticks", "bare,naive", "--json", str(tmp_path / "results.json"),
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=360,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    results = [json.loads(line[len("RESULT "):]) for line in out.stdout.splitlines() if line.startswith("RESULT ")]
    return out.stdout, results, tmp_path


# Three servers, each started and loaded in turn: about 60 s on a busy two-core machine.
@pytest.mark.timeout(400)
def test_fifty_phones_join_post_cards_change_tables_and_lose_no_message(small_run):
    printed, results, tmp_path = small_run
    for figure in FIGURES:
        assert figure in printed, f"the report lacks {figure!r}:\n{printed}"
    assert "app/bare" in printed and "app/naive" in printed
    by_server = {r["server"]: r for r in results}
    assert set(by_server) == {"app", "bare", "baseline"}, printed
    for server, r in by_server.items():
        assert "failed" not in r, f"{server}: {r.get('failed')}"
        assert r["join"]["ok"] == 50, f"{server}: {r['join']}"
        assert r["lost"]["total"] == 0, f"{server} lost messages: {r['lost']}"
        assert r["cafe"]["cards"] > 0 and r["cafe"]["to_screen"]["n"] == r["cafe"]["cards"], f"{server}: {r['cafe']}"
        assert r["cafe"]["to_phone"]["p95"] is not None, f"{server}: {r['cafe']}"
        assert r["round_change"]["told"] == 50, f"{server}: {r['round_change']}"
        assert r["checkin"]["n"] == 3 * 50, f"{server}: {r['checkin']}"
        assert r["cpu"]["us_per_delivered"] > 0 and r["rss_mb"] > 0, f"{server}: {r}"
        # How quick the machine was, and what the hypervisor took from it, beside the figures.
        assert r["additions_loop_s"] > 0 and r["stolen_s"]["server"] >= 0 and r["stolen_s"]["load"] >= 0, f"{server}: {r}"
    # A phone hears only its own table's cards; the bare server sends every card to every phone.
    app, base = by_server["app"], by_server["baseline"]
    assert app["cafe"]["phone_deliveries"] < base["cafe"]["phone_deliveries"]
    assert json.loads((tmp_path / "results.json").read_text()) == results


@pytest.mark.timeout(400)
def test_the_bare_yardstick_makes_the_same_deliveries_as_the_app_in_every_phase(small_run):
    printed, results, _ = small_run
    by_server = {r["server"]: r for r in results}
    app, bare = by_server["app"], by_server["bare"]
    for phase in ("joined", "cafe_setup", "cards", "round_change", "checkin"):
        a, b = app["phase_cost"][phase], bare["phase_cost"][phase]
        counts = lambda d: {aud: {k: v[0] for k, v in kinds.items()} for aud, kinds in d["deliveries"].items()}  # noqa: E731
        assert counts(a) == counts(b), f"{phase}: the app delivered {counts(a)}, the bare server {counts(b)}"
        assert a["cpu_s"] >= 0 and b["cpu_s"] >= 0
        # The kernel's part, read from the same counters: never more than the whole.
        assert 0 <= a["system_s"] <= a["cpu_s"] and 0 <= b["system_s"] <= b["cpu_s"], (phase, a, b)
    assert "same deliveries: yes" in printed, printed
    assert "of it kernel ms, app/bare" in printed, printed
    for phase in ("joins", "café set-up", "cards", "round change", "talking piece", "per delivered message"):
        assert phase in printed, f"the same-work table lacks {phase!r}:\n{printed}"
