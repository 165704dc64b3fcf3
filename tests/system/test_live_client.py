"""The tests' own socket.io client (`tests.support.LiveClient`): closed, it stops for good.

A client whose server went away reconnects for ever, once a second, in the test process: after
its test it would knock at a port a later test's server may have, and draw on the global
``random`` (its back-off's jitter) while Hypothesis draws examples in another test.
"""
from types import SimpleNamespace

import pytest

from tests import conftest
from tests.support import LEFT_OPEN, LiveClient, wait_for


def test_a_client_closed_while_it_reconnects_stops_reconnecting(server):
    code = server.create_event()["code"]
    phone = LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, "Sam")}).connect()
    assert phone in LEFT_OPEN
    server.stop()
    wait_for(lambda: not phone.sio.connected and phone.sio._reconnect_task is not None,
             message="the client is trying to reconnect")
    phone.close()
    phone.sio._reconnect_task.join(5)
    assert not phone.sio._reconnect_task.is_alive(), "the closed client is still trying to reconnect"
    assert phone not in LEFT_OPEN


def test_a_client_the_test_left_open_is_closed_at_its_end(server):
    # The hooks of tests/conftest.py, driven as pytest drives them around a test's call and teardown.
    item = SimpleNamespace(stash=pytest.Stash())
    code = server.create_event()["code"]
    kept = LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, "Kim")}).connect()
    around_call = conftest.pytest_runtest_call(item)
    next(around_call)
    left = LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, "Ana")}).connect()
    with pytest.raises(StopIteration):
        next(around_call)
    around_teardown = conftest.pytest_runtest_teardown(item, None)
    next(around_teardown)  # before the fixtures' teardown: the server still runs
    assert left not in LEFT_OPEN and not left.sio.connected
    # A client opened before the test's call (a fixture's, which may serve more tests) stays open.
    assert kept in LEFT_OPEN and kept.sio.connected
    kept.close()
