"""The pages: home (type a code), join (phone), big screen, console; and joining."""
from __future__ import annotations

from flask import Blueprint, g, jsonify, make_response, redirect, render_template, request, url_for

from facilitator import grouping, i18n
from facilitator.core import codes, events, other_languages, participants
from facilitator.whole_event import views
from facilitator.core.errors import DomainError, NotFound
from facilitator.core.participants import Identity
from facilitator.core.text import is_storable
from facilitator.delivery.auth import CONSOLE_COOKIE, PARTICIPANT_COOKIE
from facilitator.delivery.payloads import identifier_or_none
from facilitator.delivery.publish import publish
from facilitator.delivery.services import services
from facilitator.i18n import N_
from facilitator.web import languages
from facilitator.web.common import BodyTooLarge, event_or_404, is_this_machine, small_json

bp = Blueprint("pages", __name__)

PARTICIPANT_COOKIE_AGE = 3 * 24 * 3600  # long enough for a day's event and a reload the next morning

# What the join form sends: a name, pronouns, two yes/no answers and the page's language.
JOIN_FIELDS = frozenset({"name", "pronouns", "anonymous", "agreed", "language"})
# The longest join the form can make is well under 2 KB (a 500-character name
# in four-byte characters); anything larger is not from the form.
JOIN_BODY_MAX = 4 * 1024


def _secure() -> bool:
    return bool(services().settings.tls_cert) or request.is_secure


@bp.get("/")
def home():
    g.language = languages.chosen_before_joining()
    return render_template("home.html", error=None, code="")


@bp.get("/join")
def join_by_code():
    """The home page's form: a typed code becomes the join page."""
    svc = services()
    raw = request.args.get("code", "")[:40]
    ip = request.remote_addr or "?"
    code = codes.normalise(raw)
    if code is not None and svc.join_failures.would_allow(ip):
        with svc.db.read_scope() as s:
            try:
                events.get_by_code(s, code)
                return redirect(url_for("pages.join_page", code=code))
            except NotFound:
                pass
    svc.join_failures.allow(ip)
    g.language = languages.chosen_before_joining()
    if not svc.join_failures.would_allow(ip):
        error = svc.join_failures.message
    else:
        error = N_("No event has that code. Check the code on the big screen: it has eight letters and numbers.")
    return render_template("home.html", error=i18n.gettext(g.language, error), code=raw), 404


@bp.get("/j/<code>")
def join_page(code: str):
    svc = services()
    with svc.db.read_scope() as s:
        event = event_or_404(s, code)
        if codes.normalise(code) != code:
            return redirect(url_for("pages.join_page", code=event.code))
        g.language = _phone_language(s, event)
        # The event's title, purpose and agreement in the page's language, when the facilitator gave them.
        shown = other_languages.event_shown_in(views.event_public(event), g.language)
        response = make_response(render_template("phone.html", event=shown))
    if i18n.known(request.args.get("lang")):
        response.set_cookie(languages.LANGUAGE_COOKIE, g.language, max_age=languages.LANGUAGE_COOKIE_AGE,
                            samesite="Lax", secure=_secure(), path="/")
    return response


def _phone_language(s, event) -> str:
    """The switch's choice just made, else the language the person chose (kept with them), else before joining's."""
    if i18n.known(request.args.get("lang")):
        return request.args["lang"]
    token = identifier_or_none(request.cookies.get(PARTICIPANT_COOKIE.format(code=event.code)))
    if token:
        try:
            person = participants.resume(s, event, token)
        except DomainError:
            person = None
        if person is not None and i18n.known(person.language):
            return person.language
    return languages.chosen_before_joining()


