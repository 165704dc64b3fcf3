"""The clinician's page and each person's take-home summary.

``/e/<CODE>/clinician`` is opened with the secret in the fragment
(``#key=...``); the page trades it for an HttpOnly cookie ``fc_clin_<CODE>``
that its Socket.IO connection then carries, like the console's login.
``/e/<CODE>/me/summary.html`` is one person's own page, authorised by their
participant cookie.
"""
from __future__ import annotations

from babel.dates import format_date
from flask import Blueprint, g, jsonify, make_response, render_template, request

from facilitator import i18n
from facilitator.web import languages
from facilitator.activities.consultation import clinician, rules as consultation
from facilitator.core import participants
from facilitator.core.errors import DomainError
from facilitator.i18n import N_
from facilitator.delivery.auth import CLINICIAN_COOKIE, PARTICIPANT_COOKIE
from facilitator.delivery.payloads import identifier_or_none
from facilitator.delivery.services import services
from facilitator.web.common import event_or_404

bp = Blueprint("clinician", __name__)

# A standalone page: inline styles, nothing fetched, nothing run.
SELF_CONTAINED_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _event(s, code: str):
    return event_or_404(s, code)


@bp.get("/e/<code>/clinician")
def clinician_page(code: str):
    with services().db.read_scope() as s:
        event = _event(s, code)
        # The clinician's own browser's language (a laptop or a tablet), as the join page does for a phone.
        g.language = languages.chosen(cookie=None)
        response = make_response(render_template("clinician.html", event={"code": event.code, "title": event.title}))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/e/<code>/clinician/login")
def clinician_login(code: str):
    """Trade the secret from the link's fragment for an HttpOnly cookie."""
    svc = services()
    data = request.get_json(silent=True)
    key = identifier_or_none(data.get("key") if isinstance(data, dict) else None)
    ip = request.remote_addr or "?"
    if not svc.join_failures.would_allow(ip):
        return jsonify(ok=False, error=svc.join_failures.message), 429
    with svc.db.read_scope() as s:
        event = _event(s, code)
        if not clinician.is_secret(s, event, key):
            svc.join_failures.allow(ip)
            return jsonify(ok=False, error=N_("This clinician link is not valid (it may have been replaced). Ask the facilitator for the current link.")), 403
        event_code = event.code
    response = make_response(jsonify(ok=True))
    response.set_cookie(
        CLINICIAN_COOKIE.format(code=event_code), key, httponly=True, samesite="Strict",
        secure=bool(svc.settings.tls_cert) or request.is_secure, path="/",
    )
    return response


@bp.get("/e/<code>/me/summary.html")
def my_summary(code: str):
    """This person's own questions and goals, and the shared themes: a printable page that is theirs."""
    svc = services()
    with svc.db.read_scope() as s:
        event = _event(s, code)
        try:
            person = participants.resume(s, event, identifier_or_none(request.cookies.get(PARTICIPANT_COOKIE.format(code=event.code))))
        except DomainError:
            said = i18n.negotiate(request.headers.get("Accept-Language"))
            return jsonify(ok=False, error=i18n.gettext(said, N_("Open this from the phone you joined with: the summary is only for you."))), 403
        # The person's own page, in their own language (kept with them, as their phone is).
        g.language = i18n.known(person.language) or i18n.SOURCE
        if participants.must_accept_agreement(event, person):
            return jsonify(ok=False, error=i18n.gettext(g.language, N_("Please read and accept the group agreement first."))), 403
        summary = consultation.my_summary(s, person)
        # "03 May 2026" in English, the month in the person's language otherwise.
        held_on = format_date(summary["event"]["created_at"], "dd MMMM y", locale=g.language)
        html = render_template("my_summary.html", summary=summary, held_on=held_on)
        event_code = event.code
    response = make_response(html)
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    response.headers["Cache-Control"] = "no-store, private"
    response.headers["Content-Security-Policy"] = SELF_CONTAINED_CSP
    if request.args.get("download") in ("1", "true", "yes"):
        response.headers["Content-Disposition"] = f'attachment; filename="my-summary-{event_code}.html"'
    return response
