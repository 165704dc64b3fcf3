"""Cleaning free text people type: names, cards, words.

People write in any script and may use right-to-left marks; we keep what they
typed, only dropping control characters that would break a screen or a file.
"""
from __future__ import annotations

import re
import unicodedata

_KEEP_CONTROLS = {"\n", "\t"}
# Bidirectional marks, embeddings and isolates are meaningful in right-to-left
# text, and joiners in many scripts and emoji. Pages show every piece of user
# text in its own element with dir="auto", which isolates it, so an unclosed
# embedding cannot spill into the text around it.
_KEEP_FORMAT = {
    "\u200c", "\u200d", "\u200e", "\u200f",
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
    "\u2066", "\u2067", "\u2068", "\u2069",
}


# What no store can hold: a lone surrogate has no UTF-8 form (the database, a
# file and a socket frame all refuse it), and PostgreSQL refuses NUL in text.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Identifiers and secrets we hand out (client ids, tokens, keys) are printable ASCII.
_IDENTIFIER = re.compile("[!-~]*")


def is_storable(value: str) -> bool:
    """True if this text can be kept and sent anywhere: no lone surrogate, no NUL."""
    return _UNSTORABLE.search(value) is None


def is_identifier(value: str) -> bool:
    """True if this could be an id or a secret of ours: printable ASCII, no spaces."""
    return _IDENTIFIER.fullmatch(value) is not None


def clean(value: str, *, multiline: bool = False) -> str:
    value = unicodedata.normalize("NFC", value)
    if value.isprintable() or (multiline and value.replace("\n", "").isprintable()):
        # Nothing to drop (no control, format, surrogate or private-use character; a
        # non-ASCII space or an unassigned character also takes the walk below, which
        # keeps it): most text, and a card burst cleans 625 cards at once.
        text = value
    else:
        text = _without_controls(value, multiline)
    if multiline:
        text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n"))
    return text.strip()


def _without_controls(value: str, multiline: bool) -> str:
    out = []
    for ch in value:
        cat = unicodedata.category(ch)
        if ch in _KEEP_CONTROLS and multiline:
            out.append(ch)
        elif cat == "Cc" or (cat == "Cf" and ch not in _KEEP_FORMAT) or cat in ("Cs", "Co"):
            if ch in _KEEP_CONTROLS:
                out.append(" ")
            continue
        else:
            out.append(ch)
    return "".join(out)
