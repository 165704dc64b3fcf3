#!/usr/bin/env python3
"""What a café card costs the server, in process: CPU time per card, in groups of a given size.

A card burst is every table host posting within the same second; the server
handles the cards that arrive together as one group (``facilitator.grouping``):
one transaction, one commit. This script seats a café (``--people`` phones at
tables of eight, one host each, Flask-SocketIO's test clients in threading
mode, the console watching and the big screen open, CPython's collector tuned
as ``facilitator run`` tunes it), then posts every host's card in groups of
``--group``, through the grouped handler (``handling._handle_items``: the
repeated-message check, the posting, the commit) and ``publish`` (every
audience's messages), as the server does once a group is written. It prints the
CPU per card of the unit of work, of publishing, and of both.

    .venv/bin/python bench/card_cost.py [--people 800] [--group 1,10,40,100] [--repeat 2]
    .venv/bin/python bench/card_cost.py --group 40 --profile   # cProfile: where the time goes
    .venv/bin/python bench/card_cost.py --group 1 --profile --unit-only  # the unit of work's time alone
    .venv/bin/python bench/card_cost.py --group 1,40 --garbage # what is left in reference cycles
    .venv/bin/python bench/card_cost.py --source /tmp/before   # another tree (e.g. git archive main)

The commit's fsync is the disk's, not CPU: the figures are CPU time (every
thread of the process). Without the loop: the benchmark (``bench/run.py``)
measures what the loop adds, against the bare server.
"""
from __future__ import annotations

import argparse
import gc
import tempfile
import time
from pathlib import Path

# Run as a script: this folder is on the path.
from in_process import common_options, print_profile, profiler as new_profiler, use_source

TABLE = 8


def _args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--people", type=int, default=800, help="phones in the café, at tables of eight (default 800)")
    p.add_argument("--group", default="1,10,40,100", help="comma-separated group sizes (default 1,10,40,100)")
    p.add_argument("--cards", type=int, default=3, help="cards each host posts at each group size (default 3)")
    p.add_argument("--profile", action="store_true", help="profile the last size's cards with cProfile")
    p.add_argument("--unit-only", action="store_true", help="with --profile: the unit of work alone, not publishing")
    p.add_argument("--garbage", action="store_true",
                   help="count what the cards leave for the collector (reference cycles), by type, at each size")
    common_options(p)
    return p.parse_args()


def main() -> None:
    opts = _args()
    root = use_source(opts.source)
    sizes = [int(g) for g in opts.group.split(",") if g.strip()]
    for i in range(opts.repeat):
        for size, (cards, unit, published) in zip(sizes, run_once(opts, sizes, profile=opts.profile and i == opts.repeat - 1)):
            print(f"N={opts.people} groups of {size:3d}: {cards} cards, unit of work {unit / cards * 1e6:6.0f} µs a card, "
                  f"publishing {published / cards * 1e6:5.0f}, both {(unit + published) / cards * 1e6:6.0f} ({root})",
                  flush=True)


