"""The check-out circle: the talking piece once more, then closings.

Two optional closings: **one word** (a word or short phrase each; the big
screen builds a word cloud) and **pledges** (what a person will do or offer
next, shared with the group or kept private; a private pledge is only ever
shown to its author).
"""
from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.core.models import Activity, Participant
from facilitator.activities.checkout.models import CheckoutWord, Pledge
from facilitator.activities import pulse
from facilitator.activities.checkout.personal import save_mine
from facilitator.activities.circle import CircleKind, personal_views

from facilitator.i18n import N_
from facilitator.core.errors import DomainError
from facilitator.i18n import N_
from facilitator.core.kinds import rows_of
from facilitator.core.outbound import Changes
from facilitator.core.text import clean

WORD_MAX = 40
PLEDGE_MAX = 500


def _checkout(activity: Activity | None, flag: str, not_now: str, none: str) -> Activity:
    # Each refusal a whole sentence of its own (N_), so that each language can word it.
    if activity is None or activity.kind != "checkout":
        raise DomainError(not_now)
    if not activity.config.get(flag):
        raise DomainError(none)
    return activity


def send_word(s: Session, activity: Activity | None, person: Participant, text: str) -> tuple[CheckoutWord, Changes]:
    """A person's one word (or short phrase); sending again replaces it."""
    activity = _checkout(activity, "one_word", N_("Words are shared during the check-out circle."), N_("This check-out has no words."))
    word = clean(text or "")
    if not word:
        raise DomainError(N_("Type a word or a short phrase."))
    if len(word) > WORD_MAX:
        raise DomainError(N_("One word or a short phrase: at most {limit} characters."), limit=WORD_MAX)
    row = s.scalar(select(CheckoutWord).where(CheckoutWord.activity_id == activity.id, CheckoutWord.participant_id == person.id))
    if row is None:
        row = CheckoutWord(activity_id=activity.id, participant_id=person.id)
        s.add(row)
    row.text = word
    s.flush()
    return row, Changes(activity.event_id, screen=True, console=True, participants={person.id})


def send_pledge(s: Session, activity: Activity | None, person: Participant, text: str, shared: bool) -> tuple[Pledge, Changes]:
    """What a person will do or offer next; sending again replaces it."""
    activity = _checkout(activity, "pledges", N_("Pledges are shared during the check-out circle."), N_("This check-out has no pledges."))
    return save_mine(s, Pledge, activity, person, text, shared, limit=PLEDGE_MAX,
                     too_long=N_("A pledge can be at most {limit} characters."),
                     empty=N_("Write what you will do or offer next, or leave it for now."))


def word_cloud(s: Session, activity: Activity) -> list[dict[str, Any]]:
    """The words, folded case-insensitively, with how many people sent each: ``[{text, count}]``."""
    counts: dict[str, dict[str, Any]] = {}
    for (text,) in s.execute(select(CheckoutWord.text).where(CheckoutWord.activity_id == activity.id).order_by(CheckoutWord.id)):
        key = text.casefold()
        if key in counts:
            counts[key]["count"] += 1
        else:
            counts[key] = {"text": text, "count": 1}
    return sorted(counts.values(), key=lambda w: (-w["count"], w["text"].casefold()))


def shared_pledge_rows(event_id: int):
    """(pledge, author) of an event, for pledges their authors chose to share and who are
    still in it: what the big screen, the spotlight and the report may show, and nothing else."""
    return (
        select(Pledge, Participant)
        .join(Participant, Participant.id == Pledge.participant_id)
        .join(Activity, Activity.id == Pledge.activity_id)
        .where(Activity.event_id == event_id, Pledge.shared.is_(True), Participant.removed_at.is_(None))
    )


def shared_pledges(s: Session, activity: Activity) -> list[dict[str, Any]]:
    """Pledges their authors chose to share, with the name they go by."""
    rows = s.execute(shared_pledge_rows(activity.event_id).where(Pledge.activity_id == activity.id).order_by(Pledge.id))
    return [_pledge_view(p, who) for p, who in rows]


def shared_pledge(s: Session, event_id: int, pledge_id: int) -> dict[str, Any] | None:
    """One pledge of this event its author chose to share, as the screen shows it; None when it is not shared."""
    row = s.execute(shared_pledge_rows(event_id).where(Pledge.id == pledge_id)).first()
    return _pledge_view(*row) if row else None


def _pledge_view(pledge: Pledge, author: Participant) -> dict[str, Any]:
    return {"id": pledge.id, "label": author.label, "text": pledge.text}


def _mine(s: Session, activity: Activity, ids: Iterable[int]) -> tuple[dict[int, str], dict[int, Pledge]]:
    ids = list(ids)
    if not ids:
        return {}, {}
    words = {
        w.participant_id: w.text
        for w in s.scalars(select(CheckoutWord).where(CheckoutWord.activity_id == activity.id, CheckoutWord.participant_id.in_(ids)))
    }
    pledges = {
        p.participant_id: p
        for p in s.scalars(select(Pledge).where(Pledge.activity_id == activity.id, Pledge.participant_id.in_(ids)))
    }
    return words, pledges


class CheckOut(CircleKind):
    name = "checkout"
    label = N_("Check-out circle")
    description = "The talking piece goes round once more to close; optional one word and pledges."
    default_prompt = N_("What will you take with you from today?")

    def held_contributions(self, s: Session, activity: Activity) -> int:
        return super().held_contributions(s, activity) + rows_of(s, activity, CheckoutWord, Pledge)

    def default_config(self) -> dict[str, Any]:
        return {**super().default_config(), "one_word": False, "pledges": False}

    def public_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        view = super().public_view(s, activity)
        view["one_word"] = bool(activity.config.get("one_word"))
        view["pledges"] = bool(activity.config.get("pledges"))
        return view

    def participant_views(self, s, activity, participants):
        participants = list(participants)
        out = personal_views(s, activity, participants)
        words, pledges = _mine(s, activity, [p.id for p in participants])
        for p in participants:
            pledge = pledges.get(p.id)
            out[p.id]["word"] = words.get(p.id)
            out[p.id]["pledge"] = {"text": pledge.text, "shared": pledge.shared} if pledge else None
        return out


    def screen_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        view = super().screen_view(s, activity)
        if view["one_word"]:
            view["words"] = word_cloud(s, activity)
        if view["pledges"]:
            view["shared_pledges"] = shared_pledges(s, activity)
        if pulse.enabled(activity):
            both = pulse.pulse_aggregates(s, activity.event)
            view["pulse_change"] = both["change"]
            # The check-in's averages, for the screen's chart of before and now.
            view["pulse_checkin"] = both["checkin"]
        return view
