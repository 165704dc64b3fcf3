"""Hypothesis throws malformed payloads at every action: the server answers each
with a clear refusal or a success, never fails, and the connection survives."""
import logging

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.delivery.handling import ACTIONS
from facilitator.delivery.limits import RateLimiter
from tests.factories import make_event, make_participant, phone

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=300),
    st.sampled_from(["", " ", "<img src=x onerror=alert(1)>", "\u202e", "x" * 5000, "ZZZZZZZZ"]),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=10), inner, max_size=5)),
    max_leaves=12,
)


def payloads(code: str):
    def for_action(name: str):
        fields = sorted(ACTIONS[name].schema.fields)
        keys = st.sampled_from(fields + ["unexpected"]) if fields else st.just("unexpected")
        value = st.one_of(json_values, st.just(code), st.integers(min_value=0, max_value=50))
        return st.one_of(
            json_values,
            st.dictionaries(keys, value, max_size=len(fields) + 1),
        ).map(lambda p: (name, p))

    return st.sampled_from(sorted(ACTIONS)).flatmap(for_action)


def _unlimited(services):
    services.message_limiter = RateLimiter(rate=1e9, burst=10**9, message="")
    services.post_limiter = RateLimiter(rate=1e9, burst=10**9, message="")


def _check(client, name, payload, caplog):
    reply = client.emit(name, payload, callback=True)
    assert isinstance(reply, dict) and isinstance(reply.get("ok"), bool), (name, payload, reply)
    assert reply.get("code") != "server_error", (name, payload, reply)
    if not reply["ok"]:
        assert isinstance(reply["error"], str) and reply["error"]
    assert client.is_connected()
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, errors[0].getMessage()


def test_malformed_messages_from_a_phone_are_refused_cleanly(app, db, services, socket_clients, caplog):
    _unlimited(services)
    code, _ = make_event(db)
    _, token = make_participant(db, code, "Amara")
    client = phone(socket_clients, code, token)

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(payloads(code))
    def run(message):
        _check(client, *message, caplog)

    run()


def test_malformed_messages_from_the_console_are_refused_cleanly(app, db, services, console, caplog):
    _unlimited(services)
    code, _ = make_event(db)
    make_participant(db, code, "Amara")

    @settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
    @given(payloads(code))
    def run(message):
        name, payload = message
        if name == "console.rotate_secret":
            return  # it signs the console out by design
        _check(console, name, payload, caplog)

    run()


def test_a_value_shorter_than_its_least_is_refused_as_too_short_and_a_blank_one_as_empty(app, db, services, socket_clients):
    code, _ = make_event(db)
    _, token = make_participant(db, code, "Amara")
    client = phone(socket_clients, code, token)
    # A message id is at least 8 characters (payloads.CLIENT_ID); it is checked before anything else.
    short = client.emit("vote.add", {"card": 1, "cid": "abc"}, callback=True)
    assert short == {"ok": False, "error": "'cid' is too short: at least 8 characters.", "code": "bad_request"}
    blank = client.emit("vote.add", {"card": 1, "cid": "        "}, callback=True)
    assert blank == {"ok": False, "error": "'cid' must not be empty.", "code": "bad_request"}
