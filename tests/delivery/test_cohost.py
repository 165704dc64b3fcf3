"""The co-host link: a co-facilitator's phone runs the talking piece, the timer and the café's rounds.

It is a secret of its own (not the console's), its role may do a short list
of things and nothing else, and the console can withdraw it: the link then
opens nothing and the phones on it are closed.
"""
from __future__ import annotations

from facilitator.core import cohost, events
from facilitator.delivery.handling import ACTIONS
from tests.cafe_support import arrive, cafe_event
from tests.circle_support import circle_event, round_of
from tests.factories import ack, make_event, received
from tests.delivery.test_authorization import connect_refusal, everything


def _secret(link: str) -> str:
    path, _, fragment = link.partition("#key=")
    assert fragment and "key" not in path and path.endswith("/cohost"), link
    return fragment


def _make_link(console, code) -> str:
    made = ack(console, "cohost.link", {"event": code})
    assert made["ok"], made
    return made["cohost_link"]


def _cohost(socket_clients, code, secret):
    client = socket_clients({"role": "cohost", "event": code, "secret": secret})
    assert client.is_connected(), "the co-host phone could not connect"
    return client


def test_an_event_has_no_co_host_link_until_the_console_makes_one(app, console, db):
    code, _, _, _ = circle_event(db)
    assert ack(console, "console.watch", {"event": code})["snapshot"]["cohost_link"] is None
    refusal = connect_refusal(app, {"role": "cohost", "event": code, "secret": "a-guess"})
    assert refusal["data"]["code"] == "not_allowed"
    assert "withdrawn or replaced" in refusal["message"] and "co-host QR code" in refusal["message"]


def test_a_co_host_moves_the_piece_and_the_console_sees_it(console, db, socket_clients):
    code, _, act, ids = circle_event(db)
    ack(console, "console.watch", {"event": code})
    link = _make_link(console, code)
    assert link.startswith("http") and f"/e/{code}/cohost#key=" in link
    phone = _cohost(socket_clients, code, _secret(link))
    snap = received(phone, "snapshot")[0]
    assert snap["role"] == "cohost" and snap["activity"]["kind"] == "checkin"
    # What every phone sees, and nothing of the console's: no roster, no links.
    assert not {"roster", "screen_link", "cohost_link", "queue"} & (set(snap) | set(snap["activity"]))
    console.get_received()

    assert ack(phone, "circle.start", {"event": code})["ok"]
    assert round_of(db, act)[1]["speaker"] == ids["Amara"]
    assert ack(phone, "circle.next", {"event": code})["ok"]
    assert ack(phone, "circle.pass", {"event": code})["ok"]  # for Bao, who holds the piece now
    assert ack(phone, "circle.add_time", {"event": code, "seconds": 60})["ok"]
    assert ack(phone, "circle.pause", {"event": code})["ok"]
    assert ack(phone, "circle.resume", {"event": code})["ok"]
    turns, state = round_of(db, act)
    status = {p: s for p, s, _ in turns}
    assert (status[ids["Amara"]], status[ids["Bao"]], status[ids["Chen"]]) == ("spoken", "passed_once", "speaking")
    # The console heard each move; the co-host phone too.
    console_views = [p["activity"] for p in received(console, "patch") if p.get("activity")]
    assert console_views and console_views[-1]["counts"] == {"spoken": 1, "waiting": 1, "passed": 1}
    phone_views = [p["activity"] for p in received(phone, "patch") if p.get("activity")]
    assert phone_views and phone_views[-1]["speaker"]["id"] == state["speaker"]


def test_a_co_host_runs_the_cafes_rounds(console, db, socket_clients):
    code, _ = cafe_event(db)
    arrive(db, code, "Ade", "Bea", "Cy", "Di", "Ed", "Flo")
    phone = _cohost(socket_clients, code, _secret(_make_link(console, code)))
    for name, payload in [("cafe.seat", {}), ("cafe.round.start", {}), ("cafe.round.pause", {}), ("cafe.round.resume", {}),
                          ("cafe.round.extend", {"minutes": 5}), ("cafe.round.end", {})]:
        reply = ack(phone, name, {"event": code, **payload})
        assert reply["ok"], (name, reply)
    rounds = [p["activity"]["round"] for p in received(phone, "patch") if p.get("activity") and p["activity"].get("round")]
    assert rounds[-1]["number"] == 2 and rounds[-1]["status"] == "planned"


def test_a_co_host_may_not_do_what_is_the_consoles_alone(console, db, socket_clients):
    code, _, act, ids = circle_event(db)
    phone = _cohost(socket_clients, code, _secret(_make_link(console, code)))
    before = everything(db)
    for name, payload in [
        ("agenda.next", {}), ("agenda.update", {"activity": act, "title": "Mine now"}),
        ("participant.remove", {"participant": ids["Bao"], "erase": True}), ("circle.restart", {}),
        ("circle.skip", {"participant": ids["Bao"]}), ("cohost.link", {}), ("cohost.revoke", {}),
        ("screen.rotate", {}), ("event.delete", {}),
    ]:
        reply = ack(phone, name, {"event": code, **payload})
        assert reply["ok"] is False and reply["code"] == "not_allowed", (name, reply)
        assert "lead facilitator" in reply["error"]
    for name in ("console.rotate_secret", "console.events", "event.create"):
        payload = {"title": "Another"} if name == "event.create" else {}
        assert ack(phone, name, payload)["code"] == "not_allowed", name
    assert everything(db) == before
    assert phone.is_connected()


