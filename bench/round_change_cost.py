#!/usr/bin/env python3
"""What a café's round change and its set-up cost the server, in process: CPU time through the real handlers.

N phones are in a café (one table a host and seven others, as in
``bench/run.py``), its console watching and its big screen open, each phone
a Flask-SocketIO test client, threading mode, CPython's collector tuned as
``facilitator run`` tunes it. Measured, in CPU time:

- the set-up: the console adds the café and goes to it, one phone in eight
  offers to host, the console starts round 1;
- a card: each host posts three, one at a time (its table's phones read it);
- the round change: after each host has posted three cards, the console
  ends round 1 (every phone is told its next table) and starts round 2.

The phones' messages are read after each step, as a phone would.

    .venv/bin/python bench/round_change_cost.py [--people 2000] [--repeat 3]
    .venv/bin/python bench/round_change_cost.py --profile [--step end|start|setup]
    .venv/bin/python bench/round_change_cost.py --source /tmp/before   # another tree (e.g. git archive main)

The test clients' own work (each phone's messages decoded) is in the figures
too, the same before and after: a yardstick for changes to these paths, not
the server's absolute cost (``bench/run.py`` measures that, against the bare
server).
"""
from __future__ import annotations

import argparse
import gc
import math
import tempfile
import time
from pathlib import Path

# Run as a script: this folder is on the path.
from in_process import common_options, print_profile, profiler as new_profiler, use_source

HOST_EVERY = 8  # as bench/run.py: one phone in eight hosts a table
CARDS_PER_HOST = 3


def _args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--people", type=int, default=2000, help="phones in the café (default 2000)")
    p.add_argument("--profile", action="store_true", help="profile one step with cProfile (see --step)")
    p.add_argument("--step", choices=("setup", "cards", "end", "start"), default="end", help="the step --profile profiles")
    common_options(p)
    return p.parse_args()


def main() -> None:
    opts = _args()
    root = use_source(opts.source)
    for _ in range(opts.repeat):
        cpu = run_once(opts)
        hosts = len(range(0, opts.people, HOST_EVERY))
        cards = hosts * CARDS_PER_HOST
        print(f"N={opts.people}: set-up {cpu['setup'] * 1000:.0f} ms CPU (the café announced {cpu['goto'] * 1000:.0f}, "
              f"{hosts} offers to host {cpu['offers'] * 1000:.0f}, round 1 seated {cpu['seating'] * 1000:.0f}), a card {cpu['cards'] / cards * 1e6:.0f} µs, round end {cpu['end'] * 1000:.0f} ms, "
              f"round start {cpu['start'] * 1000:.0f} ms ({root})", flush=True)


def run_once(opts) -> dict[str, float]:
    from facilitator import collector, create_app
    from facilitator.core import events, participants, screens
    from facilitator.core.events import EventDetails
    from facilitator.core.participants import Identity
    from facilitator.delivery import socketio
    from facilitator.settings import Settings

    n = opts.people
    tables = max(1, math.ceil(n / HOST_EVERY))
    with tempfile.TemporaryDirectory(prefix="round-cost-", ignore_cleanup_errors=True) as tmp:
        settings = Settings(data_dir=Path(tmp) / "data", async_mode="threading", base_url="http://cafe.test:8080")
        app = create_app(settings)
        svc = app.extensions["facilitator"]
        db = svc.db
        with db.session_scope() as s:
            ev = events.create_event(s, EventDetails("Round change cost"))
            code = ev.code
            screen_auth = {"role": "screen", "event": code, "secret": screens.secret(ev, svc.links_key())}
            tokens = [participants.join(s, ev, Identity(f"Phone {i}"), agreed=True).token for i in range(n)]
        console = socketio.test_client(app, auth={"role": "console", "secret": svc.console_secret()})
        console.emit("console.watch", {"event": code}, callback=True)
        screen = socketio.test_client(app, auth=screen_auth)
        phones = [socketio.test_client(app, auth={"role": "participant", "event": code, "token": t}) for t in tokens]
        assert all(p.is_connected() for p in phones), "a phone could not connect"

        def read_all() -> None:
            for client in (console, screen, *phones):
                client.get_received()

        def console_call(name: str, payload: dict) -> dict:
            reply = console.emit(name, {"event": code, **payload}, callback=True)
            assert reply and reply.get("ok"), (name, reply)
            return reply

        read_all()
        collector.settle_the_heap()
        cpu: dict[str, float] = {}
        profiler = new_profiler(opts.profile)

        def step(name: str, work) -> None:
            if profiler and opts.step == name:
                profiler.enable()
            t0 = time.process_time()
            work()
            read_all()
            cpu[name] = time.process_time() - t0
            if profiler and opts.step == name:
                profiler.disable()

        hosts = phones[::HOST_EVERY]

        def setup() -> None:
            t0 = time.process_time()
            added = console_call("agenda.add", {
                "kind": "cafe", "title": "Café",
                "config": {"tables": tables, "capacity": HOST_EVERY + 2, "rounds": 3, "minutes": 20},
            })
            console_call("agenda.goto", {"activity": added["id"]})
            read_all()
            t1 = time.process_time()
            for host in hosts:
                assert host.emit("cafe.volunteer", {"host": True}, callback=True).get("ok")
            read_all()
            t2 = time.process_time()
            console_call("cafe.round.start", {})
            read_all()
            cpu.update({"goto": t1 - t0, "offers": t2 - t1, "seating": time.process_time() - t2})

        step("setup", setup)

        def cards() -> None:
            for k in range(CARDS_PER_HOST):
                for i, host in enumerate(hosts):
                    reply = host.emit("card.add", {"text": f"Card {k} from table host {i}", "cid": f"card-{i}-{k}"}, callback=True)
                    assert reply.get("ok"), reply
                    # As its table's phones would: each card read when it comes.
                    for phone in phones[i * HOST_EVERY:(i + 1) * HOST_EVERY]:
                        phone.get_received()

        step("cards", cards)
        step("end", lambda: console_call("cafe.round.end", {}))
        step("start", lambda: console_call("cafe.round.start", {}))
        if profiler:
            print_profile(profiler, opts.top, opts.callees)
        for client in (console, screen, *phones):
            client.disconnect()
        db.dispose()
        gc.unfreeze() if hasattr(gc, "unfreeze") else None
        return cpu


if __name__ == "__main__":
    main()
