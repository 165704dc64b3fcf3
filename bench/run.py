#!/usr/bin/env python3
"""The benchmark: N phones on one laptop, against the app and a bare Flask-SocketIO server.

For each async mode and each N it starts the real server as a process
(``python -m facilitator run``), then a bare Flask-SocketIO server
(``bench/baseline_server.py``) with the same load, and runs six scenarios
with real socket.io clients over websockets:

1. join storm: N phones post the join form and connect, arriving evenly over
   ``--join-window`` seconds (20); each must have its snapshot within 20 s
   of arriving;
2. café round: N/8 hosts post a card every ``--card-interval`` seconds for
   ``--cafe-seconds``, then all of them within one second (the burst);
3. round change: the facilitator ends the round; every phone must learn its
   next table;
4. check-in: the talking piece moves ``--moves`` times;
5. every phone leaves at once (the venue's Wi-Fi drops), then
6. every phone comes back at once with its token (the Wi-Fi is back).

Load is open-loop (sends go out on a fixed schedule, never waiting for
replies), from several worker processes of asyncio clients pinned away from
the server's core. Every timestamp is ``time.time()`` on this one machine:
a card carries its send time in its text and receivers compute now - sent.

    .venv/bin/python bench/run.py --modes eventlet,gevent,threading --sizes 250,1000,2000

Prints a table per mode and size, and one ``RESULT {json}`` line per run;
see docs/performance.md. Every loop is bounded in count and time. Each phase's
CPU, app against bare, is also given at one speed: divided by the time a probe
on the server's core took for the same small work in that phase
(``MachineProbe``), since the machine's speed moves from minute to minute;
the whole run's figure at one speed needs a reading of every phase from both.
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import json
import math
import multiprocessing as mp
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
TABLE_SIZE = 8  # N/8 hosts: one per table of eight
JOIN_DEADLINE = 20.0  # a phone that has no snapshot 20 s after it arrived failed to join
CARD_EVENT = {"app": "board.card", "bare": "board.card", "baseline": "card.add"}
CARD_ACTION = "card.add"
HOST_EVERY = TABLE_SIZE  # baseline: phone 0, 8, 16, ... hosts table idx // 8


# --- the machine -------------------------------------------------------------------


def cores() -> tuple[set[int] | None, set[int] | None]:
    """(server cores, load cores): the server alone on the first core when there are two or more."""
    try:
        mine = sorted(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return None, None
    if len(mine) < 2:
        return None, None
    return {mine[0]}, set(mine[1:])


def pin(pid: int, which: set[int] | None) -> None:
    if which:
        try:
            os.sched_setaffinity(pid, which)
        except OSError:
            pass


def raise_file_limit() -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def cpu_times(pid: int) -> tuple[float, float]:
    """(utime, stime) of a process in seconds, from /proc/<pid>/stat: its own code, and the kernel's on its behalf."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / tick, int(fields[12]) / tick


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process."""
    return sum(cpu_times(pid))


def stolen_seconds(which: set[int] | None, stat: str | Path = "/proc/stat") -> float | None:
    """CPU time these cores (all, for None) waited while the hypervisor ran other machines: the
    steal column of /proc/stat. A run with steal was slowed by the machine, not by the server."""
    try:
        with open(stat) as fh:
            rows = [line.split() for line in fh if line.startswith("cpu") and line[3].isdigit()]
    except OSError:
        return None
    tick = os.sysconf("SC_CLK_TCK")
    return sum(int(row[8]) for row in rows if len(row) > 8 and (which is None or int(row[0][3:]) in which)) / tick


def additions_loop_s() -> float:
    """Seconds for ten million additions in a Python loop, just before a run: how quick the
    machine was then. docs/performance.md quotes it timed with `python3 -c` (0.62 s on the
    quietest day so far), which adds about 0.08 s of start-up to this."""
    started = time.perf_counter()
    # At module level, as `python3 -c` runs it (names in a dict: 0.53 s on a quick day), not as a
    # function's fast locals (0.26 s), so that the figure compares with those quoted.
    exec("total = 0\nfor i in range(10_000_000):\n    total += i\n", {})
    return round(time.perf_counter() - started, 2)


# The machine probe: a sliver of fixed Python work on the server's core, at the lowest priority.
PROBE_EVERY_S = 0.25
PROBE_ADDITIONS = 50_000  # about 2 ms of CPU on this machine: under 1 % of the core
# It pins and lowers itself before its first reading, and stops by itself after ``lasts``
# seconds (a run's time-out and a margin), should the benchmark die without stopping it.
PROBE_SCRIPT = f"""
import os, sys, time
cores, out, lasts = sys.argv[1], sys.argv[2], float(sys.argv[3])
if cores:
    os.sched_setaffinity(0, {{int(c) for c in cores.split(",")}})
os.nice(19)
until = time.monotonic() + lasts
with open(out, "a", buffering=1) as log:
    while time.monotonic() < until:
        started = time.process_time()
        total = 0
        for i in range({PROBE_ADDITIONS}):
            total += i
        log.write(f"{{time.time():.3f}} {{time.process_time() - started:.6f}}\\n")
        time.sleep({PROBE_EVERY_S})
"""


class MachineProbe:
    """How quick the server's core is, moment by moment, while a server runs on it.

    The machine's speed moves from minute to minute (a loop of fixed work on an idle core slid
    from 1.10 to 0.92 of its median within 90 s; a run's phases moved by a fifth and more): a
    phase's CPU, app against bare, compares two moments as much as two servers. Every
    ``PROBE_EVERY_S`` the probe times the same few milliseconds of Python in CPU time, on the
    server's core, at the lowest priority (it yields to the server, which leaves it about 1.5 %
    of the core; it uses under 1 %). A phase's median time for that work, set beside the other
    server's in the same phase, says how much quicker one server's moment was than the other's.
    It shares the core and its caches with the server it watches, so it sees the machine's clock
    and its neighbours, and a little of the server itself: a busy core made it about a tenth
    quicker than an idle one (docs/performance.md, stop 44). Its CPU is not the server's:
    ``server_cpu`` reads the server's process. Its readings go to a file, not a pipe that
    nothing would read until the end (a pipe fills within minutes, and the probe would stop).
    """

    def __init__(self, server_cores: set[int] | None, folder: Path, lasts_s: float):
        self.path = folder / "probe.txt"
        cores = ",".join(str(c) for c in sorted(server_cores or ()))
        self.proc = subprocess.Popen([PY, "-c", PROBE_SCRIPT, cores, str(self.path), str(lasts_s)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def readings(self) -> list[tuple[float, float]]:
        """Stop it; (when, CPU seconds for the work) of each reading. Never raises: the probe
        only explains a run's figures, and a run is not lost for it."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        try:
            return probe_readings(self.path.read_text())
        except OSError:  # it never wrote
            return []


def probe_readings(text: str) -> list[tuple[float, float]]:
    """The probe's lines as (when, CPU seconds); a line it was stopped half way through is left out."""
    got = []
    for line in text.splitlines():
        try:
            when, seconds = line.split()
            got.append((float(when), float(seconds)))
        except ValueError:
            continue
    return got


def probe_ms_by_phase(readings: list[tuple[float, float]], began: float, settled: dict[str, float]) -> dict[str, float]:
    """The probe's median time for its work (ms) in each phase: from the phase before's end
    (``settled``, seconds after ``began``) to its own. A phase with no reading is left out."""
    out = {}
    start = None
    for name, end in sorted(settled.items(), key=lambda kv: kv[1]):
        if start is not None:
            inside = [seconds for when, seconds in readings if began + start <= when < began + end]
            if inside:
                out[name] = round(_median(inside) * 1000, 3)
        start = end
    return out


def peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- figures -----------------------------------------------------------------------


def pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[k]


def spread(values: list[float]) -> dict:
    """p50/p95/p99/max in milliseconds."""
    return {
        "n": len(values),
        "p50": _ms(pct(values, 50)),
        "p95": _ms(pct(values, 95)),
        "p99": _ms(pct(values, 99)),
        "max": _ms(max(values) if values else None),
    }


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


# --- servers -----------------------------------------------------------------------


