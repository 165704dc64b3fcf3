"""The 3Cs pulse: how much Control, Contact and Confidence people feel, anonymously.

An answer adds one to a counter per C (``PulseTally``) and leaves a marker
that the person has answered (``PulseResponder``); nothing joins the two, so
no view, export or message can link a rating to a person. Aggregates are
shown only once at least ``MIN_ANSWERS`` people have rated a C.

What the big screen shows moves in steps (see :func:`_publish`): a C's mean
and count change only when at least ``MIN_ANSWERS`` new ratings of it have
come in since it last changed. If the screen followed every answer, anyone
who saw a neighbour tap "Send" could compare the screen before and after and
work out that one rating exactly (the new mean times the new count, less the
old mean times the old count). With steps, two views in a row differ by three
or more ratings together, so no one of them can be read off; rounding the
numbers instead would not help, as a small room's single answer still moves
a rounded mean.

The steps are the only numbers that ever leave: the screen, the console,
every export (``pulse_aggregates``) and the archive's tallies
(``published_tallies``) all read them, and how many people have answered is
told in the same steps. Were any one of them to follow every answer, it
compared with another would give one person's rating away again. The
ratings not yet in a step (at most two per C) are counted, and shown once
the next step is reached.
"""
from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.i18n import N_
from facilitator.core.models import Activity, Event, Participant
from facilitator.activities.pulse.models import PulseResponder, PulseTally
from facilitator.core.errors import DomainError
from facilitator.core.kinds import rows_of
from facilitator.core.outbound import Changes

# The 3Cs, in the order every view and export lists them: the one place Python names them
# (a card's tag is one of them too).
LABELS = {"control": N_("Control"), "contact": N_("Contact"), "confidence": N_("Confidence")}
DIMENSIONS = tuple(LABELS)
IN_WORDS = f"{LABELS['control']}, {LABELS['contact']} or {LABELS['confidence']}"
# Each C's refusal a sentence of its own (N_), so that each language names the C in it.
OUT_OF_RANGE = {
    "control": N_("Control is rated from 1 to 5."),
    "contact": N_("Contact is rated from 1 to 5."),
    "confidence": N_("Confidence is rated from 1 to 5."),
}
SCORES = range(1, 6)
# Fewer answers than this would let the room guess who said what.
MIN_ANSWERS = 3
PHASES = {"checkin": "checkin", "checkout": "checkout"}
# Where an activity keeps what its screen shows: {C: {"count": n, "sum": total}}.
STATE_KEY = "pulse_shown"


def enabled(activity: Activity) -> bool:
    return activity.kind in PHASES and bool((activity.config or {}).get("pulse"))


def has_answered(s: Session, activity: Activity, person: Participant) -> bool:
    return s.scalar(
        select(PulseResponder.id).where(
            PulseResponder.activity_id == activity.id, PulseResponder.participant_id == person.id
        )
    ) is not None


def answered_among(s: Session, activity: Activity, ids: Iterable[int]) -> set[int]:
    """Which of these people have answered (for their own phones only)."""
    ids = list(ids)
    if not ids:
        return set()
    return set(
        s.scalars(
            select(PulseResponder.participant_id).where(
                PulseResponder.activity_id == activity.id, PulseResponder.participant_id.in_(ids)
            )
        )
    )


def answer(s: Session, activity: Activity, person: Participant, ratings: dict[str, int | None]) -> tuple[bool, Changes]:
    """Record one person's ratings once; returns (newly recorded, changes).

    A second answer (a retry from a phone's outbox, or a second try) is not
    counted again and is not an error: the first one stands.
    """
    if not enabled(activity):
        raise DomainError(N_("There is no 3Cs pulse in this activity."))
    given = {d: ratings.get(d) for d in DIMENSIONS if ratings.get(d) is not None}
    if not given:
        raise DomainError(N_("Choose a number from 1 to 5 for at least one of Control, Contact and Confidence."))
    for d, score in given.items():
        if score not in SCORES:
            raise DomainError(OUT_OF_RANGE[d])
    changes = Changes(activity.event_id, participants={person.id})
    if has_answered(s, activity, person):
        return False, changes
    s.add(PulseResponder(activity_id=activity.id, participant_id=person.id))
    buckets = _buckets(s, activity)
    for d, score in given.items():
        buckets[(d, score)].count += 1
    s.flush()
    _publish(activity, buckets)
    changes.screen = changes.console = True
    return True, changes


def _buckets(s: Session, activity: Activity) -> dict[tuple[str, int], PulseTally]:
    rows = {(t.dimension, t.score): t for t in s.scalars(select(PulseTally).where(PulseTally.activity_id == activity.id))}
    if not rows:
        for d in DIMENSIONS:
            for score in SCORES:
                rows[(d, score)] = PulseTally(activity_id=activity.id, dimension=d, score=score, count=0)
                s.add(rows[(d, score)])
        s.flush()
    return rows


