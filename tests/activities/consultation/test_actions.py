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
        return joined.participant.id, joined.token


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


def test_private_and_clinician_only_questions_reach_no_other_phone_screen_or_console(db, console, socket_clients, screen_auth):
    c = consultation_event(db)
    go(db, c.code, "questions")
    amara = phone(socket_clients, c.code, c.tokens["amara"])
    bao = phone(socket_clients, c.code, c.tokens["bao"])
    screen = socket_clients(screen_auth(c.code))
    assert console.emit("console.watch", {"event": c.code}, callback=True)["ok"]
    for client in (amara, bao, screen, console):
        client.get_received()
    first = amara.emit("question.add", {"text": "PRIVATE-NEW-Lark-4", "visibility": "private", "cid": "cid-private-1"}, callback=True)
    again = amara.emit("question.add", {"text": "PRIVATE-NEW-Lark-4", "visibility": "private", "cid": "cid-private-1"}, callback=True)
    assert first["ok"] and again["id"] == first["id"], "a retried question is stored once"
    assert amara.emit("question.add", {"text": "For the doctor: CLIN-NEW-Kite-6", "visibility": "clinician"}, callback=True)["ok"]
    assert amara.emit("question.add", {"text": "Shared: SHARED-NEW-Robin-8", "visibility": "shared"}, callback=True)["ok"]
    mine = json.dumps(amara.get_received())
    assert "PRIVATE-NEW-Lark-4" in mine and "CLIN-NEW-Kite-6" in mine
    theirs, shown, facilitator = (json.dumps(x.get_received()) for x in (bao, screen, console))
    assert "SHARED-NEW-Robin-8" in theirs and "SHARED-NEW-Robin-8" in shown
    for text in (theirs, shown, facilitator):
        assert "PRIVATE-NEW-Lark-4" not in text and PRIVATE_Q not in text
    for text in (theirs, shown, facilitator):
        assert "CLIN-NEW-Kite-6" not in text and CLINICIAN_Q not in text
    board = console.emit("console.watch", {"event": c.code}, callback=True)["snapshot"]["activity"]["board"]
    assert board["for_clinician"] == 2, "the console counts clinician-only questions without seeing them"


def test_someone_elses_question_cannot_be_changed_or_themed_when_private(db, console, socket_clients):
    c = consultation_event(db)
    bao = phone(socket_clients, c.code, c.tokens["bao"])
    amara = phone(socket_clients, c.code, c.tokens["amara"])
    go(db, c.code, "questions")
    mine = amara.emit("sync", {}, callback=True)["snapshot"]["mine"]["questions"]
    private = next(q for q in mine if q["visibility"] == "private")
    assert bao.emit("question.edit", {"question": private["id"], "text": "mine now"}, callback=True)["code"] == "not_allowed"
    assert bao.emit("question.withdraw", {"question": private["id"]}, callback=True)["code"] == "not_allowed"
    reply = console.emit("question.theme", {"event": c.code, "question": private["id"], "theme": c.theme_id}, callback=True)
    assert reply["code"] == "not_found"


def test_the_facilitator_themes_questions_and_notes_them_for_the_record(db, console, socket_clients):
    c = consultation_event(db)
    go(db, c.code, "questions")
    theme = console.emit("question_theme.add", {"event": c.code, "name": "Food and eating"}, callback=True)
    assert theme["ok"]
    snap = console.emit("console.watch", {"event": c.code}, callback=True)["snapshot"]
    unthemed = snap["activity"]["board"]["unthemed"]
    assert console.emit("question.theme", {"event": c.code, "question": unthemed[0]["id"], "theme": theme["id"]}, callback=True)["ok"]
    assert console.emit("question_theme.note", {"event": c.code, "theme": theme["id"], "note": "Dietitian referral"}, callback=True)["ok"]
    board = console.emit("console.watch", {"event": c.code}, callback=True)["snapshot"]["activity"]["board"]
    food = next(t for t in board["themes"] if t["name"] == "Food and eating")
    assert food["note"] == "Dietitian referral" and food["questions"][0]["id"] == unthemed[0]["id"]
    assert console.emit("question_theme.remove", {"event": c.code, "theme": theme["id"]}, callback=True)["ok"]


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


def test_goals_are_set_once_and_private_ones_stay_with_their_author(db, console, socket_clients, screen_auth):
    c = consultation_event(db)
    go(db, c.code, "goals")
    anon = phone(socket_clients, c.code, c.tokens["anon"])
    bao = phone(socket_clients, c.code, c.tokens["bao"])
    screen = socket_clients(screen_auth(c.code))
    for client in (bao, screen):
        client.get_received()
    first = anon.emit("goal.set", {"text": "PRIVATE-GOAL-Vole-2", "cid": "cid-goal-0001"}, callback=True)
    assert anon.emit("goal.set", {"text": "PRIVATE-GOAL-Vole-2", "cid": "cid-goal-0001"}, callback=True)["id"] == first["id"]
    assert anon.emit("sync", {}, callback=True)["snapshot"]["mine"]["goal"] == {"text": "PRIVATE-GOAL-Vole-2", "shared": False}
    for client in (bao, screen):
        text = json.dumps(client.get_received()) + json.dumps(client.emit("sync", {}, callback=True))
        assert "PRIVATE-GOAL-Vole-2" not in text and PRIVATE_GOAL not in text
    assert SHARED_GOAL in json.dumps(received(socket_clients(screen_auth(c.code)), "snapshot"))


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
