"""A bug on the day leaves a line to read in the log: which action failed and why, and nothing
anyone wrote or is called."""
import logging

from sqlalchemy import insert

from facilitator import logs
from facilitator.core import participants
from facilitator.activities.board.models import Card
from tests.factories import ack, make_event, make_participant, phone

SECRET_NAME = "Zebra-Secret-Name-77"


def test_a_failing_action_is_logged_by_name_without_what_the_person_wrote(socket_clients, db, caplog, monkeypatch):
    code, _ = make_event(db)
    _, token = make_participant(db, code, "Sam")
    client = phone(socket_clients, code, token)

    def rename_that_breaks(s, person, identity):
        # A bug that writes a row the database refuses, with the person's words as a parameter.
        s.execute(insert(Card).values(event_id=10**9, author_id=person.id, text=identity.name,
                                      pinned=False, hidden=False, withdrawn=False))

    monkeypatch.setattr(participants, "rename", rename_that_breaks)
    with caplog.at_level(logging.ERROR):
        reply = ack(client, "me.update", {"name": SECRET_NAME})
    assert reply["ok"] is False and reply["code"] == "server_error"
    written = "\n".join(logging.Formatter(logs.FILE_FORMAT).format(record) for record in caplog.records)
    assert "action me.update failed" in written
    assert "IntegrityError" in written and "Traceback" in written
    assert SECRET_NAME not in written
    assert token not in written
