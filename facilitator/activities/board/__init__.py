"""The harvest board: cards from the tables, themes, pins and dot voting."""

from facilitator.activities.board.rules import (
    CAFE_GROUPINGS, TAGS, board_cards, cards_by_authors, cards_for, cards_of_people_and_tables, for_screen, merged_cards,
    table_cards, theme_list, theme_on_board, visible_card,
)

KINDS = ("views.Harvest",)  # for the registry, by name (activities/registry.py says why)
