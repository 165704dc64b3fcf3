"""Theme suggestions for 2,000 cards are computed while phones keep talking to the server, and the
event loop never stalls: a heartbeat inside the real server (eventlet) measures it.

Timing-sensitive like test_no_stalls: on a machine loaded by other work the heartbeat sees gaps
that are not the server's (the same phones with no suggestions at all showed 270 ms gaps at a
load average of 10 on 2 cores)."""
import os
import re
import threading
import time

import pytest
from sqlalchemy import select

from facilitator.db import Database
from facilitator.core.models import Activity, Participant, utcnow
from facilitator.activities.cafe.models import CafeRound, Seat
from facilitator.activities.board.models import Card
from tests.support import ServerProcess, close_all, wait_for
from tests.system.test_crash_and_reconnect import start_cafe
from tests.system.test_no_stalls import _pin_apart, _reports

# It measures stalls: other tests running beside it would be measured too.
pytestmark = pytest.mark.alone

WORDS = ["bus", "carers", "food bank", "mental health", "GP appointments", "youth club", "damp housing",
         "walking group", "volunteers", "energy bills", "loneliness", "information"]


def _fill_the_board(server, code: str, n: int) -> None:
    """``n`` cards on the café's board, written straight into the database (the posting limit would take minutes)."""
    db = Database(f"sqlite:///{server.data_dir / 'facilitator.sqlite3'}")
    try:
        with db.session_scope() as s:
            from facilitator.core import events

            event = events.get_by_code(s, code)
            cafe = s.scalars(select(Activity).where(Activity.event_id == event.id, Activity.kind == "cafe")).one()
            round_ = s.scalars(select(CafeRound).where(CafeRound.activity_id == cafe.id, CafeRound.number == 1)).one()
            seats = list(s.scalars(select(Seat).where(Seat.round_id == round_.id)))
            for i in range(n):
                seat = seats[i % len(seats)]
                s.add(Card(event_id=event.id, activity_id=cafe.id, round_id=round_.id, table_id=seat.table_id,
                           author_id=seat.participant_id, created_at=utcnow(),
                           text=f"{WORDS[i % len(WORDS)]} matters to us, said table {seat.table_id} ({i})"))
            assert s.scalar(select(Participant.id).limit(1)) is not None
    finally:
        db.dispose()


def _heartbeat_going(server) -> int:
    """Wait for the server's heartbeat to report; how many reports there are so far."""
    before = _reports(server)
    wait_for(lambda: _reports(server) > before, message="the heartbeat reports")
    return _reports(server)


def _stalls_since(server, reports: int) -> tuple[list[int], list[str]]:
    """The loop's stalls the heartbeat reported after its ``reports``-th report (two more reports
    are awaited, so the last moments are in), and where the loop was in each."""
    now = _reports(server)
    wait_for(lambda: _reports(server) >= now + 2, message="the heartbeat reports")
    during = "".join(server.output).split("loop-watch: max gap")[reports:]
    stalls = [int(ms) for part in during for ms in re.findall(r"stalled for (\d+) ms", part)]
    where = [part.split("loop-watch:")[0] for part in "loop-watch:".join(during).split("the loop is in:")[1:]]
    return stalls, where


def _children_of(pid: int) -> set[int]:
    found: set[int] = set()
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found.update(int(child) for child in f.read().split())
        except OSError:
            pass  # the thread ended meanwhile
    return found


def _let_the_grouping_use_every_core(server_pid: int, cores: set[int], done: threading.Event) -> threading.Thread:
    """The grouping process inherits the server's pinning to one core, where it would get a tenth of
    the core at nice 10 beside a busy loop (2 s of work took 40 s here, over 120 s under CI). On a laptop
    nothing is pinned and it runs on a core of its own: so it is here."""

    def watch():
        moved: set[int] = set()
        while not done.wait(0.05):
            for child in _children_of(server_pid) - moved:
                try:
                    os.sched_setaffinity(child, cores)
                    moved.add(child)
                except OSError:
                    pass  # it has already ended

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


