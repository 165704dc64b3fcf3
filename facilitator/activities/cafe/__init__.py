"""The world café: tables with hosts, rounds with a question and a timer, seating that mixes people."""

KINDS = ("rules.Cafe",)  # for the registry, by name (activities/registry.py says why)
