"""What the big screen holds in its spotlight, for the kinds whose changes redraw it.

The facilitator puts one card, theme or shared pledge there
(``whole_event/presentation.py``, which asks the kinds what each looks like).
A kind asks here whether a change of its own is on the screen full-size, so
it never needs the presentation, which stands on the kinds.
"""
from __future__ import annotations

from facilitator.core.models import Event


def in_spotlight(event: Event, kind: str, target_id: int) -> bool:
    """Whether a change to this card or theme changes what the big screen shows full-screen."""
    chosen = (event.screen_state or {}).get("spotlight")
    return bool(chosen) and chosen["kind"] == kind and chosen["id"] == target_id


def spotlights(event: Event, kind: str) -> bool:
    """Whether something of this kind is in the spotlight."""
    chosen = (event.screen_state or {}).get("spotlight")
    return bool(chosen) and chosen["kind"] == kind
