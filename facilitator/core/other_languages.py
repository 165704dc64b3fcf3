"""The facilitator's own texts in other languages than the event's (issue #19).

The event's title, purpose, welcome and agreement, and each activity's title, prompt (or
welcome message) and café round questions are written in the event's language
(``Event.language``). A version in another language is kept beside them, in ``texts_in``
(``{language: {field: text}}``; the café's questions as ``"rounds": {"1": text, ...}``):
a phone shows the version in its person's language when there is one, and a bilingual
big screen shows its second language's version beside the first. An empty field means
"no version": the original is shown.

The group agreement's text of record is the one in the event's language: people accept a
version of it (``AgreementVersion``). Its translation helps them read it; changing only the
translation does not ask everyone to accept it again.
"""
from __future__ import annotations

from typing import Any, Iterable

from facilitator import i18n
from facilitator.i18n import N_
from facilitator.core.errors import DomainError
from facilitator.core.kinds import PROMPT_MAX
from facilitator.core.models import Activity, Event
from facilitator.core.outbound import Changes
from facilitator.core.text import clean

TITLE_MAX = 200
LONG_MAX = 4000  # the event's purpose, welcome and agreement (events.TEXT_MAX)
MESSAGE_MAX = 2000  # a welcome's own message
ROUND_QUESTION_MAX = 500
EVENT_FIELDS = {"title": TITLE_MAX, "purpose": LONG_MAX, "welcome_text": LONG_MAX, "agreement_text": LONG_MAX}
# An activity's texts: its title, and whichever of these its settings hold.
ACTIVITY_TEXTS = {"prompt": PROMPT_MAX, "message": MESSAGE_MAX}
MULTILINE = {"purpose", "welcome_text", "agreement_text", "message", "prompt"}


def _language(event: Event, language: Any) -> str:
    code = i18n.known(language)
    if code is None or code == (event.language or i18n.SOURCE):
        raise DomainError(N_("Choose a language other than the event's own for these texts."), code="bad_request")
    return code


def _text(name: str, value: Any, limit: int) -> str:
    if not isinstance(value, str):
        raise DomainError(N_("Each text must be text."), code="bad_request")
    value = clean(value, multiline=name in MULTILINE).strip()
    if len(value) > limit:
        raise DomainError(N_("A text can be at most {limit} characters."), limit=limit, code="bad_request")
    return value


def _kept(versions: dict | None, language: str, texts: dict[str, Any]) -> dict:
    """``versions`` with ``language``'s texts replaced (empty ones dropped); a new dict, so the JSON column sees it."""
    out = {code: dict(v) for code, v in (versions or {}).items() if code != language}
    kept = {k: v for k, v in texts.items() if v}
    if kept:
        out[language] = kept
    return out


def _given(versions: dict | None, code: str, given: dict[str, Any], allowed: dict[str, int]) -> dict[str, Any]:
    """``code``'s texts with the ``given`` ones (None: left as it was) checked against ``allowed`` and put in."""
    texts = dict((versions or {}).get(code, {}))
    for name, value in given.items():
        if value is None:
            continue
        if name not in allowed:
            raise DomainError(N_("There is no text called {name} here."), name=str(name)[:40], code="bad_request")
        texts[name] = _text(name, value, allowed[name])
    return texts


def without(versions: dict | None, fields: Iterable[str]) -> dict:
    """``versions`` without these fields' versions in any language (``"round 2"``: that café
    question's): their original changed, and a translation of the old words must not stand for
    the new ones (an agreement above all: people accept what it says)."""
    fields = set(fields)
    out: dict[str, dict] = {}
    for code, texts in (versions or {}).items():
        kept = {k: v for k, v in texts.items() if k not in fields and k != "rounds"}
        rounds = {n: q for n, q in (texts.get("rounds") or {}).items() if f"round {n}" not in fields}
        if rounds:
            kept["rounds"] = rounds
        if kept:
            out[code] = kept
    return out


