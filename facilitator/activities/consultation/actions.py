"""Socket.IO actions of the group consultation: "see me last" and the
clinician's link. Thin: authorise, validate, call the domain.

The clinician role connects here too (``connect_clinician``, one of the live
link's ``CONNECTS``): it is put in its event's clinician room and may send no
action at all.
"""
from __future__ import annotations

from flask import request

from facilitator.activities.consultation import clinician, rules as consultation
from facilitator.core import agenda
from facilitator.delivery import cluster, handlers, socketio
from facilitator.delivery.auth import CLINICIAN, CLINICIAN_COOKIE, FACILITATOR, PARTICIPANT, Actor
from facilitator.delivery.handling import Reply, action
from facilitator.delivery.lookup import me, named_event
from facilitator.delivery.payloads import EVENT_CODE, Schema, identifier_or_none
from facilitator.i18n import N_
from facilitator.delivery.services import services


def connect_clinician(svc, auth):
    """A clinician's view: the event's code and its clinician secret (or the cookie the page set)."""

    def holds_secret(s, event, secret):
        return clinician.is_secret(s, event, secret or identifier_or_none(request.cookies.get(CLINICIAN_COOKIE.format(code=event.code))))

    with handlers.opened_by_link(
        svc, auth, holds_secret=holds_secret, opened="a clinician",
        refusal=N_("This clinician link is not valid (it may have been replaced). Ask the facilitator for the current link."),
    ) as (s, event, _ip):
        snapshot = {"role": CLINICIAN, **clinician.snapshot(s, event)}
        actor = Actor(CLINICIAN, request.sid, event_id=event.id)
    return actor, snapshot, None


handlers.CONNECTS[CLINICIAN] = connect_clinician


# --- the consultation round -----------------------------------------------------------------


@action("consultation.last", roles=PARTICIPANT, schema=Schema())
def consultation_last(s, actor: Actor, cmd):
    """Ask to be seen last: you move to the end of the queue (not a pass)."""
    person = me(s, actor)
    return consultation.see_me_last(s, agenda.current(person.event), person)


# --- the clinician's link -------------------------------------------------------------------


@action("clinician.rotate", roles=FACILITATOR, schema=Schema(event=EVENT_CODE))
def clinician_rotate(s, actor: Actor, cmd):
    """Make the clinician link (or a new one: the old one stops working and its views are closed)."""
    event = named_event(s, cmd)
    secret, changes = clinician.rotate(s, event)
    event_id = event.id

    def sign_out_old_views():
        services().cluster.everywhere("clinicians.sign_out", event_id=event_id)

    # The only time the link exists outside the clinician's browser: only its hash is kept.
    reply = {"path": clinician.link_path(event, secret), "made_at": clinician.link_made_at(s, event)}
    return Reply(reply, [changes], after=sign_out_old_views)


@cluster.on("clinicians.sign_out")
def _sign_out_clinicians_here(event_id: int) -> None:
    svc = services()
    for sid in svc.connections.sids_with_role(CLINICIAN):
        watching = svc.connections.get(sid)
        if watching is not None and watching.event_id == event_id:
            socketio.server.disconnect(sid, namespace="/", ignore_queue=True)
