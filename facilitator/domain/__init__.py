"""The rules of the methods, in plain Python: no Flask, no sockets.

Domain functions take a SQLAlchemy session first, never commit and never
emit; they return what changed so the caller can tell the right people after
the commit.
"""
