"""The big screen gets its long lists (the round's order, the plan, the board) once, then only
when they change: at 2,000 people a move of the talking piece is a few letters, not the
names of everyone in the room again."""
from __future__ import annotations

import json

from facilitator.delivery import screen_lists
from tests.cafe_support import cafe_event
from tests.circle_support import circle_event
from tests.factories import ack, make_participant, phone, received
from tests.support import keep_lists

NAMES = ("Amara", "Bao", "Chen", "Dorota", "Eilidh")


def _shown(snapshot: dict, patches: list[dict]) -> dict:
    """What the screen holds after these patches, kept as screen.js keeps it."""
    state = dict(snapshot)
    for patch in patches:
        state.update(keep_lists(state, patch))
    return state


def test_a_move_of_the_piece_tells_the_screen_who_stands_where_without_the_names_again(db, socket_clients, console, screen_auth):
    code, _, _, _ = circle_event(db, names=NAMES)
    assert ack(console, "console.watch", {"event": code})["ok"]
    screen = socket_clients(screen_auth(code))
    snapshot = received(screen, "snapshot")[-1]
    assert [q["label"] for q in snapshot["activity"]["queue"]] == list(NAMES)
    assert ack(console, "circle.start", {"event": code})["ok"]
    assert ack(console, "circle.next", {"event": code})["ok"]
    assert ack(console, "circle.next", {"event": code})["ok"]
    patches = [p for p in received(screen, "patch") if "activity" in p]
    assert patches, "the screen heard nothing of the moves"
    # The first patch after the snapshot may carry the order again; the moves after it do not.
    last = patches[-1]["activity"]
    assert "queue" not in last and last["turns"] == "ssSww"
    assert "Amara" not in json.dumps(patches[-1])
    shown = _shown(snapshot, patches)["activity"]
    assert [q["label"] for q in shown["queue"]] == list(NAMES) and shown["turns"] == "ssSww"

    # Someone arriving changes the order: the names come again, with the newcomer.
    pid, token = make_participant(db, code, "Fatima")
    phone(socket_clients, code, token)
    assert ack(console, "circle.next", {"event": code})["ok"]
    patches = [p for p in received(screen, "patch") if "activity" in p]
    assert any("Fatima" in [q["label"] for q in p["activity"].get("queue", [])] for p in patches)


def test_a_screen_that_opens_later_holds_the_lists_it_is_not_sent_again(db, socket_clients, console, screen_auth):
    code, _, _, _ = circle_event(db, names=NAMES)
    assert ack(console, "console.watch", {"event": code})["ok"]
    first = socket_clients(screen_auth(code))
    assert ack(console, "circle.start", {"event": code})["ok"]
    second = socket_clients(screen_auth(code))
    snapshot = received(second, "snapshot")[-1]
    assert ack(console, "circle.next", {"event": code})["ok"]
    patches = [p for p in received(second, "patch") if "activity" in p]
    assert "queue" not in patches[-1]["activity"]
    # Its snapshot carried the same list under the same digest: it keeps it.
    shown = _shown(snapshot, patches)["activity"]
    assert [q["label"] for q in shown["queue"]] == list(NAMES) and shown["turns"] == "sSwww"
    assert received(first, "patch")


def test_the_cafe_plan_and_board_are_sent_again_only_when_they_change(db, socket_clients, console, screen_auth):
    code, _ = cafe_event(db, tables=2)
    assert ack(console, "console.watch", {"event": code})["ok"]
    screen = socket_clients(screen_auth(code))
    phones = [phone(socket_clients, code, make_participant(db, code, name)[1]) for name in NAMES]
    assert ack(phones[0], "cafe.volunteer", {"host": True})["ok"]
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    # The start sent the plan alone (a seating changes no board): the board the screen holds
    # from its snapshot goes once more, with the first whole patch.
    assert "cards" not in received(screen, "patch")[-1]["inside"]["activity"]
    assert ack(console, "screen.mode", {"event": code, "mode": "paused"})["ok"]
    first = received(screen, "patch")[-1]["activity"]
    assert "plan" not in first and "cards" in first
    # Pausing the screen changes neither the plan nor the board: neither is sent again.
    assert ack(console, "screen.mode", {"event": code, "mode": "live"})["ok"]
    assert ack(console, "screen.mode", {"event": code, "mode": "paused"})["ok"]
    patches = [p for p in received(screen, "patch") if "activity" in p]
    assert patches and all("plan" not in p["activity"] and "cards" not in p["activity"] for p in patches)
    assert set(patches[-1]["activity"]["lists"]) == {"plan", "cards"}
    # A card changes the board: it comes as a card, and the next patch has the board again.
    assert ack(phones[0], "card.add", {"text": "Benches in the park", "cid": "lists-0001"})["ok"]
    assert ack(console, "screen.mode", {"event": code, "mode": "paused"})["ok"]
    patches = [p for p in received(screen, "patch") if "activity" in p]
    assert [c["text"] for c in patches[-1]["activity"]["cards"]] == ["Benches in the park"]
    assert "plan" not in patches[-1]["activity"]


def test_a_list_the_screen_does_not_hold_is_not_taken_from_another_copy():
    """keep_lists (as screen.js) takes a left-out list only from the same activity under the same digest."""
    sent: dict = {}
    full = screen_lists.thin(sent, 1, {"activity": {"id": 7, "queue": [{"id": 1, "label": "Amara"}], "turns": "S"}})
    assert full["activity"]["queue"] and sent[1]["queue"] == full["activity"]["lists"]["queue"]
    thin = screen_lists.thin(sent, 1, {"activity": {"id": 7, "queue": [{"id": 1, "label": "Amara"}], "turns": "s"}})
    assert "queue" not in thin["activity"]
    other = {"activity": {"id": 8, "queue": [{"id": 1, "label": "Amara"}], "lists": {"queue": "x"}}}
    assert "queue" not in keep_lists(other, thin)["activity"]
    assert keep_lists(full, thin)["activity"]["queue"] == [{"id": 1, "label": "Amara"}]


def test_the_screen_is_sent_how_many_are_here_and_the_latest_arrivals_not_everyone(app, db, socket_clients, console, screen_auth):
    from facilitator.whole_event.views import SCREEN_ARRIVALS

    names = [f"Person {i}" for i in range(SCREEN_ARRIVALS + 5)]
    code, _, _, _ = circle_event(db, names=names)
    screen = socket_clients(screen_auth(code))
    snapshot = received(screen, "snapshot")[-1]
    assert "roster" not in snapshot and snapshot["count"] == len(names)
    assert [p["label"] for p in snapshot["arrivals"]] == names[-SCREEN_ARRIVALS:]
    # Someone new is counted by the screen; someone already here who comes back is not.
    http = app.test_client()
    assert http.post(f"/api/e/{code}/join", json={"name": "Newcomer"}).json["ok"]
    first = [p for p in received(screen, "roster.person") if p["label"] == "Newcomer"]
    assert len(first) == 1 and first[0]["arrived"] is True
    token = http.get_cookie(f"fc_p_{code}").value
    phone(socket_clients, code, token)
    again = [p for p in received(screen, "roster.person") if p["label"] == "Newcomer"]
    assert again and not any(p.get("arrived") for p in again)
