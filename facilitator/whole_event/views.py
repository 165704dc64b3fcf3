"""Snapshots: everything a phone, the big screen or the console needs to draw itself.

A client gets a full snapshot on every (re)connect, so it never depends on
having seen earlier messages; later it receives patches of the same shape.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from facilitator.activities.agreements.rules import screen_panel
from facilitator.core.models import Activity, Event, Participant
from facilitator.core import agenda, codes, other_languages, participants
from facilitator.whole_event import presentation
from facilitator.core.kinds import catalogue, kind_of


def event_public(event: Event) -> dict[str, Any]:
    return {
        "code": event.code,
        "display_code": codes.display(event.code),
        "title": event.title,
        "purpose": event.purpose,
        "welcome_text": event.welcome_text,
        "agreement_text": event.agreement_text,
        "locked": event.locked,
        # The room's languages: the big screen's, and a second beside it (None: one language).
        "language": event.language or "en",
        "second_language": event.second_language,
        # The facilitator's texts above in other languages: a phone shows its person's (core/other_languages.py).
        # Always sent (a patch merges shallowly: an emptied one must replace the old), small when empty.
        "texts_in": event.texts_in or {},
    }


def me(person: Participant) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "label": person.label,
        "pronouns": person.pronouns,
        "anonymous": person.anonymous,
        "agreed": person.agreed_at is not None,
        "language": person.language,
    }


def _activity(event: Event, view: str, s: Session, person: Participant | None = None) -> dict | None:
    act = agenda.current(event)
    if act is None:
        return None
    kind = kind_of(act.kind)
    body = getattr(kind, f"{view}_view")(s, act) if person is None else kind.participant_view(s, act, person)
    if person is not None:
        return body
    view = {"id": act.id, "kind": act.kind, "title": act.title, **body}
    # Only when there are any: every patch of the activity carries them (a move of the talking piece, to 2,000 phones).
    versions = other_languages.activity_versions(event, act)
    if versions:
        view["texts_in"] = versions
    defaults = other_languages.default_fields(act, kind)
    if defaults:
        view["defaults"] = defaults
    return view


def cohost_snapshot(s: Session, event: Event) -> dict[str, Any]:
    """A co-host's phone: what every phone sees of the event and its activity (who speaks,
    who is next, the round and its timer), and no roster, cards' authors or links."""
    return phone_public(s, event)


def phone_public(s: Session, event: Event, *, activity_only: bool = False) -> dict[str, Any]:
    """The part of a phone's snapshot that is the same for everyone in the event;
    ``activity_only``: its current activity alone (a patch after a change to nothing else)."""
    activity = _activity(event, "public", s)
    if activity_only:
        return {"activity": activity}
    return {"event": event_public(event), "agenda": agenda.outline(event), "activity": activity}


def phone_personal(s: Session, event: Event, person: Participant) -> dict[str, Any]:
    return phone_personal_many(s, event, [person])[person.id]


def phone_personal_many(s: Session, event: Event, persons: list[Participant]) -> dict[int, dict[str, Any]]:
    """Personal parts for many people, letting the activity batch its queries."""
    open_to = participants.open_to(event, persons)
    return phone_personal_in(s, agenda.current(event), persons, open_to)


def phone_personal_in(
    s: Session, current: Activity | None, persons: list[Participant], open_to: list[Participant]
) -> dict[int, dict[str, Any]]:
    """:func:`phone_personal_many` given the current activity (None: nothing running, or a
    kind with no personal view) and who may see it (a connecting phone reads no more)."""
    mine = kind_of(current.kind).participant_views(s, current, open_to) if current is not None and open_to else {}
    return {p.id: {"me": me(p), "mine": mine.get(p.id) or {}} for p in persons}