def test_a_co_host_link_opens_only_its_own_event(console, db, socket_clients):
    code, _, _, _ = circle_event(db)
    other, _, other_act, _ = circle_event(db)
    secret = _secret(_make_link(console, code))
    _make_link(console, other)
    assert not socket_clients({"role": "cohost", "event": other, "secret": secret}).is_connected()
    phone = _cohost(socket_clients, code, secret)
    before = everything(db)
    reply = ack(phone, "circle.start", {"event": other})
    assert reply["ok"] is False and reply["code"] == "not_allowed" and "another event" in reply["error"]
    assert everything(db) == before


def test_rotating_the_console_secret_leaves_the_co_host_link_alone(app, console, db, services, socket_clients):
    code, _, _, _ = circle_event(db)
    link = _make_link(console, code)
    phone = _cohost(socket_clients, code, _secret(link))
    assert ack(console, "console.rotate_secret", {})["ok"]
    assert phone.is_connected()
    assert ack(phone, "circle.start", {"event": code})["ok"]
    assert connect_refusal(app, {"role": "cohost", "event": code, "secret": _secret(link)}) is None
    assert ack(console, "console.watch", {"event": code})["snapshot"]["cohost_link"] == link


def test_a_withdrawn_link_is_refused_with_a_clear_sentence_and_its_phones_are_closed(app, console, db, socket_clients):
    code, _, _, _ = circle_event(db)
    ack(console, "console.watch", {"event": code})
    secret = _secret(_make_link(console, code))
    phone = _cohost(socket_clients, code, secret)
    assert [len(m["cohosts"]) for m in received(console, "cohosts")] == [1]
    assert ack(console, "cohost.revoke", {"event": code})["ok"]
    assert not phone.is_connected()
    closed = [m["args"][0] for m in phone.queue if m["name"] == "cohost.closed"]
    assert closed and "withdrawn" in closed[0]["message"]
    heard = console.get_received()
    assert [m["args"][0] for m in heard if m["name"] == "cohosts"][-1]["cohosts"] == []
    assert [m["args"][0] for m in heard if m["name"] == "patch" and "cohost_link" in m["args"][0]][-1]["cohost_link"] is None
    refusal = connect_refusal(app, {"role": "cohost", "event": code, "secret": secret})
    assert refusal["data"]["code"] == "not_allowed" and "withdrawn" in refusal["message"]


def test_a_new_co_host_link_shuts_the_old_one_out(app, console, db, socket_clients):
    code, _, _, _ = circle_event(db)
    old = _secret(_make_link(console, code))
    phone = _cohost(socket_clients, code, old)
    new = _secret(_make_link(console, code))
    assert new != old and not phone.is_connected()
    assert connect_refusal(app, {"role": "cohost", "event": code, "secret": old})["data"]["code"] == "not_allowed"
    _cohost(socket_clients, code, new)


def test_nothing_stored_opens_the_co_host_page(console, db, services):
    """Like the screen link: the database holds a nonce, and the secret is made from it with links.key."""
    code, _ = make_event(db)
    secret = _secret(_make_link(console, code))
    with db.read_scope() as s:
        event = events.get_by_code(s, code)
        assert event.cohost_nonce and secret not in repr(everything(db))
        assert cohost.is_secret(event, services.links_key(), secret)
        assert not cohost.is_secret(event, "another laptop's key", secret)


def test_the_co_host_qr_code_is_for_the_console_alone(app, console, db, services):
    code, _ = make_event(db)
    http = app.test_client()
    assert http.get(f"/e/{code}/cohost/qr.svg").status_code == 403
    assert http.post("/console/login", json={"key": services.console_secret()}).status_code == 200
    assert http.get(f"/e/{code}/cohost/qr.svg").status_code == 404  # no link yet
    _make_link(console, code)
    res = http.get(f"/e/{code}/cohost/qr.svg")
    assert res.status_code == 200 and res.mimetype == "image/svg+xml"
    assert app.test_client().get(f"/e/{code}/cohost").status_code == 200


def test_the_co_hosts_actions_are_the_talking_piece_the_timer_and_the_cafes_rounds():
    allowed = sorted(n for n, spec in ACTIONS.items() if "cohost" in spec.roles)
    assert allowed == sorted([
        "sync", "circle.done", "circle.pass", "circle.silence", "circle.start", "circle.next", "circle.pause",
        "circle.resume", "circle.add_time", "cafe.seat", "cafe.seat_late", "cafe.round.start", "cafe.round.pause",
        "cafe.round.resume", "cafe.round.extend", "cafe.round.end",
    ])


def test_a_co_host_phone_still_open_when_its_link_is_withdrawn_can_do_nothing(console, db, socket_clients):
    """Its socket outlived the withdrawal (a message already on its way, another process): refused all the same."""
    code, _, act, _ = circle_event(db)
    phone = _cohost(socket_clients, code, _secret(_make_link(console, code)))
    with db.session_scope() as s:
        cohost.revoke(s, events.get_by_code(s, code))
    before = everything(db)
    for name in ("circle.start", "circle.next", "circle.pause"):
        reply = ack(phone, name, {"event": code})
        assert reply["ok"] is False and reply["code"] == "not_allowed" and "withdrawn" in reply["error"], (name, reply)
    assert everything(db) == before
    # A new link made meanwhile does not bring the old phone back: it is closed.
    _make_link(console, code)
    assert not phone.is_connected()