def _publish(activity: Activity, buckets: dict[tuple[str, int], PulseTally]) -> None:
    """Move a C's shown aggregate on once MIN_ANSWERS new ratings of it are in (never for fewer)."""
    shown = dict((activity.state or {}).get(STATE_KEY) or {})
    for d in DIMENSIONS:
        count = sum(buckets[(d, score)].count for score in SCORES)
        if count - (shown.get(d) or {}).get("count", 0) >= MIN_ANSWERS:
            shown[d] = {
                "count": count,
                "sum": sum(score * buckets[(d, score)].count for score in SCORES),
                # The tallies as they stood at this step, for the archive (published_tallies).
                "scores": {str(score): buckets[(d, score)].count for score in SCORES},
            }
    # A new dict, so SQLAlchemy sees the JSON column change.
    activity.state = {**(activity.state or {}), STATE_KEY: shown}


def _shown(activities: Iterable[Activity]) -> dict[str, Any]:
    """Mean and count per C as the screen may show them: from the published steps only."""
    sums = {d: 0 for d in DIMENSIONS}
    counts = {d: 0 for d in DIMENSIONS}
    for activity in activities:
        for d, step in ((activity.state or {}).get(STATE_KEY) or {}).items():
            if d in sums:
                sums[d] += step["sum"]
                counts[d] += step["count"]
    return _means(sums, counts)


def _means(sums: dict[str, int], counts: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for d in DIMENSIONS:
        shown = counts[d] >= MIN_ANSWERS
        out[d] = {
            "label": LABELS[d],
            "count": counts[d] if shown else None,
            "mean": round(sums[d] / counts[d], 1) if shown else None,
            "shown": shown,
        }
    return out


def _responders(s: Session, activity_ids: list[int]) -> int:
    if not activity_ids:
        return 0
    return len(list(s.scalars(select(PulseResponder.id).where(PulseResponder.activity_id.in_(activity_ids)))))


def answers_held(s: Session, activity: Activity) -> int:
    return rows_of(s, activity, PulseResponder)


def activity_aggregates(s: Session, activity: Activity) -> dict[str, Any]:
    """What the big screen may show for one activity's pulse: the published steps."""
    responders = _responders(s, [activity.id])
    return {
        "enough": responders >= MIN_ANSWERS,
        "minimum": MIN_ANSWERS,
        "step": MIN_ANSWERS,
        # In the same steps as the means: a counter that went up one at a
        # time would say when one person's answer arrived.
        "answered": responders - responders % MIN_ANSWERS if responders >= MIN_ANSWERS else None,
        "scores": _shown([activity]),
    }


def _change(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    change = {}
    for d in DIMENSIONS:
        a, b = before[d], after[d]
        change[d] = round(b["mean"] - a["mean"], 1) if a["shown"] and b["shown"] else None
    return change


def pulse_aggregates(s: Session, event: Event) -> dict[str, Any]:
    """The event's pulse at check-in and at check-out, and the change between them, as published.

    ``{"checkin": {C: {label, count, mean, shown}}, "checkout": {...}, "change": {C: float|None}}``;
    a C rated by fewer than MIN_ANSWERS people has no count or mean. From the
    steps the big screen shows, for the screen and for every export alike.
    """
    acts = {phase: [a for a in event.activities if a.kind == phase] for phase in PHASES}
    checkin, checkout = _shown(acts["checkin"]), _shown(acts["checkout"])
    return {"checkin": checkin, "checkout": checkout, "change": _change(checkin, checkout)}


def published_tallies(activity_state: dict[str, Any] | None, live: dict[tuple[str, int], int]) -> dict[tuple[str, int], int]:
    """One activity's tallies ``{(C, score): n}`` as of each C's last published step.

    For the archive: a backup that carried the live tallies would, taken
    twice, give away the one rating added in between. ``live`` are the
    tallies now; a step saved before steps kept their scores is used only
    when nothing has been added since it (then the live tallies are the step's).
    """
    steps = (activity_state or {}).get(STATE_KEY) or {}
    out = {}
    for d in DIMENSIONS:
        step = steps.get(d) or {}
        live_count = sum(live.get((d, score), 0) for score in SCORES)
        for score in SCORES:
            if "scores" in step:
                out[(d, score)] = int(step["scores"].get(str(score), 0))
            elif step and step.get("count") == live_count:
                out[(d, score)] = live.get((d, score), 0)
            else:
                out[(d, score)] = 0
    return out
