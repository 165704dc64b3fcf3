"""Activity kinds: the pieces an agenda is made of.

An event's agenda is an ordered list of :class:`~facilitator.core.models.Activity`
rows; what each one *means* (its settings, what phones and the big screen
show, what happens when it starts) is an :class:`ActivityKind` registered
by ``facilitator/activities/registry.py``, the one place kinds are named.
"""
from __future__ import annotations

import importlib
from typing import Any, ClassVar, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.core.models import Activity, Participant
from facilitator.core.errors import DomainError
from facilitator.core.text import clean
from facilitator.i18n import N_

KINDS: dict[str, "ActivityKind"] = {}
PROMPT_MAX = 300


def clean_prompt(value: Any, default: str) -> str:
    """The question a kind puts to the room: text of at most ``PROMPT_MAX`` characters, the kind's own when empty."""
    if not isinstance(value, str):
        raise DomainError(N_("The prompt must be text."))
    value = clean(value, multiline=True)
    if len(value) > PROMPT_MAX:
        raise DomainError(N_("The prompt can be at most {limit} characters."), limit=PROMPT_MAX)
    return value or default


class ActivityKind:
    name: ClassVar[str]
    label: ClassVar[str]
    description: ClassVar[str] = ""
    # True when phones show something personal (your table, your turn).
    has_personal_view: ClassVar[bool] = False
    # Which of this kind's views ("phones", "screen", "console") show who is
    # here or connected: the publisher resends them whenever that changes
    # (a person joins, leaves, connects, disconnects or is renamed), not only
    # when the activity itself next moves.
    views_showing_people: ClassVar[frozenset[str]] = frozenset()
    # A circle: a talking piece goes round (the circle.* actions work on it).
    is_circle: ClassVar[bool] = False

    def default_config(self) -> dict[str, Any]:
        return {}

    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        """The cleaned settings, or a DomainError saying what to fix."""
        unknown = set(config) - set(self.default_config())
        if unknown:
            raise DomainError(N_("{kind} has no setting called {names}."), kind=self.label, names=", ".join(sorted(unknown)))
        return {**self.default_config(), **config}

    def on_enter(self, s: Session, activity: Activity) -> None:
        """Called when the agenda moves to this activity."""

    def on_leave(self, s: Session, activity: Activity) -> None:
        """Called when the agenda moves away from this activity."""

    def on_config_change(self, s: Session, activity: Activity, before: dict[str, Any]) -> None:
        """Called after the facilitator changes the settings (``before`` is the old config)."""

    def held_contributions(self, s: Session, activity: Activity) -> int:
        """How many things people gave in this activity that removing it would delete."""
        return 0

    def on_erase(self, s: Session, person: Participant) -> None:
        """Called before a person is erased for good: keep what the group made its own."""

    # The harvest board's cards are written during the kinds that answer these (the café's
    # tables): the board asks the current activity, and knows no kind that writes cards.
    board_groupings: ClassVar[tuple[str, ...]] = ()  # how the board may be grouped meanwhile

    def card_places(self, s: Session, activity: Activity, requests: Iterable[tuple[int, int | None]]) -> dict | None:
        """For each (author, round named), where a card written now goes; None: no cards here."""
        return None

    def hosts_table(self, s: Session, activity: Activity, participant_id: int, table_id: int) -> bool:
        """True while this person hosts that table (a host edits the table's cards)."""
        return False

    def public_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        """What every phone in the event may see."""
        return {}

    def participant_view(self, s: Session, activity: Activity, participant: Participant) -> dict[str, Any]:
        """What this one person's phone shows on top of the public view.

        A kind overrides this or ``participant_views`` (to batch its queries), and the other follows."""
        if type(self).participant_views is ActivityKind.participant_views:
            return {}
        return self.participant_views(s, activity, [participant])[participant.id]

    def participant_views(
        self, s: Session, activity: Activity, participants: Iterable[Participant]
    ) -> dict[int, dict[str, Any]]:
        """Personal views for many people at once."""
        return {p.id: self.participant_view(s, activity, p) for p in participants}

    @property
    def personalises(self) -> bool:
        """Whether a phone shows more in this activity than every phone shows (its own view)."""
        kind = type(self)
        return kind.participant_views is not ActivityKind.participant_views or kind.participant_view is not ActivityKind.participant_view

    def screen_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        """What the big screen shows; by default the public view."""
        return self.public_view(s, activity)

    def console_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        """What the facilitator's console shows; by default the screen view."""
        return self.screen_view(s, activity)

    def view_parts(self, s: Session, activity: Activity, audience: str, parts: frozenset[str]) -> dict[str, Any] | None:
        """Only ``parts`` of the ``audience``'s view ("screen" or "console"), for a change that
        named them (``Changes.parts``); None: this kind sends its whole view."""
        return None

    def participant_view_parts(
        self, s: Session, activity: Activity, participants: Iterable[Participant], parts: frozenset[str]
    ) -> dict[int, dict[str, Any]] | None:
        """Only ``parts`` of these people's own views (``Changes.parts``); None: their whole views."""
        return None

    def report_summary(self, s: Session, activity: Activity) -> dict[str, Any]:
        """What the report says of the activity beside its title (counts, never who); by default nothing."""
        return {}


def rows_of(s: Session, activity: Activity, *models: Any) -> int:
    """How many rows of these tables (each with an ``activity_id``) this activity holds."""
    return sum(s.scalar(select(func.count()).select_from(m).where(m.activity_id == activity.id)) or 0 for m in models)


def load_kinds() -> dict[str, ActivityKind]:
    if not KINDS:
        # Imported by name: the core knows the registry is there, not what is in it
        # (the kinds stand on the core, never the other way round). Filled in one step,
        # so another thread never sees half the kinds.
        registry = importlib.import_module("facilitator.activities.registry")
        KINDS.update({kind.name: kind() for kind in registry.kinds()})
    return KINDS


def is_circle(name: str) -> bool:
    kind = load_kinds().get(name)
    return kind is not None and kind.is_circle


def kind_of(name: str) -> ActivityKind:
    load_kinds()
    try:
        return KINDS[name]
    except KeyError:
        raise DomainError(N_("There is no activity of the kind {name}."), name=repr(name)) from None


def catalogue() -> list[dict[str, Any]]:
    """The kinds a facilitator can add to an agenda, for the console."""
    return [
        {"kind": k.name, "label": k.label, "description": k.description, "config": k.default_config()}
        for k in load_kinds().values()
    ]
