"""Only the app's own pages may open a socket; oversized frames close their connection."""
from pathlib import Path

import pytest
import socketio

from facilitator.settings import Settings

from tests.support import LiveClient, wait_for


def test_a_socket_from_another_origin_is_refused(server):
    code = server.create_event()["code"]
    evil = LiveClient(server.url, server.screen_auth(code), headers={"Origin": "http://evil.example"})
    with pytest.raises(socketio.exceptions.ConnectionError):
        evil.connect()
    same = LiveClient(server.url, server.screen_auth(code)).connect()  # the client sends its own origin
    assert same.snapshots
    same.close()


def test_an_oversized_frame_closes_its_websocket_and_the_server_carries_on(server):
    code = server.create_event()["code"]
    token = server.join(code, "Sam")
    big = LiveClient(server.url, {"role": "participant", "event": code, "token": token}).connect()
    # Heard as it happens: the client reconnects within 0.1-0.3 s, and a machine busy with other
    # tests could miss that window by looking at `connected` (seen once in a full run).
    dropped = []
    big.sio.on("disconnect", lambda *reason: dropped.append(reason))
    try:
        big.sio.emit("me.update", {"name": "x" * 200_000})
    except Exception:
        pass
    wait_for(lambda: dropped, message="the oversized sender is disconnected")
    other = LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, "Ana")}).connect()
    assert other.call("me.update", {"name": "Ana B"})["ok"]
    big.close()  # it may be reconnecting: closed, it stops
    other.close()


def test_an_oversized_frame_over_long_polling_closes_its_connection_too(server):
    code = server.create_event()["code"]
    token = server.join(code, "Sam")
    big = socketio.Client(reconnection=False)
    big.connect(server.url, auth={"role": "participant", "event": code, "token": token}, transports=["polling"], wait_timeout=10)
    try:
        big.emit("me.update", {"name": "x" * 70_000})
        wait_for(lambda: not big.connected, message="the oversized sender is disconnected")
        other = LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, "Ana")}).connect()
        assert other.call("me.update", {"name": "Ana B"})["ok"]
        other.close()
    finally:
        big.disconnect()


def test_the_protocol_says_what_an_oversized_frame_does():
    protocol = (Path(__file__).resolve().parents[2] / "docs" / "protocol.md").read_text()
    assert Settings().max_http_buffer_size == 64 * 1024
    assert "Frames over\n64 KiB close the connection" in protocol
    assert "64 KiB are dropped" not in protocol
