"""The one place activity kinds are registered.

A kind lives in its own package under ``facilitator/activities/``: ``models.py``
(its tables), ``rules.py`` (what may happen, in plain Python, and the
:class:`~facilitator.core.kinds.ActivityKind` that says what each role sees, or
``views.py`` when that stands on more than the rules), ``__init__.py`` (what
the other kinds may use) and ``actions.py`` (its socket actions, declared and
thin). Adding a kind is one new package and one line in ``KINDS`` below (and in
``ACTIONS`` if it has actions of its own). The order of ``KINDS`` is the order
of the console's catalogue.
"""
from __future__ import annotations

from facilitator.activities.agreements.rules import WorkingAgreements
from facilitator.activities.board.views import Harvest
from facilitator.activities.cafe.rules import Cafe
from facilitator.activities.checkout.rules import CheckOut
from facilitator.activities.circle.rules import CheckIn
from facilitator.activities.consultation.rules import Consultation
from facilitator.activities.goals.rules import Goals
from facilitator.activities.questions.rules import Questions
from facilitator.activities.welcome.rules import Welcome
from facilitator.core.kinds import register

KINDS = (Welcome, CheckIn, WorkingAgreements, CheckOut, Cafe, Harvest, Questions, Consultation, Goals)

# The modules that declare socket actions, imported by the live link when an app
# is made (by name: the rules never load the web stack).
ACTIONS = (
    "facilitator.delivery.handlers",
    "facilitator.delivery.export_actions",
    "facilitator.activities.circle.actions",
    "facilitator.activities.agreements.actions",
    "facilitator.activities.checkout.actions",
    "facilitator.activities.pulse.actions",
    "facilitator.activities.cafe.actions",
    "facilitator.activities.board.actions",
    "facilitator.activities.board.suggest_actions",
    "facilitator.activities.questions.actions",
    "facilitator.activities.consultation.actions",
    "facilitator.activities.goals.actions",
)

for kind in KINDS:
    register(kind)
