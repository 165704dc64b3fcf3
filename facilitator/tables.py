"""Every table of the schema, for ``create_all``, Alembic and the JSON archive.

Each kind's rules import its tables, so loading the registry loads them all.
"""
from facilitator.activities import registry  # noqa: F401
from facilitator.core.models import Base
from facilitator.delivery import models as delivery_models  # noqa: F401

metadata = Base.metadata