class Server:
    def __init__(self, kind: str, mode: str, port: int, data_dir: Path, log_path: Path, server_cores,
                 profile: Path | None = None, source: Path = ROOT):
        self.kind, self.mode, self.port, self.data_dir = kind, mode, port, data_dir
        self.url = f"http://127.0.0.1:{port}"
        self.profile = profile if kind in ("app", "bare") else None
        if self.profile is not None and kind == "bare":
            cmd = [PY, str(ROOT / "bench" / "profiled_server.py"), str(self.profile), "bare", "--port", str(port), "--async-mode", mode]
        elif self.profile is not None:
            cmd = [PY, str(ROOT / "bench" / "profiled_server.py"), str(self.profile), "run", "--no-browser", "--host", "127.0.0.1", "--port", str(port),
                   "--data-dir", str(data_dir), "--async-mode", mode]
        elif kind == "app":
            cmd = [PY, "-m", "facilitator", "run", "--no-browser", "--host", "127.0.0.1", "--port", str(port),
                   "--data-dir", str(data_dir), "--async-mode", mode]
        elif kind == "bare":
            cmd = [PY, str(ROOT / "bench" / "bare_server.py"), "--port", str(port), "--async-mode", mode]
        else:
            cmd = [PY, str(ROOT / "bench" / "baseline_server.py"), "--port", str(port), "--async-mode", mode]
        self.log = open(log_path, "ab")
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        if source != ROOT:
            env["PYTHONPATH"] = str(source)  # the app as it was (--before): its package, not this tree's
        env.pop("FACILITATOR_DATA_DIR", None)
        env.pop("FACILITATOR_DATABASE_URL", None)
        self.proc = subprocess.Popen(cmd, cwd=source, stdout=self.log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        pin(self.proc.pid, server_cores)
        self._wait_ready(30.0)

    def _wait_ready(self, timeout: float) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the {self.kind} server exited at start (see {self.log.name})")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"the {self.kind} server did not answer within {timeout:.0f} s")

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def pids(self) -> list[int]:
        return [self.proc.pid]

    def redis_stats(self) -> dict | None:
        return None

    def mark_profile(self) -> None:
        """Under --profile, have the server write its profile so far (OUT.markN)."""
        if self.profile is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGUSR2)

    def stop(self) -> None:
        if self.profile is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGUSR1)
            end = time.monotonic() + 30
            while not self.profile.exists() and time.monotonic() < end:
                time.sleep(0.1)
            time.sleep(1)  # let the writer finish the file it has opened
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.log.close()


class Hosted:
    """``--processes P``: P app processes behind nginx, on PostgreSQL and Redis (docs/deploy.md).

    The same deployment as tests/system/test_several_processes.py builds:
    nginx spreading fresh WebSockets by least connections, a redis-server of
    its own, a PostgreSQL schema of its own.
    """

    def __init__(self, mode: str, processes: int, tmp: Path):
        sys.path.insert(0, str(ROOT))
        from tests.cluster_support import Deployment

        self.kind, self.mode, self.processes = "app", mode, processes
        self.deployment = Deployment(tmp, processes=processes)
        for server in self.deployment.servers:
            server.async_mode = mode
        self.deployment.start()
        self.url = self.deployment.url

    @property
    def pid(self) -> int:
        return self.deployment.servers[0].proc.pid

    @property
    def pids(self) -> list[int]:
        return [s.proc.pid for s in self.deployment.servers]

    def create_event(self) -> str:
        out = self.deployment.cli("event", "create", "--title", "Bench", "--json")
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout.strip().splitlines()[-1])["code"]

    def redis_stats(self) -> dict:
        info = self.deployment.redis.client().info("stats")
        return {k: info[k] for k in ("total_commands_processed", "total_net_input_bytes", "total_net_output_bytes")}

    def mark_profile(self) -> None:
        pass

    def stop(self) -> None:
        d = self.deployment
        d.stop()
        # Keep what nginx and each process logged, beside the results.
        RESULTS.mkdir(parents=True, exist_ok=True)
        tag = f"hosted-{self.mode}-{self.processes}"
        for log in [d.nginx.tmp / "error.log", *sorted((d.data_dir / "logs").glob("facilitator-*.log"))]:
            if log.exists():
                shutil.copy(log, RESULTS / f"{tag}-{log.name}")


def server_cpu(server) -> float:
    return sum(cpu_seconds(pid) for pid in server.pids)


def server_system_cpu(server) -> float:
    """The kernel's part of :func:`server_cpu` (socket writes, page faults, SQLite's file locks and writes)."""
    return sum(cpu_times(pid)[1] for pid in server.pids)


def server_rss(server) -> float:
    return max(peak_rss_mb(pid) for pid in server.pids)


def create_event(data_dir: Path, source: Path = ROOT) -> str:
    out = subprocess.run(
        [PY, "-m", "facilitator", "event", "create", "--title", "Bench", "--json", "--data-dir", str(data_dir)],
        cwd=source, capture_output=True, text=True, timeout=60, check=True,
        env={**os.environ, "PYTHONPATH": str(source)},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])["code"]


# --- one phone ---------------------------------------------------------------------


def card_text(key: str, sent: float) -> str:
    return f"bench {key} {sent:.6f}"


def parse_card(text: object) -> tuple[str, float] | None:
    if not isinstance(text, str) or not text.startswith("bench "):
        return None
    try:
        _, key, sent = text.split(" ")
        return key, float(sent)
    except ValueError:
        return None


def size_of(data) -> int:
    """Bytes of a message's payload as JSON: what the server encoded for it."""
    try:
        return len(json.dumps(data, separators=(",", ":"), ensure_ascii=False))
    except (TypeError, ValueError):
        return 0


class Tally:
    """Every message a client received, by kind: how many and how many bytes.

    The bench compares the app with the bare server phase by phase, so both
    must have made the same deliveries: the counts per phase and per kind are
    in each result (``deliveries``) and checked against each other.
    """

    def __init__(self):
        self.counts: dict[str, int] = {}
        self.bytes: dict[str, int] = {}

    def add(self, name: str, data) -> None:
        self.counts[name] = self.counts.get(name, 0) + 1
        self.bytes[name] = self.bytes.get(name, 0) + size_of(data)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def on_counted(sio, tally: Tally, name: str, handler=None) -> None:
    """``sio.on(name, ...)`` that also counts what arrives in ``tally``."""
    if name == "*":
        def any_event(event, data=None):
            tally.add(event, data)
            if handler is not None:
                handler(event, data)

        sio.on("*", any_event)
        return

    def one(data=None):
        tally.add(name, data)
        if handler is not None:
            handler(data)

    sio.on(name, one)


class Phone:
    """A simulated phone: its merged state and what it saw, when."""

    def __init__(self, idx: int, kind: str):
        self.idx, self.kind = idx, kind
        self.state: dict = {}
        self.sio = None
        self.token: str | None = None  # its cookie's value: what it comes back with after a drop
        self.ready: asyncio.Event | None = None
        self.join_s: float | None = None
        self.error: str | None = None
        self.cards: dict[str, float] = {}  # card key -> latency (s)
        self.rounds: dict[int, tuple[int, bool, float]] = {}  # round -> (table, is host, when seen)
        self.speakers: dict[int, float] = {}  # speaker id -> when first seen
        self.tally = Tally()

    # app: shallow merges of the snapshot and its patches (and its ``inside`` parts one level deeper)
    def on_snapshot(self, data):
        if isinstance(data, dict):
            self.state = dict(data)
            self._observe(True)
        if self.ready is not None:
            self.ready.set()

    def on_patch(self, data):
        if isinstance(data, dict):
            inside = data.get("inside") if isinstance(data.get("inside"), dict) else {}
            self.state.update({k: v for k, v in data.items() if k != "inside"})
            for key, part in inside.items():
                self.state[key] = {**(self.state.get(key) or {}), **part}
            self._observe("mine" in data or "mine" in inside)

    def _observe(self, personal: bool) -> None:
        now = time.time()
        act = self.state.get("activity") or {}
        if personal:
            seat = (self.state.get("mine") or {}).get("seat")
            number = (act.get("round") or {}).get("number") if isinstance(act.get("round"), dict) else None
            if seat and number and number not in self.rounds:
                self.rounds[number] = (seat.get("table"), bool(seat.get("is_host")), now)
        speaker = act.get("speaker")
        if isinstance(speaker, dict) and speaker.get("id") not in self.speakers:
            self.speakers[speaker.get("id")] = now

    def on_card(self, data):
        got = parse_card((data or {}).get("text") if isinstance(data, dict) else None)
        if got and got[0] not in self.cards:
            self.cards[got[0]] = time.time() - got[1]

    # baseline: the facilitator's broadcasts carry everyone's table and the speaker
    def on_round(self, data):
        tables = data["tables"]
        if data["round"] not in self.rounds:
            self.rounds[data["round"]] = (tables[self.idx], self.idx % HOST_EVERY == 0, time.time())

    def on_speaker(self, data):
        self.speakers.setdefault(data["speaker"], time.time())

    def table(self, number: int = 1) -> int | None:
        if self.kind == "baseline":
            return self.idx // HOST_EVERY
        seen = self.rounds.get(number)
        return seen[0] if seen else None

    def is_host(self) -> bool:
        if self.kind == "baseline":
            return self.idx % HOST_EVERY == 0
        seen = self.rounds.get(1)
        return bool(seen and seen[1])


def wire(sio, phone: Phone) -> None:
    t = phone.tally
    on_counted(sio, t, "snapshot", phone.on_snapshot)
    on_counted(sio, t, "patch", phone.on_patch)
    on_counted(sio, t, CARD_EVENT[phone.kind], phone.on_card)
    if phone.kind == "baseline":
        on_counted(sio, t, "cafe.round.end", phone.on_round)
        on_counted(sio, t, "circle.next", phone.on_speaker)
    on_counted(sio, t, "*")


