"""Working agreements over Socket.IO: people propose, the facilitator decides, the screen keeps them."""
import json

from tests.circle_support import circle_event, ok, refused
from tests.factories import received


def test_people_propose_agreements_and_the_facilitator_decides(db, room, console):
    code, aid, ids, phones, screen = room(kind="agreements")
    first = ok(phones["Amara"].emit("agreements.propose", {"text": "One voice at a time", "cid": "agree-0001"}, callback=True))
    again = ok(phones["Amara"].emit("agreements.propose", {"text": "One voice at a time", "cid": "agree-0001"}, callback=True))
    assert again["id"] == first["id"]
    second = ok(phones["Bao"].emit("agreements.propose", {"text": "Only one speaks", "cid": "agree-0002"}, callback=True))
    third = ok(phones["Chen"].emit("agreements.propose", {"text": "Phones down", "cid": "agree-0003"}, callback=True))
    refused(phones["Chen"].emit("agreements.accept", {"event": code, "agreement": third["id"]}, callback=True), "not_allowed")
    refused(phones["Chen"].emit("agreements.set_aside", {"event": code, "agreement": first["id"]}, callback=True), "not_allowed")
    refused(phones["Chen"].emit("agreements.add", {"event": code, "text": "Mine rules"}, callback=True), "not_allowed")
    ok(console.emit("agreements.accept", {"event": code, "agreement": first["id"], "text": "One voice at a time, please"}, callback=True))
    ok(console.emit("agreements.merge", {"event": code, "agreement": second["id"], "into": first["id"]}, callback=True))
    ok(console.emit("agreements.set_aside", {"event": code, "agreement": third["id"]}, callback=True))
    ok(console.emit("agreements.reopen", {"event": code, "agreement": third["id"]}, callback=True))
    ok(console.emit("agreements.add", {"event": code, "text": "It's OK to pass"}, callback=True))
    screen.get_received()
    ok(console.emit("agreements.accept", {"event": code, "agreement": third["id"]}, callback=True))
    shown = [p for p in received(screen, "patch") if "activity" in p][-1]["activity"]
    assert [a["text"] for a in shown["agreements"]] == ["One voice at a time, please", "It's OK to pass", "Phones down"]
    # Who proposed what is never sent to other phones.
    public = phones["Chen"].emit("sync", {}, callback=True)["snapshot"]
    assert "Amara" not in json.dumps(public["activity"])


def test_accepted_agreements_stay_on_the_screen_in_later_circles(db, socket_clients, screen_auth, console):
    code, eid, aid, ids = circle_event(
        db, names=("Amara",), kind="agreements", agenda_items=[{"kind": "agreements"}, {"kind": "checkin"}]
    )
    ok(console.emit("agreements.add", {"event": code, "text": "Listen with attention"}, callback=True))
    ok(console.emit("agenda.next", {"event": code}, callback=True))
    screen = socket_clients(screen_auth(code))
    snap = received(screen, "snapshot")[0]
    assert snap["activity"]["kind"] == "checkin"
    assert [a["text"] for a in snap["agreements"]] == ["Listen with attention"]


def test_agreements_are_proposed_only_during_the_agreements_activity(db, room):
    code, aid, ids, phones, _ = room()
    refused(phones["Amara"].emit("agreements.propose", {"text": "Be kind", "cid": "agree-0009"}, callback=True), "refused")
