"""Errors a person can act on: the message is shown to them as it is."""


class DomainError(Exception):
    """A request the method's rules refuse; the text says why and what to do."""

    code = "refused"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        if code:
            self.code = code


class NotFound(DomainError):
    code = "not_found"


class NotAllowed(DomainError):
    code = "not_allowed"


class Conflict(DomainError):
    code = "conflict"
