#!/usr/bin/env python3
"""The big screen at real size: what it is sent, and how long it takes to draw.

For a room of N people (2,000 by default) at T tables (250), in three
moments (the café seated: "find your name"; a café round with N/8 cards on
the board; a check-in with the piece half way round), it measures:

- the screen's snapshot, in bytes of JSON, as a real socket.io client gets it
  (once, when the screen connects);
- the patch the screen is sent after a change it shows (the talking piece
  moved on in the check-in; the screen paused and back in the café), in bytes
  (the second of two: the first after connecting carries the long lists);
- the time Chromium takes to draw it at 1920x1080 (render and fit/page
  layout, as ``screen.js`` records it), the median of a few redraws;
- the same for a bare page that puts the same names in a plain list with no
  fitting or paging (``--no-baseline`` to skip), in the same run: the ratio
  says what the layout rules cost.

    .venv/bin/python bench/screen.py [--people 2000] [--tables 250]

Prints a table and one ``RESULT {json}`` line. Target: a draw under 50 ms,
and patches that do not grow with the room.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from facilitator.db import Database  # noqa: E402
from tests import room_support as room  # noqa: E402
from tests.support import LiveClient, ServerProcess  # noqa: E402

BARE_PAGE = """<!doctype html><meta charset=utf-8><body><ul id=l></ul><script>
window.drawBare = (names) => { const t = performance.now(); const ul = document.getElementById('l');
  ul.replaceChildren(...names.map((n) => { const li = document.createElement('li'); li.textContent = n; return li; }));
  document.body.offsetHeight; return performance.now() - t; };
</script>"""


def screen_link(server, code: str) -> tuple[str, dict]:
    """The screen's page as the console's link opens it, and what its socket sends."""
    return server.screen_url(code), server.screen_auth(code)


def wait_until(page, expression: str, timeout: float = 60.0) -> None:
    """Poll ``expression`` in the page (its CSP allows no eval, which wait_for_function needs)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(f"() => Boolean({expression})"):
        if time.monotonic() > deadline:
            raise TimeoutError(expression)
        page.wait_for_timeout(20)


def patch_after(server, client, code, change) -> tuple[int, list[str]]:
    """Bytes of the last patch the screen is sent after the console makes ``change`` (a list of
    actions), and which long lists it carried again.

    The first patch after a screen connects carries its long lists again (what
    the screens were last sent is known only from patches): ``change`` makes
    two, and the second is measured."""
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    try:
        before = len(client.events("patch"))
        for name, payload in change:
            reply = console.call(name, {"event": code, **payload})
            assert reply.get("ok"), reply
        deadline = time.monotonic() + 30
        while len(client.events("patch")) < before + len(change):
            if time.monotonic() > deadline:
                raise TimeoutError("no patch reached the screen")
            time.sleep(0.05)
        last = client.events("patch")[-1]
        carried = sorted(k for k in (last.get("activity") or {}) if k in ("plan", "queue", "cards"))
        return len(json.dumps(last).encode()), carried
    finally:
        console.close()


def measure(browser, server, code, redraws: int, change) -> dict:
    url, auth = screen_link(server, code)
    client = LiveClient(server.url, auth).connect()
    deadline = time.monotonic() + 30
    while not client.snapshots:
        if time.monotonic() > deadline:
            raise TimeoutError("the screen got no snapshot")
        time.sleep(0.05)
    snapshot_bytes = len(json.dumps(client.snapshots[0]).encode())
    patch_bytes, carried = patch_after(server, client, code, change)
    client.close()
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(url)
    wait_until(page, "window.screenTimings && window.screenTimings.renders > 0 && window.screenTimings.lastRenderMs !== null")
    times = []
    for _ in range(redraws):
        # A redraw as a patch causes it: the same state drawn again.
        before = page.evaluate("window.screenTimings.renders")
        page.evaluate("document.dispatchEvent(new CustomEvent('screen:redraw'))")
        wait_until(page, f"window.screenTimings.renders > {before}")
        times.append(page.evaluate("window.screenTimings.lastRenderMs"))
    pages = page.evaluate("Object.fromEntries([...document.querySelectorAll('.paged')].map((p) => [p.id, Number(p.dataset.pages)]))")
    page.close()
    return {"snapshot_bytes": snapshot_bytes, "patch_bytes": patch_bytes, "patch_carries": carried, "render_ms": statistics.median(times), "render_ms_max": max(times), "pages": pages}


def bare(browser, n: int, redraws: int) -> float:
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.set_content(BARE_PAGE)
    names = room.names(n)
    times = [page.evaluate("(names) => window.drawBare(names)", names) for _ in range(redraws)]
    page.close()
    return statistics.median(times)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--people", type=int, default=2000)
    p.add_argument("--tables", type=int, default=250)
    p.add_argument("--redraws", type=int, default=5)
    p.add_argument("--no-baseline", action="store_true")
    args = p.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        server = ServerProcess(Path(tmp) / "data").start()
        db = Database(f"sqlite:///{server.data_dir / 'facilitator.sqlite3'}")
        pause = [("screen.mode", {"mode": "paused"}), ("screen.mode", {"mode": "live"})]
        # Each moment: how to build it, and a change the screen is then told of.
        moments = {
            "café seated (find your name)": (lambda: room.cafe_room(db, args.people, tables=args.tables, running=False), pause),
            "café round, board": (lambda: room.cafe_room(db, args.people, tables=args.tables, running=True, cards=args.people // 8), pause),
            "check-in, half way": (lambda: room.checkin_room(db, args.people, spoken=args.people // 2), [("circle.next", {})] * 2),
        }
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
                for name, (make, change) in moments.items():
                    results[name] = measure(browser, server, make(), args.redraws, change)
                if not args.no_baseline:
                    results["bare list of the same names"] = {"render_ms": bare(browser, args.people, args.redraws)}
                browser.close()
        finally:
            db.dispose()
            server.stop()
    base = results.get("bare list of the same names", {}).get("render_ms")
    print(f"The big screen at {args.people} people, {args.tables} tables, 1920x1080")
    print(f"{'moment':34} {'snapshot':>10} {'patch':>9} {'draw (median)':>14} {'max':>8} {'vs bare':>8}  pages")
    for name, r in results.items():
        ratio = f"{r['render_ms'] / base:.1f}x" if base and "snapshot_bytes" in r else ""
        size = f"{r['snapshot_bytes'] / 1024:.0f} KB" if "snapshot_bytes" in r else ""
        patch = f"{r['patch_bytes'] / 1024:.1f} KB" if "patch_bytes" in r else ""
        print(f"{name:34} {size:>10} {patch:>9} {r['render_ms']:>11.1f} ms {r.get('render_ms_max', r['render_ms']):>6.1f}ms {ratio:>8}  {r.get('pages', '')}")
    print("RESULT " + json.dumps({"people": args.people, "tables": args.tables, "results": results}))


if __name__ == "__main__":
    main()
