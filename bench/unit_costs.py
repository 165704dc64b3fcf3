#!/usr/bin/env python3
"""What single units of work cost the server, in process, under eventlet: CPU per call.

- a join's unit of work, its commit waiting for an fsync on a native thread
  (``durable``, as before stop 33) or on the loop without one (``on the loop``,
  as a join commits now): process CPU (every thread) and the loop's thread;
- the hand-over to a native thread alone (``eventlet.tpool.execute`` of a
  function that does nothing);
- who posts a card, read as three ORM objects (``still_in_event_many``) or as
  a row on the connection (``posters``), one poster in an event of 2,000;
- a round change's seating (2,000 people at 250 tables, the third round),
  with who has met whom as pairs (``meetings``) or as each person's
  neighbours (``met_at``), from the tables of the two rounds before.

    .venv/bin/python bench/unit_costs.py [--calls 1500]

Each figure is printed twice, in turns, since one reading moves with the
machine; run it pinned to one core (``taskset -c 0``) to mirror the benchmark's
server. See docs/performance.md, stop 33.
"""
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)  # eventlet's own notice, at import

import eventlet  # noqa: E402

eventlet.monkey_patch()

import argparse  # noqa: E402 - after the monkey patching, as the server does
import resource  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402


def process_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(label: str, calls: int, fn) -> None:
    c0, t0 = process_cpu(), time.thread_time()
    for i in range(calls):
        fn(i)
    print(f"  {label:44} {(process_cpu() - c0) / calls * 1e6:6.0f} µs CPU a call "
          f"({(time.thread_time() - t0) / calls * 1e6:.0f} µs on the loop's thread)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=1500)
    calls = parser.parse_args().calls

    from eventlet import tpool

    from facilitator import collector
    from facilitator.activities.cafe import seating
    from facilitator.core import agenda, events, participants
    from facilitator.core.participants import Identity
    from facilitator.db import Database

    db = Database(f"sqlite:///{tempfile.mkdtemp(prefix='unit-costs-')}/event.db")
    db.upgrade()
    with db.session_scope() as s:
        event = events.create_event(s, events.EventDetails(title="Unit costs"), agenda=[{"kind": "cafe"}])
        agenda.go_to(s, event, event.activities[0].id)
        facts = events.to_join(s, event.code)
        ids = [participants.join(s, event, Identity(f"Person {i}")).participant_id for i in range(2000)]

    def join(durable: bool):
        def one(i: int) -> None:
            with db.session_scope(durable=durable) as s:
                participants.join(s, facts, Identity(f"Arrival {i}"))
        return one

    def read(how):
        def one(i: int) -> None:
            with db.read_scope() as s:
                how(s, [ids[i % len(ids)]])
        return one

    tables = [seating.Table(t, 10, host=t * 8) for t in range(250)]
    people = list(range(2000))
    first = seating.seat(tables, people, seed=1)
    second = seating.seat(tables, people, met=seating.meetings(first.tables.values()), seed=2)
    sat = [*first.tables.values(), *second.tables.values()]

    def seat_with(who_met):
        return lambda i: seating.seat(tables, people, met=who_met(sat), seed=3)

    collector.settle_the_heap()  # the collector as `facilitator run` tunes it
    print(f"SQLite, eventlet, {calls} calls each (the seatings: 10 each):")
    for _ in range(2):
        measure("a join, its commit fsynced on a native thread", calls, join(True))
        measure("a join, its commit on the loop, no fsync", calls, join(False))
        measure("tpool.execute of a function doing nothing", calls, lambda i: tpool.execute(int))
        measure("a poster as ORM objects (still_in_event_many)", calls, read(participants.still_in_event_many))
        measure("a poster as a row (posters)", calls, read(participants.posters))
        measure("a seating, who met whom as pairs", 10, seat_with(seating.meetings))
        measure("a seating, who met whom as neighbours", 10, seat_with(seating.met_at))
    db.dispose()


if __name__ == "__main__":
    main()
