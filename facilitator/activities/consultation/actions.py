"""Socket.IO actions of the group consultation: questions and their themes,
"see me last", goals, and the clinician's link. Thin: authorise, validate,
call the domain.

The clinician role connects here too (``connect_clinician``): it is put in
its event's clinician room and may send no action at all.
"""
from __future__ import annotations

from flask import request

from facilitator.core import agenda, events, participants
from facilitator.activities.consultation import clinician, rules as consultation
from facilitator.activities.goals import rules as goals
from facilitator.activities.questions import rules as questions
from facilitator.core.errors import DomainError
from facilitator.core.models import Event, Participant
from facilitator.activities.questions.models import VISIBILITIES
from facilitator.delivery import cluster, socketio
from facilitator.delivery.auth import CLINICIAN, CLINICIAN_COOKIE, FACILITATOR, PARTICIPANT, Actor
from facilitator.delivery.handling import Reply, action
from facilitator.delivery.payloads import CLIENT_ID, EVENT_CODE, Bool, Choice, Int, Schema, Text, identifier_or_none

ID = Int(1, 2**31, required=True)


def connect_clinician(svc, auth):
    """A clinician's view: the event's code and its clinician secret (or the cookie the page set)."""
    ip = request.remote_addr or "?"
    if not svc.join_failures.would_allow(ip):
        raise DomainError(svc.join_failures.message, code="rate_limited")
    refused = DomainError(
        "This clinician link is not valid (it may have been replaced). Ask the facilitator for the current link.",
        code="not_allowed",
    )
    code = auth.get("event")
    if not isinstance(code, str):
        raise DomainError("Which event? The link is missing its code.")
    with svc.db.read_scope() as s:
        try:
            event = events.get_by_code(s, code)
        except DomainError:
            svc.join_failures.allow(ip)
            raise
        secret = auth.get("secret") or identifier_or_none(request.cookies.get(CLINICIAN_COOKIE.format(code=event.code)))
        if not clinician.is_secret(s, event, secret):
            svc.join_failures.allow(ip)
            raise refused
        snapshot = {"role": CLINICIAN, **clinician.snapshot(s, event)}
        actor = Actor(CLINICIAN, request.sid, event_id=event.id)
    return actor, snapshot, None


def _me(s, actor: Actor) -> Participant:
    return participants.still_in_event(s, actor.participant_id)


def _event(s, cmd) -> Event:
    return events.get_by_code(s, cmd.event)


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
    person = _me(s, actor)
    current = agenda.current(person.event)
    row, changes = questions.add(
        s, person.event, person, cmd.text, cmd.visibility, cmd.named, cmd.cid,
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
    return questions.edit(s, _me(s, actor), cmd.question, text=cmd.text, visibility=cmd.visibility, named=cmd.named)


@action("question.withdraw", roles=PARTICIPANT, schema=Schema(question=ID))
def question_withdraw(s, actor: Actor, cmd):
    """Take back your own question: it is deleted."""
    return questions.withdraw(s, _me(s, actor), cmd.question)


# --- themes (the facilitator) ---------------------------------------------------------------


@action("question.theme", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, question=ID, theme=Int(1, 2**31)))
def question_theme(s, actor: Actor, cmd):
    """Put a shared or clinician-only question under a theme (no ``theme``: under none)."""
    return questions.set_theme(s, _event(s, cmd), cmd.question, cmd.theme)


@action("question_theme.add", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, name=Text(questions.THEME_MAX, required=True, min_len=1)))
def question_theme_add(s, actor: Actor, cmd):
    """A new theme for the questions."""
    theme, changes = questions.add_theme(s, _event(s, cmd), cmd.name)
    return Reply({"id": theme.id}, [changes])


@action(
    "question_theme.rename",
    roles=FACILITATOR,
    schema=Schema(event=EVENT_CODE, theme=ID, name=Text(questions.THEME_MAX, required=True, min_len=1)),
)
def question_theme_rename(s, actor: Actor, cmd):
    """Rename a theme."""
    return questions.rename_theme(s, _event(s, cmd), cmd.theme, cmd.name)


@action("question_theme.note", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, theme=ID, note=Text(questions.NOTE_MAX, default="")))
def question_theme_note(s, actor: Actor, cmd):
    """The facilitator's note on a theme, for the record."""
    return questions.note_theme(s, _event(s, cmd), cmd.theme, cmd.note)


@action("question_theme.remove", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, theme=ID))
def question_theme_remove(s, actor: Actor, cmd):
    """Delete a theme; its questions are left without one."""
    return questions.remove_theme(s, _event(s, cmd), cmd.theme)


# --- the consultation round and the goals ---------------------------------------------------


@action("consultation.last", roles=PARTICIPANT, schema=Schema())
def consultation_last(s, actor: Actor, cmd):
    """Ask to be seen last: you move to the end of the queue (not a pass)."""
    person = _me(s, actor)
    return consultation.see_me_last(s, agenda.current(person.event), person)


@action(
    "goal.set",
    roles=PARTICIPANT,
    schema=Schema(text=Text(goals.GOAL_MAX * 2, required=True, min_len=1), shared=Bool(), cid=CLIENT_ID),
    limited=True,
)
def goal_set(s, actor: Actor, cmd):
    """Your one personal goal, private unless you share it; sending again replaces it."""
    person = _me(s, actor)
    row, changes = goals.set_goal(s, agenda.current(person.event), person, cmd.text, cmd.shared, cmd.cid)
    return Reply({"id": row.id}, [changes])


# --- the clinician's link -------------------------------------------------------------------


@action("clinician.rotate", roles=FACILITATOR, schema=Schema(event=EVENT_CODE))
def clinician_rotate(s, actor: Actor, cmd):
    """Make the clinician link (or a new one: the old one stops working and its views are closed)."""
    event = _event(s, cmd)
    secret, changes = clinician.rotate(s, event)
    event_id = event.id

    def sign_out_old_views():
        from facilitator.delivery.services import services

        services().cluster.everywhere("clinicians.sign_out", event_id=event_id)

    # The only time the link exists outside the clinician's browser: only its hash is kept.
    reply = {"path": clinician.link_path(event, secret), "made_at": clinician.link_made_at(s, event)}
    return Reply(reply, [changes], after=sign_out_old_views)


@cluster.on("clinicians.sign_out")
def _sign_out_clinicians_here(event_id: int) -> None:
    from facilitator.delivery.services import services

    svc = services()
    for sid in svc.connections.sids_with_role(CLINICIAN):
        watching = svc.connections.get(sid)
        if watching is not None and watching.event_id == event_id:
            socketio.server.disconnect(sid, namespace="/", ignore_queue=True)