async def sleep_until(when: float) -> None:
    delay = when - time.time()
    if delay > 0:
        await asyncio.sleep(delay)


# --- a worker process: many phones -------------------------------------------------


class Worker:
    def __init__(self, conn, kind: str, url: str, code: str, indices: list[int]):
        self.conn, self.kind, self.url, self.code = conn, kind, url, code
        self.phones = [Phone(i, kind) for i in indices]
        self.http = None

    async def serve(self) -> None:
        import aiohttp
        import socketio  # noqa: F401 - imported before the storm, not during it

        loop = asyncio.get_running_loop()
        self.http = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=0), cookie_jar=aiohttp.DummyCookieJar()
        )
        cpu0 = time.process_time()
        try:
            while True:
                msg = await loop.run_in_executor(None, self.conn.recv)
                op = msg["op"]
                if op == "ping":
                    self.conn.send({"ok": True})
                    continue
                if op == "close":
                    await self.close()
                    self.conn.send({"cpu": time.process_time() - cpu0})
                    return
                answer = await getattr(self, f"op_{op}")(msg)
                if op in ("join", "back"):
                    # What the phones keep for the rest of the run, out of the collector's way:
                    # a worker's full pass took 600 ms at 5,000 phones, and its phones neither
                    # send nor hear anything meanwhile (both servers' figures carried it).
                    gc.collect()
                    gc.freeze()
                self.conn.send(answer)
        finally:
            await self.http.close()

    async def op_join(self, msg) -> dict:
        t0, window, n = msg["t0"], msg["window"], msg["n"]
        arrivals = [(p, t0 + window * p.idx / n) for p in self.phones]
        await asyncio.gather(*(self._join(p, at, at + JOIN_DEADLINE) for p, at in arrivals))
        return {"joins": [(p.idx, p.join_s, p.error) for p in self.phones]}

    async def _join(self, phone: Phone, at: float, deadline: float) -> None:
        import socketio

        await sleep_until(at)
        started = time.time()
        phone.ready = asyncio.Event()
        try:
            async with asyncio.timeout(max(0.1, deadline - started)):
                async with self.http.post(
                    f"{self.url}/api/e/{self.code}/join", json={"name": f"Phone {phone.idx}", "anonymous": False}
                ) as r:
                    cookie = r.cookies.get(f"fc_p_{self.code}")
                    if r.status != 200 or cookie is None:
                        raise RuntimeError(f"join answered {r.status}")
                phone.token = cookie.value
                await self._connect(phone, JOIN_DEADLINE)
                phone.join_s = time.time() - started
        except BaseException as exc:  # noqa: BLE001 - a failed join is a figure, not a crash
            if isinstance(exc, asyncio.CancelledError) and not isinstance(exc, TimeoutError):
                raise
            phone.error = f"{type(exc).__name__}: {exc}"[:200]

    async def _connect(self, phone: Phone, wait: float) -> None:
        """Open the phone's socket with its token; returns when its snapshot has come."""
        import socketio

        sio = socketio.AsyncClient(reconnection=False, http_session=self.http)
        wire(sio, phone)
        phone.sio = sio
        await sio.connect(
            self.url, transports=["websocket"], wait_timeout=wait,
            auth={"role": "participant", "event": self.code, "token": phone.token},
        )
        await phone.ready.wait()

    def _live(self) -> list[Phone]:
        return [p for p in self.phones if p.join_s is not None]

    async def op_progress(self, msg) -> dict:
        """How many phones know their table for a round, or have seen a speaker; how many cards arrived."""
        live = self._live()
        return {
            "round": sum(1 for p in live if msg.get("round") in p.rounds),
            "speaker": sum(1 for p in live if msg.get("speaker") in p.speakers),
            "cards": sum(len(p.cards) for p in live),
        }

    async def op_volunteer(self, msg) -> dict:
        """One phone in eight offers to host a table, as people do when the café is announced."""
        volunteers = [p for p in self._live() if p.idx % HOST_EVERY == 0]
        replies = await asyncio.gather(
            *(p.sio.call("cafe.volunteer", {"host": True}, timeout=30) for p in volunteers), return_exceptions=True
        )
        return {"volunteered": sum(1 for r in replies if isinstance(r, dict) and r.get("ok"))}

    async def op_seats(self, msg) -> dict:
        return {"seats": {p.idx: p.table(msg.get("round", 1)) for p in self._live()}}

    async def op_cafe(self, msg) -> dict:
        """Hosts post on a fixed schedule (never waiting for replies), then all at once."""
        start, steady, interval, burst = msg["start"], msg["steady"], msg["interval"], msg["burst"]
        rng = random.Random(msg["seed"])
        posts = []
        for p in self._live():
            if not p.is_host():
                continue
            at, k = start + rng.uniform(0, interval), 0
            while at < start + steady and k < 1000:
                posts.append((p, f"{p.idx}-{k}", at))
                at, k = at + interval, k + 1
            posts.append((p, f"{p.idx}-b", burst + rng.uniform(0, 1)))
        sent = await asyncio.gather(*(self._post(p, key, at) for p, key, at in posts))
        return {"sent": sent}

    async def _post(self, phone: Phone, key: str, at: float):
        await sleep_until(at)
        text = card_text(key, time.time())
        payload = {"text": text}
        if self.kind != "baseline":
            payload["cid"] = f"bench-{key}"
        try:
            reply = await phone.sio.call(CARD_ACTION, payload, timeout=30)
            ok, error = bool(reply and reply.get("ok")), (reply or {}).get("error")
        except Exception as exc:  # noqa: BLE001
            ok, error = False, f"{type(exc).__name__}: {exc}"
        return key, phone.table(1), ok, error

    async def op_report(self, msg) -> dict:
        live = self._live()
        return {
            "cards": {p.idx: p.cards for p in live},
            "rounds": {p.idx: {r: v[2] for r, v in p.rounds.items()} for p in live},
            "speakers": {p.idx: p.speakers for p in live},
            "received": sum(p.tally.total for p in live),
        }

    async def op_tally(self, msg) -> dict:
        """What every phone received so far, by kind: {kind: [count, bytes]}."""
        out: dict[str, list[int]] = {}
        for p in self.phones:
            for kind, count in p.tally.counts.items():
                row = out.setdefault(kind, [0, 0])
                row[0] += count
                row[1] += p.tally.bytes[kind]
        return out

    async def op_drop(self, msg) -> dict:
        """Every phone leaves at once, as when the venue's Wi-Fi drops."""
        await self.close()
        return {"left": len(self.phones)}

    async def op_back(self, msg) -> dict:
        """Every phone that had joined connects again at ``at``, as when the Wi-Fi comes back:
        seconds until each has its snapshot again (None: not within the deadline)."""
        phones = [p for p in self._live() if p.token]
        await sleep_until(msg["at"])

        async def one(p: Phone) -> tuple[int, float | None, str | None]:
            started = time.time()
            p.ready = asyncio.Event()
            try:
                async with asyncio.timeout(JOIN_DEADLINE):
                    await self._connect(p, JOIN_DEADLINE)
                return p.idx, time.time() - started, None
            except BaseException as exc:  # noqa: BLE001 - a phone that could not come back is a figure
                if isinstance(exc, asyncio.CancelledError) and not isinstance(exc, TimeoutError):
                    raise
                return p.idx, None, f"{type(exc).__name__}: {exc}"[:200]

        return {"back": await asyncio.gather(*(one(p) for p in phones))}

    async def close(self) -> None:
        async def one(p):
            if p.sio is not None:
                try:
                    async with asyncio.timeout(5):
                        await p.sio.disconnect()
                except BaseException:  # noqa: BLE001
                    pass

        await asyncio.gather(*(one(p) for p in self.phones))


def worker_main(conn, kind, url, code, indices, load_cores) -> None:
    if load_cores:
        pin(0, load_cores)
    # The phones yield to the big screen and the facilitator on the shared load
    # core: in a hall those are other devices, and a starved watcher missed the
    # server's pings (its client gave up after 20 s without sending).
    os.nice(10)
    raise_file_limit()
    import logging

    logging.disable(logging.CRITICAL)  # a refused or dropped socket is counted, not logged
    asyncio.run(Worker(conn, kind, url, code, indices).serve())


class Workers:
    def __init__(self, count: int, kind: str, url: str, code: str, n: int, load_cores):
        ctx = mp.get_context("spawn")
        self.pipes, self.procs = [], []
        for w in range(count):
            parent, child = ctx.Pipe()
            indices = list(range(w, n, count))
            proc = ctx.Process(target=worker_main, args=(child, kind, url, code, indices, load_cores), daemon=True)
            proc.start()
            self.pipes.append(parent)
            self.procs.append(proc)

    async def ask(self, msg: dict, timeout: float) -> list[dict]:
        def one(pipe):
            pipe.send(msg)
            if not pipe.poll(timeout):
                raise TimeoutError(f"a load worker did not answer {msg['op']!r} within {timeout:.0f} s")
            return pipe.recv()

        return await asyncio.gather(*(asyncio.to_thread(one, p) for p in self.pipes))

    async def close(self) -> float:
        cpu = 0.0
        try:
            for answer in await self.ask({"op": "close"}, 60):
                cpu += answer["cpu"]
        except (TimeoutError, EOFError, OSError):
            pass
        for proc in self.procs:
            proc.join(5)
            if proc.is_alive():
                proc.kill()
                proc.join(5)
        return cpu


