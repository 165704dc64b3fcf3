"""The check-out with goals: a reflection round, then one personal goal each."""

# What the other kinds may use (they import the package, never its modules).
from facilitator.activities.goals.rules import counts, goals_of, shared_goals

__all__ = ["counts", "goals_of", "shared_goals"]
