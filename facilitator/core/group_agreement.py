"""The group agreement people accept before they take part: its wordings, the
record of who accepted which wording and when, and the rule that ties it to
the group consultation format.

Rewording the agreement asks everyone to accept again (``Participant.agreed_at``
is cleared), but what they accepted before stays in the record.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.core.models import AgreementAcceptance, AgreementVersion, Event, Participant, utcnow
from facilitator.core.errors import DomainError
from facilitator.i18n import N_

# Activity kinds where people share what is personal: the event must have a
# confidentiality agreement everyone accepts first.
GATED_KINDS = ("questions", "consultation")
# What a person may do before accepting the agreement (by the live link's action
# names): accept it, change the name they are known by, ask for their view again.
# The language too: a person must be able to read the agreement before accepting it.
BEFORE_AGREEMENT = {"agreement.accept", "me.update", "me.language", "sync"}


def _latest(s: Session, event: Event) -> AgreementVersion | None:
    return s.scalar(
        select(AgreementVersion).where(AgreementVersion.event_id == event.id).order_by(AgreementVersion.number.desc()).limit(1)
    )


def current_version(s: Session, event: Event) -> AgreementVersion | None:
    """The wording people accept now (made the first time it is needed), or None without an agreement."""
    if not event.agreement_text:
        return None
    latest = _latest(s, event)
    if latest is not None and latest.text == event.agreement_text:
        return latest
    version = AgreementVersion(event_id=event.id, number=(latest.number + 1) if latest else 1, text=event.agreement_text)
    s.add(version)
    s.flush()
    return version


def record_acceptance(s: Session, event: Event, person: Participant) -> None:
    """Note that this person accepts the agreement as it is worded now, at ``person.agreed_at``."""
    version = current_version(s, event)
    if version is None:
        return
    seen = s.scalar(
        select(AgreementAcceptance).where(
            AgreementAcceptance.version_id == version.id, AgreementAcceptance.participant_id == person.id
        )
    )
    if seen is None:
        s.add(AgreementAcceptance(version_id=version.id, participant_id=person.id, accepted_at=person.agreed_at or utcnow()))
        s.flush()


def record(s: Session, event: Event, *, with_names: bool) -> dict[str, Any]:
    """The acceptance record for an export.

    ``{"versions": [{number, text, created_at, accepted}], "people": [{who, version, accepted_at}]}``:
    ``people`` is filled only ``with_names`` (a chosen name, or "Anonymous" and ``anonymous: True``);
    without names only the counts per wording leave.
    """
    versions = list(
        s.scalars(select(AgreementVersion).where(AgreementVersion.event_id == event.id).order_by(AgreementVersion.number))
    )
    counts = dict(
        s.execute(
            select(AgreementAcceptance.version_id, func.count())
            .where(AgreementAcceptance.version_id.in_([v.id for v in versions]))
            .group_by(AgreementAcceptance.version_id)
        ).all()
    ) if versions else {}
    out: dict[str, Any] = {
        "versions": [
            {"number": v.number, "text": v.text, "created_at": v.created_at, "accepted": counts.get(v.id, 0)}
            for v in versions
        ],
        "people": [],
    }
    if with_names and versions:
        number = {v.id: v.number for v in versions}
        rows = s.execute(
            select(AgreementAcceptance, Participant)
            .join(Participant, Participant.id == AgreementAcceptance.participant_id)
            .where(AgreementAcceptance.version_id.in_(list(number)))
            .order_by(AgreementAcceptance.accepted_at, AgreementAcceptance.id)
        ).all()
        out["people"] = [
            # "anonymous": the exports write "Anonymous" in the report's language.
            {"who": p.label, "anonymous": p.name is None, "version": number[a.version_id], "accepted_at": a.accepted_at}
            for a, p in rows
        ]
    return out


def check_agenda_kind(event: Event, kind: str) -> None:
    """Refuse a questions or consultation activity in an event without a confidentiality agreement."""
    if kind in GATED_KINDS and not event.agreement_text:
        raise DomainError(N_(
            "A group consultation needs a confidentiality agreement that everyone accepts before sharing "
            "questions: write the group agreement in the event's details first, then add this activity."
        ))


def check_agreement_text(event: Event, new_text: str) -> None:
    """Refuse clearing the agreement while the agenda has a questions or consultation activity."""
    if new_text or not event.agreement_text:
        return
    gated = [a.title for a in event.activities if a.kind in GATED_KINDS]
    if gated:
        raise DomainError(
            N_("The group agreement cannot be left empty while the agenda has {activities}: "
               "people accept confidentiality before they share questions. Reword it, or remove those activities first."),
            activities=", ".join(repr(t) for t in gated),
        )
