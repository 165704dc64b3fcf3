"""The questions people bring to a group consultation, and their themes.

Each person writes the questions they want to bring. A question is

* **private**: only its author ever sees it (a note to self);
* **for the clinician**: its author and the clinician's view only; never
  the console (which sees only how many there are), the big screen, other
  phones or an export;
* **shared with the group**: shown on the big screen and every phone,
  anonymously unless its author chose to be named.

The facilitator groups shared questions into themes and may write a short
note per theme for the record. Questions belong to the event (not to one
activity), so the themes stay in view through the consultation round.
"""
from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.core.models import Activity, Event, Participant, utcnow
from facilitator.activities import consultation
from facilitator.activities.questions.models import Question, QuestionTheme
from facilitator.activities.questions.models import CLINICIAN, PRIVATE, SHARED, VISIBILITIES
from facilitator.core.kinds import ActivityKind, clean_prompt
from facilitator.i18n import N_
from facilitator.core.errors import DomainError, NotAllowed, NotFound
from facilitator.core.outbound import Changes
from facilitator.core.text import clean

QUESTION_MAX = 500
THEME_MAX = 120
NOTE_MAX = 2000
PER_PERSON = 20  # a generous ceiling; a group consultation has 6-15 people

# English, and each its own id in the catalogues: a page shows them in its language (my_summary.html).
VISIBILITY_WORDS = {
    PRIVATE: N_("Private: only you"),
    CLINICIAN: N_("For the clinician only"),
    SHARED: N_("Shared with the group"),
}


def _room_changes(event_id: int, visibilities: set[str], person: int) -> Changes:
    """Who must redraw after a change to questions of these visibilities (before and after).

    A shared question refreshes every view; a clinician-only one its author's
    phone, the clinician's view and the console's count; a private one only
    its author's phone.
    """
    if SHARED in visibilities:
        return Changes(event_id, phones=True, screen=True, console=True, clinician=True, participants={person})
    if CLINICIAN in visibilities:
        return Changes(event_id, console=True, clinician=True, participants={person})
    return Changes(event_id, participants={person})


def _text(text: str) -> str:
    body = clean(text or "", multiline=True)
    if not body:
        raise DomainError(N_("Write your question, or leave it for now."))
    if len(body) > QUESTION_MAX:
        raise DomainError(N_("A question can be at most {limit} characters."), limit=QUESTION_MAX)
    return body


def _visibility(value: str | None) -> str:
    if value not in VISIBILITIES:
        raise DomainError(N_("Choose who may see it: only you, the clinician, or the group."))
    return value


def add(
    s: Session,
    event: Event,
    person: Participant,
    text: str,
    visibility: str = PRIVATE,
    named: bool = False,
    activity: Activity | None = None,
) -> tuple[Question, Changes]:
    """A new question."""
    body, visibility = _text(text), _visibility(visibility)
    count = s.scalar(select(func.count()).select_from(Question).where(Question.participant_id == person.id)) or 0
    if count >= PER_PERSON:
        raise DomainError(N_("You have written {limit} questions: edit or withdraw one to add another."), limit=PER_PERSON)
    row = Question(
        event_id=event.id,
        activity_id=activity.id if activity is not None else None,
        participant_id=person.id,
        text=body,
        visibility=visibility,
        named=bool(named) and visibility == SHARED,
    )
    s.add(row)
    s.flush()
    return row, _room_changes(event.id, {visibility}, person.id)


def _own(s: Session, person: Participant, question_id: int) -> Question:
    row = s.get(Question, question_id)
    if row is None or row.event_id != person.event_id:
        raise NotFound(N_("That question is not here any more."))
    if row.participant_id != person.id:
        raise NotAllowed(N_("You can only change your own questions."))
    return row


def edit(
    s: Session,
    person: Participant,
    question_id: int,
    *,
    text: str | None = None,
    visibility: str | None = None,
    named: bool | None = None,
) -> Changes:
    """Change your own question's words, who may see it, or whether your name goes with it."""
    row = _own(s, person, question_id)
    was = row.visibility
    if text is not None:
        row.text = _text(text)
    if visibility is not None:
        row.visibility = _visibility(visibility)
    if row.visibility != SHARED:
        row.named = False
        row.theme_id = None  # themes are the facilitator's, who sees shared questions only
    elif named is not None:
        row.named = bool(named)
    row.updated_at = utcnow()
    s.flush()
    return _room_changes(person.event_id, {was, row.visibility}, person.id)


