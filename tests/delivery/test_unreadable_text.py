"""Text that cannot be stored (a lone surrogate, a NUL) is refused at the edge with a
sentence, wherever it comes in: an action's fields, a client id, an event code, a
phone's token, the console's or the clinician's secret. Never a server error."""
import logging

import pytest

from facilitator.delivery.handling import ACTIONS
from facilitator.delivery.payloads import PayloadError
from tests.cafe_support import cafe_event
from tests.factories import ack, connect_error, make_event, make_participant, phone

UNSTORABLE = ["\ud800abcdefgh", "abcd\x00efgh"]


def _no_errors_logged(caplog):
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, errors[0].getMessage()


@pytest.mark.parametrize("bad", UNSTORABLE, ids=["surrogate", "nul"])
def test_every_text_field_of_every_action_refuses_text_that_cannot_be_stored(app, bad):
    checked = 0
    for spec in ACTIONS.values():
        for field_name, field in spec.schema.fields.items():
            try:
                field.check(field_name, "ordinarytext")
            except PayloadError:
                continue  # not a text field (a number, a choice)
            with pytest.raises(PayloadError, match="not text"):
                field.check(field_name, bad)
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("bad", UNSTORABLE, ids=["surrogate", "nul"])
def test_a_card_whose_client_id_cannot_be_stored_is_refused_with_a_sentence(db, socket_clients, console, caplog, bad):
    code, _ = cafe_event(db, tables=1)
    _, token = make_participant(db, code, "Sam")
    sam = phone(socket_clients, code, token)
    assert ack(sam, "cafe.volunteer", {"host": True})["ok"]
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    reply = ack(sam, "card.add", {"text": "An idea", "cid": bad})
    assert reply["ok"] is False and reply["code"] == "bad_request", reply
    assert "cid" in reply["error"]
    assert ack(sam, "card.add", {"text": "An idea", "cid": "abcdefgh0001"})["ok"]
    _no_errors_logged(caplog)


@pytest.mark.parametrize(
    "auth",
    [
        {"role": "console", "secret": "\ud800secret"},
        {"role": "participant", "event": "ABCD2345", "token": "\ud800token"},
        {"role": "participant", "event": "\ud800ABCD"},
        {"role": "screen", "event": "AB\x00CD2345"},
        {"role": "clinician", "event": "ABCD2345", "secret": "\ud800secret"},
    ],
    ids=["console-secret", "phone-token", "event-code", "screen-nul", "clinician-secret"],
)
def test_a_connection_whose_credentials_cannot_be_stored_is_refused_with_a_connect_error(
    app, db, socket_clients, caplog, monkeypatch, auth
):
    code, _ = make_event(db)
    auth = {k: v.replace("ABCD2345", code) for k, v in auth.items()}
    client = socket_clients(auth)
    assert not client.is_connected()
    assert connect_error(client, auth, monkeypatch)["message"]
    _no_errors_logged(caplog)


def test_a_console_login_with_an_unreadable_key_is_refused_not_a_server_error(app):
    res = app.test_client().post("/console/login", json={"key": "\ud800"})
    assert res.status_code == 403 and res.get_json()["error"]


def test_a_clinician_login_with_an_unreadable_key_is_refused_not_a_server_error(app, db):
    from facilitator.activities.consultation import clinician
    from facilitator.core import events

    code, _ = make_event(db)
    with db.session_scope() as s:
        clinician.rotate(s, events.get_by_code(s, code))
    res = app.test_client().post(f"/e/{code}/clinician/login", json={"key": "\ud800"})
    assert res.status_code == 403 and res.get_json()["error"]


@pytest.mark.parametrize("bad", UNSTORABLE, ids=["surrogate", "nul"])
def test_a_join_with_a_name_that_cannot_be_stored_is_refused(app, db, bad):
    code, _ = make_event(db)
    res = app.test_client().post(f"/api/e/{code}/join", json={"name": bad, "agreed": True})
    assert res.status_code == 400 and res.get_json()["error"]
