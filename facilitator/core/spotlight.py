"""What the big screen holds in its spotlight, for the kinds whose changes redraw it.

The facilitator puts one card, theme or shared pledge there
(``whole_event/presentation.py``, which asks the kinds what each looks like).
A kind asks here whether a change of its own is on the screen full-size, so
it never needs the presentation, which stands on the kinds.
"""
from __future__ import annotations

from facilitator.core.models import Event


def in_spotlight(event: Event, kind: str, target_id: int | None = None) -> bool:
    """Whether this card or theme (with no id: anything of this kind) is what the big screen shows full-screen."""
    chosen = (event.screen_state or {}).get("spotlight")
    return bool(chosen) and chosen["kind"] == kind and target_id in (None, chosen["id"])
