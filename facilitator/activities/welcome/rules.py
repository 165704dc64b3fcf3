"""The welcome: the room gathers, the big screen shows the QR code and who has arrived."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from facilitator.core.models import Activity
from facilitator.i18n import N_
from facilitator.core.errors import DomainError
from facilitator.core.kinds import ActivityKind


class Welcome(ActivityKind):
    name = "welcome"
    label = N_("Welcome")
    description = "People arrive and join; the screen shows the QR code and who is here."

    def default_config(self) -> dict[str, Any]:
        return {"message": ""}

    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().validate_config(config)
        message = cleaned.get("message") or ""
        if not isinstance(message, str) or len(message) > 2000:
            raise DomainError(N_("The welcome message must be text of at most 2,000 characters."))
        cleaned["message"] = message
        return cleaned

    def public_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        event = activity.event
        return {"message": activity.config.get("message") or event.welcome_text}
