"""Errors a person can act on: the message is shown to them, in their language."""


class DomainError(Exception):
    """A request the method's rules refuse; the text says why and what to do.

    ``message`` is the English sentence, which is also its id in the
    catalogues (mark it with ``N_`` from facilitator.i18n); values that vary
    are ``{placeholders}`` given as keywords, filled in after translating:
    ``DomainError(N_("At most {limit} characters."), limit=60)``. ``str()``
    of the error is the English, as before; the live link translates it
    for the person who asked (facilitator.i18n.refusal).
    """

    code = "refused"

    def __init__(self, message: str, *, code: str | None = None, **params):
        super().__init__(message.format(**params) if params else message)
        self.message = message
        self.params = params
        if code:
            self.code = code


class NotFound(DomainError):
    code = "not_found"


class NotAllowed(DomainError):
    code = "not_allowed"


class Conflict(DomainError):
    code = "conflict"
