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


# The live link's own actions (connecting, joining, the agenda, people, the exports), by name:
# they import this module for ``socketio``.
OWN_ACTIONS = ("facilitator.delivery.handlers", "facilitator.delivery.export_actions")


def load_handlers() -> None:
    for module in (*OWN_ACTIONS, *registry.action_modules()):
        importlib.import_module(module)
