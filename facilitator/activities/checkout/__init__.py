"""The check-out: the talking piece once more, then one word each and personal pledges."""
# What other kinds use: the goals keep one text each the way pledges do.
from facilitator.activities.checkout.personal import save_mine

KINDS = ("rules.CheckOut",)  # for the registry, by name (activities/registry.py says why)
