"""Socket.IO actions of the questions people bring to a group consultation,
and the facilitator's themes for them. Thin: authorise, validate, call the rules."""
from __future__ import annotations

from facilitator.activities.questions import rules as questions
from facilitator.activities.questions.models import VISIBILITIES
from facilitator.core import agenda
from facilitator.delivery.auth import FACILITATOR, PARTICIPANT, Actor
from facilitator.delivery.handling import Reply, action
from facilitator.delivery.lookup import me, named_event
from facilitator.delivery.payloads import CLIENT_ID, EVENT_CODE, Bool, Choice, Int, Schema, Text

ID = Int(1, 2**31, required=True)


# --- questions (each person, their own) ---------------------------------------------------


@action(
    "question.add",
    roles=PARTICIPANT,
    schema=Schema(
        text=Text(questions.QUESTION_MAX * 2, required=True, min_len=1),
        visibility=Choice(*VISIBILITIES, default="private"),
        named=Bool(),
        cid=CLIENT_ID,
    ),
    limited=True,
)
def question_add(s, actor: Actor, cmd):
    """A question you want to bring: private, for the clinician, or shared with the group."""
    person = me(s, actor)
    current = agenda.current(person.event)
    row, changes = questions.add(
        s, person.event, person, cmd.text, cmd.visibility, cmd.named,
        activity=current if current is not None and current.kind == "questions" else None,
    )
    return Reply({"id": row.id}, [changes])


@action(
    "question.edit",
    roles=PARTICIPANT,
    schema=Schema(
        question=ID,
        text=Text(questions.QUESTION_MAX * 2, min_len=1),
        visibility=Choice(*VISIBILITIES),
        named=Bool(default=None),
    ),
    limited=True,
)
def question_edit(s, actor: Actor, cmd):
    """Change your own question's words, who may see it, or whether your name goes with it."""
    return questions.edit(s, me(s, actor), cmd.question, text=cmd.text, visibility=cmd.visibility, named=cmd.named)


@action("question.withdraw", roles=PARTICIPANT, schema=Schema(question=ID))
def question_withdraw(s, actor: Actor, cmd):
    """Take back your own question: it is deleted."""
    return questions.withdraw(s, me(s, actor), cmd.question)


# --- themes (the facilitator) ---------------------------------------------------------------


@action("question.theme", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, question=ID, theme=Int(1, 2**31)))
def question_theme(s, actor: Actor, cmd):
    """Put a shared or clinician-only question under a theme (no ``theme``: under none)."""
    return questions.set_theme(s, named_event(s, cmd), cmd.question, cmd.theme)


@action("question_theme.add", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, name=Text(questions.THEME_MAX, required=True, min_len=1)))
def question_theme_add(s, actor: Actor, cmd):
    """A new theme for the questions."""
    theme, changes = questions.add_theme(s, named_event(s, cmd), cmd.name)
    return Reply({"id": theme.id}, [changes])


@action(
    "question_theme.rename",
    roles=FACILITATOR,
    schema=Schema(event=EVENT_CODE, theme=ID, name=Text(questions.THEME_MAX, required=True, min_len=1)),
)
def question_theme_rename(s, actor: Actor, cmd):
    """Rename a theme."""
    return questions.rename_theme(s, named_event(s, cmd), cmd.theme, cmd.name)


@action("question_theme.note", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, theme=ID, note=Text(questions.NOTE_MAX, default="")))
def question_theme_note(s, actor: Actor, cmd):
    """The facilitator's note on a theme, for the record."""
    return questions.note_theme(s, named_event(s, cmd), cmd.theme, cmd.note)


@action("question_theme.remove", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, theme=ID))
def question_theme_remove(s, actor: Actor, cmd):
    """Delete a theme; its questions are left without one."""
    return questions.remove_theme(s, named_event(s, cmd), cmd.theme)
