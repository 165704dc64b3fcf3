"""The per-address limit on failed joins: wrong codes and wrong tokens count, a phone
that has not joined yet does not, and behind a proxy each phone has its own address."""
from facilitator import create_app
from tests.factories import make_event, make_participant


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