def withdraw(s: Session, person: Participant, question_id: int) -> Changes:
    """Take your own question back: it is deleted, not hidden."""
    row = _own(s, person, question_id)
    was = row.visibility
    s.delete(row)
    s.flush()
    return _room_changes(person.event_id, {was}, person.id)


# --- themes (the facilitator) -------------------------------------------------------


def _theme_name(name: str) -> str:
    name = clean(name or "")
    if not name or len(name) > THEME_MAX:
        raise DomainError(N_("Name the theme in at most {limit} characters."), limit=THEME_MAX)
    return name


def _theme(s: Session, event: Event, theme_id: int) -> QuestionTheme:
    theme = s.get(QuestionTheme, theme_id)
    if theme is None or theme.event_id != event.id:
        raise NotFound(N_("That theme is not here any more."))
    return theme


def _everyone(event: Event) -> Changes:
    return Changes(event.id, phones=True, screen=True, console=True, clinician=True)


def add_theme(s: Session, event: Event, name: str) -> tuple[QuestionTheme, Changes]:
    theme = QuestionTheme(event_id=event.id, name=_theme_name(name))
    s.add(theme)
    s.flush()
    return theme, _everyone(event)


def rename_theme(s: Session, event: Event, theme_id: int, name: str) -> Changes:
    _theme(s, event, theme_id).name = _theme_name(name)
    return _everyone(event)


def note_theme(s: Session, event: Event, theme_id: int, note: str) -> Changes:
    """The facilitator's short note on a theme, for the record (console and exports only)."""
    note = clean(note or "", multiline=True)
    if len(note) > NOTE_MAX:
        raise DomainError(N_("A note can be at most {limit} characters."), limit=NOTE_MAX)
    _theme(s, event, theme_id).note = note
    return Changes(event.id, console=True)


def remove_theme(s: Session, event: Event, theme_id: int) -> Changes:
    """Delete a theme; its questions go back to having none."""
    theme = _theme(s, event, theme_id)
    for q in s.scalars(select(Question).where(Question.theme_id == theme.id)):
        q.theme_id = None
    s.delete(theme)
    s.flush()
    return _everyone(event)


def set_theme(s: Session, event: Event, question_id: int, theme_id: int | None) -> Changes:
    """Put a shared question under a theme (or under none)."""
    row = s.get(Question, question_id)
    if row is None or row.event_id != event.id or row.visibility != SHARED:
        # Private and clinician-only questions are invisible to the facilitator: they are not there.
        raise NotFound(N_("That question is not here any more."))
    if theme_id is not None:
        _theme(s, event, theme_id)
    row.theme_id = theme_id
    return _everyone(event)


# --- what each view may see -----------------------------------------------------------


def _themes(s: Session, event_id: int) -> list[QuestionTheme]:
    return list(s.scalars(select(QuestionTheme).where(QuestionTheme.event_id == event_id).order_by(QuestionTheme.id)))


def _questions(s: Session, event_id: int, visibilities: Iterable[str]) -> list[tuple[Question, Participant]]:
    return list(
        s.execute(
            select(Question, Participant)
            .join(Participant, Participant.id == Question.participant_id)
            .where(
                Question.event_id == event_id,
                Question.visibility.in_(list(visibilities)),
                Participant.removed_at.is_(None),
            )
            .order_by(Question.id)
        ).all()
    )


def _entry(q: Question, who: Participant, *, with_visibility: bool) -> dict[str, Any]:
    # A name only when the question is shared and its author asked to be named.
    named = q.visibility == SHARED and q.named and not who.anonymous
    item = {"id": q.id, "text": q.text, "by": who.label if named else None}
    if with_visibility:
        item["visibility"] = q.visibility
    return item


