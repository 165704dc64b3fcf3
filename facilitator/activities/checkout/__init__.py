"""The check-out: the talking piece once more, then one word each and personal pledges."""
