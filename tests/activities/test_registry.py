"""The registry: one line per package brings its kinds, its tables and its actions."""
import pkgutil

from facilitator import activities
from facilitator.activities import registry
from facilitator.core.kinds import catalogue


def test_every_package_under_activities_is_in_the_registry():
    # A package left out would lose its tables and its actions without a word.
    packages = {m.name for m in pkgutil.iter_modules(activities.__path__) if m.ispkg}
    assert sorted(registry.PACKAGES) == sorted(packages)


def test_the_console_offers_the_kinds_in_the_registrys_order():
    assert [k["kind"] for k in catalogue()] == [
        "welcome", "checkin", "agreements", "checkout", "cafe", "harvest", "questions", "consultation", "goals",
    ]


def test_each_package_brings_its_actions_and_its_tables():
    assert [m.rpartition("activities.")[2] for m in registry.action_modules()] == [
        "circle.actions", "agreements.actions", "checkout.actions", "pulse.actions", "cafe.actions", "board.actions",
        "board.suggest_actions", "questions.actions", "consultation.actions", "goals.actions",
    ]
    assert [m.rpartition("activities.")[2] for m in registry.model_modules()] == [
        "circle.models", "agreements.models", "checkout.models", "pulse.models", "cafe.models", "board.models",
        "questions.models", "consultation.models", "goals.models",
    ]