def changed_activity_texts(before_title: str, before: dict, after_title: str, after: dict) -> set[str]:
    """Which of an activity's texts an edit changed (title, prompt, message, ``"round N"``), a round taken away included."""
    changed = {"title"} if before_title != after_title else set()
    changed |= {k for k in ACTIVITY_TEXTS if (before or {}).get(k) != (after or {}).get(k)}

    def questions(config: dict) -> list:
        return [r.get("question") if isinstance(r, dict) else r for r in (config or {}).get("rounds") or []]
    old, new = questions(before), questions(after)
    changed |= {f"round {i}" for i in range(1, max(len(old), len(new)) + 1)
                if i > len(old) or i > len(new) or old[i - 1] != new[i - 1]}
    return changed


def set_event_texts(event: Event, language: Any, given: dict[str, Any]) -> Changes:
    """The event's own texts in ``language``; a field not given is left as it was."""
    code = _language(event, language)
    event.texts_in = _kept(event.texts_in, code, _given(event.texts_in, code, given, EVENT_FIELDS))
    return Changes(event.id, phones=True, screen=True, console=True, all_participants=True)


def activity_fields(activity: Activity) -> dict[str, int]:
    """Which of an activity's texts may have versions, with their limits."""
    config = activity.config or {}
    return {"title": TITLE_MAX, **{k: limit for k, limit in ACTIVITY_TEXTS.items() if isinstance(config.get(k), str)}}


def set_activity_texts(event: Event, activity: Activity, language: Any, given: dict[str, Any],
                       rounds: dict[str, Any] | None = None) -> Changes:
    """An activity's texts in ``language`` (``rounds``: a café's questions by round number)."""
    code = _language(event, language)
    texts = _given(activity.texts_in, code, given, activity_fields(activity))
    if rounds is not None:
        planned = (activity.config or {}).get("rounds")
        if not isinstance(planned, list):
            raise DomainError(N_("There is no text called {name} here."), name="rounds", code="bad_request")
        questions = dict(texts.get("rounds") or {})
        for number, value in rounds.items():
            if not (isinstance(number, str) and number.isdigit() and 1 <= int(number) <= len(planned)):
                raise DomainError(N_("There is no round {number}."), number=str(number)[:10], code="bad_request")
            questions[str(int(number))] = _text("question", value, ROUND_QUESTION_MAX)
        texts["rounds"] = {k: v for k, v in questions.items() if v}
    activity.texts_in = _kept(activity.texts_in, code, texts)
    # Only the current activity's versions are in the phones' and the screen's views.
    if event.current_activity_id == activity.id:
        return Changes(event.id, phones=True, screen=True, console=True)
    return Changes(event.id, console=True)


def activity_versions(event: Event, activity: Activity) -> dict[str, dict[str, Any]]:
    """What a view sends beside the activity: its versions in other languages, a welcome's
    message falling back to the event's welcome in that language as the original does."""
    versions = {code: dict(v) for code, v in (activity.texts_in or {}).items()}
    config = activity.config or {}
    if "message" in config and not config.get("message"):
        for code, texts in (event.texts_in or {}).items():
            if texts.get("welcome_text"):
                versions.setdefault(code, {}).setdefault("message", texts["welcome_text"])
    return versions


def event_shown_in(view: dict[str, Any], language: str | None) -> dict[str, Any]:
    """An event's public view (``views.event_public``) with its texts in ``language`` where it has them."""
    if (language or "") == view.get("language"):
        return view  # the originals are in the event's language
    versions = (view.get("texts_in") or {}).get(language or "") or {}
    return {**view, **{k: v for k, v in versions.items() if k in EVENT_FIELDS and v and view.get(k)}}


def default_fields(activity: Activity, kind: Any) -> list[str]:
    """Which of an activity's texts are still as the toolkit wrote them (the kind's name as its
    title, a default prompt, an agenda template's words): sentences of the catalogues, so each
    page shows them in its own language (lib/own_texts.js) without the facilitator writing a
    version; ``"round"``: some of a café's questions are, and the page looks up the round's."""
    known = i18n.sentences()
    config = activity.config or {}
    fields = ["title"] if activity.title == kind.label or activity.title in known else []
    for name in ("prompt", "message"):
        text = config.get(name)
        if isinstance(text, str) and text and (text in known or text == kind.default_config().get(name)):
            fields.append(name)
    rounds = config.get("rounds")
    if isinstance(rounds, list) and any(isinstance(r, dict) and r.get("question") in known for r in rounds):
        fields.append("round")  # the page looks the round's question up (one not in the catalogues stays as it is)
    return fields
