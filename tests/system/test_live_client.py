"""The tests' own socket.io client (`tests.support.LiveClient`): closed, it stops for good.

A client whose server went away reconnects for ever, once a second, in the test process: after
its test it would knock at a port a later test's server may have, and draw on the global
``random`` (its back-off's jitter) while Hypothesis draws examples in another test.
"""
from pathlib import Path
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


def test_a_client_the_tests_left_open_is_closed_when_their_file_ends(server):
    # The hooks of tests/conftest.py, driven as pytest drives them around tests' calls and teardowns.
    first, second = SimpleNamespace(path=Path("test_a.py")), SimpleNamespace(path=Path("test_a.py"))
    code = server.create_event()["code"]
    kept = LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, "Kim")}).connect()
    around_call = conftest.pytest_runtest_call(first)
    next(around_call)
    left = LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, "Ana")}).connect()
    with pytest.raises(StopIteration):
        next(around_call)
    # The file goes on: the next test may still use it.
    around_teardown = conftest.pytest_runtest_teardown(first, second)
    next(around_teardown)
    assert left in LEFT_OPEN and left.sio.connected
    # The file's last test ends: closed, before the fixtures' teardown (the server still runs).
    around_teardown = conftest.pytest_runtest_teardown(second, None)
    next(around_teardown)
    assert left not in LEFT_OPEN and not left.sio.connected
    # A client opened outside a test's call (a fixture's, which closes its own) is left to it.
    assert kept in LEFT_OPEN and kept.sio.connected
    kept.close()
