"""Each Socket.IO event runs in a request context that finds a route (delivery.route_for_socket_events).

Without one, every event raised and kept a NotFound (a WebsocketMismatch for a phone on a
websocket, until stop 41) whose traceback and frames are
a reference cycle for the collector to free: at 5,000 phones its passes held the
loop for 200 ms at a time (docs/performance.md, stop 34).
"""
from __future__ import annotations

import gc

from flask import request
from werkzeug.test import EnvironBuilder


# A phone's websocket: its first request asks to upgrade, and Werkzeug then matches only
# websocket rules (without one, a WebsocketMismatch was raised and kept for every event).
UPGRADE = {"Upgrade": "websocket", "Connection": "Upgrade"}


def _left_in_cycles(app, environ, events: int = 200) -> int:
    gc.collect()
    gc.disable()
    try:
        for _ in range(events):
            with app.request_context(environ):
                pass
        return gc.collect()
    finally:
        gc.enable()


def test_a_socket_event_s_request_context_matches_a_route_and_leaves_no_cycle(app):
    # A websocket's first request and a polling transport's; with and without the slash
    # (Flask-SocketIO's test client asks without: that was a redirect raised, and kept).
    for method, headers in (("GET", UPGRADE), ("GET", {}), ("POST", {})):
        for path in ("/socket.io/", "/socket.io"):
            environ = EnvironBuilder(path=path, method=method, headers=headers,
                                     query_string="EIO=4&transport=websocket").get_environ()
            with app.request_context(environ):
                assert request.routing_exception is None, (method, path, headers, request.routing_exception)
    for headers in (UPGRADE, {}):
        environ = EnvironBuilder(path="/socket.io/", headers=headers, query_string="EIO=4&transport=websocket").get_environ()
        # 37 objects an event were left in cycles with the exception; 8 remain of Werkzeug's own
        # matcher (a recursive closure).
        assert _left_in_cycles(app, environ) < 200 * 15, headers


def test_the_route_is_never_served_the_socket_io_server_answers_that_path(app):
    handshake = app.test_client().get("/socket.io/?EIO=4&transport=polling")
    assert handshake.status_code == 200
    assert handshake.get_data(as_text=True).startswith('0{"sid":')
