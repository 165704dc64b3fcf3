"""The big screen's long lists go once, then only when they change.

At 2,000 people the seating plan, the order of a round and the board are
most of the screen's view (about 150 KB each), and every change the screen
is told of (a move of the talking piece, a round paused) used to carry them
all again. Each view now names its long lists by a digest
(``activity.lists``); a patch leaves out a list whose digest is the one the
screen's room was last sent, and the screen keeps the copy it has. A screen
that does not hold that copy (it connected in between, or another server
process sent the last patch) sees the digest differ and asks for a full
snapshot (``sync``), so a missed list costs one round trip, never a wrong
screen.

What was last sent is a cache of this process and app, per event
(``Services.screen_lists``): a restart forgets it and sends every list again.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

# The activity's parts that grow with the room: the plan, the round's order, the board.
LONG = ("plan", "queue", "cards")

def _digest(activity_id: int, value: Any) -> str:
    raw = json.dumps([activity_id, value], separators=(",", ":"), ensure_ascii=False, sort_keys=True)
    return hashlib.blake2b(raw.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def mark(view: dict[str, Any]) -> dict[str, Any]:
    """A whole screen view (a snapshot) with its long lists' digests; nothing left out."""
    activity = view.get("activity")
    if activity and activity.get("id") is not None:
        activity["lists"] = {k: _digest(activity["id"], activity[k]) for k in LONG if k in activity}
    return view


def thin(last_sent: dict[int, dict[str, str]], event_id: int, view: dict[str, Any]) -> dict[str, Any]:
    """A screen view for a patch to every screen of the event: long lists it was last sent are left out.

    ``last_sent``: the digests each event's screens were last sent, updated here."""
    mark(view)
    activity = view.get("activity")
    if not activity or "lists" not in activity:
        last_sent.pop(event_id, None)
        return view
    before = last_sent.get(event_id, {})
    last_sent[event_id] = dict(activity["lists"])
    for key, digest in activity["lists"].items():
        if before.get(key) == digest:
            del activity[key]
    return view


def thin_part(last_sent: dict[int, dict[str, str]], event_id: int, patch: dict[str, Any]) -> dict[str, Any]:
    """:func:`thin` for a patch of some parts of the activity (``inside``, merged one level
    deeper into what the screen holds): a long list among them that the screen was last sent
    is left out, and ``lists`` names every list the screen holds once it is merged (its own
    lists are replaced by this one), so a later patch still leaves out what it holds."""
    activity = patch.get("inside", {}).get("activity")
    if not activity:
        return patch
    # Nothing recorded (no whole view sent since this process started): the lists in this
    # part are all the screens are known to hold.
    before = last_sent.get(event_id, {})
    digests = {k: _digest(activity["id"], activity[k]) for k in LONG if k in activity}
    if not digests:
        return patch  # a round's timing: no long list, and the screen's lists stay as they are
    for key, digest in digests.items():
        if before.get(key) == digest:
            del activity[key]
    activity["lists"] = last_sent[event_id] = {**before, **digests}
    return patch