# --- the big screen and the facilitator ----------------------------------------------


class Watcher:
    """The big screen (or the console): cards, speakers and rounds as they arrive."""

    def __init__(self):
        self.state: dict = {}
        self.cards: dict[str, float] = {}
        self.speakers: list[tuple[int, float]] = []
        self.tally = Tally()
        self.ready = asyncio.Event()

    @property
    def received(self) -> int:
        return self.tally.total

    def on_snapshot(self, data):
        self.state = dict(data or {})
        self._observe()
        self.ready.set()

    def on_patch(self, data):
        if isinstance(data, dict):
            self.state.update(data)
            self._observe()

    def _observe(self) -> None:
        act = self.state.get("activity") or {}
        speaker = act.get("speaker") if isinstance(act, dict) else None
        sid = speaker.get("id") if isinstance(speaker, dict) else None
        if sid is not None and (not self.speakers or self.speakers[-1][0] != sid):
            self.speakers.append((sid, time.time()))

    def on_card(self, data):
        got = parse_card((data or {}).get("text") if isinstance(data, dict) else None)
        if got and got[0] not in self.cards:
            self.cards[got[0]] = time.time() - got[1]


async def connect_watcher(kind: str, url: str, auth: dict):
    import socketio

    sio = socketio.AsyncClient(reconnection=False)
    w = Watcher()
    on_counted(sio, w.tally, "snapshot", w.on_snapshot)
    on_counted(sio, w.tally, "patch", w.on_patch)
    on_counted(sio, w.tally, CARD_EVENT[kind], w.on_card)
    on_counted(sio, w.tally, "*")

    def gone(reason=None):
        # A dropped screen or console invalidates the run: say when and why.
        print(f"bench: the {auth.get('role')} was disconnected at {time.time():.1f} ({reason})", flush=True)

    sio.on("disconnect", gone)
    await sio.connect(url, transports=["websocket"], auth=auth, wait_timeout=20)
    async with asyncio.timeout(20):
        await w.ready.wait()
    return sio, w


async def call(sio, name: str, payload: dict, timeout: float = 60) -> dict:
    reply = await sio.call(name, payload, timeout=timeout)
    if not (isinstance(reply, dict) and reply.get("ok")):
        raise RuntimeError(f"{name} was refused: {reply}")
    return reply


