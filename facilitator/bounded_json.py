"""The one way the server reads JSON it did not write: bounded in depth and size.

Python's parser recurses once per level of nesting, so a few kilobytes of
``[[[[...`` reach the recursion limit: a ``RecursionError`` (not the
``ValueError`` every caller expects) that became an HTTP 500, a traceback in
the log for every Socket.IO frame, or a raw traceback from ``facilitator
import``. Everything here refuses such text before parsing it, with
:class:`JSONTooComplex`, a ``ValueError`` that says why.

Used for Socket.IO and Engine.IO frames (``SocketIO(json=bounded_json)``:
the module has the ``dumps``/``loads`` pair they need), for HTTP request
bodies (``web.BoundedJSONProvider``, Flask's ``app.json``), for imported
archives and for saved agenda templates.
"""
from __future__ import annotations

import json
import re
from typing import Any

# Far deeper than anything we send or store (an archive is under ten levels).
MAX_DEPTH = 64
# The largest JSON we read: an event's archive; request bodies are also capped
# by MAX_CONTENT_LENGTH and Socket.IO frames by max_http_buffer_size.
MAX_CHARS = 32 * 1024 * 1024

# A JSON string, escapes included; unrolled so that it never backtracks.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class JSONTooComplex(ValueError):
    """The text is nested too deeply or too large to be read."""


def check(text: str | bytes, *, max_depth: int = MAX_DEPTH, max_chars: int = MAX_CHARS) -> None:
    """Raise :class:`JSONTooComplex` if ``text`` is longer than ``max_chars`` or nests deeper than ``max_depth``."""
    if len(text) > max_chars:
        raise JSONTooComplex(f"This JSON is too large: at most {max_chars:,} characters are read.")
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8", "replace")
    # Fewer opening brackets than the limit cannot nest deeper than it: every
    # frame a phone sends stops here, at the cost of two counts in C.
    if text.count("[") + text.count("{") <= max_depth:
        return
    depth = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text)):
        if bracket in "[{":
            depth += 1
            if depth > max_depth:
                raise JSONTooComplex(f"This JSON is nested too deeply: at most {max_depth} levels are read.")
        else:
            depth -= 1


def loads(text: str | bytes, **kwargs: Any) -> Any:
    """``json.loads``, after :func:`check`; every failure is a ``ValueError``."""
    check(text)
    try:
        return json.loads(text, **kwargs)
    except RecursionError:  # a bound above the interpreter's own limit; refuse the same way
        raise JSONTooComplex(f"This JSON is nested too deeply: at most {MAX_DEPTH} levels are read.") from None


def dumps(value: Any, **kwargs: Any) -> str:
    return json.dumps(value, **kwargs)
