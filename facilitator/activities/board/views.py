"""The harvest board as each role sees it: the kind an agenda holds.

Apart from the rules because the theme suggestions build on the rules and
the console shows them: the kind stands on both.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from facilitator.activities.board import theme_suggestions
from facilitator.activities.board.rules import (
    GROUPINGS, KIND, MAX_DOTS, cards_for, merged_cards, my_dots, on_ballot, shows_totals, theme_list,
    totals, vote_state, vote_targets,
)
from facilitator.i18n import N_
from facilitator.core.errors import DomainError
from facilitator.core.kinds import ActivityKind
from facilitator.core.models import Activity


class Harvest(ActivityKind):
    name = KIND
    label = N_("Harvest board")
    description = "The room's insights on the big screen: themes, pins and dot voting."
    has_personal_view = True
    board_groupings = GROUPINGS

    def default_config(self) -> dict[str, Any]:
        # live_totals: the screen shows the dots while the vote is open (off: results at the close).
        return {"group_by": "table", "dots": 3, "live_totals": False}

    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().validate_config(config)
        if cleaned["group_by"] not in GROUPINGS:
            raise DomainError(N_("Group the board by table, round, theme or votes, or show the pattern."))
        dots = cleaned["dots"]
        if isinstance(dots, bool) or not isinstance(dots, int) or not 1 <= dots <= MAX_DOTS:
            raise DomainError(N_("Give each person between 1 and {limit} dots."), limit=MAX_DOTS)
        if not isinstance(cleaned["live_totals"], bool):
            raise DomainError(N_("Say whether the screen shows the dots while the vote is open (true or false)."))
        return cleaned

    def public_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        vote = vote_state(activity)
        view = {"vote": {"open": vote["open"], "dots": vote["dots"]}, "themes": theme_list(s, activity.event_id)}
        if vote["open"]:
            view["targets"] = vote_targets(s, activity.event_id)
        return view

    def participant_views(self, s, activity, participants):
        vote = vote_state(activity)
        people = list(participants)
        if not vote["open"]:
            return {p.id: {} for p in people}
        mine = my_dots(s, activity.event_id, vote["ballot"], [p.id for p in people])
        return {p.id: {"dots": mine[p.id], "dots_left": vote["dots"] - sum(mine[p.id].values())} for p in people}


    def screen_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        return self._board_view(s, activity, for_console=False)

    def console_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        view = self._board_view(s, activity, for_console=True)
        view["config"] = activity.config
        view["merged"] = merged_cards(s, activity.event_id)
        view["suggestions"] = theme_suggestions.console_view(s, activity)
        return view

    def _board_view(self, s: Session, activity: Activity, *, for_console: bool) -> dict[str, Any]:
        vote = vote_state(activity)
        shown = for_console or shows_totals(activity)
        view = {
            "group_by": (activity.state or {}).get("group_by") or activity.config["group_by"],
            "vote": {"open": vote["open"], "dots": vote["dots"], "ballot": vote["ballot"], "totals_shown": shown},
            "themes": theme_list(s, activity.event_id),
            "cards": cards_for(s, activity.event_id, for_console=for_console),
            "totals": totals(s, activity.event_id, vote["ballot"]) if shown else {},
        }
        ballot = on_ballot(vote_targets(s, activity.event_id))
        # The ranking counts only what the ballot held (what is on it now, or what got dots).
        view["ballot"] = sorted(ballot | set(view["totals"]))
        if for_console:
            # Cards no one could vote for (no theme holds them, and only pinned cards stand alone):
            # the console says so before and during the vote.
            themed = {c["id"] for c in view["cards"] if c["theme"] is not None}
            view["left_off"] = [c["id"] for c in view["cards"]
                                if not c.get("hidden") and c["id"] not in themed and f"card:{c['id']}" not in ballot]
        return view
