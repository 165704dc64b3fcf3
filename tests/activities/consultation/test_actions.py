"""A group consultation over Socket.IO: the confidentiality gate, questions kept
to whom they are meant for, "see me last", goals and each person's own summary."""
from __future__ import annotations

import json

from facilitator.core import events, participants
from facilitator.core.participants import Identity
from tests.consultation_support import (
    CLINICIAN_Q, PRIVATE_GOAL, PRIVATE_Q, SHARED_GOAL, SHARED_Q, consultation_event, go, template_event,
)
from tests.factories import phone, received


def _join_unaccepted(db, code, name):
    """Someone in the room who has not accepted the agreement as it now stands
    (the facilitator reworded it after they joined: everyone accepts again)."""
    with db.session_scope() as s:
        joined = participants.join(s, events.get_by_code(s, code), Identity(name=name), agreed=True)
        joined.participant.agreed_at = None
        return joined.participant_id, joined.token


def test_nobody_joins_a_group_consultation_without_accepting_its_agreement(app, db):
    code, _ = template_event(db)
    http = app.test_client()
    refused = http.post(f"/api/e/{code}/join", json={"name": "Dev"})
    assert refused.status_code == 400 and "agreement" in refused.get_json()["error"]
    assert http.post(f"/api/e/{code}/join", json={"name": "Dev", "agreed": True}).status_code == 200


def test_rewording_the_agreement_gates_everyone_again(db, console, socket_clients):
    c = consultation_event(db)
    go(db, c.code, "questions")
    bao = phone(socket_clients, c.code, c.tokens["bao"])
    reply = console.emit("event.update", {"event": c.code, "title": "Diabetes group consultation",
                                          "agreement_text": "Reworded: what is said here stays here."}, callback=True)
    assert reply["ok"]
    snap = received(bao, "snapshot")[-1]
    assert snap["activity"] is None and snap["me"]["agreed"] is False
    assert bao.emit("question.add", {"text": "Now?", "visibility": "shared"}, callback=True)["code"] == "not_allowed"


def test_the_console_makes_a_group_consultation_with_its_confidentiality_agreement(console):
    reply = console.emit("event.create", {"template": "group-consultation", "title": "Knee pain group"}, callback=True)
    snap = console.emit("console.watch", {"event": reply["code"]}, callback=True)["snapshot"]
    assert [a["kind"] for a in snap["agenda"]] == ["welcome", "checkin", "questions", "consultation", "goals"]
    assert snap["event"]["agreement_text"].startswith("What is said here stays here")
    own = console.emit("event.create", {"template": "group-consultation", "title": "Own words", "agreement_text": "Our own words."}, callback=True)
    assert console.emit("console.watch", {"event": own["code"]}, callback=True)["snapshot"]["event"]["agreement_text"] == "Our own words."


def test_the_group_consultation_is_gated_until_the_agreement_is_accepted(db, console, socket_clients):
    code, _ = template_event(db)
    go(db, code, "questions")
    _, token = _join_unaccepted(db, code, "Dev")
    client = phone(socket_clients, code, token)
    snap = received(client, "snapshot")[-1]
    assert snap["activity"] is None and snap["agenda"] == [] and "stays here" in snap["event"]["agreement_text"]
    refused = client.emit("question.add", {"text": "Can I ask?", "visibility": "shared"}, callback=True)
    assert refused["code"] == "not_allowed"
    assert client.emit("agreement.accept", {}, callback=True)["ok"]
    assert received(client, "snapshot")[-1]["activity"]["kind"] == "questions"
    assert client.emit("question.add", {"text": "Can I ask now?", "visibility": "shared"}, callback=True)["ok"]


def test_the_record_shows_who_accepted_the_agreement_and_when(db, console, socket_clients):
    code, _ = template_event(db)
    pid, token = _join_unaccepted(db, code, "Dev")
    _join_unaccepted(db, code, "Eli")
    phone(socket_clients, code, token).emit("agreement.accept", {}, callback=True)
    roster = {p["label"]: p for p in console.emit("console.watch", {"event": code}, callback=True)["snapshot"]["roster"]}
    assert roster["Dev"]["agreed_at"] is not None and roster["Eli"]["agreed_at"] is None
    with db.read_scope() as s:
        assert participants.get_in_event(s, events.get_by_code(s, code), pid).agreed_at.isoformat() == roster["Dev"]["agreed_at"]


def test_the_console_roster_hears_when_someone_accepts_the_agreement(db, console, socket_clients):
    code, _ = template_event(db)
    pid, token = _join_unaccepted(db, code, "Dev")
    assert console.emit("console.watch", {"event": code}, callback=True)["ok"]
    console.get_received()
    assert phone(socket_clients, code, token).emit("agreement.accept", {}, callback=True)["ok"]
    people = [p for p in received(console, "roster.person") if p["id"] == pid]
    assert people and people[-1]["agreed_at"] is not None


def test_a_phone_asks_to_be_seen_last_in_the_consultation_round(db, console, socket_clients):
    c = consultation_event(db)
    amara = phone(socket_clients, c.code, c.tokens["amara"])
    go(db, c.code, "consultation")
    assert console.emit("circle.start", {"event": c.code}, callback=True)["ok"]
    assert amara.emit("consultation.last", {}, callback=True)["ok"]
    view = amara.emit("sync", {}, callback=True)["snapshot"]
    assert view["activity"]["speaker"]["label"] == "Bao"
    assert view["mine"]["seen_last"] is True and view["mine"]["status"] == "waiting" and view["mine"]["passes"] == 0
    assert PRIVATE_Q in json.dumps(view["mine"]["questions"]), "my own questions to hand when my time comes"


def test_my_summary_is_mine_alone(app, db):
    c = consultation_event(db)
    mine = app.test_client()
    mine.set_cookie(f"fc_p_{c.code}", c.tokens["amara"])
    page = mine.get(f"/e/{c.code}/me/summary.html?download=1")
    assert page.status_code == 200 and "attachment" in page.headers["Content-Disposition"]
    body = page.get_data(as_text=True)
    assert PRIVATE_Q in body and PRIVATE_GOAL in body and SHARED_Q in body
    assert "<script" not in body and "default-src 'none'" in page.headers["Content-Security-Policy"]
    theirs = app.test_client()
    theirs.set_cookie(f"fc_p_{c.code}", c.tokens["bao"])
    other = theirs.get(f"/e/{c.code}/me/summary.html").get_data(as_text=True)
    assert PRIVATE_Q not in other and PRIVATE_GOAL not in other and CLINICIAN_Q not in other and SHARED_GOAL in other
    assert app.test_client().get(f"/e/{c.code}/me/summary.html").status_code == 403


def test_my_summary_waits_for_the_agreement(app, db):
    code, _ = template_event(db)
    _, token = _join_unaccepted(db, code, "Dev")
    client = app.test_client()
    client.set_cookie(f"fc_p_{code}", token)
    assert client.get(f"/e/{code}/me/summary.html").status_code == 403
