"""A partial update changes what it names and leaves the other fields alone;
clearing a field is explicit (an empty string)."""
from facilitator.core import events, participants
from facilitator.core.participants import Identity
from facilitator.core.models import Participant
from tests.factories import ack, make_event, phone


def _join(db, code, name, pronouns):
    with db.session_scope() as s:
        joined = participants.join(s, events.get_by_code(s, code), Identity(name, pronouns), agreed=True)
        return joined.participant_id, joined.token


def _person(db, pid):
    with db.read_scope() as s:
        p = s.get(Participant, pid)
        return p.name, p.pronouns


def test_a_new_name_alone_leaves_the_pronouns_alone(socket_clients, db):
    code, _ = make_event(db)
    pid, token = _join(db, code, "Amara", "she/her")
    amara = phone(socket_clients, code, token)
    assert ack(amara, "me.update", {"name": "Amara O."})["ok"]
    assert _person(db, pid) == ("Amara O.", "she/her")


def test_new_pronouns_alone_are_taken_and_the_name_stays(socket_clients, db):
    code, _ = make_event(db)
    pid, token = _join(db, code, "Amara", "she/her")
    amara = phone(socket_clients, code, token)
    reply = ack(amara, "me.update", {"pronouns": "they/them"})
    assert reply["ok"], reply
    assert _person(db, pid) == ("Amara", "they/them")


def test_empty_pronouns_clear_them_and_becoming_anonymous_drops_both(socket_clients, db):
    code, _ = make_event(db)
    pid, token = _join(db, code, "Amara", "she/her")
    amara = phone(socket_clients, code, token)
    assert ack(amara, "me.update", {"pronouns": ""})["ok"]
    assert _person(db, pid) == ("Amara", None)
    assert ack(amara, "me.update", {"anonymous": True})["ok"]
    assert _person(db, pid) == (None, None)
    refused = ack(amara, "me.update", {"pronouns": "she/her"})  # pronouns without a name
    assert not refused["ok"] and "name" in refused["error"]
    assert ack(amara, "me.update", {"name": "Amara"})["ok"]
    assert _person(db, pid) == ("Amara", None)


def _details(db, code):
    with db.read_scope() as s:
        e = events.get_by_code(s, code)
        return {"title": e.title, "purpose": e.purpose, "welcome_text": e.welcome_text, "agreement_text": e.agreement_text}


def test_a_new_title_alone_leaves_the_purpose_welcome_and_agreement_alone(console, db):
    code, _ = make_event(db, purpose="Share what keeps us well", welcome_text="Tea is at the back", agreement_text="What is said here stays here")
    assert ack(console, "event.update", {"event": code, "title": "Spring gathering"})["ok"]
    assert _details(db, code) == {
        "title": "Spring gathering",
        "purpose": "Share what keeps us well",
        "welcome_text": "Tea is at the back",
        "agreement_text": "What is said here stays here",
    }


def test_an_event_field_is_cleared_only_by_an_empty_text(console, db):
    code, _ = make_event(db, purpose="Share what keeps us well", welcome_text="Tea is at the back")
    assert ack(console, "event.update", {"event": code, "welcome_text": ""})["ok"]
    details = _details(db, code)
    assert details["welcome_text"] == "" and details["purpose"] == "Share what keeps us well"
    refused = ack(console, "event.update", {"event": code, "title": ""})
    assert not refused["ok"] and refused["code"] == "bad_request"