@pytest.mark.timeout(300)  # 24 phones joining, 2,000 cards written and two groupings, on a slow machine
def test_suggestions_for_two_thousand_cards_never_stall_the_loop_while_phones_talk(tmp_path):
    server = ServerProcess(tmp_path / "data", async_mode="eventlet", env={"FACILITATOR_LOOP_WATCH_MS": "200"})
    server.start()
    own_cores = _pin_apart(server.proc.pid)
    try:
        code, console, phones = start_cafe(server, people=24)
        _fill_the_board(server, code, 2000)
        added = console.call("agenda.add", {"event": code, "kind": "harvest", "config": {}})
        assert added["ok"], added
        assert console.call("agenda.goto", {"event": code, "activity": added["id"]})["ok"]
        assert console.call("console.watch", {"event": code})["ok"]  # the console hears the event's deltas
        failures: list = []
        answered = []
        stop = time.monotonic() + 60.0
        done = threading.Event()
        if own_cores is not None:
            _let_the_grouping_use_every_core(server.proc.pid, own_cores, done)

        def talk(i, phone):
            # Each phone asks for its view twice a second, on its own rhythm, until the suggestions are in.
            n = 0
            start = time.monotonic() + 0.5 * i / len(phones)
            while not done.is_set() and time.monotonic() < stop:
                time.sleep(max(0.0, start + 0.5 * n - time.monotonic()))
                reply = phone.call("sync", {})
                (answered if reply.get("ok") else failures).append(reply)
                n += 1

        threads = [threading.Thread(target=talk, args=(i, p)) for i, p in enumerate(phones)]
        load_starts_after = _heartbeat_going(server)
        for t in threads:
            t.start()
        # Asked twice: the second ask replaces the first, whose groups are dropped.
        first = console.call("suggest.ask", {"event": code})
        assert first["ok"] and first["cards"] == 2000, first
        second = console.call("suggest.ask", {"event": code})
        assert second["ok"] and second["ask"] == first["ask"] + 1, second

        def finished():
            # The console hears them as a delta (its whole view at 2,000 cards is not what is measured here).
            heard = [v for v in console.events("board.suggestions") if v["ask"] == second["ask"] and not v["running"]]
            return heard[-1] if heard else None

        view = wait_for(finished, timeout=120, interval=0.2, message="the suggestions for 2,000 cards")
        # The first ask's groups never reached the console: the second replaced it.
        assert not [v for v in console.events("board.suggestions") if v["ask"] == first["ask"] and not v["running"]]
        done.set()
        for t in threads:
            t.join(30)
        assert view["groups"], view
        assert failures == []
        assert len(answered) > 24, "the phones were answered while the suggestions were computed"
        stalls, where = _stalls_since(server, load_starts_after)
        assert stalls == [], f"the event loop stalled for {stalls} ms while suggestions were computed; it was in:\n" + "\n".join(where[:6])
        close_all([console, *phones])
    finally:
        if own_cores is not None:
            import os

            os.sched_setaffinity(0, own_cores)
        server.stop()


