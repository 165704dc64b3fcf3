"""`facilitator run` as a facilitator starts it: each async mode, behind a proxy,
and `event create` beside a running server."""
import json

import pytest
import socketio

from tests.support import LiveClient, ServerProcess, free_port, wait_for


@pytest.fixture
def threaded_server(tmp_path):
    proc = ServerProcess(tmp_path / "data", async_mode="threading")
    proc.start()
    yield proc
    proc.stop()


def test_run_in_threading_mode_starts_and_a_phone_joins(threaded_server):
    server = threaded_server
    assert "threading" in "".join(server.output)
    code = server.create_event()["code"]
    screen = LiveClient(server.url, server.screen_auth(code)).connect()
    phone = LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, "Amara")}).connect()
    assert phone.snapshots[0]["me"]["label"] == "Amara"
    wait_for(lambda: any(p["label"] == "Amara" and p["online"] for p in screen.events("roster.person")), message="Amara on the screen")
    phone.close()
    screen.close()


def test_event_create_prints_the_running_server_s_address_without_being_told(server):
    done = server.cli("event", "create", "--title", "Prepared ahead", "--json")
    assert done.returncode == 0, done.stderr
    created = json.loads(done.stdout)
    assert created["join_url"] == f"{server.url}/j/{created['code']}"


@pytest.fixture
def proxied_server(tmp_path):
    port = free_port()
    proc = ServerProcess(tmp_path / "data", port=port, extra_args=("--public-url", f"http://127.0.0.1:{port}"))
    proc.start()
    yield proc
    proc.stop()


def _phone_via_proxy(server, code, token, phone_address):
    auth = {"role": "participant", "event": code, **({"token": token} if token else {})}
    return LiveClient(server.url, auth, headers={"X-Forwarded-For": phone_address})


def test_behind_a_proxy_one_phone_s_failed_attempts_do_not_lock_out_the_others(proxied_server):
    server = proxied_server
    code = server.create_event()["code"]
    tokens = {address: server.join(code, f"Phone {address}") for address in ("203.0.113.7", "203.0.113.8", "203.0.113.9")}
    for _ in range(15):  # phones that have not joined yet, all through the proxy: never a failed attempt
        with pytest.raises(socketio.exceptions.ConnectionError):
            _phone_via_proxy(server, code, None, "203.0.113.9").connect()
    for i in range(12):  # someone guessing tokens
        with pytest.raises(socketio.exceptions.ConnectionError):
            _phone_via_proxy(server, code, f"forged-{i}", "203.0.113.7").connect()
    with pytest.raises(socketio.exceptions.ConnectionError):  # that address must wait now
        _phone_via_proxy(server, code, tokens["203.0.113.7"], "203.0.113.7").connect()
    for address in ("203.0.113.8", "203.0.113.9"):
        phone = _phone_via_proxy(server, code, tokens[address], address).connect()
        assert phone.snapshots
        phone.close()
