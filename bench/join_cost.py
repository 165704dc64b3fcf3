#!/usr/bin/env python3
"""What one join costs the server, in process: CPU time per join through the real handlers.

A join is what a phone does after scanning the QR code: the join page's
``POST /api/e/<code>/join`` (Flask's test client), then the websocket
connect with the token it was given and the snapshot it is sent
(Flask-SocketIO's test client). Threading mode, one event, its console
watching and its big screen open, CPython's collector tuned as ``facilitator
run`` tunes it. N phones join one after another; the CPU time of the joins
alone is printed, per join and in all; with ``--count``, how many SQL
statements a join issued (counted by listening to the engines, which sends
the statements SQLite's driver is otherwise given as they are,
``core.rows.DriverStatement``, through SQLAlchemy: not the cost of a join).

    .venv/bin/python bench/join_cost.py [--people 1000] [--activity welcome|checkin|none] [--repeat 3]
    .venv/bin/python bench/join_cost.py --profile            # cProfile: where the time goes
    .venv/bin/python bench/join_cost.py --source /tmp/before # another tree (e.g. git archive main)

The test clients' own work is in the figure too (the same before and after):
it is a yardstick for changes to the join path, not the server's absolute
cost (``bench/run.py`` measures that, against the bare server).
"""
from __future__ import annotations

import argparse
import gc
import tempfile
import time
from pathlib import Path

# Run as a script: this folder is on the path.
from in_process import common_options, print_profile, profiler as new_profiler, use_source


def _args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--people", type=int, default=1000, help="joins into one event (default 1000)")
    p.add_argument("--activity", choices=("welcome", "checkin", "none"), default="welcome",
                   help="the activity current while they join (default welcome)")
    p.add_argument("--profile", action="store_true", help="profile the joins with cProfile and print the top functions")
    p.add_argument("--sql", action="store_true", help="print the SQL statements the last join issued (implies --count)")
    p.add_argument("--count", action="store_true", help="count the statements a join issues (through SQLAlchemy: dearer)")
    common_options(p)
    return p.parse_args()


def main() -> None:
    opts = _args()
    root = use_source(opts.source)
    for i in range(opts.repeat):
        cpu, statements = run_once(opts, root, profile=opts.profile and i == opts.repeat - 1)
        counted = f"{statements / opts.people:.1f} statements a join, counted, " if opts.count or opts.sql else ""
        print(f"{opts.activity:8s} N={opts.people}: {cpu:.2f} s CPU, {cpu / opts.people * 1000:.2f} ms a join, "
              f"{counted}({root})", flush=True)


def run_once(opts, root: Path, *, profile: bool) -> tuple[float, int]:
    from sqlalchemy import event as sa_event

    from facilitator import collector, create_app
    from facilitator.core import agenda, events, screens
    from facilitator.core.events import EventDetails
    from facilitator.delivery import socketio
    from facilitator.settings import Settings

    with tempfile.TemporaryDirectory(prefix="join-cost-", ignore_cleanup_errors=True) as tmp:
        settings = Settings(data_dir=Path(tmp) / "data", async_mode="threading", base_url="http://cafe.test:8080")
        app = create_app(settings)
        svc = app.extensions["facilitator"]
        db = svc.db
        kinds = {"welcome": [{"kind": "welcome"}], "checkin": [{"kind": "checkin"}], "none": []}[opts.activity]
        with db.session_scope() as s:
            ev = events.create_event(s, EventDetails("Join cost"), agenda=kinds)
            if ev.activities:
                agenda.go_to(s, ev, ev.activities[0].id)
            code = ev.code
            screen_auth = {"role": "screen", "event": code, "secret": screens.secret(ev, svc.links_key())}
        console = socketio.test_client(app, auth={"role": "console", "secret": svc.console_secret()})
        console.emit("console.watch", {"event": code}, callback=True)
        screen = socketio.test_client(app, auth=screen_auth)
        assert console.is_connected() and screen.is_connected()

        statements = [0]
        last_join: list[str] = []

        def count(_conn, _cursor, statement, *_args):
            statements[0] += 1
            last_join.append(" ".join(statement.split()))

        engines = {db.engine, getattr(db, "presence_engine", None) or db.engine} if opts.count or opts.sql else set()
        for engine in engines:
            sa_event.listen(engine, "before_cursor_execute", count)
        phones = []
        collector.settle_the_heap()
        profiler = new_profiler(profile)
        cpu0 = time.process_time()
        if profiler:
            profiler.enable()
        for i in range(opts.people):
            last_join.clear()
            http = app.test_client()
            r = http.post(f"/api/e/{code}/join", json={"name": f"Phone {i}", "anonymous": False, "agreed": False})
            assert r.status_code == 200, r.get_data(as_text=True)
            token = http.get_cookie(f"fc_p_{code}").value
            sio = socketio.test_client(app, auth={"role": "participant", "event": code, "token": token}, flask_test_client=http)
            assert sio.is_connected(), "a phone could not connect"
            sio.get_received()  # its snapshot (as a phone would read it)
            phones.append(sio)
            if i % 50 == 49:
                console.get_received(), screen.get_received()
        if profiler:
            profiler.disable()
        cpu = time.process_time() - cpu0
        for engine in engines:
            sa_event.remove(engine, "before_cursor_execute", count)
        if profiler:
            print_profile(profiler, opts.top, opts.callees)
        if opts.sql:
            print("the last join's statements:", *last_join, sep="\n  ")
        for sio in phones:
            sio.disconnect()
        console.disconnect(), screen.disconnect()
        db.dispose()
        gc.unfreeze() if hasattr(gc, "unfreeze") else None
        return cpu, statements[0]


if __name__ == "__main__":
    main()
