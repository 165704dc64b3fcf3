"""SQLAlchemy 2 models, one module a domain area.

Every module that defines tables is imported here so that
``Base.metadata`` knows the whole schema.
"""
from .base import Base, utcnow  # noqa: F401
from .core import Activity, Event, Participant  # noqa: F401
from .delivery import HandledMessage  # noqa: F401

# Activity kinds add their tables below, one import a module.
from .circle import Agreement, CheckoutWord, Pledge, PulseResponder, PulseTally, Turn  # noqa: F401,E402
from .cafe import CafeEssence, CafeRound, CafeTable, Card, Dot, Seat, Theme, ThemeSuggestion  # noqa: F401,E402
from .consultation import ClinicianKey, Goal, Question, QuestionTheme  # noqa: F401,E402
from .acceptance import AgreementAcceptance, AgreementVersion  # noqa: F401,E402