def app_actions() -> set[str]:
    """The socket actions the app registers (the café and circle land separately)."""
    out = subprocess.run(
        [PY, "-c", "import json; from facilitator import create_app; from facilitator.delivery.handling import ACTIONS;"
                   "from facilitator.delivery import load_handlers; load_handlers(); print(json.dumps(sorted(ACTIONS)))"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    try:
        return set(json.loads(out.stdout.strip().splitlines()[-1]))
    except (ValueError, IndexError):
        return set()


CAFE_ACTIONS = ("cafe.round.start", "cafe.round.end", "card.add")
CIRCLE_ACTIONS = ("circle.start", "circle.next")


# --- one run -----------------------------------------------------------------------


async def wait_progress(workers: Workers, key: str, value, want: int, timeout: float) -> int:
    """Poll the workers (every 50 ms, at most ``timeout`` s) until ``want`` phones report ``key``."""
    end = time.time() + timeout
    got = 0
    while time.time() < end:
        got = sum(a[key] for a in await workers.ask({"op": "progress", key: value}, 30))
        if got >= want:
            break
        await asyncio.sleep(0.05)
    return got


def _minus(now: dict, before: dict) -> dict:
    """Deliveries between two marks: {audience: {kind: [count, bytes]}}, empty rows left out."""
    out: dict = {}
    for audience, kinds in now.items():
        for kind, (count, size) in kinds.items():
            c0, b0 = before.get(audience, {}).get(kind, [0, 0])
            if count - c0:
                out.setdefault(audience, {})[kind] = [count - c0, size - b0]
    return out


async def drive(kind: str, server: Server, code: str, secret: str | None, n: int, opts, load_cores) -> dict:
    began = time.time()
    # ``began``: the moment the phases' times count from (to lay logs, such as bench/gc_passes', beside them).
    result: dict = {"server": kind, "mode": server.mode, "n": n, "pid": server.pid, "began": began, "notes": [],
                    "phases": {}, "phase_cost": {}}

    marks: list[tuple[str, float, dict]] = []

    async def tallies() -> dict[str, dict[str, list[int]]]:
        seen: dict[str, dict[str, list[int]]] = {"phone": {}}
        for answer in await workers.ask({"op": "tally"}, 60):
            for kind, (count, size) in answer.items():
                row = seen["phone"].setdefault(kind, [0, 0])
                row[0] += count
                row[1] += size
        for audience, w in (("screen", scr), ("console", con)):
            seen[audience] = {k: [c, w.tally.bytes[k]] for k, c in w.tally.counts.items()}
        return seen

    async def phase(name: str) -> None:
        """The end of a phase: its time, the server's CPU so far, and what every client has received."""
        result["phases"][name] = round(time.time() - began, 1)
        # A phase ends when its last messages have arrived (at most 5 s more):
        # an acknowledgement can come back before the patches sent with it.
        seen, settled = None, time.time() + 5
        while True:
            before, seen = seen, await tallies()
            if seen == before or time.time() > settled:
                break
            await asyncio.sleep(0.1)
        # When the phase's CPU is read (its messages settled): the edge to lay logs beside it.
        result.setdefault("settled", {})[name] = round(time.time() - began, 2)
        cpu, system = server_cpu(server), server_system_cpu(server)
        server.mark_profile()  # under --profile, OUT.markN: the profile at the end of each phase
        if marks:
            before_name, before_cpu, before_system, before = marks[-1]
            result["phase_cost"][name] = {
                "cpu_s": round(cpu - before_cpu, 3),
                "system_s": round(system - before_system, 3),
                "deliveries": _minus(seen, before),
            }
        marks.append((name, cpu, system, seen))

    url = server.url
    workers = Workers(min(opts.workers, n), kind, url, code, n, load_cores)
    screen = console = None
    try:
        if kind != "baseline":
            console, con = await connect_watcher(kind, url, {"role": "console", "secret": secret})
            watched = await call(console, "console.watch", {"event": code})
            # The big screen opens with the link the console shows, as a facilitator's does.
            screen_key = watched["snapshot"]["screen_link"].split("#key=", 1)[1]
            screen, scr = await connect_watcher(kind, url, {"role": "screen", "event": code, "secret": screen_key})
        else:
            console, con = await connect_watcher(kind, url, {"role": "console"})
            screen, scr = await connect_watcher(kind, url, {"role": "screen", "event": code})
        cpu0, wall0 = server_cpu(server), time.time()
        server_cores, _ = cores()
        stolen0 = stolen_seconds(server_cores), stolen_seconds(load_cores)
        redis0 = server.redis_stats()
        try:
            await scenarios(kind, server, code, n, opts, workers, console, scr, con, result, phase)
        except Exception as exc:  # noqa: BLE001 - keep the figures measured before the failure
            done = list(result["phases"])
            result["failed"] = f"{type(exc).__name__}: {exc} (after {done[-1] if done else 'start'})"
        result["lost"]["total"] = sum(v for k, v in result["lost"].items() if k != "total")
        cpu1, wall1 = server_cpu(server), time.time()
        redis1 = server.redis_stats()
        report = await workers.ask({"op": "report"}, 60)
        delivered = sum(a["received"] for a in report) + scr.received + con.received
        result["cpu"] = {
            "seconds": round(cpu1 - cpu0, 2), "wall": round(wall1 - wall0, 1), "delivered": delivered,
            "us_per_delivered": round((cpu1 - cpu0) / max(1, delivered) * 1e6, 1),
        }
        result["rss_mb"] = round(server_rss(server), 1)
        stolen1 = stolen_seconds(server_cores), stolen_seconds(load_cores)
        if None not in stolen0 + stolen1:
            result["stolen_s"] = {"server": round(stolen1[0] - stolen0[0], 2), "load": round(stolen1[1] - stolen0[1], 2)}
        if redis0 is not None and redis1 is not None:
            # Redis's own counters: every command and byte the processes exchanged with it.
            commands = redis1["total_commands_processed"] - redis0["total_commands_processed"]
            out_bytes = redis1["total_net_output_bytes"] - redis0["total_net_output_bytes"]
            in_bytes = redis1["total_net_input_bytes"] - redis0["total_net_input_bytes"]
            result["redis"] = {
                "commands": commands, "bytes_in": in_bytes, "bytes_out": out_bytes,
                "commands_per_delivered": round(commands / max(1, delivered), 2),
                "bytes_per_delivered": round((in_bytes + out_bytes) / max(1, delivered), 1),
            }
        if getattr(server, "processes", None):
            result["processes"] = server.processes
        if "drop" not in opts.skip.split(",") and not result.get("failed"):
            await drop(server, workers, result)
            if kind != "baseline" and "back" not in opts.skip.split(","):
                await back(server, workers, result)
    finally:
        for sio in (screen, console):
            if sio is not None:
                try:
                    async with asyncio.timeout(5):
                        await sio.disconnect()
                except BaseException:  # noqa: BLE001
                    pass
        result["load_cpu_s"] = round(await workers.close(), 1)
    return result


async def drop(server: Server, workers: Workers, result: dict) -> None:
    """5. Every phone leaves at once (the venue's Wi-Fi drops): the server's CPU until it is quiet again."""
    cpu0 = server_cpu(server)
    await workers.ask({"op": "drop"}, 60)
    last = await until_quiet(server, cpu0)
    result["drop"] = {"phones": _get(result, "join", "ok"), "cpu_s": round(last - cpu0, 3)}


async def until_quiet(server: Server, since: float) -> float:
    """The server's CPU from ``since`` until a second without any (at most 30 s)."""
    quiet, last, end = 0, since, time.time() + 30
    while quiet < 5 and time.time() < end:
        await asyncio.sleep(0.2)
        now = server_cpu(server)
        quiet = quiet + 1 if now == last else 0
        last = now
    return last


async def back(server: Server, workers: Workers, result: dict) -> None:
    """6. Every phone comes back at once (the Wi-Fi is back): each its snapshot again, and the server's CPU."""
    cpu0 = server_cpu(server)
    at = time.time() + 0.5
    answers = await workers.ask({"op": "back", "at": at}, JOIN_DEADLINE + 60)
    back_s = [b for a in answers for b in a["back"]]
    ok = [b[1] for b in back_s if b[1] is not None]
    last = await until_quiet(server, cpu0)
    result["back"] = {"ok": len(ok), "of": len(back_s), **spread(ok), "cpu_s": round(last - cpu0, 3),
                      "errors": sorted({b[2] for b in back_s if b[2]})[:5]}
    if len(ok) < len(back_s):
        result["notes"].append(f"only {len(ok)} of {len(back_s)} phones came back within {JOIN_DEADLINE:.0f} s")


async def scenarios(kind, server, code, n, opts, workers, console, scr, con, result, phase) -> None:
    """The scenarios, each adding its figures to ``result`` as it finishes."""
    lost = result["lost"] = {"cards": 0, "tables": 0, "speakers": 0, "total": 0}
    await workers.ask({"op": "ping"}, 60)  # every worker has started and imported its clients

    await phase("ready")
    # 1. join storm
    t0 = time.time() + 0.5
    answers = await workers.ask({"op": "join", "t0": t0, "window": opts.join_window, "n": n}, opts.join_window + JOIN_DEADLINE + 60)
    joins = [j for a in answers for j in a["joins"]]
    ok = [j[1] for j in joins if j[1] is not None]
    errors = sorted({j[2] for j in joins if j[2]})
    result["join"] = {"ok": len(ok), "of": n, **spread(ok), "errors": errors[:5]}
    joined = len(ok)

    await phase("joined")
    # 2. café round
    cafe_ready = kind != "app" or opts.has_cafe
    if cafe_ready and "cafe" not in opts.skip.split(","):
        tables = max(1, math.ceil(n / TABLE_SIZE))
        if kind != "baseline":
            added = await call(console, "agenda.add", {
                "event": code, "kind": "cafe", "title": "Café",
                "config": {"tables": tables, "capacity": min(20, TABLE_SIZE + 2), "rounds": 3, "minutes": 20},
            })
            await call(console, "agenda.goto", {"event": code, "activity": added["id"]})
            volunteered = sum(a["volunteered"] for a in await workers.ask({"op": "volunteer"}, 60))
            await call(console, "cafe.round.start", {"event": code})
            seated = await wait_progress(workers, "round", 1, joined, 30)
            if seated < joined:
                result["notes"].append(f"only {seated} of {joined} phones were told their table")
        seats: dict[int, int] = {}
        for a in await workers.ask({"op": "seats", "round": 1}, 30):
            seats.update(a["seats"])
        await phase("cafe_setup")
        cpu_c0 = server_cpu(server)
        start = time.time() + 0.5
        burst = start + opts.cafe_seconds

        async def cpu_at(when: float) -> float:
            await sleep_until(when)
            return server_cpu(server)

        # The server's CPU from just before the closing burst (every host within one second) to the drain's end.
        burst_cpu0 = asyncio.ensure_future(cpu_at(burst - 0.05))
        answers = await workers.ask({
            "op": "cafe", "start": start, "steady": opts.cafe_seconds, "interval": opts.card_interval,
            "burst": burst, "seed": 7,
        }, opts.cafe_seconds + 120)
        sent = [s for a in answers for s in a["sent"]]
        posted = [s for s in sent if s[2]]
        refused = [s for s in sent if not s[2]]
        by_table: dict[int, int] = {}
        for table in seats.values():
            by_table[table] = by_table.get(table, 0) + 1
        if kind != "baseline":
            expected_phone = sum(by_table.get(s[1], 0) for s in posted)
        else:
            expected_phone = len(posted) * joined
        drain_end = time.time() + opts.drain
        got = 0
        while time.time() < drain_end:
            got = sum(a["cards"] for a in await workers.ask({"op": "progress"}, 30))
            if got >= expected_phone and len(scr.cards) >= len(posted):
                break
            await asyncio.sleep(0.1)
        cpu_c1 = server_cpu(server)
        burst_cpu = cpu_c1 - await burst_cpu0
        report = await workers.ask({"op": "report"}, 60)
        phone_lat = [lat for a in report for cards in a["cards"].values() for lat in cards.values()]
        screen_lat = [scr.cards[s[0]] for s in posted if s[0] in scr.cards]
        burst_keys = {s[0] for s in posted if s[0].endswith("-b")}  # op_cafe's keys: "<phone>-b" for the burst
        lost["cards"] = max(0, expected_phone - len(phone_lat)) + (len(posted) - len(screen_lat))
        result["cafe"] = {
            "hosts": len({s[0].split("-")[0] for s in sent}),
            "cards": len(posted), "refused": len(refused), "refusals": sorted({str(s[3]) for s in refused})[:3],
            "to_screen": spread(screen_lat), "to_phone": spread(phone_lat),
            # The steady posting and the closing burst (every host within one second) apart: the tail is the burst's.
            "to_screen_steady": spread([lat for key, lat in scr.cards.items() if key not in burst_keys]),
            "to_screen_burst": spread([lat for key, lat in scr.cards.items() if key in burst_keys]),
            "phone_deliveries": len(phone_lat), "expected_phone_deliveries": expected_phone,
            "cpu_s": round(cpu_c1 - cpu_c0, 3),
            "cpu_us_per_delivery": round((cpu_c1 - cpu_c0) / max(1, len(phone_lat) + len(screen_lat)) * 1e6, 1),
            "burst_cards": len(burst_keys),
            "burst_cpu_ms_per_card": round(burst_cpu / max(1, len(burst_keys)) * 1000, 2),
        }

        await phase("cards")
        # 3. round change
        click = time.time()
        if kind != "baseline":
            await call(console, "cafe.round.end", {"event": code})
        else:
            tables_next = [((i // HOST_EVERY) + 1 + (i % HOST_EVERY)) % tables for i in range(n)]
            await console.emit("cafe.round.end", {"round": 2, "tables": tables_next, "sent": click})
        told = await wait_progress(workers, "round", 2, joined, opts.round_timeout)
        report = await workers.ask({"op": "report"}, 60)
        waits = [r[2] - click for a in report for r in a["rounds"].values() if 2 in r]
        lost["tables"] = joined - told
        result["round_change"] = {"told": told, "of": joined, **spread(waits)}
        if kind != "baseline":
            await call(console, "cafe.round.start", {"event": code})
    else:
        result["notes"].append("café scenario skipped (--skip cafe, or the app has no café actions)")

    await phase("round_change")
    # 4. check-in: the talking piece moves
    if (kind != "app" or opts.has_circle) and "checkin" not in opts.skip.split(","):
        if kind != "baseline":
            added = await call(console, "agenda.add", {"event": code, "kind": "checkin", "title": "Check-in"})
            await call(console, "agenda.goto", {"event": code, "activity": added["id"]})
            await call(console, "circle.start", {"event": code})
            async with asyncio.timeout(30):
                while not scr.speakers:
                    await asyncio.sleep(0.05)
        clicks = []
        first = time.time() + 0.5
        for k in range(1, opts.moves + 1):
            await sleep_until(first + (k - 1) * opts.move_interval)
            clicks.append(time.time())
            if kind != "baseline":
                asyncio.ensure_future(console.call("circle.next", {"event": code}, timeout=60))
            else:
                await console.emit("circle.next", {"speaker": k, "sent": clicks[-1]})
        if kind != "baseline":
            end = time.time() + opts.round_timeout
            while len(scr.speakers) < opts.moves + 1 and time.time() < end:
                await asyncio.sleep(0.05)
            speakers = [sid for sid, _ in scr.speakers[1:opts.moves + 1]]
        else:
            speakers = list(range(1, opts.moves + 1))
        last = speakers[-1] if speakers else None
        await wait_progress(workers, "speaker", last, joined, opts.round_timeout)
        report = await workers.ask({"op": "report"}, 60)
        seen_by = [{int(k): v for k, v in sp.items()} for a in report for sp in a["speakers"].values()]
        # A phone that hears a later speaker first has still heard where the piece is:
        # the server sends the state as it is when a patch is built, not every step.
        waits, missed = [], 0
        for k, sid in enumerate(speakers):
            later = speakers[k:]
            for seen in seen_by:
                times = [seen[x] for x in later if x in seen]
                if times:
                    waits.append(min(times) - clicks[k])
                else:
                    missed += 1
        missed += (opts.moves - len(speakers)) * joined
        lost["speakers"] = missed
        result["checkin"] = {"moves": opts.moves, "screen_saw": len(speakers), **spread(waits)}
    else:
        result["notes"].append("check-in scenario skipped (--skip checkin, or the app has no circle actions)")

    await phase("checkin")


def run_hosted(mode: str, n: int, processes: int, opts) -> dict:
    """One run through nginx against ``processes`` app processes on PostgreSQL and Redis."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-hosted-"))
    server = None
    try:
        server = Hosted(mode, processes, tmp)
        code = server.create_event()
        secret = server.deployment.console_secret
        _, load_cores = cores()
        return asyncio.run(asyncio.wait_for(drive("app", server, code, secret, n, opts, load_cores), opts.run_timeout))
    except Exception as exc:  # noqa: BLE001 - one failed run is reported, the others still run
        return {"server": "app", "mode": mode, "n": n, "processes": processes, "failed": f"{type(exc).__name__}: {exc}"}
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def run_once(kind: str, mode: str, n: int, opts, source: Path = ROOT) -> dict:
    server_cores, load_cores = cores()
    data_dir = Path(tempfile.mkdtemp(prefix="bench-"))
    RESULTS.mkdir(parents=True, exist_ok=True)
    server = None
    quickness = None
    try:
        code = create_event(data_dir, source) if kind == "app" else "BENCH000"  # the bare servers' one event
        profile = Path(opts.profile).resolve() / f"{kind}-{mode}-{n}.prof" if opts.profile and kind in ("app", "bare") else None
        if profile is not None:
            profile.parent.mkdir(parents=True, exist_ok=True)
            profile.unlink(missing_ok=True)
        server = Server(kind, mode, free_port(), data_dir, RESULTS / f"server-{kind}-{mode}-{n}.log", server_cores, profile,
                        source)
        secret = (data_dir / "console.key").read_text().strip() if kind == "app" else "bare"
        quickness = additions_loop_s()  # the server started and idle: the machine as the run begins
        probe = MachineProbe(server_cores, data_dir, opts.run_timeout + 60)
        try:
            result = asyncio.run(asyncio.wait_for(drive(kind, server, code, secret, n, opts, load_cores), opts.run_timeout))
        finally:
            readings = probe.readings()
        probe_ms = probe_ms_by_phase(readings, result["began"], result.get("settled", {}))
        return {**result, "additions_loop_s": quickness, "probe_ms": probe_ms}
    except Exception as exc:  # noqa: BLE001 - one failed run is reported, the others still run
        # With the machine's quickness if it was timed: a failed run is when it matters.
        return {"server": kind, "mode": mode, "n": n, "failed": f"{type(exc).__name__}: {exc}", "additions_loop_s": quickness}
    finally:
        if server is not None:
            server.stop()
        # The app's own log (its tracebacks) outlives the run's data folder, beside the server's output.
        for log in sorted((data_dir / "logs").glob("facilitator*.log")):
            shutil.copy(log, RESULTS / f"{log.stem}-{kind}-{mode}-{n}.log")
        shutil.rmtree(data_dir, ignore_errors=True)


# --- the report --------------------------------------------------------------------


def _back(r: dict) -> str:
    b = _get(r, "back")
    if not b or b.get("p50") is None:
        return "-"
    return f"{b['p50']:.0f}/{b['p95']:.0f}/{b['max']:.0f}"


def _trio(d: dict | None) -> str:
    if not d or d.get("p50") is None:
        return "-"
    return f"{d['p50']:.0f}/{d['p95']:.0f}/{d['p99']:.0f}"


def _ratio(a, b) -> str:
    if a is None or b is None or not b:
        return "-"
    return f"{a / b:.2f}"


def _get(r: dict | None, *path):
    for key in path:
        if not isinstance(r, dict):
            return None
        r = r.get(key)
    return r


def report(app: dict, base: dict | None, bare: dict | None = None) -> str:
    """The app's figures beside the bare server's (same deliveries) and the naive broadcast server's."""
    mode, n = app["mode"], app["n"]
    hosted = f", {app['processes']} process(es) behind nginx" if app.get("processes") else ""
    lines = [f"== {mode}, N = {n}{hosted} =="]
    if app.get("failed"):
        lines.append(f"  app run failed: {app['failed']}")
    if bare and bare.get("failed"):
        lines.append(f"  bare server run failed: {bare['failed']}")
    if base and base.get("failed"):
        lines.append(f"  naive baseline run failed: {base['failed']}")
    rows = [
        ("join success", lambda r: f"{_get(r, 'join', 'ok')}/{_get(r, 'join', 'of')}" if _get(r, "join") else "-", None),
        ("join time p50/p95/p99 (ms)", lambda r: _trio(_get(r, "join")), ("join", "p95")),
        ("card to big screen p50/p95/p99 (ms)", lambda r: _trio(_get(r, "cafe", "to_screen")), ("cafe", "to_screen", "p95")),
        ("  of them steady posting p50/p95/p99", lambda r: _trio(_get(r, "cafe", "to_screen_steady")), ("cafe", "to_screen_steady", "p95")),
        ("  of them the closing burst p50/p95/p99", lambda r: _trio(_get(r, "cafe", "to_screen_burst")), ("cafe", "to_screen_burst", "p95")),
        ("card to phone p50/p95/p99 (ms)", lambda r: _trio(_get(r, "cafe", "to_phone")), ("cafe", "to_phone", "p95")),
        ("card deliveries to phones", lambda r: str(_get(r, "cafe", "phone_deliveries") or "-"), None),
        ("new table: last phone (ms)", lambda r: str(_get(r, "round_change", "max") or "-"), ("round_change", "max")),
        ("talking piece to phones p50/p95/p99 (ms)", lambda r: _trio(_get(r, "checkin")), ("checkin", "p95")),
        ("messages lost", lambda r: str(_get(r, "lost", "total")) if _get(r, "lost") else "-", None),
        ("server CPU µs per delivered message", lambda r: str(_get(r, "cpu", "us_per_delivered") or "-"), ("cpu", "us_per_delivered")),
        ("café: server CPU µs per card delivery", lambda r: str(_get(r, "cafe", "cpu_us_per_delivery") or "-"), ("cafe", "cpu_us_per_delivery")),
        ("café: server CPU ms per card of the burst", lambda r: str(_get(r, "cafe", "burst_cpu_ms_per_card") or "-"), ("cafe", "burst_cpu_ms_per_card")),
        ("every phone leaves at once: server CPU (s)", lambda r: str(_get(r, "drop", "cpu_s") or "-"), ("drop", "cpu_s")),
        ("then every phone comes back: back", lambda r: f"{_get(r, 'back', 'ok')}/{_get(r, 'back', 'of')}" if _get(r, "back") else "-", None),
        ("  their snapshot again p50/p95/last (ms)", _back, ("back", "p95")),
        ("  server CPU (s)", lambda r: str(_get(r, "back", "cpu_s") or "-"), ("back", "cpu_s")),
        ("server peak RSS (MB)", lambda r: str(_get(r, "rss_mb") or "-"), None),
        ("the machine: 10 million additions (s)", lambda r: str(_get(r, "additions_loop_s") or "-"), None),
        ("  CPU stolen, server's / load's cores (s)", _stolen, None),
        ("load generator's CPU (s)", lambda r: str(_get(r, "load_cpu_s") or "-"), None),
    ]
    if _get(app, "redis"):
        rows += [
            ("Redis commands per delivered message", lambda r: str(_get(r, "redis", "commands_per_delivered") or "-"), None),
            ("Redis bytes per delivered message", lambda r: str(_get(r, "redis", "bytes_per_delivered") or "-"), None),
        ]
    lines.append(f"  {'':44}{'app':>16}{'bare':>16}{'app/bare':>10}{'naive':>16}{'app/naive':>10}")
    for label, show, ratio_of in rows:
        r_bare = _ratio(_get(app, *ratio_of), _get(bare, *ratio_of)) if (ratio_of and bare) else ""
        r_base = _ratio(_get(app, *ratio_of), _get(base, *ratio_of)) if (ratio_of and base) else ""
        lines.append(f"  {label:44}{show(app):>16}{(show(bare) if bare else '-'):>16}{r_bare:>10}"
                     f"{(show(base) if base else '-'):>16}{r_base:>10}")
    for note in app.get("notes", []):
        lines.append(f"  note: {note}")
    return "\n".join(lines)


def _stolen(r: dict | None) -> str:
    stolen = _get(r, "stolen_s")
    return f"{stolen['server']} / {stolen['load']}" if stolen else "-"


PHASES = (("joined", "joins"), ("cafe_setup", "café set-up"), ("cards", "cards"),
          ("round_change", "round change"), ("checkin", "talking piece"))


def delivery_differences(app: dict, bare: dict) -> list[str]:
    """Where the two servers did not deliver the same messages (count per phase, audience and kind)."""
    out = []
    for phase, _ in PHASES:
        a = _get(app, "phase_cost", phase, "deliveries") or {}
        b = _get(bare, "phase_cost", phase, "deliveries") or {}
        for audience in sorted(set(a) | set(b)):
            for kind in sorted(set(a.get(audience, {})) | set(b.get(audience, {}))):
                ca = a.get(audience, {}).get(kind, [0, 0])[0]
                cb = b.get(audience, {}).get(kind, [0, 0])[0]
                if ca != cb:
                    out.append(f"{phase}: {audience} {kind} app {ca}, bare {cb}")
    return out


def _delivered(cost: dict | None) -> tuple[int, int]:
    """(messages, bytes) of one phase."""
    count = size = 0
    for kinds in ((cost or {}).get("deliveries") or {}).values():
        for c, b in kinds.values():
            count += c
            size += b
    return count, size


def _kernel(app_s: float | None, bare_s: float | None) -> str:
    """Both servers' system CPU, in ms (results written before it was recorded have none)."""
    if app_s is None or bare_s is None:
        return "-"
    return f"{app_s * 1000:.0f} / {bare_s * 1000:.0f}"


def _in_probe_units(result: dict, phase: str) -> float | None:
    """A server's CPU in a phase divided by its probe's time for its work then (None without both)."""
    cpu, probe = _get(result, "phase_cost", phase, "cpu_s"), _get(result, "probe_ms", phase)
    return cpu / probe if cpu is not None and probe else None


def at_one_speed(app: dict, bare: dict, phase: str) -> float | None:
    """A phase's CPU, app / bare, each divided by the probe's time for its work in that phase:
    the ratio had both servers run on a machine as quick as the other's."""
    a, b = _in_probe_units(app, phase), _in_probe_units(bare, phase)
    return a / b if a and b else None


def _probe_columns(app: dict, bare: dict, phase: str) -> str:
    """The probe's times in the phase (app's moment / bare's) and the ratio at one speed."""
    pa, pb = _get(app, "probe_ms", phase), _get(bare, "probe_ms", phase)
    if not (pa and pb):
        return f"{'-':>20}{'-':>14}"
    same = at_one_speed(app, bare, phase)
    return f"{f'{pa:.2f} / {pb:.2f}':>20}{(f'{same:.2f}' if same else '-'):>14}"


def engine_report(app: dict, bare: dict) -> str:
    """Server CPU per phase and per delivered message, the app against the bare server doing the same deliveries."""
    lines = [f"  same work, server CPU (app / bare server making the same deliveries, one run):",
             f"  {'phase':16}{'app ms':>10}{'bare ms':>10}{'app/bare':>10}{'messages':>10}{'MB':>8}"
             f"{'app µs/msg':>12}{'bare µs/msg':>12}{'of it kernel ms, app/bare':>28}"
             f"{'probe ms, app/bare':>20}{'at one speed':>14}"]
    ta = tb = 0.0
    ka: float | None = 0.0
    kb: float | None = 0.0
    for phase, name in PHASES:
        ca, cb = _get(app, "phase_cost", phase), _get(bare, "phase_cost", phase)
        if not ca or not cb:
            continue
        (na, ba), (nb, bb) = _delivered(ca), _delivered(cb)
        ta += ca["cpu_s"]
        tb += cb["cpu_s"]
        ka = None if ka is None or "system_s" not in ca else ka + ca["system_s"]
        kb = None if kb is None or "system_s" not in cb else kb + cb["system_s"]
        lines.append(
            f"  {name:16}{ca['cpu_s'] * 1000:>10.0f}{cb['cpu_s'] * 1000:>10.0f}{_ratio(ca['cpu_s'], cb['cpu_s']):>10}"
            f"{na:>10}{ba / 1e6:>8.1f}{ca['cpu_s'] / max(1, na) * 1e6:>12.0f}{cb['cpu_s'] / max(1, nb) * 1e6:>12.0f}"
            f"{_kernel(ca.get('system_s'), cb.get('system_s')):>28}{_probe_columns(app, bare, phase):>34}"
        )
    ua, ub = _get(app, "cpu", "us_per_delivered"), _get(bare, "cpu", "us_per_delivered")
    whole_same_speed = _whole_at_one_speed(app, bare)
    lines.append(f"  {'whole run':16}{ta * 1000:>10.0f}{tb * 1000:>10.0f}{_ratio(ta, tb):>10}"
                 f"{'':>18}{(ua or 0):>12.0f}{(ub or 0):>12.0f}{_kernel(ka, kb):>28}"
                 f"{'':>20}{(f'{whole_same_speed:.2f}' if whole_same_speed else '-'):>14}"
                 f"   per delivered message: {_ratio(ua, ub)}")
    diffs = delivery_differences(app, bare)
    bytes_a = sum(_delivered(c)[1] for c in (app.get("phase_cost") or {}).values())
    bytes_b = sum(_delivered(c)[1] for c in (bare.get("phase_cost") or {}).values())
    if diffs:
        lines.append(f"  NOT the same deliveries ({len(diffs)} differences): the ratios above compare different work")
        lines += [f"    {d}" for d in diffs[:12]]
    else:
        lines.append(f"  same deliveries: yes (every phase, audience and kind); bytes app/bare {_ratio(bytes_a, bytes_b)}")
    return "\n".join(lines)


def run_servers(mode: str, n: int, opts, k: int) -> tuple:
    """One run of each server: (app before or None, app, bare or None, naive or None).

    With ``--repeat`` the order turns from run to run (the app first, then the
    bare server first...), so a machine that slows down or speeds up during
    the runs does not favour one server."""
    yardsticks = opts.yardsticks.split(",") if opts.baseline else []
    order = [kind for kind in ("before", "app", "bare", "baseline")
             if kind == "app" or (kind == "before" and opts.before) or (kind == "bare" and "bare" in yardsticks)
             or (kind == "baseline" and "naive" in yardsticks)]
    order = order[k % len(order):] + order[:k % len(order)]
    got: dict[str, dict] = {}
    for kind in order:
        if kind == "before":
            got[kind] = run_once("app", mode, n, opts, Path(opts.before).resolve())
            got[kind]["server"] = "app-before"
        else:
            got[kind] = run_once(kind, mode, n, opts)
        got[kind]["run"] = k + 1
        print("RESULT " + json.dumps(got[kind]), flush=True)
    return got.get("before"), got["app"], got.get("bare"), got.get("baseline")


def _median(values: list[float]) -> float:
    values = sorted(values)
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def _whole_at_one_speed(app: dict, bare: dict) -> float | None:
    """The run's CPU at one speed: each phase's CPU in the probe's units, summed, app / bare.
    None unless both probes read every phase that cost either server CPU (a short phase may
    have no reading): a sum without it would not be the same run as the plain ratio beside it."""
    sa = sb = 0.0
    for phase, _ in PHASES:
        if not _get(app, "phase_cost", phase, "cpu_s") and not _get(bare, "phase_cost", phase, "cpu_s"):
            continue
        a, b = _in_probe_units(app, phase), _in_probe_units(bare, phase)
        if a is None or b is None:
            return None
        sa, sb = sa + a, sb + b
    return sa / sb if sb else None


def repeat_report(mode: str, n: int, trios: list[tuple]) -> str:
    """Over the repeated runs: per phase, the median of app / bare (each run's own ratio) and
    its range; with --before, the median of before / bare and of after / before (paired by run).
    One run's ratio moves by 10-20 % with the machine; the median of several is what to quote."""
    def cost(r, phase):
        return _get(r, "phase_cost", phase, "cpu_s") if r and not r.get("failed") else None

    has_before = any(t[0] for t in trios)
    head = f"  {'phase':16}{'app/bare':>10}{'range':>13}{'at one speed':>14}{'range':>13}"
    if has_before:
        head += f"{'before/bare':>13}{'after/before':>14}"
    lines = [f"== {mode}, N = {n}: median of {len(trios)} runs ==", head]
    for phase, name in [*PHASES, ("_whole", "whole run")]:
        def of(r, phase=phase):
            if phase != "_whole":
                return cost(r, phase)
            parts = [cost(r, p) for p, _ in PHASES]
            return sum(x for x in parts if x is not None) if r and not r.get("failed") else None
        ratios = [of(a) / of(b) for _, a, b in trios if of(a) and of(b)]
        if not ratios:
            continue
        line = f"  {name:16}{_median(ratios):>10.2f}{f'{min(ratios):.2f}-{max(ratios):.2f}':>13}"
        same_speed = []
        for _, a, b in trios:
            if not a or not b or a.get("failed") or b.get("failed"):
                continue
            x = _whole_at_one_speed(a, b) if phase == "_whole" else at_one_speed(a, b, phase)
            if x:
                same_speed.append(x)
        line += (f"{_median(same_speed):>14.2f}{f'{min(same_speed):.2f}-{max(same_speed):.2f}':>13}" if same_speed
                 else f"{'-':>14}{'-':>13}")
        if has_before:
            was = [of(x) / of(b) for x, _, b in trios if of(x) and of(b)]
            moved = [of(a) / of(x) for x, a, _ in trios if of(a) and of(x)]
            line += f"{_median(was):>13.2f}" if was else f"{'-':>13}"
            line += f"{_median(moved):>14.2f}" if moved else f"{'-':>14}"
        lines.append(line)
    return "\n".join(lines)


# Up to 2,000 phones, the targets of docs/performance.md; beyond, issue #22's for 5,000
# phones on one laptop (card to big screen against the bare server of the same run, 1 GB).
LARGE_EVENT = 2000


def targets(app: dict, base: dict | None, bare: dict | None = None) -> list[str]:
    """The targets docs/performance.md sets for the app's run at its size, as sentences for those missed."""
    missed = []
    if app.get("failed"):
        return [f"the app run failed: {app['failed']}"]
    large = app["n"] > LARGE_EVENT
    if _get(app, "join", "ok") != app["n"]:
        missed.append(f"{app['n'] - (_get(app, 'join', 'ok') or 0)} joins failed")
    if not large and (_get(app, "join", "p99") or 0) > 1000:
        missed.append(f"join p99 {_get(app, 'join', 'p99')} ms > 1000 ms")
    if _get(app, "lost", "total") != 0:
        missed.append(f"{_get(app, 'lost', 'total')} messages lost")
    screen = _get(app, "cafe", "to_screen", "p95")
    bare_screen = _get(bare, "cafe", "to_screen", "p95") if bare and not bare.get("failed") else None
    if large and bare_screen:
        if screen is not None and screen > 2 * bare_screen:
            missed.append(f"card to big screen p95 {screen} ms > 2 x the bare server's {bare_screen} ms")
    elif (screen or 0) > 250:  # no bare server's run beside it (--no-baseline, hosted): the absolute target
        missed.append(f"card to big screen p95 {screen} ms > 250 ms")
    bp = _get(base, "cafe", "to_phone", "p95")
    ap = _get(app, "cafe", "to_phone", "p95")
    if not large and ap is not None and bp and ap > 1.5 * bp:
        missed.append(f"card to phone p95 {ap} ms > 1.5 x baseline {bp} ms")
    if (_get(app, "round_change", "max") or 0) > 2000:
        missed.append(f"last phone's new table after {_get(app, 'round_change', 'max')} ms > 2000 ms")
    rss_limit = 1024 if large else 400
    if (_get(app, "rss_mb") or 0) > rss_limit:
        missed.append(f"peak RSS {_get(app, 'rss_mb')} MB > {rss_limit} MB")
    return missed


def options(argv=None):
    p = argparse.ArgumentParser(description="N phones against the app and a bare Flask-SocketIO server.")
    p.add_argument("--modes", default="eventlet", help="comma-separated async modes (eventlet,gevent,threading)")
    p.add_argument("--sizes", default="250,1000,2000", help="comma-separated numbers of phones")
    p.add_argument("--no-baseline", dest="baseline", action="store_false", help="run the app alone, with no yardstick")
    p.add_argument("--before", default=None, metavar="DIR",
                   help="also run the app from this source tree in the same run (e.g. `git archive main | tar -x -C DIR`), "
                        "to measure a change before and after against the same bare server")
    p.add_argument("--yardsticks", default="bare",
                   help="comma-separated: bare (bench/bare_server.py: the app's deliveries, nothing else) and/or "
                        "naive (bench/baseline_server.py: every message to everyone)")
    p.add_argument("--workers", type=int, default=4, help="load-generating processes")
    p.add_argument("--join-window", type=float, default=20.0, help="phones arrive evenly over this many seconds (the issue: join within 20 s)")
    p.add_argument("--cafe-seconds", type=float, default=30.0, help="length of the steady café phase")
    p.add_argument("--card-interval", type=float, default=15.0, help="each host posts a card this often")
    p.add_argument("--drain", type=float, default=30.0, help="longest wait for cards still on their way")
    p.add_argument("--moves", type=int, default=20, help="times the talking piece moves")
    p.add_argument("--move-interval", type=float, default=1.0, help="seconds between moves of the talking piece")
    p.add_argument("--round-timeout", type=float, default=30.0, help="longest wait for every phone to hear a change")
    p.add_argument("--run-timeout", type=float, default=900.0, help="a run that takes longer is reported as failed")
    p.add_argument("--json", dest="json_out", default=None, help="also write every result to this file")
    p.add_argument("--profile", default=None, metavar="DIR",
                   help="run the app and the bare server under cProfile and write DIR/app-<mode>-<n>.prof and "
                        "DIR/bare-<mode>-<n>.prof (slower: for finding hot spots)")
    p.add_argument("--skip", default="",
                   help="comma-separated scenarios to leave out: cafe (and with it the round change), checkin, "
                        "drop (and with it back), back")
    p.add_argument("--check", action="store_true", help="exit 1 if a target in docs/performance.md is missed")
    p.add_argument("--repeat", type=int, default=1,
                   help="run every server this many times, in a turning order, and print the median ratios "
                        "(one run's ratio moves by 10-20 %% with the machine)")
    p.add_argument("--processes", default="",
                   help="comma-separated numbers of app processes to run behind nginx on PostgreSQL and Redis "
                        "(docs/deploy.md), e.g. 1,2,3; instead of the laptop runs")
    return p.parse_args(argv)


def main(argv=None) -> int:
    opts = options(argv)
    raise_file_limit()
    modes = [m.strip() for m in opts.modes.split(",") if m.strip()]
    sizes = [int(s) for s in opts.sizes.split(",") if s.strip()]
    have = app_actions()
    opts.has_cafe = set(CAFE_ACTIONS) <= have
    opts.has_circle = set(CIRCLE_ACTIONS) <= have
    server_cores, load_cores = cores()
    print(f"bench: modes {modes}, sizes {sizes}, {opts.workers} load workers; "
          f"server on cores {sorted(server_cores) if server_cores else 'any'}, load on {sorted(load_cores) if load_cores else 'any'}")
    if not opts.has_cafe:
        print("bench: the app has no café actions yet (cafe.round.start, cafe.round.end, card.add): café and round change skipped")
    if not opts.has_circle:
        print("bench: the app has no circle actions yet (circle.start, circle.next): check-in skipped")
    sys.stdout.flush()
    results, missed = [], []
    hosted = [int(p) for p in opts.processes.split(",") if p.strip()]
    for mode in modes:
        for n in sizes:
            for processes in hosted:
                app = run_hosted(mode, n, processes, opts)
                print("RESULT " + json.dumps(app), flush=True)
                results.append(app)
                print(report(app, None), flush=True)
                for m in targets(app, None):
                    missed.append(f"{mode}, N = {n}, {processes} process(es): {m}")
            if hosted:
                continue
            trios = []
            for k in range(opts.repeat):
                before, app, bare, base = run_servers(mode, n, opts, k)
                results += [r for r in (before, app, bare, base) if r]
                trios.append((before, app, bare))
                if opts.repeat > 1:
                    print(f"-- run {k + 1} of {opts.repeat} --", flush=True)
                if before is not None:
                    print(report(before, base, bare).replace("==\n", "== (app before: --before)\n", 1), flush=True)
                    if bare is not None and not bare.get("failed") and not before.get("failed"):
                        print(engine_report(before, bare), flush=True)
                print(report(app, base, bare), flush=True)
                if bare is not None and not bare.get("failed") and not app.get("failed"):
                    print(engine_report(app, bare), flush=True)
                for m in targets(app, base, bare):
                    missed.append(f"{mode}, N = {n}: {m}")
            if opts.repeat > 1:
                print(repeat_report(mode, n, trios), flush=True)
    if missed:
        print("targets missed:")
        for m in missed:
            print(f"  {m}")
    else:
        print("targets: all met")
    out = Path(opts.json_out) if opts.json_out else RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1))
    print(f"results written to {out}")
    return 1 if (opts.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
