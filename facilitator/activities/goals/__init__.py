"""The check-out with goals: a reflection round, then one personal goal each."""

from facilitator.activities.goals.rules import counts, goals_of, shared_goals

KINDS = ("rules.Goals",)  # for the registry, by name (activities/registry.py says why)
