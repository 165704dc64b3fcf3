"""The one place activity kinds are registered.

A kind lives in its own package under ``facilitator/activities/``: ``models.py``
(its tables), ``rules.py`` (what may happen, in plain Python, and the
:class:`~facilitator.core.kinds.ActivityKind` that says what each role sees, or
``views.py`` when that stands on more than the rules), ``__init__.py`` (what
the other kinds may use, and ``KINDS``: the kinds it defines) and ``actions.py``
(its socket actions, declared and thin; any ``*_actions.py`` beside it too).

Adding a kind is one new package and one line in ``PACKAGES`` below; its
tables, its actions and its place in the console's catalogue all follow from
that line. A package names its kinds as ``"module.Class"`` rather than
importing them, because a package's public names must not load its rules (the
questions' rules use the consultation package, whose rules use the questions);
they are looked up here, when the core first asks for the kinds.
"""
from __future__ import annotations

import importlib
import pkgutil

from facilitator.core.kinds import ActivityKind

# Every package under activities/, one line each; its kinds, in this order, are the console's catalogue.
PACKAGES = (
    "welcome",
    "circle",
    "agreements",
    "checkout",
    "pulse",  # no kind of its own: the 3Cs pulse is answered during the circles
    "cafe",
    "board",
    "questions",
    "consultation",
    "goals",
)
_HERE = __name__.rpartition(".")[0]


def kinds() -> list[type[ActivityKind]]:
    """Every kind, in the catalogue's order: what each package names in its ``KINDS``."""
    found = []
    for package in PACKAGES:
        for name in getattr(importlib.import_module(f"{_HERE}.{package}"), "KINDS", ()):
            module, _, cls = name.rpartition(".")
            found.append(getattr(importlib.import_module(f"{_HERE}.{package}.{module}"), cls))
    return found


def _modules(package: str) -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(importlib.import_module(f"{_HERE}.{package}").__path__))


def action_modules() -> list[str]:
    """The modules that declare socket actions (``actions.py``, ``*_actions.py``), for the live link to import."""
    return [f"{_HERE}.{p}.{m}" for p in PACKAGES for m in _modules(p) if m == "actions" or m.endswith("_actions")]


def model_modules() -> list[str]:
    """Every package's ``models.py``, for ``tables.py`` to import."""
    return [f"{_HERE}.{p}.models" for p in PACKAGES if "models" in _modules(p)]
