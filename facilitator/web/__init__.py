"""HTTP: pages, QR codes, joining and downloads. Views only translate."""
from __future__ import annotations

from flask import Flask, request


def register_web(app: Flask) -> None:
    from . import clinician, downloads, pages, qr

    app.register_blueprint(pages.bp)
    app.register_blueprint(qr.bp)
    app.register_blueprint(downloads.bp)
    app.register_blueprint(clinician.bp)
    app.after_request(_security_headers)


def _security_headers(response):
    # Scripts, styles, fonts and sockets come only from this server: venues
    # have no internet, and nothing typed by a participant can run as script.
    host = request.host
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"font-src 'self'; connect-src 'self' ws://{host} wss://{host}; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response