def run_once(opts, sizes: list[int], *, profile: bool) -> list[tuple[int, float, float]]:
    from facilitator import collector, create_app
    from facilitator.activities.board.actions import card_add
    from facilitator.core import agenda, events, participants, screens
    from facilitator.core.events import EventDetails
    from facilitator.core.participants import Identity
    from facilitator.delivery import handling, socketio
    from facilitator.delivery.publish import publish
    from facilitator.settings import Settings

    with tempfile.TemporaryDirectory(prefix="card-cost-", ignore_cleanup_errors=True) as tmp:
        settings = Settings(data_dir=Path(tmp) / "data", async_mode="threading", base_url="http://cafe.test:8080")
        app = create_app(settings)
        svc = app.extensions["facilitator"]
        db = svc.db
        tables = max(1, opts.people // TABLE)
        cafe = {"kind": "cafe", "config": {"tables": tables, "capacity": TABLE,
                                            "rounds": [{"question": "What helps?", "minutes": 20}]}}
        joined = []
        with db.session_scope() as s:
            ev = events.create_event(s, EventDetails("Card cost"), agenda=[cafe, {"kind": "harvest", "config": {}}])
            agenda.go_to(s, ev, ev.activities[0].id)
            code = ev.code
            screen_auth = {"role": "screen", "event": code, "secret": screens.secret(ev, svc.links_key())}
            for i in range(opts.people):
                joined.append(participants.join(s, ev, Identity(name=f"Phone {i}"), agreed=True))
        console = socketio.test_client(app, auth={"role": "console", "secret": svc.console_secret()})
        assert console.emit("console.watch", {"event": code}, callback=True)["ok"]
        screen = socketio.test_client(app, auth=screen_auth)
        phones, hosts = [], []
        for i, person in enumerate(joined):
            sio = socketio.test_client(app, auth={"role": "participant", "event": code, "token": person.token})
            assert sio.is_connected(), "a phone could not connect"
            phones.append(sio)
            if i % TABLE == 0:
                assert sio.emit("cafe.volunteer", {"host": True}, callback=True)["ok"]
                hosts.append(svc.connections.sids_of_participant(person.participant_id)[0])
        assert console.emit("cafe.round.start", {"event": code}, callback=True)["ok"]
        for client in (console, screen, *phones):
            client.get_received()

        schema = handling.ACTIONS["card.add"].schema
        results = []
        collector.settle_the_heap()
        for size in sizes:
            last = profile and size == sizes[-1]
            profiler = new_profiler(last)
            if opts.garbage:  # what the cards leave in cycles, kept aside (not freed) to be counted
                gc.collect()
                gc.set_debug(gc.DEBUG_SAVEALL)
            unit = published = 0.0
            cards = 0
            for round_of_cards in range(opts.cards):
                pending = [
                    handling._Pending(svc.connections.get(sid), schema.parse(
                        {"text": f"Card {size}-{round_of_cards} from host {h}: what helps is being heard.",
                         "cid": f"card-{size}-{round_of_cards}-{h:05d}"}), None)
                    for h, sid in enumerate(hosts)
                ]
                for start in range(0, len(pending), size):
                    group = pending[start:start + size]
                    if profiler:
                        profiler.enable()
                    t0 = time.process_time()
                    with app.app_context():
                        outcomes = handling._handle_items(svc, "card.add", card_add, group)
                        t1 = time.process_time()
                        if profiler and opts.unit_only:
                            profiler.disable()
                        for outcome in outcomes:
                            assert isinstance(outcome, handling.Reply), outcome
                            publish(outcome.changes)
                    t2 = time.process_time()
                    if profiler and not opts.unit_only:
                        profiler.disable()
                    unit += t1 - t0
                    published += t2 - t1
                    cards += len(group)
                for client in (console, screen, *phones):  # read, as phones would (not timed)
                    client.get_received()
            if profiler:
                print_profile(profiler, opts.top, opts.callees)
            if opts.garbage:
                gc.collect()
                gc.set_debug(0)
                print_garbage(size, cards, gc.garbage)
                gc.garbage.clear()
            results.append((cards, unit, published))
        for sio in phones:
            sio.disconnect()
        console.disconnect()
        screen.disconnect()
        db.dispose()
        gc.unfreeze()
        return results


def print_garbage(size: int, cards: int, garbage: list) -> None:
    """Objects left in reference cycles, by type: each is a collector's pass's work."""
    by_type: dict[str, int] = {}
    for thing in garbage:
        name = f"{type(thing).__module__}.{type(thing).__qualname__}"
        by_type[name] = by_type.get(name, 0) + 1
    print(f"groups of {size}: {len(garbage) / cards:.1f} objects in reference cycles a card ({len(garbage)} for {cards})")
    for name, count in sorted(by_type.items(), key=lambda kv: -kv[1])[:25]:
        print(f"  {count / cards:7.2f} a card  {name}")


if __name__ == "__main__":
    main()
