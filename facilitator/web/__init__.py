"""HTTP: pages, QR codes, joining and downloads. Views only translate."""
from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, request
from flask.json.provider import DefaultJSONProvider
from flask.sessions import NullSession, SecureCookieSessionInterface
from flask_babel import Babel

from facilitator import bounded_json, i18n
from facilitator.delivery.services import services
from facilitator.web import clinician, cohost, downloads, languages, pages, printables, qr


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, reading request bodies (``request.get_json``) with the bounded parser."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return bounded_json.loads(s, **kwargs)


class UnusedSession(NullSession):
    def _fail(self, *args: Any, **kwargs: Any):
        raise RuntimeError("Circle & Café keeps nothing in Flask's session (see NoSessions in facilitator/web/__init__.py).")

    __setitem__ = __delitem__ = clear = pop = popitem = update = setdefault = _fail


class NoSessions(SecureCookieSessionInterface):
    """Flask's session, never opened: the app keeps nothing in it (a phone is known by its
    own cookie, the console by its secret), and reading and signing a cookie that never
    exists cost every request, a join's too. Writing to it is refused."""

    null_session_class = UnusedSession

    def open_session(self, app, request):
        return None

    def save_session(self, app, session, response) -> None:
        return None


def register_web(app: Flask) -> None:
    app.json = BoundedJSONProvider(app)
    app.session_interface = NoSessions()
    app.before_request(_same_origin_only)
    # Templates say _("..."); the page's view chooses the language (web/languages.py).
    Babel(app, locale_selector=languages.page_language, default_translation_directories=str(i18n.CATALOGUES))
    app.context_processor(languages.html_attributes)

    app.register_blueprint(pages.bp)
    app.register_blueprint(qr.bp)
    app.register_blueprint(downloads.bp)
    app.register_blueprint(clinician.bp)
    app.register_blueprint(cohost.bp)
    app.register_blueprint(printables.bp)
    app.register_blueprint(languages.bp)
    app.after_request(_security_headers)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CROSS_SITE_REFUSAL = (
    "This request came from another website, so it was refused. "
    "Open Circle & Café at its own address and try again."
)


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme.lower()}://{rest.split('/', 1)[0].lower()}"


def _same_origin_only():
    """Refuse any request that changes something (joining, leaving, signing in or
    out) when the browser says another site sent it.

    Cookies go along with a form another site posts (a ``text/plain`` form
    needs no preflight), so without this any page could sign a phone or the
    console out. Browsers name the sender in ``Sec-Fetch-Site`` and
    ``Origin``; a request with neither is not from a browser page, and
    carries no one's cookies unless its sender has them anyway.
    """
    if request.method in SAFE_METHODS:
        return None
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        # "none": the person typed it or used a bookmark.
        allowed = fetch_site in ("same-origin", "none")
    else:
        origin = request.headers.get("Origin")
        allowed = origin is None or _origin(origin) in _own_origins()
    if allowed:
        return None
    return jsonify(ok=False, error=CROSS_SITE_REFUSAL, code="cross_site"), 403


def _own_origins() -> set[str]:
    """Where our own pages are served from: this request's host, and behind a
    proxy the public address (``--public-url``) phones were given."""
    settings = services().settings
    urls = [request.host_url, settings.public_url, settings.base_url]
    return {_origin(url) for url in urls if url}


def _security_headers(response):
    # Scripts, styles, fonts and sockets come only from this server: venues
    # have no internet, and nothing typed by a participant can run as script.
    host = request.host
    # Added where a view set none, read in one pass: werkzeug answers each
    # missing header it is asked for by raising an exception (issue #22: a join).
    present = {name.lower() for name, _ in response.headers}
    for name, value in (
        ("Content-Security-Policy",
         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
         f"font-src 'self'; connect-src 'self' ws://{host} wss://{host}; "
         "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
    ):
        if name.lower() not in present:
            response.headers.add(name, value)
    return response
