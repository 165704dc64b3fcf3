"""The 3Cs pulse: how much Control, Contact and Confidence people feel, anonymously."""

from facilitator.activities.pulse.rules import (
    DIMENSIONS, IN_WORDS, LABELS, STATE_KEY, activity_aggregates, answered_among, answers_held, enabled, pulse_aggregates,
)

