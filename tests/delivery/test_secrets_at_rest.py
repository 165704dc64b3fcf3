"""Secrets at rest: the clinician's secret is kept only as a hash, no archive holds a secret
or the record of who sent what, and a restored event makes new links."""
from __future__ import annotations

import json

from sqlalchemy import select

from facilitator.exports import restore
from facilitator.core import events
from facilitator.core.participants import hash_token
from facilitator.exports import json_archive
from facilitator.activities.consultation.models import ClinicianKey
from facilitator.core.models import Event
from facilitator.delivery.models import HandledMessage
from tests.consultation_support import CLINICIAN_Q, consultation_event, go
from tests.factories import ack, phone

ASKED_PRIVATELY = "PRIVATELY-ASKED-Otter-77"
ASKED_FOR_THE_CLINICIAN = "FOR-THE-CLINICIAN-Wren-88"


def _clinician_secret(console, code) -> str:
    return ack(console, "clinician.rotate", {"event": code})["path"].split("#key=")[1]


def _archive(db, code) -> str:
    with db.read_scope() as s:
        return json_archive.render(s, events.get_by_code(s, code)).decode("utf-8")


def _asked(db, socket_clients, c) -> None:
    """Amara asks one question for herself and one for the clinician from her phone, with client ids."""
    go(db, c.code, "questions")
    amara = phone(socket_clients, c.code, c.tokens["amara"])
    assert ack(amara, "question.add", {"text": ASKED_PRIVATELY, "visibility": "private", "cid": "private-ask-0001"})["ok"]
    assert ack(amara, "question.add", {"text": ASKED_FOR_THE_CLINICIAN, "visibility": "clinician", "cid": "clinic-ask-0002"})["ok"]


def test_the_clinician_secret_is_kept_only_as_a_hash_and_shown_only_when_made(db, console, socket_clients):
    c = consultation_event(db)
    go(db, c.code, "questions")
    made = ack(console, "clinician.rotate", {"event": c.code})
    secret = made["path"].split("#key=")[1]
    with db.read_scope() as s:
        stored = [dict(r._mapping) for r in s.execute(select(ClinicianKey.__table__))]
    assert len(stored) == 1 and secret not in json.dumps(stored, default=str)
    assert stored[0]["secret_hash"] == hash_token(secret)
    # The console is told a link exists, and when it was made, never the link.
    after = ack(console, "console.watch", {"event": c.code})["snapshot"]
    assert after["activity"]["clinician_link_made_at"] == made["made_at"]
    assert secret not in json.dumps(after)
    # The link works all the same.
    assert socket_clients({"role": "clinician", "event": c.code, "secret": secret}).is_connected()


def test_an_archive_holds_no_secret_and_no_record_of_who_sent_what(db, console, socket_clients, screen_auth):
    c = consultation_event(db)
    _asked(db, socket_clients, c)
    secret = _clinician_secret(console, c.code)
    with db.read_scope() as s:
        assert s.scalars(select(HandledMessage.client_id)).all(), "the phone's messages were recorded as handled"
        nonce = events.get_by_code(s, c.code).screen_nonce
    text = _archive(db, c.code)
    records = json.loads(text)["records"]
    assert "consult_clinician_key" not in records and "handled_message" not in records
    assert "screen_nonce" not in records["event"][0]
    for leaked in (secret, hash_token(secret), nonce, screen_auth(c.code)["secret"],
                   "private-ask-0001", "clinic-ask-0002", "question.add", ASKED_PRIVATELY, ASKED_FOR_THE_CLINICIAN, CLINICIAN_Q):
        assert leaked not in text, leaked


def test_a_restored_event_makes_new_links_and_the_old_ones_open_nothing(app, db, console, socket_clients, screen_auth):
    c = consultation_event(db)
    old_clinician = _clinician_secret(console, c.code)
    old_screen = screen_auth(c.code)["secret"]
    text = _archive(db, c.code)
    # The same laptop (the same links.key), the event deleted and brought back from its archive.
    assert ack(console, "event.delete", {"event": c.code})["ok"]
    with db.session_scope() as s:
        assert restore.restore(s, json_archive.parse(text)).created
    assert not socket_clients({"role": "clinician", "event": c.code, "secret": old_clinician}).is_connected()
    assert not socket_clients({"role": "screen", "event": c.code, "secret": old_screen}).is_connected()
    new_screen = ack(console, "console.watch", {"event": c.code})["snapshot"]["screen_link"].split("#key=")[1]
    assert new_screen != old_screen
    assert socket_clients({"role": "screen", "event": c.code, "secret": new_screen}).is_connected()
    new_clinician = _clinician_secret(console, c.code)
    assert socket_clients({"role": "clinician", "event": c.code, "secret": new_clinician}).is_connected()


def test_an_archive_made_before_secrets_were_left_out_is_restored_without_them(app, db, console, socket_clients):
    c = consultation_event(db)
    _asked(db, socket_clients, c)
    doc = json.loads(_archive(db, c.code))
    # What an archive of an earlier release held: the clinician's secret in clear, the event's
    # screen nonce and the handled messages.
    records = doc["records"]
    records["event"][0]["screen_nonce"] = "0" * 32
    records["consult_clinician_key"] = [
        {"id": 1, "event_id": 1, "secret": "old-clinician-secret", "created_at": "2026-11-30T10:00:00+00:00"}
    ]
    records["handled_message"] = [
        {"id": 1, "participant_id": 1, "client_id": "private-ask-0001", "action": "question.add",
         "reply": {"id": 1}, "handled_at": "2026-11-30T10:00:00+00:00"}
    ]
    assert ack(console, "event.delete", {"event": c.code})["ok"]
    with db.session_scope() as s:
        assert restore.restore(s, doc).created
    with db.read_scope() as s:
        event = s.scalar(select(Event).where(Event.code == c.code))
        assert event.screen_nonce != "0" * 32
        assert s.scalar(select(ClinicianKey)) is None
        assert s.scalars(select(HandledMessage)).all() == []
    assert not socket_clients({"role": "clinician", "event": c.code, "secret": "old-clinician-secret"}).is_connected()
