"""Circle & Café: a facilitation toolkit for check-in circles and world cafés."""
from __future__ import annotations

from facilitator.settings import Settings, asset_dir, read_or_create_secret

__version__ = "0.1.0"


def create_app(settings: Settings | None = None):
    """The Flask application factory: one app, one database, Socket.IO bound to it."""
    # Not at the top: importing the package (as `facilitator run` does before it
    # chooses the async mode and lets eventlet or gevent patch) loads no Flask or Socket.IO.
    from flask import Flask

    from facilitator import bounded_json
    from facilitator.db import Database
    from facilitator.delivery import JsonPacket, drop_malformed_frames, gate, load_handlers, route_for_socket_events, socketio
    from facilitator.delivery.services import Services
    from facilitator.web import register_web

    settings = settings or Settings.from_env()
    settings.ensure_data_dir()
    app = Flask(
        __name__,
        template_folder=str(asset_dir("templates")),
        static_folder=str(asset_dir("participant_ui")),
        static_url_path="/ui",
    )
    app.config.update(
        SECRET_KEY=read_or_create_secret(settings.data_dir / "flask.key"),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=bool(settings.tls_cert),
        # No page takes more than a few hundred bytes (archives are imported with
        # `facilitator import`, never uploaded); endpoints may set less.
        MAX_CONTENT_LENGTH=64 * 1024,
        TESTING=settings.testing,
        SEND_FILE_MAX_AGE_DEFAULT=300,
    )
    # Several processes (a message queue) are checked before anything is opened.
    cluster = make_cluster(settings)
    db = Database(settings.effective_database_url)
    if cluster.shared:
        # Several processes would race to migrate: it is done once, beforehand.
        try:
            db.check_current()
        except Exception:
            db.dispose()  # refused: no connection is left for the interpreter to close at exit
            raise
    else:
        db.upgrade()
    app.extensions["facilitator"] = services = Services(settings=settings, db=db, cluster=cluster)
    # Made now, not at the first big screen: a CLI beside the server must find the same key.
    services.links_key()
    register_web(app)

    # Handlers must be imported before init_app, or a second app has none.
    load_handlers()
    origins = None  # Flask-SocketIO's default: the page's own origin only
    if settings.public_url:
        origins = [settings.public_url.rstrip("/")]
        if settings.base_url and settings.base_url.rstrip("/") not in origins:
            origins.append(settings.base_url.rstrip("/"))
    manager = cluster.client_manager()
    socketio.init_app(
        app,
        **({"client_manager": manager} if manager is not None else {}),
        async_mode=settings.async_mode,
        max_http_buffer_size=settings.max_http_buffer_size,
        cors_allowed_origins=origins,
        # Engine.IO and Socket.IO frames: bounded depth, so a deeply nested
        # frame is refused as malformed instead of exhausting the stack.
        json=bounded_json,
        serializer=JsonPacket,
        # Phones on flaky Wi-Fi: notice a dead link within ~25 s.
        ping_interval=15,
        ping_timeout=10,
    )
    # Frames pass the gate (the sender's allowance, counted before anything is
    # decoded), then are decoded, and a frame that cannot be read is dropped.
    drop_malformed_frames(socketio.server)
    route_for_socket_events(app)
    svc = app.extensions["facilitator"]
    gate.install(socketio, gate.FrameGate(svc.message_limiter, svc.message_strikes), svc.connections)
    if settings.public_url:
        # Behind the one reverse proxy a hosted deployment has, every phone
        # arrives from the proxy's address; the proxy's X-Forwarded-For says
        # which phone it is, so join limits count per phone. Wrapped after
        # init_app so that Socket.IO connections see the phone's address too.
        app.wsgi_app = _FromProxyOnly(app.wsgi_app, settings.trusted_proxy)
    return app


def make_cluster(settings: Settings):
    """The cluster these settings describe (delivery/cluster.py): one process, or several on Redis."""
    # Not at the top: importing the package loads no Flask or Socket.IO (see create_app).
    from facilitator.delivery.cluster import Cluster, check_shared_settings

    if not settings.message_queue:
        return Cluster()
    check_shared_settings(settings)
    # Only a hosted deployment loads the Redis client (the optional [redis] extra).
    from facilitator.delivery.redis_cluster import RedisCluster

    return RedisCluster.connect(settings.message_queue)


class _FromProxyOnly:
    """Believe X-Forwarded-* only from the configured proxy's address.

    Anyone can write the header: a client that reaches the server directly,
    past the proxy, would otherwise name a new address with every request and
    never meet a per-address limit.
    """

    def __init__(self, wsgi_app, proxies: str):
        # Not at the top, as in create_app: the package loads no web stack when imported.
        from werkzeug.middleware.proxy_fix import ProxyFix

        self.direct = wsgi_app
        self.via_proxy = ProxyFix(wsgi_app, x_for=1, x_proto=1, x_host=1)
        self.proxies = {p.strip() for p in proxies.split(",") if p.strip()}

    def __call__(self, environ, start_response):
        if environ.get("REMOTE_ADDR") in self.proxies:
            return self.via_proxy(environ, start_response)
        return self.direct(environ, start_response)
