"""Goals over Socket.IO: one each, and a private goal stays with its author."""
from __future__ import annotations

import json

from tests.consultation_support import PRIVATE_GOAL, SHARED_GOAL, consultation_event, go
from tests.factories import phone, received


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
