"""Theme suggestions on the board: asked for, proposed, accepted or thrown away.

The facilitator asks (:func:`begin_ask`): the cards that have no theme yet
are read and the ask is numbered. The grouping itself
(:func:`facilitator.activities.board.suggest.suggest`) runs afterwards with no session
open; :func:`save_proposals` keeps its groups only if no later ask has
superseded this one. Nothing changes a card until the facilitator accepts a
group (:func:`accept`), as a new theme or into one already on the board;
what they throw away (:func:`reject`) is remembered and never proposed again.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from facilitator.core.models import Activity, Event, utcnow
from facilitator.activities.board.models import Card, ThemeSuggestion
from facilitator.activities.board import rules as board
from facilitator.core.errors import DomainError, NotFound
from facilitator.i18n import N_
from facilitator.core.outbound import Changes, To
from facilitator.activities.board.suggest import Suggestions

PROPOSED, ACCEPTED, REJECTED, SUPERSEDED = "proposed", "accepted", "rejected", "superseded"


@dataclass(frozen=True)
class Ask:
    """What the grouping needs, read in one short transaction."""

    event_id: int
    activity_id: int  # the harvest it was asked in
    number: int
    cards: list[tuple[int, str]]
    avoid: list[list[int]]
    changes: Changes


def _harvest(event: Event) -> Activity:
    act = board._harvest(event)
    if act is None:
        raise DomainError(N_("Theme suggestions are made at the harvest: move the agenda to the harvest first."))
    return act


def _state(act: Activity) -> dict[str, Any]:
    return dict((act.state or {}).get("suggest") or {"ask": 0, "running": False, "unplaced": []})


def _set_state(act: Activity, **values: Any) -> None:
    act.state = {**(act.state or {}), "suggest": {**_state(act), **values}}


def _open_cards(s: Session, event_id: int) -> list[tuple[int, str]]:
    """The cards on the board that no theme holds yet, ``(id, text)``: the ones to group.

    Columns, not objects: at 2,000 cards loading them as objects held the
    event loop for a tenth of a second on every ask and every update.
    """
    q = select(Card.id, Card.text).where(Card.event_id == event_id, Card.theme_id.is_(None))
    return [(row.id, row.text) for row in s.execute(board._visible(q).order_by(Card.id))]


def _open_ids(s: Session, event_id: int) -> set[int]:
    q = select(Card.id).where(Card.event_id == event_id, Card.theme_id.is_(None))
    return set(s.scalars(board._visible(q)))


def _told(s: Session, act: Activity) -> Changes:
    """The console hears the suggestions as they now stand (a small delta, not its whole view)."""
    return Changes(act.event_id).send("board.suggestions", console_view(s, act), To.console(act.event_id))


def begin_ask(s: Session, event: Event) -> Ask:
    """Number a new ask (it supersedes any earlier one still running) and read what it groups."""
    act = _harvest(event)
    cards = _open_cards(s, event.id)
    if len(cards) < 2:
        raise DomainError(N_("Every card is already in a theme (or there is only one): there is nothing to group."))
    number = _state(act)["ask"] + 1
    _set_state(act, ask=number, running=True, error=None)
    avoid = [list(ids) for ids in s.scalars(
        select(ThemeSuggestion.card_ids).where(ThemeSuggestion.event_id == event.id, ThemeSuggestion.status == REJECTED)
    )]
    return Ask(event.id, act.id, number, cards, avoid, _told(s, act))


def _asked_in(s: Session, ask: Ask) -> Activity | None:
    """The harvest the ask was made in, if this ask is still its latest (the event may have moved on meanwhile)."""
    act = s.get(Activity, ask.activity_id)
    return act if act is not None and _state(act)["ask"] == ask.number else None


def save_proposals(s: Session, ask: Ask, found: Suggestions, method: str = "words") -> Changes | None:
    """Keep what ``ask`` found, unless a later ask superseded it: then None.

    Kept even if the agenda has moved on meanwhile: they are only proposals,
    there when the facilitator comes back to the harvest (and the ask no
    longer shows as running).

    ``method`` says how the cards were compared: ``words`` or ``meaning`` (the learned model).
    """
    act = _asked_in(s, ask)
    if act is None:
        return None
    event_id, number = ask.event_id, ask.number
    s.execute(
        update(ThemeSuggestion)
        .where(ThemeSuggestion.event_id == event_id, ThemeSuggestion.status == PROPOSED)
        .values(status=SUPERSEDED, decided_at=utcnow())
    )
    for group in found.groups:
        s.add(ThemeSuggestion(event_id=event_id, ask=number, name=group.name[:board.THEME_MAX] or "Suggested theme",
                              card_ids=list(group.card_ids), status=PROPOSED))
    _set_state(act, running=False, unplaced=list(found.unplaced), error=None, method=method)
    s.flush()
    return _told(s, act)


def give_up(s: Session, ask: Ask) -> Changes | None:
    """Ask ``number`` failed: say so on the console (unless a later ask took over)."""
    act = _asked_in(s, ask)
    if act is None:
        return None
    # English, as stored; the console shows it in its own language (the sentence is its id).
    _set_state(act, running=False, error=N_("The suggestions could not be made this time; nothing was changed. Try again."))
    return _told(s, act)


def _proposed(s: Session, event: Event, suggestion_id: int) -> ThemeSuggestion:
    found = s.get(ThemeSuggestion, suggestion_id)
    if found is None or found.event_id != event.id:
        raise NotFound(N_("There is no such suggestion on this board."))
    if found.status != PROPOSED:
        raise DomainError(N_("That suggestion was already dealt with, or a newer ask replaced it."))
    return found


def accept(s: Session, event: Event, suggestion_id: int, *, theme_id: int | None = None, name: str | None = None,
           card_ids: list[int] | None = None) -> tuple[int, Changes]:
    """Put a suggested group's cards in a new theme (its name, or ``name``) or in theme ``theme_id``.

    ``card_ids`` keeps only some of the group's cards (the facilitator took
    the others out). Cards withdrawn, hidden, merged or themed since are left
    as they are. Returns the theme's id.
    """
    act = _harvest(event)
    suggestion = _proposed(s, event, suggestion_id)
    chosen = list(suggestion.card_ids)
    if card_ids is not None:
        stray = set(card_ids) - set(chosen)
        if stray:
            raise DomainError(N_("Only the cards of the suggestion can be accepted with it."))
        chosen = [cid for cid in chosen if cid in set(card_ids)]
    still = _open_ids(s, event.id)
    chosen = [cid for cid in chosen if cid in still]
    if not chosen:
        raise DomainError(N_("None of these cards is still on the board without a theme."))
    changes = Changes(event.id)
    if theme_id is not None:
        theme = board._theme(s, event, theme_id)
    else:
        theme, created = board.create_theme(s, event, name if name and name.strip() else suggestion.name)
        changes.merge(created)
    changes.merge(board.assign_themes(s, event, chosen, theme.id))
    suggestion.status, suggestion.theme_id, suggestion.decided_at = ACCEPTED, theme.id, utcnow()
    s.flush()
    return theme.id, changes.merge(_told(s, act))


def reject(s: Session, event: Event, suggestion_id: int) -> Changes:
    """Throw a suggestion away: remembered, so that asking again does not propose it again."""
    act = _harvest(event)
    suggestion = _proposed(s, event, suggestion_id)
    suggestion.status, suggestion.decided_at = REJECTED, utcnow()
    s.flush()
    return _told(s, act)


def console_view(s: Session, activity: Activity) -> dict[str, Any]:
    """The console's part: the latest ask's groups still undecided, and the cards that fit nowhere."""
    state = _state(activity)
    rows = s.scalars(
        select(ThemeSuggestion)
        .where(ThemeSuggestion.event_id == activity.event_id, ThemeSuggestion.status == PROPOSED)
        .order_by(ThemeSuggestion.id)
    )
    open_ids = _open_ids(s, activity.event_id)
    groups = []
    for row in rows:
        cards = [cid for cid in row.card_ids if cid in open_ids]
        if len(cards) >= 1:
            groups.append({"id": row.id, "name": row.name, "cards": cards})
    return {
        "ask": state["ask"],
        "running": bool(state.get("running")),
        "error": state.get("error"),
        "groups": groups,
        "unplaced": [cid for cid in state.get("unplaced", []) if cid in open_ids],
        "method": state.get("method"),
    }
