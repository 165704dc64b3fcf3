"""The circle: a talking piece goes round, time-boxed, and anyone may pass."""

from facilitator.activities.circle.rules import (
    DONE, OPEN, SPEAKING, SPOKEN, WAITING, CircleKind, _advance as advance, lineup, _next_up as next_up,
    personal_views, state_of, sync_turns,
)

KINDS = ("rules.CheckIn",)  # for the registry, by name (activities/registry.py says why)
