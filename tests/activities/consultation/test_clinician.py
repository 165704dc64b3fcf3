"""The clinician's view: only with its own event's current secret; it sees the
themed questions and the queue, receives nothing else and can do nothing."""
from __future__ import annotations

import json

import pytest

from facilitator.delivery.handling import ACTIONS
from tests.consultation_support import CLINICIAN_Q, PRIVATE_GOAL, PRIVATE_Q, SHARED_Q, consultation_event, go, template_event
from tests.factories import phone, received


def _link(console, code) -> str:
    reply = console.emit("clinician.rotate", {"event": code}, callback=True)
    assert reply["ok"], reply
    return reply["path"].split("#key=")[1]


def _clinician(socket_clients, code, secret):
    return socket_clients({"role": "clinician", "event": code, "secret": secret})


@pytest.mark.parametrize("secret", [None, "", "not-the-secret", "x" * 300])
def test_a_clinician_view_without_the_right_secret_is_refused(db, console, socket_clients, secret):
    c = consultation_event(db)
    _link(console, c.code)
    client = _clinician(socket_clients, c.code, secret)
    assert not client.is_connected()


def test_another_events_clinician_secret_is_refused(db, console, socket_clients):
    c = consultation_event(db)
    other, _ = template_event(db, title="Another practice")
    _link(console, c.code)
    theirs = _link(console, other)
    assert not _clinician(socket_clients, c.code, theirs).is_connected()
    assert _clinician(socket_clients, other, theirs).is_connected()


def test_an_event_without_a_clinician_link_lets_no_clinician_in(db, socket_clients):
    c = consultation_event(db)
    assert not _clinician(socket_clients, c.code, "").is_connected()


def test_a_new_clinician_link_closes_the_old_one(db, console, socket_clients):
    c = consultation_event(db)
    old = _link(console, c.code)
    client = _clinician(socket_clients, c.code, old)
    assert client.is_connected()
    new = _link(console, c.code)
    assert not client.is_connected()
    assert not _clinician(socket_clients, c.code, old).is_connected()
    assert _clinician(socket_clients, c.code, new).is_connected()


def test_the_clinician_sees_themed_questions_and_the_queue_and_nothing_else(db, console, socket_clients):
    c = consultation_event(db)
    client = _clinician(socket_clients, c.code, _link(console, c.code))
    snap = received(client, "snapshot")[-1]
    assert set(snap) == {"role", "event", "questions", "consultation", "server_time"}
    text = json.dumps(snap)
    assert SHARED_Q in text and CLINICIAN_Q in text
    assert PRIVATE_Q not in text and PRIVATE_GOAL not in text
    assert "note" not in json.dumps(snap["questions"]), "the facilitator's notes are for the record"
    assert [p["label"] for p in snap["consultation"]["waiting"]] == ["Amara", "Bao", "Anonymous"]


def test_the_clinician_can_act_neither_as_facilitator_nor_as_participant(db, console, socket_clients):
    c = consultation_event(db)
    secret = _link(console, c.code)
    names = sorted(ACTIONS)
    assert {"agenda.next", "circle.next", "question.add", "consultation.last", "goal.set", "sync"} <= set(names)
    for start in range(0, len(names), 15):  # a fresh view per few actions, under the message rate limit
        client = _clinician(socket_clients, c.code, secret)
        for name in names[start:start + 15]:
            reply = client.emit(name, {"event": c.code}, callback=True)
            assert reply["ok"] is False and reply["code"] == "not_allowed", (name, reply)


def test_the_clinician_hears_the_round_move_and_nothing_from_the_phones_or_the_roster(db, console, socket_clients):
    c = consultation_event(db)
    client = _clinician(socket_clients, c.code, _link(console, c.code))
    client.get_received()
    bao = phone(socket_clients, c.code, c.tokens["bao"])
    for name, payload in (
        ("agenda.goto", {"event": c.code, "activity": c.activities["consultation"]}),
        ("circle.start", {"event": c.code}),
    ):
        assert console.emit(name, payload, callback=True)["ok"]
    assert bao.emit("question.add", {"text": "PRIVATE-LATE-Wren-5", "visibility": "private"}, callback=True)["ok"]
    assert bao.emit("consultation.last", {}, callback=True)["ok"]
    messages = client.get_received()
    assert {m["name"] for m in messages} == {"patch"}
    last = messages[-1]["args"][0]
    assert set(last) <= {"event", "questions", "consultation", "server_time"}
    assert last["consultation"]["speaker"]["label"] == "Amara"
    assert [p["label"] for p in last["consultation"]["waiting"]] == ["Anonymous", "Bao"]
    assert "PRIVATE-LATE-Wren-5" not in json.dumps(messages)


def test_the_clinician_page_trades_the_fragment_secret_for_a_cookie(app, db, console):
    c = consultation_event(db)
    secret = _link(console, c.code)
    http = app.test_client()
    assert http.get(f"/e/{c.code}/clinician").status_code == 200
    assert http.post(f"/e/{c.code}/clinician/login", json={"key": "wrong"}).status_code == 403
    ok = http.post(f"/e/{c.code}/clinician/login", json={"key": secret})
    assert ok.status_code == 200
    cookie = ok.headers["Set-Cookie"]
    assert cookie.startswith(f"fc_clin_{c.code}=") and "HttpOnly" in cookie


def test_a_question_for_the_clinician_reaches_the_clinicians_view_and_only_a_count_reaches_the_console(
    db, console, socket_clients
):
    c = consultation_event(db)
    go(db, c.code, "questions")
    client = _clinician(socket_clients, c.code, _link(console, c.code))
    bao = phone(socket_clients, c.code, c.tokens["bao"])
    assert console.emit("console.watch", {"event": c.code}, callback=True)["ok"]
    for other in (client, console):
        other.get_received()
    assert bao.emit("question.add", {"text": "CLIN-LATE-Egret-9", "visibility": "clinician"}, callback=True)["ok"]
    doctor = [m["args"][0] for m in client.get_received() if m["name"] == "patch"]
    assert doctor and "CLIN-LATE-Egret-9" in json.dumps(doctor[-1]["questions"]["unthemed"])
    facilitator = console.get_received()
    assert "CLIN-LATE-Egret-9" not in json.dumps(facilitator)
    boards = [m["args"][0]["activity"]["board"] for m in facilitator
              if m["name"] == "patch" and (m["args"][0].get("activity") or {}).get("board")]
    assert boards and boards[-1]["for_clinician"] == 2