@bp.post("/api/e/<code>/join")
def api_join(code: str):
    """Join an event: the phone gets an HttpOnly cookie that is its identity from now on."""
    svc = services()
    ip = request.remote_addr or "?"
    try:
        data = small_json(JOIN_BODY_MAX)
    except BodyTooLarge:
        return jsonify(ok=False, error="The join request is too large: it holds only a name and pronouns.", code="bad_request"), 413
    if not isinstance(data, dict):
        return jsonify(ok=False, error="The join request was not understood."), 400
    unknown = set(data) - JOIN_FIELDS
    if unknown:
        listed = ", ".join(sorted(map(str, unknown)))[:200]
        return jsonify(ok=False, error=f"The join request has fields this server does not know: {listed}.", code="bad_request"), 400
    name, pronouns = data.get("name"), data.get("pronouns")
    language = i18n.known(data.get("language"))
    anonymous, agreed = data.get("anonymous", False), data.get("agreed", False)
    if (
        (name is not None and not isinstance(name, str))
        or (pronouns is not None and not isinstance(pronouns, str))
        or not isinstance(anonymous, bool)
        or not isinstance(agreed, bool)
        or len(str(name or "")) > 500
        or len(str(pronouns or "")) > 200
        or not is_storable(name or "")
        or not is_storable(pronouns or "")
    ):
        return jsonify(ok=False, error="The join request was not understood."), 400
    if not svc.join_failures.would_allow(ip):
        return jsonify(ok=False, error=svc.join_failures.message, code="rate_limited"), 429
    if not is_this_machine(ip) and not svc.joins.allow(ip):
        return jsonify(ok=False, error=svc.joins.message, code="rate_limited"), 429
    # People who join together (everyone scanning the QR code at once) are
    # written in one transaction, with one read of the event.
    joined = grouping.together(
        svc.combiners, "join", (code, Identity(name, pronouns, anonymous), agreed, language), lambda asks: _join_all(svc, asks)
    )
    if isinstance(joined, DomainError):
        # In the form's language, else the page's (only a refusal is worded).
        said = language or languages.chosen_before_joining()
        if isinstance(joined, NotFound):
            svc.join_failures.allow(ip)
            return jsonify(ok=False, error=i18n.refusal(said, joined), code=joined.code), 404
        return jsonify(ok=False, error=i18n.refusal(said, joined), code=joined.code), 400
    if joined is None:
        return jsonify(ok=False, error="Something went wrong on the server; please try again.", code="server_error"), 500
    event_code, person_id, token, changes = joined
    publish(changes)
    response = make_response(jsonify(ok=True, participant=person_id))
    response.set_cookie(
        PARTICIPANT_COOKIE.format(code=event_code),
        token,
        max_age=PARTICIPANT_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=_secure(),
        path="/",
    )
    return response


def _join_all(svc, asks: list[tuple[str, Identity, bool, str | None]]) -> list:
    """For each (event code, identity, agreed, language): (event code, person id, token, changes), or why not."""
    out: list = []
    found: dict[str, object] = {}
    # A join adds a person and changes nothing else every phone is shown (delivery/doorway.py);
    # a power cut may lose it (the phone shows the join form again), so its commit waits for no fsync.
    with svc.db.presence_scope() as s:
        for code, identity, agreed, language in asks:
            event = events.get_by_code_once(s, code, found, read=svc.doorway.facts)
            if isinstance(event, DomainError):
                out.append(event)
                continue
            try:
                joined = participants.join(s, event, identity, agreed=agreed, language=language)
            except DomainError as exc:
                out.append(exc)
                continue
            out.append((event.code, joined.participant_id, joined.token, joined.changes))
    return out


@bp.post("/api/e/<code>/leave")
def api_leave(code: str):
    """Forget this phone's identity (the person can join again as someone else)."""
    normal = codes.normalise(code) or ""
    response = make_response(jsonify(ok=True))
    response.delete_cookie(PARTICIPANT_COOKIE.format(code=normal), path="/")
    return response


@bp.get("/e/<code>/screen")
def screen_page(code: str):
    svc = services()
    with svc.db.read_scope() as s:
        event = event_or_404(s, code)
        # The room's languages, not the laptop's: the screen is read by everyone in the room.
        g.language = i18n.known(event.language) or i18n.SOURCE
        g.second_language = i18n.known(event.second_language)
        return render_template(
            "screen.html", event=views.event_public(event), short_join=svc.short_join_address(event.code)
        )


@bp.get("/console")
def console_page():
    # The facilitator's own language (the switch in the header, else the browser's); the
    # room's languages (the big screen, the printables, the reports) are the event's.
    g.language = languages.console_language()
    response = make_response(render_template("console.html", phone_languages=languages.phone_languages()))
    if i18n.known(request.args.get("lang")):
        response.set_cookie(languages.CONSOLE_LANGUAGE_COOKIE, g.language, max_age=languages.LANGUAGE_COOKIE_AGE,
                            samesite="Lax", secure=_secure(), path="/console")
    return response


@bp.post("/console/login")
def console_login():
    """Trade the secret from the link's fragment for an HttpOnly cookie."""
    svc = services()
    data = request.get_json(silent=True) or {}
    key = identifier_or_none(data.get("key") if isinstance(data, dict) else None)
    if not svc.is_console_secret(key):
        return jsonify(ok=False, error="This console link is not valid. Use the link printed by `facilitator run`."), 403
    response = make_response(jsonify(ok=True))
    response.set_cookie(CONSOLE_COOKIE, key, httponly=True, samesite="Strict", secure=_secure(), path="/")
    return response


@bp.post("/console/logout")
def console_logout():
    response = make_response(jsonify(ok=True))
    response.delete_cookie(CONSOLE_COOKIE, path="/")
    return response


@bp.get("/healthz")
def healthz():
    return jsonify(ok=True)


@bp.app_errorhandler(404)
def not_found(_exc):
    # Whatever page was asked for, the browser's language (or the join page's switch's choice).
    g.language = languages.chosen_before_joining()
    return render_template("not_found.html"), 404
