"""The questions people bring to a group consultation, and their themes."""

from facilitator.activities.questions.rules import (
    SHARED, VISIBILITY_WORDS, clinician_view, counts, facilitator_view, grouped, mine, shared_view,
)

KINDS = ("rules.Questions",)  # for the registry, by name (activities/registry.py says why)
