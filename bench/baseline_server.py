"""A bare Flask-SocketIO server: the yardstick bench/run.py measures the app against.

Same Flask-SocketIO, python-socketio and engineio as the app, the same async
mode, the same ping settings and frame limit, and nothing else: any event a
client sends is broadcast, unchanged, to every connected client (the naive
design, where every phone hears every card). To let the benchmark drive both
servers with one script it also answers the join request the way the app
does (a cookie holding a token) and sends an empty ``snapshot`` on connect.

    python bench/baseline_server.py --port 8090 --async-mode eventlet
"""
from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path


def _options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--async-mode", choices=("eventlet", "gevent", "threading"), default="eventlet")
    return parser.parse_args(argv)


OPTIONS = _options(sys.argv[1:])

# As in facilitator/cli.py: patch the standard library before anything imports it.
if OPTIONS.async_mode == "eventlet":
    import warnings

    warnings.filterwarnings("ignore", category=DeprecationWarning, module="eventlet")
    import eventlet

    eventlet.monkey_patch()
elif OPTIONS.async_mode == "gevent":
    from gevent import monkey

    monkey.patch_all()

from flask import Flask, jsonify, make_response  # noqa: E402
from flask_socketio import SocketIO, emit  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(
    app,
    async_mode=OPTIONS.async_mode,
    ping_interval=15,
    ping_timeout=10,
    max_http_buffer_size=64 * 1024,
)


@app.get("/healthz")
def healthz():
    return jsonify(ok=True)


@app.post("/api/e/<code>/join")
def join(code: str):
    response = make_response(jsonify(ok=True))
    response.set_cookie(f"fc_p_{code}", secrets.token_urlsafe(32), httponly=True, samesite="Lax")
    return response


@socketio.on("connect")
def on_connect(auth=None):
    emit("snapshot", {})


@socketio.on("*")
def broadcast(event, data=None):
    socketio.emit(event, data)
    return {"ok": True}


def main() -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from facilitator.serving import no_delay_options

    # As the app: TCP_NODELAY on every accepted socket, so neither waits on Nagle's algorithm.
    kwargs: dict = {"log_output": False, **no_delay_options(OPTIONS.async_mode)}
    if OPTIONS.async_mode == "eventlet":
        kwargs["max_size"] = 10_000  # as the app: eventlet's default pool caps connections at 1,024
    elif OPTIONS.async_mode == "threading":
        kwargs["allow_unsafe_werkzeug"] = True
    socketio.run(app, host=OPTIONS.host, port=OPTIONS.port, **kwargs)


if __name__ == "__main__":
    main()
