"""Event codes: short enough to type from the back of a room, long enough that
nobody finds an event by guessing.

Eight characters of Crockford's base 32 give 32**8 (about 10**12) codes; with
failed joins rate-limited, guessing one in use is not practical.
"""
from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
# Letters people confuse when reading a projected code.
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(raw: str) -> str | None:
    """The canonical code for what a person typed, or None if it cannot be one."""
    if not isinstance(raw, str):
        return None
    cleaned = "".join(ch for ch in raw.upper() if ch not in " -_.").translate(_CONFUSABLE)
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def display(code: str) -> str:
    """How a code is printed and projected: two groups of four."""
    return f"{code[:4]}-{code[4:]}"