def activity_parts(s: Session, event: Event, audience: str, parts: frozenset[str]) -> dict[str, Any] | None:
    """A patch of the current activity's ``parts`` alone for the screen or the console
    (``audience``), merged into the activity they hold (``inside``, checked by its id);
    None when its kind sends whole views."""
    act = agenda.current(event)
    body = kind_of(act.kind).view_parts(s, act, audience, parts) if act is not None else None
    return None if body is None else {"inside": {"activity": {"id": act.id, **body}}}


def phone_personal_parts(
    s: Session, event: Event, persons: list[Participant], parts: frozenset[str]
) -> dict[int, dict[str, Any]] | None:
    """Patches of these people's own views' ``parts`` alone, merged into the ``mine`` they hold;
    None when the current activity's kind sends whole views. Nobody who has not accepted
    the group agreement is among them: they hold no view of the activity."""
    act = agenda.current(event)
    if act is None:
        return None
    open_to = participants.open_to(event, persons)
    mine = kind_of(act.kind).participant_view_parts(s, act, open_to, parts)
    return None if mine is None else {pid: {"inside": {"mine": part}} for pid, part in mine.items()}


def phone_snapshot(s: Session, event: Event, person: Participant) -> dict[str, Any]:
    if participants.must_accept_agreement(event, person):
        # Nothing of the event but its name and its agreement until it is accepted.
        return {"event": event_public(event), "agenda": [], "activity": None, "me": me(person), "mine": {}}
    return {**phone_public(s, event), **phone_personal(s, event, person)}


# The big screen shows the newest arrivals while people come in, and how many are here.
SCREEN_ARRIVALS = 40


def roster_summary(s: Session, event: Event, *, for_screen: bool = False) -> dict[str, Any]:
    """Who is here: the console gets everyone (``roster``); the screen what it shows, the count
    and the latest ``SCREEN_ARRIVALS`` to arrive (``arrivals``), then ``roster.person`` deltas."""
    if for_screen:
        latest, count, online = participants.screen_roster(s, event, SCREEN_ARRIVALS)
        return {"arrivals": latest, "count": count, "online": online}
    people = participants.roster(s, event)
    counts = {"count": len(people), "online": sum(1 for p in people if p["online"])}
    # The console's alone: who was removed, and may be let back in.
    return {"roster": people, **counts, "removed": participants.removed(s, event)}


def screen_snapshot(s: Session, event: Event, join_url: str, *, with_roster: bool = True) -> dict[str, Any]:
    """with_roster=False for a patch after a change that left the roster alone:
    at 2,000 people the roster is most of the work and most of the bytes.

    ``agreements`` are the group's accepted agreements, which stay on the big
    screen whatever activity is running."""
    return {
        "event": event_public(event),
        "join_url": join_url,
        "agenda": agenda.outline(event),
        "activity": _activity(event, "screen", s),
        "agreements": screen_panel(s, event),
        "presentation": presentation.view(s, event),
        **(roster_summary(s, event, for_screen=True) if with_roster else {}),
    }


def console_snapshot(
    s: Session, event: Event, join_url: str, *, screen_link: str | None = None, cohost_link: str | None = None,
    with_roster: bool = True,
) -> dict[str, Any]:
    """``screen_link``: the big screen's link path with its secret (core/screens.py);
    ``cohost_link``: the co-host's link with its secret, or None (core/cohost.py); for the console alone."""
    return {
        "event": {
            **event_public(event),
            "retain_until": event.retain_until.isoformat() if event.retain_until else None,
        },
        "join_url": join_url,
        "screen_link": screen_link,
        "cohost_link": cohost_link,
        "agenda": [
            {"id": a.id, "kind": a.kind, "title": a.title, "config": a.config, "position": a.position,
             "texts_in": a.texts_in or {}, "defaults": other_languages.default_fields(a, kind_of(a.kind))}
            for a in event.activities
        ],
        "current": event.current_activity_id,
        "activity": _activity(event, "console", s),
        "presentation": presentation.view(s, event),
        "kinds": catalogue(),
        **(roster_summary(s, event) if with_roster else {}),
    }
