"""Every table of the schema, for ``create_all``, Alembic and the JSON archive.

A kind's tables are its package's ``models.py``: the registry lists each and they
are imported here, so a new kind's tables need no line anywhere else.
"""
import importlib

from facilitator.activities import registry
from facilitator.core.models import Base
from facilitator.delivery import models as delivery_models  # noqa: F401

for _module in registry.model_modules():
    importlib.import_module(_module)

metadata = Base.metadata
