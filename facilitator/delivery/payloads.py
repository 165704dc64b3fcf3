"""One small schema per inbound message: types, lengths, no unknown fields.

The domain trusts what it is given; this is where untrusted input stops.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

from facilitator.i18n import N_
from facilitator.core import text as text_rules
from facilitator.core.errors import DomainError


class PayloadError(DomainError):
    code = "bad_request"


@dataclass(frozen=True)
class Field:
    check: Callable[[str, Any], Any]
    required: bool = False
    default: Any = None


def Text(max_len: int, *, required: bool = False, min_len: int = 0, default: str | None = None) -> Field:
    def check(name: str, value: Any) -> Any:
        if not isinstance(value, str):
            raise PayloadError(N_("'{name}' must be text."), name=name)
        if not text_rules.is_storable(value):
            raise PayloadError(N_("'{name}' holds characters that are not text; please type it again."), name=name)
        if len(value) > max_len:
            raise PayloadError(N_("'{name}' is too long: at most {limit} characters."), name=name, limit=max_len)
        written = len(value.strip())
        if written < min_len:
            if not written:
                raise PayloadError(N_("'{name}' must not be empty."), name=name)
            raise PayloadError(N_("'{name}' is too short: at least {limit} characters."), name=name, limit=min_len)
        return value

    return Field(check, required, default)


def Identifier(max_len: int, *, required: bool = False, min_len: int = 0) -> Field:
    """An id or a secret: text, and only printable ASCII (what we hand out)."""
    as_text = Text(max_len, required=required, min_len=min_len).check

    def check(name: str, value: Any) -> Any:
        value = as_text(name, value)
        if not text_rules.is_identifier(value):
            raise PayloadError(N_("'{name}' is not a valid id: it holds characters that are not text we give out."), name=name)
        return value

    return Field(check, required, None)


def identifier_or_none(value: Any, max_len: int = 200) -> str | None:
    """``value`` if it can be an id or a secret of ours, else None: for credentials
    read from a cookie or a login body, where any bad value is simply not valid."""
    try:
        return Identifier(max_len, min_len=1).check("key", value)
    except PayloadError:
        return None


def Int(lo: int, hi: int, *, required: bool = False, default: int | None = None) -> Field:
    def check(name: str, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            raise PayloadError(N_("'{name}' must be a whole number."), name=name)
        if not lo <= value <= hi:
            raise PayloadError(N_("'{name}' must be between {lo} and {hi}."), name=name, lo=lo, hi=hi)
        return value

    return Field(check, required, default)


def Bool(*, required: bool = False, default: bool = False) -> Field:
    def check(name: str, value: Any) -> Any:
        if not isinstance(value, bool):
            raise PayloadError(N_("'{name}' must be true or false."), name=name)
        return value

    return Field(check, required, default)


def Choice(*options: str, required: bool = False, default: str | None = None) -> Field:
    def check(name: str, value: Any) -> Any:
        if value not in options:
            raise PayloadError(N_("'{name}' must be one of: {options}."), name=name, options=", ".join(options))
        return value

    return Field(check, required, default)


def IntList(max_items: int, lo: int = 0, hi: int = 2**31, *, required: bool = False) -> Field:
    def check(name: str, value: Any) -> Any:
        if not isinstance(value, list) or len(value) > max_items:
            raise PayloadError(N_("'{name}' must be a list of at most {limit} numbers."), name=name, limit=max_items)
        for item in value:
            if isinstance(item, bool) or not isinstance(item, int) or not lo <= item <= hi:
                raise PayloadError(N_("'{name}' must be a list of whole numbers."), name=name)
        return value

    return Field(check, required, None)


def Obj(max_keys: int = 30, max_chars: int = 8000, *, required: bool = False) -> Field:
    """A small free-form settings object; its meaning is checked by the domain."""

    def check(name: str, value: Any) -> Any:
        if not isinstance(value, dict) or len(value) > max_keys:
            raise PayloadError(N_("'{name}' must be an object of at most {limit} settings."), name=name, limit=max_keys)
        # Counted in characters, not escapes: a question in Arabic weighs what it says.
        if len(json.dumps(value, ensure_ascii=False)) > max_chars:
            raise PayloadError(N_("'{name}' is too large."), name=name)
        return value

    return Field(check, required, None)


class Payload(dict):
    """The parsed message: fields by attribute (``cmd.title``) or by key."""

    __getattr__ = dict.get


class Schema:
    def __init__(self, **fields: Field):
        self.fields = fields

    def parse(self, data: Any) -> Payload:
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise PayloadError(N_("The message must be an object."))
        unknown = set(data) - set(self.fields)
        if unknown:
            raise PayloadError(N_("Unexpected field(s): {fields}."), fields=", ".join(sorted(map(str, unknown)))[:200])
        out = Payload()
        for name, spec in self.fields.items():
            if name not in data or data[name] is None:
                if spec.required:
                    raise PayloadError(N_("'{name}' is required."), name=name)
                out[name] = spec.default
            else:
                out[name] = spec.check(name, data[name])
        return out


# Shared field shapes.
EVENT_CODE = Text(20, required=True, min_len=1)
# A client-generated id that makes a retried message idempotent.
CLIENT_ID = Identifier(64, min_len=8)
