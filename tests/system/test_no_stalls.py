"""The server never stalls: many phones post cards while exports run, and a
heartbeat inside the server measures the event loop."""
import os
import re
import threading
import time

import pytest
import requests

from tests.support import ServerProcess, close_all, wait_for
from tests.system.test_crash_and_reconnect import start_cafe

# It measures stalls and latencies: other tests running beside it would be measured too.
pytestmark = pytest.mark.alone


def _reports(server) -> int:
    """How many of the heartbeat's once-a-second reports we have read so far."""
    return "".join(server.output).count("loop-watch: max gap")


@pytest.mark.parametrize("mode", ["eventlet", "gevent"])
def test_cards_and_exports_together_never_stall_the_loop_or_lock_the_database(tmp_path, mode):
    server = ServerProcess(tmp_path / "data", async_mode=mode, env={"FACILITATOR_LOOP_WATCH_MS": "200"})
    server.start()
    own_cores = _pin_apart(server.proc.pid)
    try:
        code, console, phones = start_cafe(server, people=24)
        failures: list[str] = []
        acked = []
        downloads: list[str] = []
        stop = time.monotonic() + 4.0

        def post(i, phone):
            # A brisk pace on a fixed schedule, within the posting limit (a
            # burst of 10, then one a second): 4 s at two a second is at most
            # 9 cards a phone, so every refusal here is a real failure. Phones
            # keep their own rhythm, spread over the half second, as people do:
            # 24 taps in the same millisecond would measure a queue, not a stall.
            n = 0
            start = time.monotonic() + 0.5 * i / len(phones)
            while time.monotonic() < stop:
                time.sleep(max(0.0, start + 0.5 * n - time.monotonic()))
                reply = phone.call("card.add", {"text": f"Card {n} " + "x" * 300, "cid": f"stall-{i}-{n}-cid"})
                (acked if reply["ok"] else failures).append(reply)
                n += 1

        def export():
            # The facilitator downloads every format, one after another, all
            # through the burst of cards (a short breath between downloads, as
            # a person clicking the next link: back to back in a loop they
            # would be a load test of exports, not an event).
            while time.monotonic() < stop:
                for ext in ("xlsx", "json", "html", "csv"):
                    res = requests.get(f"{server.url}/e/{code}/export.{ext}", cookies={"fc_console": server.console_secret}, timeout=10)
                    if res.status_code != 200:
                        failures.append(f"export {ext}: {res.status_code} {res.text[:200]}")
                    downloads.append(ext)
                    time.sleep(0.2)

        threads = [threading.Thread(target=post, args=(i, p)) for i, p in enumerate(phones)]
        def busy_disk():
            # Something else on the laptop writes to the disk meanwhile (a
            # backup, a browser's cache, here earlier tests' files): every
            # fsync of the server's commits waits its turn behind it.
            # The same 4 MB rewritten and synced each time: busy, not full.
            chunk = os.urandom(4 << 20)
            with open(tmp_path / "busy-disk", "wb") as f:
                while time.monotonic() < stop:
                    f.seek(0)
                    f.write(chunk)
                    os.fsync(f.fileno())

        threads += [threading.Thread(target=export), threading.Thread(target=busy_disk)]
        # Measure the load alone: wait for a report made now, and count only
        # the stalls reported after it (setting up 24 phones is not the test).
        before = _reports(server)
        wait_for(lambda: _reports(server) > before, message="the heartbeat reports")
        load_starts_after = _reports(server)
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert failures == []
        assert len(acked) > 100
        assert len(downloads) >= 8, downloads
        # Wait for two reports made after the load ended (the server's output
        # reaches us through a pipe, and may lag), then read what came after
        # the load began.
        reports = _reports(server)
        wait_for(lambda: _reports(server) >= reports + 2, message="the heartbeat reports")
        out = "".join(server.output)
        during_load = out.split("loop-watch: max gap")[load_starts_after:]
        stalls = [int(ms) for part in during_load for ms in re.findall(r"stalled for (\d+) ms", part)]
        # What the server's own sampler saw while a tick was late (see watchdog.py).
        where = [part.split("loop-watch:")[0] for part in "loop-watch:".join(during_load).split("the loop is in:")[1:]]
        assert stalls == [], f"the event loop stalled for {stalls} ms while cards and exports ran; it was in:\n" + "\n".join(where[:6])
        assert "database is locked" not in out
        close_all([console, *phones])
    finally:
        if own_cores is not None:
            os.sched_setaffinity(0, own_cores)
        server.stop()


def _pin_apart(server_pid: int):
    """The server on one core, this test's 25 clients on the others.

    The heartbeat measures the server's own stalls; on two cores the clients
    would otherwise take the server's core now and then and show up as gaps.
    """
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 2:
        return None
    mine = set(cores)
    os.sched_setaffinity(server_pid, {cores[0]})
    os.sched_setaffinity(0, set(cores[1:]))
    return mine
