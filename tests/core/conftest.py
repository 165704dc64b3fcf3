"""Fixtures for the core rules' tests."""
from __future__ import annotations

import pytest

from facilitator.db import Database


@pytest.fixture
def store(database_url):
    """A database made new on each backend the toolkit supports (``database_url``: SQLite and PostgreSQL)."""
    db = Database(database_url)
    db.upgrade()
    yield db
    db.dispose()
