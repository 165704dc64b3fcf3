"""The only place that builds Socket.IO room names."""
from __future__ import annotations

from facilitator.core.outbound import To


def event(event_id: int) -> str:
    return f"event:{event_id}"


def screen(event_id: int) -> str:
    return f"event:{event_id}:screen"


def console(event_id: int) -> str:
    return f"event:{event_id}:console"


def participant(participant_id: int) -> str:
    return f"participant:{participant_id}"


def table(event_id: int, table_id: int) -> str:
    return f"event:{event_id}:table:{table_id}"


def clinician(event_id: int) -> str:
    return f"event:{event_id}:clinician"


def cohost(event_id: int) -> str:
    return f"event:{event_id}:cohost"


def for_audience(to: To) -> str:
    if to.kind == "event":
        return event(to.id)
    if to.kind == "screen":
        return screen(to.id)
    if to.kind == "console":
        return console(to.id)
    if to.kind == "participant":
        return participant(to.id)
    if to.kind == "table":
        return table(to.id, to.sub)
    if to.kind == "clinician":
        return clinician(to.id)
    raise ValueError(f"unknown audience {to!r}")