def grouped(
    s: Session, event_id: int, visibilities: Iterable[str], *, notes: bool = False, with_visibility: bool = False
) -> dict[str, Any]:
    """``{"themes": [{id, name, (note), questions}], "unthemed": [questions]}`` for these visibilities."""
    rows = _questions(s, event_id, visibilities)
    themes = []
    for t in _themes(s, event_id):
        entry = {"id": t.id, "name": t.name, "questions": []}
        if notes:
            entry["note"] = t.note
        themes.append(entry)
    by_id = {t["id"]: t for t in themes}
    unthemed = []
    for q, who in rows:
        item = _entry(q, who, with_visibility=with_visibility)
        (by_id[q.theme_id]["questions"] if q.theme_id in by_id else unthemed).append(item)
    return {"themes": themes, "unthemed": unthemed}


def shared_view(s: Session, event_id: int) -> dict[str, Any]:
    """What the big screen and every phone see: shared questions only, by theme."""
    view = grouped(s, event_id, [SHARED])
    # Themes that hold only clinician-only questions say nothing to the room.
    view["themes"] = [t for t in view["themes"] if t["questions"]]
    return view


def facilitator_view(s: Session, event_id: int) -> dict[str, Any]:
    """The console's board: shared questions, themes with notes, and only *how many*
    questions are for the clinician (their words are the clinician's and their authors')."""
    view = grouped(s, event_id, [SHARED], notes=True, with_visibility=True)
    view["for_clinician"] = s.scalar(
        select(func.count())
        .select_from(Question)
        .join(Participant, Participant.id == Question.participant_id)
        .where(Question.event_id == event_id, Question.visibility == CLINICIAN, Participant.removed_at.is_(None))
    ) or 0
    return view


def clinician_view(s: Session, event_id: int) -> dict[str, Any]:
    """The clinician's list: shared questions by theme and clinician-only ones (never themed),
    no notes, no names unless shared-and-named."""
    view = grouped(s, event_id, [SHARED, CLINICIAN], with_visibility=True)
    view["themes"] = [t for t in view["themes"] if t["questions"]]
    return view


def mine(s: Session, event_id: int, person_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Each person's own questions, all of them, with who may see each."""
    ids = list(person_ids)
    out: dict[int, list[dict[str, Any]]] = {pid: [] for pid in ids}
    if not ids:
        return out
    themes = {t.id: t.name for t in _themes(s, event_id)}
    for q in s.scalars(
        select(Question).where(Question.event_id == event_id, Question.participant_id.in_(ids)).order_by(Question.id)
    ):
        out[q.participant_id].append({
            "id": q.id,
            "text": q.text,
            "visibility": q.visibility,
            "named": q.named,
            "theme": themes.get(q.theme_id) if q.visibility == SHARED else None,
        })
    return out


def counts(s: Session, event_id: int) -> dict[str, int]:
    """Anonymous counts: how many questions (of every kind), how many were shared, how many people asked."""
    rows = s.execute(
        select(Question.participant_id, Question.visibility).where(Question.event_id == event_id)
    ).all()
    return {
        "questions": len(rows),
        "shared_questions": sum(1 for _, v in rows if v == SHARED),
        "people_asked": len({pid for pid, _ in rows}),
    }


def erase_for(s: Session, person: Participant) -> int:
    """Withdraw everything: every question this person wrote."""
    rows = list(s.scalars(select(Question).where(Question.participant_id == person.id)))
    for row in rows:
        s.delete(row)
    return len(rows)


# --- the kind --------------------------------------------------------------------------


class Questions(ActivityKind):
    name = "questions"
    label = N_("Questions to bring")
    description = "Each person lists the questions they want to bring (private, for the clinician, or shared); the facilitator groups them into themes."
    has_personal_view = True
    default_prompt = N_("What would you like to ask or talk about today?")

    def default_config(self) -> dict[str, Any]:
        return {"prompt": self.default_prompt}

    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().validate_config(config)
        cleaned["prompt"] = clean_prompt(cleaned.get("prompt"), self.default_prompt)
        return cleaned

    def public_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        return {"prompt": activity.config.get("prompt") or self.default_prompt, "max_len": QUESTION_MAX,
                **shared_view(s, activity.event_id)}

    def participant_views(self, s, activity, participants):
        ids = [p.id for p in participants]
        return {pid: {"questions": qs} for pid, qs in mine(s, activity.event_id, ids).items()}


    def console_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        return {
            "prompt": activity.config.get("prompt") or self.default_prompt,
            "board": facilitator_view(s, activity.event_id),
            "counts": counts(s, activity.event_id),
            "clinician_link_made_at": consultation.link_made_at(s, activity.event),
        }

