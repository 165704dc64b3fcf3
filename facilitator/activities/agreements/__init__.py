"""Working agreements: how this group wants to be together."""

KINDS = ("rules.WorkingAgreements",)  # for the registry, by name (activities/registry.py says why)