@pytest.mark.timeout(600)  # 200 phones joining and seated, 2,000 cards written, a grouping, on a slow machine
def test_suggestions_for_two_thousand_cards_never_stall_the_loop_while_two_hundred_phones_talk(tmp_path):
    """The issue's loop-watch with 200 phones: 2,000 cards suggested; no stall over 200 ms.

    The issue says "while 200 phones post cards", but a card is posted only while the café runs and
    suggestions are asked at the harvest (the agenda has one current activity), so no phone can post
    a card then. What a phone writes at the harvest is dots, and that was measured too: opening a dot
    vote on 2,000 cards with 200 phones connected took more than the client's 10 s (each phone is sent
    a ballot of every card), a problem of the vote's, not the suggestions'. So the 200 phones here ask
    for their view, each about every 2 s (about 100 messages a second, every one read from the
    database and answered) until the suggestions are in. 200 real Socket.IO clients (python-socketio,
    each with its own threads) in this process, driven by 20 threads of 10 phones each. The server is
    pinned to one core, the clients to the other, and the grouping process may use both.

    Like every `alone` test it needs the machine to itself: measured with other work beside it (load
    average 4 to 11), the grouping saw 3 to 15 stalls of 210 to 930 ms in each of 6 runs, the loop
    waiting in poll(): the server's process was not given its core. With the machine to itself (load
    average 1) it passed twice in a row, in 16 s each.
    """
    server = ServerProcess(tmp_path / "data", async_mode="eventlet", env={"FACILITATOR_LOOP_WATCH_MS": "200"})
    server.start()
    own_cores = _pin_apart(server.proc.pid)
    phones: list = []
    console = None
    try:
        code, console, phones = start_cafe(server, people=200)
        _fill_the_board(server, code, 2000)
        added = console.call("agenda.add", {"event": code, "kind": "harvest", "config": {}})
        assert added["ok"], added
        assert console.call("agenda.goto", {"event": code, "activity": added["id"]})["ok"]
        assert console.call("console.watch", {"event": code})["ok"]
        failures: list = []
        answered: list = []
        done = threading.Event()
        stop = time.monotonic() + 120.0
        if own_cores is not None:
            _let_the_grouping_use_every_core(server.proc.pid, own_cores, done)
        workers, every = 20, 2.0
        per_worker = [phones[k::workers] for k in range(workers)]

        def talk(k, mine):
            n = 0
            start = time.monotonic() + every * k / workers
            while not done.is_set() and time.monotonic() < stop:
                for j, phone in enumerate(mine):
                    if done.is_set():
                        return
                    # Each phone every 2 s: this worker's phones spread over those 2 s.
                    time.sleep(max(0.0, start + every * (n + j / len(mine)) - time.monotonic()))
                    reply = phone.call("sync", {}, timeout=30)
                    (answered if reply.get("ok") else failures).append(reply)
                n += 1

        threads = [threading.Thread(target=talk, args=(k, mine)) for k, mine in enumerate(per_worker)]
        load_starts_after = _heartbeat_going(server)
        for t in threads:
            t.start()
        wait_for(lambda: len(answered) >= 100, timeout=60, message="the phones talking")
        asked_at = time.monotonic()
        asked = console.call("suggest.ask", {"event": code}, timeout=30)
        assert asked["ok"] and asked["cards"] == 2000, asked

        def finished():
            heard = [v for v in console.events("board.suggestions") if v["ask"] == asked["ask"] and not v["running"]]
            return heard[-1] if heard else None

        at_the_ask = len(answered)
        view = wait_for(finished, timeout=180, interval=0.2, message="the suggestions for 2,000 cards")
        during_the_grouping = len(answered) - at_the_ask
        grouping_s = time.monotonic() - asked_at
        done.set()
        for t in threads:
            t.join(60)
        assert view["groups"], view
        assert failures == [], failures[:3]
        # The phones were answered all the while, at the pace they asked (100 a second): counted
        # against the grouping's own length, which a quick machine makes shorter than 2 s.
        offered = len(phones) / every * grouping_s
        assert during_the_grouping >= max(50, 0.8 * offered), (
            f"only {during_the_grouping} phones were answered while the grouping ran for {grouping_s:.1f} s "
            f"(they asked about {offered:.0f} times)")
        stalls, where = _stalls_since(server, load_starts_after)
        assert stalls == [], (f"the event loop stalled for {stalls} ms while 200 phones talked during the suggestions; "
                              "it was in:\n" + "\n".join(where[:6]))
    finally:
        close_all([c for c in [console, *phones] if c is not None])
        if own_cores is not None:
            os.sched_setaffinity(0, own_cores)
        server.stop()
