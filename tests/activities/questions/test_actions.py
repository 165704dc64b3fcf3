"""The questions of a group consultation over Socket.IO: each reaches only whom it is meant for."""
from __future__ import annotations

import json

from tests.consultation_support import CLINICIAN_Q, PRIVATE_Q, consultation_event, go
from tests.factories import phone


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
