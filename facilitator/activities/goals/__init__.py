"""The check-out with goals: a reflection round, then one personal goal each."""
