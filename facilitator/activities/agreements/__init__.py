"""Working agreements: how this group wants to be together."""
