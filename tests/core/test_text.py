"""Cleaning what people type: control characters go, everything a person meant stays.

``clean`` takes a short way for text with nothing to drop (most of it);
these tests hold both ways to one reading of the rule, character by character.
"""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.core.text import clean

KEPT_FORMAT = set("\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def by_the_rule(value: str, multiline: bool) -> str:
    """The rule, a character at a time: controls out (a tab or newline in one line becomes a space),
    format characters out unless they carry meaning, surrogates and private use out."""
    out = []
    for ch in unicodedata.normalize("NFC", value):
        category = unicodedata.category(ch)
        if ch in "\n\t" and multiline:
            out.append(ch)
        elif ch in "\n\t":
            out.append(" ")
        elif category in ("Cc", "Cs", "Co") or (category == "Cf" and ch not in KEPT_FORMAT):
            continue
        else:
            out.append(ch)
    text = "".join(out)
    if multiline:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text.strip()


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=()), max_size=40), st.booleans())
def test_any_text_is_cleaned_by_the_rule(value, multiline):
    assert clean(value, multiline=multiline) == by_the_rule(value, multiline)


def test_plain_text_is_kept_as_typed_and_controls_go():
    assert clean("Walking groups, café Tuesdays 🙂") == "Walking groups, café Tuesdays 🙂"
    assert clean("two\nlines  \nkept", multiline=True) == "two\nlines\nkept"
    assert clean("one\nline") == "one line"
    assert clean("bell\x07 and\u200b zero width") == "bell and zero width"
    assert clean("\u202bمرحبا\u202c") == "\u202bمرحبا\u202c"  # a right-to-left embedding carries meaning
    assert clean("e\u0301") == "é"  # one character, as every store compares it
