"""Socket.IO: the live link between the server and every phone, screen and console.

``socketio`` is created here and bound to an app in ``create_app``; handler
modules are imported before ``init_app`` so every app made gets them.
"""
from flask_socketio import SocketIO

socketio = SocketIO()

# Handler modules: the core one and one per activity kind.
HANDLER_MODULES: tuple[str, ...] = ("handlers", "circle_handlers", "cafe_handlers", "export_handlers", "consultation_handlers",
                                  "suggest_handlers")


def drop_malformed_frames(server) -> None:
    """Answer a frame that cannot be decoded (bad JSON, nested too deeply) with
    one line in the log, and drop it.

    python-socketio raises ValueError for such a frame and Engine.IO logs the
    whole traceback: a script sending them fills the log while the phones
    wait. The frame carries no readable ack id, so there is no one to answer.
    """
    import logging

    handle = server._handle_eio_message
    log = logging.getLogger(__name__)

    def guarded(eio_sid, data):
        try:
            return handle(eio_sid, data)
        except ValueError as exc:
            log.warning("Dropped a frame from %s that could not be read (%s: %s)", eio_sid, type(exc).__name__, exc)

    server.eio.on("message", guarded)


def load_handlers() -> None:
    import importlib

    for module in HANDLER_MODULES:
        importlib.import_module(f"{__name__}.{module}")
