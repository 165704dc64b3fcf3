"""Who is here changes at every join: which views show people is looked up once an interval, whatever is on."""

from facilitator.core import agenda, events
from facilitator.core.events import EventDetails
from tests.factories import counting_statements, make_participant, phone
from tests.support import wait_for


def _lookups_in(statements: list[str]) -> list[str]:
    """The statements that looked up which views show people."""
    return [st for st in statements if st.lower().startswith("select activity.kind from activity join event")]


def _welcome_then_circle(db) -> tuple[str, int]:
    with db.session_scope() as s:
        ev = events.create_event(s, EventDetails("Arrivals"), agenda=[{"kind": "welcome"}, {"kind": "checkin"}])
        agenda.go_to(s, ev, ev.activities[0].id)
        return ev.code, ev.activities[1].id


def test_a_storm_of_arrivals_during_the_welcome_looks_up_what_shows_people_once_an_interval(db, socket_clients, services):
    """The welcome shows no one by name: still, the first arrival's lookup holds for the interval
    (it was one lookup a join: a round trip to PostgreSQL each, on a hosted server)."""
    code, _ = _welcome_then_circle(db)
    services.presence.interval = 60.0  # the arrivals inside one interval
    statements, stop = counting_statements(db)
    try:
        for i in range(12):
            _, token = make_participant(db, code, f"Arrival {i}")
            phone(socket_clients, code, token)
    finally:
        stop()
    lookups = _lookups_in(statements)
    assert len(lookups) <= 2, len(lookups)  # it was 12: one an arrival


def test_the_agenda_moving_to_a_circle_during_the_interval_still_shows_those_who_arrived(db, socket_clients, services, console):
    """The interval's refresh looks again: arrivals held during the welcome reach the circle's queue."""
    code, circle_id = _welcome_then_circle(db)
    services.presence.interval = 0.5
    _, token = make_participant(db, code, "First")
    phone(socket_clients, code, token)  # the first of the interval: looked up now, nothing shows people
    _, token = make_participant(db, code, "Second")
    second = phone(socket_clients, code, token)  # held for the interval's refresh
    with db.session_scope() as s:
        agenda.go_to(s, events.get_by_code(s, code), circle_id)
    second.get_received()
    # The circle shows everyone who is here on the phones: the refresh at the interval's end sends it.
    wait_for(lambda: any(m["name"] == "patch" for m in second.get_received()), timeout=10, message="the refresh after the interval")
