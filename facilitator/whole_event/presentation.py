"""What the big screen presents over the activity: the activity itself, a pause, or a spotlight.

The facilitator may pause the screen (it shows the event's title and how to
join, nothing else: while the group takes a break, or before something
private is said) and may put one card, theme or shared pledge in the
spotlight, full-screen, then take it down. Only the choice is stored
(``{"kind", "id"}``); what the spotlight shows is read afresh each time the
screen's view is built, so a card withdrawn, hidden or edited meanwhile is
gone or changed on the screen too. The board and the check-out write out what is
shown (their own card, theme and pledge views); the board learns whether a
change of its own is in the spotlight from ``core/spotlight.py``.

What does not fit on one page turns by itself (``participant_ui/lib/fit.js``):
the facilitator sets its pace (seconds a page), holds the pages or lets them
turn, and steps them a page on or back from the console. The pace and the
hold are kept with the mode; a step is only a message to the screens.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from facilitator.activities import board
from facilitator.activities.checkout import rules as checkout
from facilitator.core.models import Event
from facilitator.core.errors import DomainError, NotFound
from facilitator.i18n import N_
from facilitator.core.outbound import Changes, To

LIVE, PAUSED = "live", "paused"
MODES = (LIVE, PAUSED)
KINDS = ("card", "theme", "pledge")
TURNING, HELD = "turning", "held"
PAGES = (TURNING, HELD)
PACE_SECONDS = 8  # a page of names read from the back of a hall
PACE_RANGE = (3, 120)


def _state(event: Event) -> dict[str, Any]:
    return {"mode": LIVE, "spotlight": None, "pace": PACE_SECONDS, "pages": TURNING, **(event.screen_state or {})}


def set_pages(s: Session, event: Event, *, pace: int | None = None, pages: str | None = None, step: int | None = None) -> Changes:
    """How the screen's long lists turn: ``pace`` seconds a page, ``pages`` held or turning,
    ``step`` one page on (1) or back (-1) on every screen now."""
    if pace is None and pages is None and not step:
        raise DomainError(N_("Say how the pages should turn: a pace, hold or turn, or a page on or back."))
    if pace is not None and not PACE_RANGE[0] <= pace <= PACE_RANGE[1]:
        raise DomainError(N_("A page can stay from {low} to {high} seconds."), low=PACE_RANGE[0], high=PACE_RANGE[1])
    if pages is not None and pages not in PAGES:
        raise DomainError(N_("The pages either turn or are held."))
    changes = Changes(event.id)
    if pace is not None or pages is not None:
        state = _state(event)
        event.screen_state = {**state, "pace": state["pace"] if pace is None else pace, "pages": pages or state["pages"]}
        changes.screen = changes.console = True
    if step:
        changes.send("screen.turn", {"by": 1 if step > 0 else -1}, To.screen(event.id))
    return changes


def set_mode(s: Session, event: Event, mode: str) -> Changes:
    """Pause the screen (title and how to join only) or bring it back live."""
    if mode not in MODES:
        raise DomainError(N_("Say whether the big screen is live or paused."))
    event.screen_state = {**_state(event), "mode": mode}
    return Changes(event.id, screen=True, console=True)


def spotlight(s: Session, event: Event, kind: str | None, target_id: int | None) -> Changes:
    """Put one card, theme or shared pledge full-screen; no ``kind`` takes the spotlight down."""
    if kind is None:
        event.screen_state = {**_state(event), "spotlight": None}
        return Changes(event.id, screen=True, console=True)
    if kind not in KINDS or not isinstance(target_id, int):
        raise DomainError(N_("Choose one card, theme or shared pledge for the spotlight."))
    if _resolve(s, event, kind, target_id) is None:
        raise NotFound(N_("That is not on the board (or not shared) any more."))
    event.screen_state = {**_state(event), "spotlight": {"kind": kind, "id": target_id}}
    return Changes(event.id, screen=True, console=True)


def view(s: Session, event: Event) -> dict[str, Any]:
    """What the screen and the console are told: the mode, the spotlight as it reads now, and how pages turn."""
    state = _state(event)
    chosen = state.get("spotlight")
    shown = _resolve(s, event, chosen["kind"], chosen["id"]) if chosen else None
    return {"mode": state["mode"], "spotlight": shown, "pace": state["pace"], "pages": state["pages"]}


def _resolve(s: Session, event: Event, kind: str, target_id: int) -> dict[str, Any] | None:
    """What the spotlight shows of a card, theme or shared pledge, as its kind writes it out; None once it is gone."""
    if kind == "card":
        card = board.visible_card(s, event.id, target_id)
        if card:
            return {"kind": "card", "id": card["id"], "text": card["text"], "detail": card["table_name"]}
    elif kind == "theme":
        theme = board.theme_on_board(s, event.id, target_id)
        if theme:
            count = theme["cards"]
            return {"kind": "theme", "id": theme["id"], "text": theme["name"], "detail": f"{count} card{'s' if count != 1 else ''}"}
    elif kind == "pledge":
        pledge = checkout.shared_pledge(s, event.id, target_id)
        if pledge:
            return {"kind": "pledge", "id": pledge["id"], "text": pledge["text"], "detail": pledge["label"]}
    return None
