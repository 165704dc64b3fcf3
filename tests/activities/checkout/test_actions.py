"""The check-out's closings over Socket.IO: one word each, and pledges kept to whom they are meant for."""
import json

from tests.circle_support import ok, refused


def test_checkout_closings_are_switched_on_from_the_console(db, room, console):
    code, aid, ids, phones, _ = room(kind="checkout")
    refused(phones["Amara"].emit("checkout.word", {"text": "Calm", "cid": "word-00020"}, callback=True), "refused")
    ok(console.emit("agenda.update", {"event": code, "activity": aid, "config": {"one_word": True, "pledges": True}}, callback=True))
    activity = phones["Amara"].emit("sync", {}, callback=True)["snapshot"]["activity"]
    assert activity["one_word"] is True and activity["pledges"] is True
    ok(phones["Amara"].emit("checkout.word", {"text": "Calm", "cid": "word-00021"}, callback=True))


def test_words_build_a_cloud_and_a_retried_word_counts_once(db, room, console):
    code, aid, ids, phones, screen = room(kind="checkout", config={"one_word": True, "pledges": True})
    first = ok(phones["Amara"].emit("checkout.word", {"text": "Hopeful", "cid": "word-00001"}, callback=True))
    again = ok(phones["Amara"].emit("checkout.word", {"text": "Hopeful", "cid": "word-00001"}, callback=True))
    assert first["id"] == again["id"]
    ok(phones["Bao"].emit("checkout.word", {"text": "hopeful", "cid": "word-00002"}, callback=True))
    ok(phones["Chen"].emit("checkout.word", {"text": "Tired but glad", "cid": "word-00003"}, callback=True))
    refused(phones["Chen"].emit("checkout.word", {"text": "x" * 41, "cid": "word-00004"}, callback=True), "refused")
    snap = screen.emit("sync", {}, callback=True)["snapshot"]
    assert snap["activity"]["words"] == [{"text": "Hopeful", "count": 2}, {"text": "Tired but glad", "count": 1}]


def test_a_private_pledge_is_only_ever_shown_to_its_author(db, room, console):
    code, aid, ids, phones, screen = room(kind="checkout", config={"pledges": True})
    for client in (*phones.values(), screen, console):
        client.get_received()
    ok(phones["Amara"].emit("checkout.pledge", {"text": "Call my sister", "shared": False, "cid": "pledge-001"}, callback=True))
    ok(phones["Bao"].emit("checkout.pledge", {"text": "Start a walking group", "shared": True, "cid": "pledge-002"}, callback=True))
    for name in ("Bao", "Chen"):
        assert "Call my sister" not in json.dumps(phones[name].get_received())
        assert "Call my sister" not in json.dumps(phones[name].emit("sync", {}, callback=True))
    assert "Call my sister" not in json.dumps(screen.get_received())
    assert "Call my sister" not in json.dumps(console.get_received())
    assert "Call my sister" not in json.dumps(console.emit("console.watch", {"event": code}, callback=True))
    shown = screen.emit("sync", {}, callback=True)["snapshot"]["activity"]["shared_pledges"]
    assert [(p["label"], p["text"]) for p in shown] == [("Bao", "Start a walking group")]
    mine = phones["Amara"].emit("sync", {}, callback=True)["snapshot"]["mine"]
    assert mine["pledge"] == {"text": "Call my sister", "shared": False}


def test_closings_are_refused_when_the_checkout_has_none(db, room):
    code, aid, ids, phones, _ = room(kind="checkout")
    refused(phones["Amara"].emit("checkout.word", {"text": "Calm", "cid": "word-00010"}, callback=True), "refused")
    refused(phones["Amara"].emit("checkout.pledge", {"text": "Rest", "cid": "pledge-010"}, callback=True), "refused")
