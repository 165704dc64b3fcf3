"""Every table of the schema, for ``create_all``, Alembic and the JSON archive.

A kind's tables are its package's ``models.py``: each is found and imported here,
so a new kind's tables need no line anywhere else.
"""
import importlib
import pkgutil

from facilitator import activities
from facilitator.core.models import Base
from facilitator.delivery import models as delivery_models  # noqa: F401

for _package in pkgutil.iter_modules(activities.__path__):
    if _package.ispkg:
        try:
            importlib.import_module(f"{activities.__name__}.{_package.name}.models")
        except ModuleNotFoundError as missing:
            if missing.name != f"{activities.__name__}.{_package.name}.models":
                raise

metadata = Base.metadata
