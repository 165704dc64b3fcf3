"""Alembic's entry point: migrations run on the connection the toolkit hands over.

``facilitator.schema`` calls Alembic with an open connection in
``config.attributes["connection"]``; nothing here reads an ini file or a URL,
so the same migrations run at start-up, from `facilitator db upgrade` and in
the tests.
"""
from __future__ import annotations

from alembic import context

from facilitator.tables import metadata
from facilitator.core.models import UTCDateTime



def _render_item(type_: str, obj, autogen_context):
    """Write the models' UTC datetime as the plain type it stores, so a migration never imports the models."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things: batch mode copies the table instead.
    render_as_batch=True,
    compare_type=True,
    render_item=_render_item,
)
with context.begin_transaction():
    context.run_migrations()
