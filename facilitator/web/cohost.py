"""The co-host's page, and the QR code the console shows for it.

``/e/<CODE>/cohost`` is opened with the secret in the fragment
(``#key=...``, never sent to the server); the page keeps it for its tab and
connects with it (core/cohost.py). The QR code of the link is drawn here
for the console alone (its cookie, as for the print pages): the secret is
never in a URL the browser asks for.
"""
from __future__ import annotations

from flask import Blueprint, Response, g, jsonify, make_response, render_template, request

from facilitator.whole_event import views
from facilitator.delivery.auth import CONSOLE_COOKIE
from facilitator.delivery.payloads import identifier_or_none
from facilitator.delivery.services import services
from facilitator.web import languages, qr
from facilitator.web.common import event_or_404

bp = Blueprint("cohost", __name__)


@bp.get("/e/<code>/cohost")
def cohost_page(code: str):
    with services().db.read_scope() as s:
        event = event_or_404(s, code)
        # The co-host's phone, in its own language (as a phone's join page chooses it).
        g.language = languages.chosen_before_joining()
        response = make_response(render_template("cohost.html", event=views.event_public(event)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/e/<code>/cohost/qr.svg")
def cohost_qr(code: str):
    svc = services()
    if not svc.is_console_secret(identifier_or_none(request.cookies.get(CONSOLE_COOKIE))):
        return jsonify(ok=False, error="Only the facilitator's console can show the co-host link."), 403
    with svc.db.read_scope() as s:
        link = svc.cohost_url(event_or_404(s, code))
    if link is None:
        return jsonify(ok=False, error="This event has no co-host link: make one in the console first."), 404
    return Response(qr.svg(link), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})
