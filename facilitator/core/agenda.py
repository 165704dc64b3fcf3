"""An event's agenda: an ordered list of activities, one of them current."""
from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, inspect, select
from sqlalchemy.orm import Session, object_session

from facilitator.core.models import Activity, Event, utcnow
from facilitator.core import group_agreement as confidentiality, other_languages
from facilitator.core.kinds import kind_of
from facilitator.core.errors import DomainError, NotFound
from facilitator.i18n import N_
from facilitator.core.outbound import Changes
from facilitator.core.text import clean

MAX_ACTIVITIES = 50


def add_activity(
    s: Session,
    event: Event,
    kind: str,
    *,
    title: str | None = None,
    config: dict[str, Any] | None = None,
    position: int | None = None,
) -> Activity:
    spec = kind_of(kind)
    confidentiality.check_agenda_kind(event, kind)
    if len(event.activities) >= MAX_ACTIVITIES:
        raise DomainError(N_("An agenda can hold at most {limit} activities."), limit=MAX_ACTIVITIES)
    title = clean(title or "") or spec.label
    if len(title) > 200:
        raise DomainError(N_("An activity title can be at most 200 characters."))
    activity = Activity(kind=kind, title=title, config=spec.validate_config(dict(config or {})), state={})
    items = list(event.activities)
    index = len(items) if position is None else max(0, min(int(position), len(items)))
    items.insert(index, activity)
    event.activities.append(activity)
    _renumber(items)
    s.flush()
    return activity


def changed(event: Event) -> Changes:
    """Who hears that the agenda changed (an activity added, removed or moved): every phone, the screen, the console."""
    return Changes(event.id, phones=True, screen=True, console=True)


def _renumber(items: list[Activity]) -> None:
    for i, item in enumerate(items):
        item.position = i


def get_activity(event: Event, activity_id: int) -> Activity:
    for activity in event.activities:
        if activity.id == activity_id:
            return activity
    raise NotFound(N_("That activity is not on this event's agenda."))


def current(event: Event) -> Activity | None:
    if event.current_activity_id is None:
        return None
    if "activities" in inspect(event).unloaded:
        # The one row (often loaded already: see participants.still_in_event),
        # not the whole agenda. It is checked against the id, which is what
        # moves the agenda: the relationship is read-only and may be older.
        activity = event.current_activity
        if activity is not None and activity.id == event.current_activity_id and activity.event_id == event.id:
            return activity
    for activity in event.activities:
        if activity.id == event.current_activity_id:
            return activity
    return None


def load_current(s: Session, activity_id: int | None) -> Activity | None:
    """The current activity alone, by its id (an event read as a row: ``events.to_join``),
    for its kind's views of one person; its settings are read if they are used."""
    return s.get(Activity, activity_id) if activity_id is not None else None


def update_activity(
    s: Session, event: Event, activity_id: int, *, title: str | None = None, config: dict | None = None
) -> Changes:
    activity = get_activity(event, activity_id)
    before_title, before = activity.title, dict(activity.config)
    if title is not None:
        title = clean(title)
        if not title or len(title) > 200:
            raise DomainError(N_("An activity needs a title of at most 200 characters."))
        activity.title = title
    if config is not None:
        spec = kind_of(activity.kind)
        activity.config = spec.validate_config({**activity.config, **config})
        spec.on_config_change(s, activity, before)
    if activity.texts_in:
        # A text the facilitator rewrote loses its versions in other languages (they said the old words).
        changed = other_languages.changed_activity_texts(before_title, before, activity.title, activity.config)
        activity.texts_in = other_languages.without(activity.texts_in, changed)
    return Changes.everything(event.id)


def held_contributions(s: Session, activity: Activity) -> int:
    """How many things people gave in this activity that removing it would delete:
    turns taken, words, pledges, goals, pulse answers (each kind counts its own).
    (Cards and questions belong to the event and stay.)"""
    return kind_of(activity.kind).held_contributions(s, activity)


def remove_activity(s: Session, event: Event, activity_id: int, *, confirmed: bool = False) -> Changes:
    """Take an activity off the agenda; one that holds people's contributions only once ``confirmed``."""
    activity = get_activity(event, activity_id)
    if event.current_activity_id == activity.id:
        raise DomainError(N_("This activity is running now. Move the agenda on before removing it."))
    held = held_contributions(s, activity) if not confirmed else 0
    if held:
        # One sentence each for one and for more (a refusal has no plural forms yet).
        raise DomainError(
            N_("“{title}” holds {n} contribution from people (turns taken, words, pledges, goals or pulse answers); "
               "removing it deletes them. Remove it anyway?") if held == 1 else
            N_("“{title}” holds {n} contributions from people (turns taken, words, pledges, goals or pulse answers); "
               "removing it deletes them. Remove it anyway?"),
            code="confirm", title=activity.title, n=held,
        )
    event.activities.remove(activity)
    s.delete(activity)
    _renumber(list(event.activities))
    return changed(event)


def move_activity(s: Session, event: Event, activity_id: int, to_index: int) -> Changes:
    activity = get_activity(event, activity_id)
    items = [a for a in event.activities if a.id != activity.id]
    items.insert(max(0, min(int(to_index), len(items))), activity)
    _renumber(items)
    event.activities.sort(key=lambda a: a.position)
    return changed(event)


def go_to(s: Session, event: Event, activity_id: int | None) -> Changes:
    """Make an activity current: the old one is left, the new one entered."""
    new = get_activity(event, activity_id) if activity_id is not None else None
    old = current(event)
    if old is not None and (new is None or old.id != new.id):
        kind_of(old.kind).on_leave(s, old)
    event.current_activity_id = new.id if new else None
    if new is not None and (old is None or old.id != new.id):
        if new.started_at is None:
            new.started_at = utcnow()
        kind_of(new.kind).on_enter(s, new)
    s.flush()
    return Changes.everything(event.id)


def step(s: Session, event: Event, delta: int) -> Changes:
    """Move to the next (+1) or previous (-1) activity."""
    items = list(event.activities)
    if not items:
        raise DomainError(N_("The agenda is empty: add an activity first."))
    now = current(event)
    index = items.index(now) if now in items else -1
    target = index + delta
    if target < 0 or target >= len(items):
        raise DomainError(N_("That is the end of the agenda.") if delta > 0 else N_("This is the first activity."))
    return go_to(s, event, items[target].id)


# What the outline shows of each activity, read as rows: every phone's
# snapshot carries the outline, and loading the agenda as ORM objects for it
# was a fifth of a phone's connect.
_OUTLINE = (
    select(Activity.id, Activity.kind, Activity.title, Activity.started_at)
    .where(Activity.event_id == bindparam("event"))
    .order_by(Activity.position)
)


def outline(event: Event) -> list[dict[str, Any]]:
    """The agenda as phones and the screen see it; ``started`` once an activity has been run."""
    s = object_session(event)
    if s is not None and "activities" in inspect(event).unloaded:
        # The session's pending changes are flushed first (autoflush), so the rows are what the objects would say.
        rows = s.execute(_OUTLINE, {"event": event.id})
        return [{"id": i, "kind": kind, "title": title, "started": started is not None} for i, kind, title, started in rows]
    return [{"id": a.id, "kind": a.kind, "title": a.title, "started": a.started_at is not None} for a in event.activities]
