"""The questions people bring to a group consultation, and their themes."""
