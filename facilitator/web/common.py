"""What the pages share: the event a code names, a small JSON body, the laptop's own address."""
from __future__ import annotations

import functools
import ipaddress

from flask import abort, g, make_response, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge

from facilitator import i18n
from facilitator.core import codes, events
from facilitator.core.errors import NotFound
from facilitator.delivery.services import services
from facilitator.web import languages


def event_or_404(s, raw_code: str):
    """The event a page's code names, or 404; a wrong code is a failed attempt from this address.

    Pages answer a wrong code with 404, so without counting them the join
    page, the big screen and the QR codes would let a script try codes as
    fast as it can ask. They share the limit with failed joins; past it,
    every code is refused (a right one too, or the answer would tell).
    """
    svc = services()
    ip = request.remote_addr or "?"
    if not svc.join_failures.would_allow(ip):
        g.language = languages.chosen_before_joining()
        error = i18n.gettext(g.language, svc.join_failures.message)
        abort(make_response(render_template("home.html", error=error, code=""), 429))
    try:
        return events.get_by_code(s, codes.normalise(raw_code) or "")
    except NotFound:
        svc.join_failures.allow(ip)
        abort(404)


class BodyTooLarge(Exception):
    """The request's body is larger than its endpoint ever needs."""


def small_json(limit: int):
    """The request's JSON body, read only if it is at most ``limit`` bytes (None if it is not JSON).

    Set per endpoint, before anything is read: parsing is what costs (a
    body of a million keys held the loop for seconds, stalling every phone),
    so a body larger than its endpoint ever needs is refused unread.
    """
    request.max_content_length = limit
    try:
        return request.get_json(silent=True)
    except RequestEntityTooLarge:
        raise BodyTooLarge() from None


@functools.lru_cache(maxsize=4096)  # asked at every join; a room has a few hundred addresses
def is_this_machine(address: str) -> bool:
    """A loopback address: the laptop the server runs on (its own browser, `bench/`)."""
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
