"""JSON nested 20,000 levels deep, wherever it comes in, is refused as malformed:
no RecursionError, no 500, no traceback, and the other phones carry on."""
import subprocess
import sys

import requests

from tests.support import LiveClient, wait_for

DEEP = "[" * 20_000 + "]" * 20_000


def _engineio_session(url: str) -> str:
    """Open an Engine.IO long-polling session (no Socket.IO connect): its sid."""
    import json

    opened = requests.get(f"{url}/socket.io/?EIO=4&transport=polling", timeout=5)
    assert opened.ok, opened.text
    return json.loads(opened.text[1:])["sid"]


def test_deeply_nested_frames_are_refused_and_the_other_phones_carry_on(server):
    code = server.create_event()["code"]
    ana = LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, "Ana")}).connect()
    try:
        sid = _engineio_session(server.url)
        # An Engine.IO message, then a Socket.IO connect and an event, each holding the deep JSON.
        for body in ("4" + DEEP, "40", "42" + DEEP, '42["me.update",' + DEEP + "]"):
            requests.post(f"{server.url}/socket.io/?EIO=4&transport=polling&sid={sid}", data=body, timeout=5)
        assert ana.call("me.update", {"name": "Ana B"}, timeout=5)["ok"]
        wait_for(lambda: any("nested too deeply" in line for line in server.output), message="the refusal is logged")
        log = "".join(server.output)
        assert "RecursionError" not in log and "Traceback" not in log, log[-3000:]
    finally:
        ana.close()


def test_deeply_nested_request_bodies_are_refused_not_a_server_error(server):
    code = server.create_event()["code"]
    headers = {"Content-Type": "application/json"}
    for path in (f"/api/e/{code}/join", "/console/login", f"/e/{code}/clinician/login"):
        res = requests.post(server.url + path, data=DEEP, headers={**headers, "Origin": server.url}, timeout=5)
        assert 400 <= res.status_code < 500, (path, res.status_code)
        assert res.json()["error"], path
    assert "RecursionError" not in "".join(server.output)


def test_importing_a_deeply_nested_file_says_why_without_a_traceback(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text(DEEP)
    done = subprocess.run(
        [sys.executable, "-m", "facilitator", "import", str(deep), "--data-dir", str(tmp_path / "data")],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode != 0
    assert "nested too deeply" in done.stderr and "Traceback" not in done.stderr, done.stderr
