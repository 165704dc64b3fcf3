"""The welcome: the room gathers, the big screen shows the QR code and who has arrived."""

KINDS = ("rules.Welcome",)  # for the registry, by name (activities/registry.py says why)
