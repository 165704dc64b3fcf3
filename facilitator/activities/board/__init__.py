"""The harvest board: cards from the tables, themes, pins and dot voting."""
