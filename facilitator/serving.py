"""What the web server under Flask-SocketIO needs to be told: send every answer at once.

A phone's action is answered with small writes (a patch to its room, then
the acknowledgement; a join's headers, then its body). With Nagle's
algorithm on, the kernel holds a small write back until the one before it
is acknowledged, and the phone's TCP acknowledges late on purpose (up to
40 ms): measured on a quiet laptop, a ``me.update`` took 46 ms and a join
54 ms, almost all of it waiting. ``TCP_NODELAY`` on every accepted socket
sends each write as it comes (3-5 ms for the same two).

None of eventlet's, gevent's or Werkzeug's servers sets it (eventlet sets
``TCP_QUICKACK`` instead, which only speeds up its own acknowledgements), and
Flask-SocketIO's ``run`` creates the listening socket itself, so the option
is set where each server hands an accepted socket to its request handler:
a handler class of our own for each async mode, passed through ``run``.
"""
from __future__ import annotations

import logging
import socket

log = logging.getLogger(__name__)


def no_delay(sock) -> None:
    """Turn Nagle's algorithm off on an accepted TCP socket (a Unix socket has none)."""
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except (OSError, AttributeError):
        pass


def no_delay_options(async_mode: str) -> dict:
    """Keyword arguments for ``socketio.run`` that put ``TCP_NODELAY`` on every accepted socket."""
    if async_mode == "eventlet":
        return {"protocol": _eventlet_protocol()}
    if async_mode == "gevent":
        try:
            import geventwebsocket  # noqa: F401 (only asked whether it is installed)
        except ImportError:
            return {"handler_class": _gevent_handler()}
        # Flask-SocketIO then passes gevent-websocket's handler itself, and a
        # second handler_class would be refused (it is not a dependency of ours).
        log.warning("gevent-websocket is installed: answers may wait up to 40 ms (Nagle's algorithm stays on)")
        return {}
    return {"request_handler": _werkzeug_handler()}


def _eventlet_protocol():
    import eventlet.wsgi  # only in eventlet's async mode

    class NoDelayProtocol(eventlet.wsgi.HttpProtocol):
        def setup(self):
            no_delay(self.request)
            super().setup()

    return NoDelayProtocol


def _gevent_handler():
    from gevent import pywsgi  # only in gevent's async mode

    class NoDelayHandler(pywsgi.WSGIHandler):
        def __init__(self, sock, address, server, rfile=None):
            no_delay(sock)
            super().__init__(sock, address, server, rfile)

    return NoDelayHandler


def _werkzeug_handler():
    from werkzeug.serving import WSGIRequestHandler  # only in the threading mode

    class NoDelayHandler(WSGIRequestHandler):
        disable_nagle_algorithm = True  # socketserver's own switch, off by default

    return NoDelayHandler
