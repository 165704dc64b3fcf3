"""Socket.IO: the live link between the server and every phone, screen and console.

``socketio`` is created here and bound to an app in ``create_app``; handler
modules are imported before ``init_app`` so every app made gets them.
"""
from flask_socketio import SocketIO

socketio = SocketIO()

# Handler modules: the core one and one per activity kind.
HANDLER_MODULES: tuple[str, ...] = ("handlers", "circle_handlers", "cafe_handlers", "export_handlers", "consultation_handlers",)


def load_handlers() -> None:
    import importlib

    for module in HANDLER_MODULES:
        importlib.import_module(f"{__name__}.{module}")
