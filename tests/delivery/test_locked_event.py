"""A locked event: no new people, and everyone already there comes back as themselves."""
from tests.factories import make_event, received


def test_a_locked_event_refuses_newcomers_and_a_joined_phone_reconnects_as_itself(app, console, db, socket_clients):
    code, _ = make_event(db)
    amaras_phone = app.test_client()
    joined = amaras_phone.post(f"/api/e/{code}/join", json={"name": "Amara"}).json
    assert joined["ok"]
    first = socket_clients({"role": "participant", "event": code}, http=amaras_phone)
    assert received(first, "snapshot")[0]["me"]["id"] == joined["participant"]

    assert console.emit("event.lock", {"event": code, "locked": True}, callback=True) == {"ok": True}

    late = app.test_client().post(f"/api/e/{code}/join", json={"name": "Late Lou"})
    assert late.status_code == 400
    assert late.json == {
        "ok": False, "code": "not_allowed",
        "error": "This event is not taking new people just now. Please ask the facilitator.",
    }
    anonymous = app.test_client().post(f"/api/e/{code}/join", json={"anonymous": True})
    assert anonymous.json["code"] == "not_allowed"

    # Amara's Wi-Fi drops and comes back: the phone's cookie is still her, locked or not.
    first.disconnect()
    again = socket_clients({"role": "participant", "event": code}, http=amaras_phone)
    assert again.is_connected()
    snapshot = received(again, "snapshot")[0]
    assert snapshot["me"]["id"] == joined["participant"] and snapshot["me"]["label"] == "Amara"
    assert snapshot["event"]["locked"] is True
    roster = console.emit("console.watch", {"event": code}, callback=True)["snapshot"]["roster"]
    assert [(p["label"], p["online"]) for p in roster] == [("Amara", True)]
