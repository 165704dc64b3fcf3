"""Answers leave at once: no accepted socket waits on Nagle's algorithm (issue #22, item 3).

Without ``TCP_NODELAY`` a phone's action answered with a patch and then its
acknowledgement waited for the phone's delayed TCP acknowledgement: 40 ms or
more on every such action, whatever the load.
"""
from __future__ import annotations

import ctypes
import os
import socket
import statistics
import time

import pytest

from tests.support import LiveClient, ServerProcess

# It times replies against the 40 ms of a delayed acknowledgement: measured with the machine to itself.
pytestmark = [pytest.mark.system, pytest.mark.alone]

MODES = ("eventlet", "gevent", "threading")
# Linux delays an acknowledgement by at least 40 ms: a median under this
# bound means no answer waited for one.
DELAYED_ACK_FLOOR_MS = 40
SYS_PIDFD_GETFD = 438


def _accepted_sockets_no_delay(pid: int) -> list[int]:
    """TCP_NODELAY of every connected TCP socket the server process holds (copied with pidfd_getfd)."""
    libc = ctypes.CDLL(None, use_errno=True)
    pidfd = os.pidfd_open(pid)
    found = []
    try:
        for name in os.listdir(f"/proc/{pid}/fd"):
            fd = libc.syscall(SYS_PIDFD_GETFD, pidfd, int(name), 0)
            if fd < 0:
                continue
            try:
                sock = socket.socket(fileno=fd)
            except OSError:
                os.close(fd)
                continue
            try:
                if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
                    try:
                        sock.getpeername()  # the listening socket has no peer
                    except OSError:
                        continue
                    found.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            finally:
                sock.close()
    finally:
        os.close(pidfd)
    return found


@pytest.fixture(scope="module", params=MODES)
def running(request, tmp_path_factory):
    """One server per mode for both tests (each makes its own event and phone)."""
    server = ServerProcess(tmp_path_factory.mktemp(request.param) / "data", async_mode=request.param).start()
    yield server
    server.stop()


def _phone(server: ServerProcess, code: str, name: str) -> LiveClient:
    token = server.join(code, name)
    return LiveClient(server.url, {"role": "participant", "event": code, "token": token}).connect()


def test_every_socket_the_server_accepts_sends_without_delay(running):
    try:
        probe = os.pidfd_open(os.getpid())
        os.close(probe)
    except (AttributeError, OSError):
        pytest.skip("needs pidfd_open (Linux 5.6+) to look at the server's sockets")
    code = running.create_event()["code"]
    phone = _phone(running, code, "Amal")
    try:
        flags = _accepted_sockets_no_delay(running.proc.pid)
        if not flags and ctypes.get_errno():
            pytest.skip("this system does not let a test copy its child's sockets (pidfd_getfd)")
        assert flags, "the server holds no connected socket, yet a phone is connected"
        assert all(flags), f"sockets without TCP_NODELAY: {flags.count(0)} of {len(flags)}"
    finally:
        phone.close()


def test_a_phone_hears_its_action_answered_without_waiting_for_an_acknowledgement(running):
    code = running.create_event()["code"]
    phone = _phone(running, code, "Bea")
    try:
        # me.update is answered with a patch to the room, then the acknowledgement:
        # two small writes, the second of which Nagle's algorithm holds back.
        times = []
        for k in range(12):
            began = time.perf_counter()
            reply = phone.call("me.update", {"pronouns": f"p{k}"})
            times.append((time.perf_counter() - began) * 1000)
            assert reply.get("ok"), reply
        median = statistics.median(times)
        assert median < DELAYED_ACK_FLOOR_MS, f"me.update took {median:.1f} ms (median): answers wait on Nagle"
    finally:
        phone.close()


# Here for its servers in each mode: a commit handed back promptly is an answer that leaves at once too.
def test_a_native_thread_has_the_interpreter_back_within_a_millisecond_under_eventlet_only(running):
    """A commit's native thread, its sync done, waits for the interpreter's lock before the loop
    hears of it (tests/system/test_off_loop.py): `facilitator run` asks for 1 ms under eventlet,
    and keeps CPython's 5 ms under gevent and in threading mode. The server logs what it runs with."""
    said = (running.data_dir / "logs" / "facilitator.log").read_text(encoding="utf-8")
    expected = "1" if running.async_mode == "eventlet" else "5"
    assert f"Native threads have the interpreter back within {expected} ms" in said, said[-2000:]
