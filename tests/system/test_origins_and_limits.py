"""Only the app's own pages may open a socket; oversized frames are refused."""
import pytest
import socketio

from tests.support import LiveClient, wait_for


def test_a_socket_from_another_origin_is_refused(server):
    code = server.create_event()["code"]
    evil = LiveClient(server.url, server.screen_auth(code), headers={"Origin": "http://evil.example"})
    with pytest.raises(socketio.exceptions.ConnectionError):
        evil.connect()
    same = LiveClient(server.url, server.screen_auth(code)).connect()  # the client sends its own origin
    assert same.snapshots
    same.close()


def test_an_oversized_frame_is_dropped_and_the_server_carries_on(server):
    code = server.create_event()["code"]
    token = server.join(code, "Sam")
    big = LiveClient(server.url, {"role": "participant", "event": code, "token": token}).connect()
    try:
        big.sio.emit("me.update", {"name": "x" * 200_000})
    except Exception:
        pass
    wait_for(lambda: not big.sio.connected, message="the oversized sender is disconnected")
    other = LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, "Ana")}).connect()
    assert other.call("me.update", {"name": "Ana B"})["ok"]
    big.sio.disconnect()
    other.close()
