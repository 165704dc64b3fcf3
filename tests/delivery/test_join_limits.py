"""The per-address limits on joining: wrong codes and wrong tokens count, a phone
that has not joined yet does not, a room behind one address joins but a script
cannot fill the roster, and behind a proxy each phone has its own address (which
only the proxy may say)."""
from sqlalchemy import func, select

from facilitator import create_app
from facilitator.core.models import Participant
from facilitator.delivery.limits import RateLimiter
from tests.factories import FrozenClock, make_event, make_participant

VENUE_NAT = "192.0.2.10"  # every phone in the room, as a hosted server sees them


def test_a_room_of_phones_that_have_not_joined_yet_is_never_told_to_wait(app, db, socket_clients):
    code, _ = make_event(db)
    for _ in range(30):  # one shared address, as behind a proxy or a venue's NAT
        assert not socket_clients({"role": "participant", "event": code}).is_connected()  # shown the join form
    _, token = make_participant(db, code, "Amara")
    assert socket_clients({"role": "participant", "event": code, "token": token}).is_connected()


def test_wrong_tokens_still_count_as_failed_attempts(app, db, socket_clients):
    code, _ = make_event(db)
    _, token = make_participant(db, code, "Amara")
    for i in range(15):
        assert not socket_clients({"role": "participant", "event": code, "token": f"forged-{i}"}).is_connected()
    assert not socket_clients({"role": "participant", "event": code, "token": token}).is_connected()


def test_wrong_event_codes_without_a_token_still_count(app, db, socket_clients):
    code, _ = make_event(db)
    _, token = make_participant(db, code, "Amara")
    for _ in range(15):
        assert not socket_clients({"role": "participant", "event": "ZZZZZZZZ"}).is_connected()
    assert not socket_clients({"role": "participant", "event": code, "token": token}).is_connected()


def _failed_joins(http, forwarded_for: str, n: int) -> list[int]:
    return [
        http.post("/api/e/ZZZZZZZZ/join", json={"name": "Sam"}, headers={"X-Forwarded-For": forwarded_for}).status_code
        for _ in range(n)
    ]


def test_behind_a_proxy_each_phone_has_its_own_limit(settings):
    app = create_app(settings.with_(public_url="https://cafe.example.org"))
    try:
        http = app.test_client()
        assert _failed_joins(http, "203.0.113.7", 15)[-1] == 429
        assert _failed_joins(http, "203.0.113.8", 1) == [404]  # another phone behind the same proxy
    finally:
        app.extensions["facilitator"].db.dispose()


def test_without_a_proxy_a_forwarded_address_is_not_believed(app):
    http = app.test_client()
    assert _failed_joins(http, "203.0.113.7", 15)[-1] == 429
    assert _failed_joins(http, "203.0.113.8", 1) == [429]  # anyone could write that header


def test_only_the_proxy_next_to_the_server_is_trusted(settings):
    app = create_app(settings.with_(public_url="https://cafe.example.org"))
    try:
        http = app.test_client()
        # A phone's own X-Forwarded-For is kept by the proxy, which appends the real address.
        assert _failed_joins(http, "198.51.100.1, 203.0.113.7", 15)[-1] == 429
        assert _failed_joins(http, "198.51.100.2, 203.0.113.7", 1) == [429]
    finally:
        app.extensions["facilitator"].db.dispose()


def test_a_client_that_bypasses_the_proxy_cannot_forge_its_address(settings):
    app = create_app(settings.with_(public_url="https://cafe.example.org"))
    try:
        http = app.test_client()
        direct = {"REMOTE_ADDR": "198.51.100.9"}  # not the proxy: straight to the server's port
        statuses = [
            http.post("/api/e/ZZZZZZZZ/join", json={"name": "Sam"}, headers={"X-Forwarded-For": f"203.0.113.{n}"}, environ_base=direct).status_code
            for n in range(15)
        ]
        assert statuses[-1] == 429, "a new made-up address every time does not refill the limit"
    finally:
        app.extensions["facilitator"].db.dispose()


def test_a_proxy_on_another_machine_is_trusted_once_configured(settings):
    app = create_app(settings.with_(public_url="https://cafe.example.org", trusted_proxy="10.0.0.5"))
    try:
        http = app.test_client()
        proxy = {"REMOTE_ADDR": "10.0.0.5"}

        def fails(forwarded_for, n):
            return [
                http.post("/api/e/ZZZZZZZZ/join", json={"name": "Sam"}, headers={"X-Forwarded-For": forwarded_for}, environ_base=proxy).status_code
                for _ in range(n)
            ]

        assert fails("203.0.113.7", 15)[-1] == 429
        assert fails("203.0.113.8", 1) == [404]
    finally:
        app.extensions["facilitator"].db.dispose()


def _people(db) -> int:
    with db.read_scope() as s:
        return s.scalar(select(func.count()).select_from(Participant))


def test_a_room_behind_one_address_joins_but_a_script_cannot_fill_the_roster(app, db, services):
    clock = FrozenClock()
    services.joins = RateLimiter(rate=services.joins.rate, burst=services.joins.burst, message=services.joins.message, clock=clock)
    code, _ = make_event(db)
    http = app.test_client()
    statuses = []
    for n in range(300):  # 300 joins in 1.1 s from one address
        clock.now += 1.1 / 300
        res = http.post(f"/api/e/{code}/join", json={"name": f"Bot {n}"}, environ_base={"REMOTE_ADDR": VENUE_NAT})
        statuses.append(res.status_code)
    assert statuses[:200] == [200] * 200, "a room of 200 behind the venue's NAT all join at once"
    assert statuses.count(429) >= 95
    assert "Wait a few seconds" in res.get_json()["error"]
    assert _people(db) <= 202
    other = http.post(f"/api/e/{code}/join", json={"name": "Ana"}, environ_base={"REMOTE_ADDR": "192.0.2.99"})
    assert other.status_code == 200, "another network is not touched"
    clock.now += 2
    late = http.post(f"/api/e/{code}/join", json={"name": "Late"}, environ_base={"REMOTE_ADDR": VENUE_NAT})
    assert late.status_code == 200, "latecomers join at a person's pace"


def test_a_join_body_larger_than_the_form_makes_is_refused_unread(app, db):
    code, _ = make_event(db)
    huge = "{" + ",".join(f'"k{n}":0' for n in range(1_000_000)) + ',"name":"Sam"}'  # ~11 MB, a million keys
    res = app.test_client().post(f"/api/e/{code}/join", data=huge, content_type="application/json")
    assert res.status_code == 413 and "too large" in res.get_json()["error"]
    assert _people(db) == 0


def test_a_join_with_a_field_the_form_never_sends_is_refused(app, db):
    code, _ = make_event(db)
    res = app.test_client().post(f"/api/e/{code}/join", json={"name": "Sam", "anonymous": False, "shoe_size": 42})
    assert res.status_code == 400 and "shoe_size" in res.get_json()["error"]
    assert _people(db) == 0
    assert app.test_client().post(f"/api/e/{code}/join", json={"name": "Sam", "pronouns": "he/him", "anonymous": False, "agreed": True}).status_code == 200
