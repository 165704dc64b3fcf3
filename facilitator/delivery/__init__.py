"""Socket.IO: the live link between the server and every phone, screen and console.

``socketio`` is created here and bound to an app in ``create_app``; handler
modules are imported before ``init_app`` so every app made gets them.
"""
import importlib
import logging

from flask_socketio import SocketIO
from socketio import packet

from facilitator.activities import registry

socketio = SocketIO()


class JsonPacket(packet.Packet):
    """A Socket.IO packet that is never binary: everything we send is JSON.

    python-socketio walks every outgoing payload, item by item in Python, to
    see whether it holds bytes: for the big screen's and the console's views
    of a 2,000-person circle that walk cost a fifth of a move of the talking
    piece, more than encoding them. Passed as ``serializer`` in ``create_app``.
    """

    uses_binary_events = False



def drop_malformed_frames(server) -> None:
    """Answer a frame that cannot be decoded (bad JSON, nested too deeply) with
    one line in the log, and drop it.

    python-socketio raises ValueError for such a frame and Engine.IO logs the
    whole traceback: a script sending them fills the log while the phones
    wait. The frame carries no readable ack id, so there is no one to answer.
    """
    handle = server._handle_eio_message
    log = logging.getLogger(__name__)

    def guarded(eio_sid, data):
        try:
            return handle(eio_sid, data)
        except ValueError as exc:
            log.warning("Dropped a frame from %s that could not be read (%s: %s)", eio_sid, type(exc).__name__, exc)

    server.eio.on("message", guarded)


def route_for_socket_events(app, path: str = "socket.io") -> None:
    """A URL rule for the Socket.IO path, so that each event's request context finds a route.

    Flask-SocketIO handles every event inside ``app.request_context(environ)`` of
    the connection's first request, whose path (``/socket.io/``) Flask has no
    route for: each event raised and kept a NotFound, its traceback and frames a
    reference cycle (37 objects left for the collector per event, against 8).
    At 5,000 phones the collector's passes that freed them held the loop for
    200 ms at a time (docs/performance.md, stop 34). The route is never served:
    the Socket.IO middleware answers that path before Flask sees it.
    """
    def never_served():
        return "", 404

    # Without its slash too (as Flask-SocketIO's test client asks): no redirect raised either.
    app.add_url_rule(f"/{path.strip('/')}/", endpoint="socket_events", view_func=never_served, methods=["GET", "POST"],
                     strict_slashes=False)
    # And for a phone on a websocket, whose first request asked to upgrade: Werkzeug matches it
    # only against websocket rules, and without one raised (and kept) a WebsocketMismatch,
    # the same cycle for every card, every action, every connect.
    app.add_url_rule(f"/{path.strip('/')}/", endpoint="socket_events_websocket", view_func=never_served, methods=["GET"],
                     strict_slashes=False, websocket=True)


# The live link's own actions (connecting, joining, the agenda, people, the exports), by name:
# they import this module for ``socketio``.
OWN_ACTIONS = ("facilitator.delivery.handlers", "facilitator.delivery.export_actions")


def load_handlers() -> None:
    for module in (*OWN_ACTIONS, *registry.action_modules()):
        importlib.import_module(module)
