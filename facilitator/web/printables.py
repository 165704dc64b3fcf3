"""Print-ready pages for the console: /e/<CODE>/print/tents, /poster, /run-sheet, /seats.

Only the console may open them (its HttpOnly cookie, as for the downloads):
the run sheet names the hosts. Each page is plain HTML and CSS for the
browser's print dialog, on A4 or Letter (``?paper=letter``), with nothing
fetched from anywhere but this server (the QR code is ``/e/<CODE>/qr.svg``).
"""
from __future__ import annotations

from flask import Blueprint, g, jsonify, render_template, request

from facilitator import i18n
from facilitator.i18n import N_
from facilitator.core import codes, events
from facilitator.whole_event import printables, views
from facilitator.core.errors import NotFound
from facilitator.delivery.auth import CONSOLE_COOKIE
from facilitator.delivery.payloads import identifier_or_none
from facilitator.delivery.services import services

bp = Blueprint("printables", __name__)

PAPERS = {"a4": "A4", "letter": N_("Letter")}
WHAT = {"tents": N_("Table tents"), "poster": N_("QR poster"), "run-sheet": N_("Run sheet"), "seats": N_("Name-and-table cards")}


@bp.get("/e/<code>/print/<what>")
def print_page(code: str, what: str):
    svc = services()
    if not svc.is_console_secret(identifier_or_none(request.cookies.get(CONSOLE_COOKIE))):
        return jsonify(ok=False, error="Only the facilitator's console can print the event's pages. Open the console link printed by `facilitator run`."), 403
    if what not in WHAT:
        return jsonify(ok=False, error=f"There is nothing to print called {what[:20]}: choose one of {', '.join(WHAT)}."), 404
    paper = request.args.get("paper", "a4")
    paper = paper if paper in PAPERS else "a4"
    try:
        with svc.db.read_scope() as s:
            event = events.get_by_code(s, code)
            # For the room, as the big screen: the event's languages, not the console's.
            g.language = i18n.known(event.language) or i18n.SOURCE
            g.second_language = i18n.known(event.second_language)
            page = {
                "event": views.event_public(event),
                "display_code": codes.display(event.code),
                "join_url": svc.join_url(event.code),
                "short_join": svc.short_join_address(event.code),
                "what": what,
                "title": WHAT[what],
                "paper": paper,
                "papers": PAPERS,
            }
            # A bilingual event's own texts in its second language, printed beneath the originals.
            page["second"] = printables.event_texts_in(event, g.second_language)
            page["second_language"] = g.second_language
            if what == "tents":
                page["tents"] = printables.table_tents(s, event, g.language, g.second_language)
            elif what == "run-sheet":
                page["items"] = printables.run_sheet(s, event, g.language)
            elif what == "seats":
                page["everyone"] = request.args.get("who") == "everyone"
                page["cards"] = printables.seat_cards(s, event, everyone=page["everyone"])
    except NotFound as exc:
        return jsonify(ok=False, error=str(exc)), 404
    response = render_template("print.html", **page)
    return response, 200, {"Cache-Control": "no-store"}
