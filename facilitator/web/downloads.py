"""Downloads of an event's harvest for the facilitator: /e/<CODE>/export.<ext>.

Only the console may download (its HttpOnly cookie, checked like the
console's socket): the exports hold what people wrote, and the JSON archive
holds everything.
"""
from __future__ import annotations

from flask import Blueprint, jsonify, make_response, request

from facilitator import exports, off_loop
from facilitator.exports import report_view
from facilitator.core import events
from facilitator.core.errors import DomainError, NotFound
from facilitator.delivery.auth import CONSOLE_COOKIE
from facilitator.delivery.payloads import identifier_or_none
from facilitator.delivery.services import services

bp = Blueprint("downloads", __name__)


def _flag(name: str) -> bool:
    return request.args.get(name, "") in ("1", "true", "yes", "on")


@bp.get("/e/<code>/export.<ext>")
def export(code: str, ext: str):
    svc = services()
    if not svc.is_console_secret(identifier_or_none(request.cookies.get(CONSOLE_COOKIE))):
        return jsonify(ok=False, error="Only the facilitator's console can download the harvest. Open the console link printed by `facilitator run`."), 403
    if ext not in exports.FORMAT_NAMES:
        return jsonify(ok=False, error=f"There is no export as .{ext[:10]}: choose one of {', '.join(exports.FORMAT_NAMES)}."), 404
    options = report_view.Options(with_names=_flag("names"), include_hidden=_flag("hidden"))
    try:
        with svc.db.read_scope() as s:
            event = events.get_by_code(s, code)
            prepared = exports.read(s, event, ext, options)
    except NotFound as exc:
        return jsonify(ok=False, error=str(exc)), 404
    except DomainError as exc:
        return jsonify(ok=False, error=str(exc)), 400
    # Written after the read has ended, on a native thread: under eventlet or
    # gevent a workbook zipped on the loop holds up every phone for as long as
    # it takes (the thread shares the interpreter, which switches every few ms).
    content = off_loop.call(prepared.write)
    media_type, name = prepared.media_type, prepared.file_name
    response = make_response(content)
    response.headers["Content-Type"] = media_type
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    # The report is self-contained: inline styles, nothing fetched, nothing run.
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    return response
