"""A join (the join page's POST, then the phone's connect and its snapshot) stays a few statements,
and a connect counts the person's connections right."""
from sqlalchemy import select

from facilitator.core import agenda, events, participants
from facilitator.core.events import EventDetails
from facilitator.core.models import Participant
from facilitator.delivery import socketio
from tests.factories import counting_statements, make_participant, phone


def _event(db, kind: str) -> str:
    with db.session_scope() as s:
        ev = events.create_event(s, EventDetails("Arrivals"), agenda=[{"kind": kind}])
        agenda.go_to(s, ev, ev.activities[0].id)
        return ev.code


def _join(app, code: str, name: str):
    http = app.test_client()
    answer = http.post(f"/api/e/{code}/join", json={"name": name})
    assert answer.status_code == 200, answer.get_json()
    token = http.get_cookie(f"fc_p_{code}").value
    client = socketio.test_client(app, auth={"role": "participant", "event": code, "token": token}, flask_test_client=http)
    assert client.is_connected()
    snapshot = [m["args"][0] for m in client.get_received() if m["name"] == "snapshot"]
    assert snapshot and snapshot[0]["me"]["name"] == name and snapshot[0]["agenda"]
    return client


def test_a_join_and_its_connect_take_five_statements_during_the_welcome(app, db, services, console):
    """The event once for the join page and once (with its current activity) for the connect,
    the insert, the person counted connected in one UPDATE ... RETURNING, the agenda's outline.
    It was seven: the event twice, the insert, the person, their count's UPDATE, the agenda
    as objects, then the current activity's settings."""
    code = _event(db, "welcome")
    services.presence.interval = 60.0  # which views show people: looked up once an interval, not counted here
    clients = [_join(app, code, "First")]
    seen, stop = counting_statements(db)
    try:
        for i in range(5):
            clients.append(_join(app, code, f"Arrival {i}"))
    finally:
        stop()
    assert len(seen) <= 5 * 5, seen


def test_every_connection_of_a_person_is_counted_and_each_disconnect_takes_one_off(db, socket_clients):
    code = _event(db, "welcome")
    pid, token = make_participant(db, code, "Two tabs")
    first, second = phone(socket_clients, code, token), phone(socket_clients, code, token)

    def connections() -> int:
        with db.read_scope() as s:
            return s.scalar(select(Participant.connections).where(Participant.id == pid))

    assert connections() == 2
    first.disconnect()
    assert connections() == 1
    second.disconnect()
    assert connections() == 0


def test_a_token_from_another_event_or_of_someone_taken_off_connects_nobody(db, socket_clients):
    here, elsewhere = _event(db, "welcome"), _event(db, "welcome")
    pid, token = make_participant(db, elsewhere, "Visitor")
    assert not socket_clients({"role": "participant", "event": here, "token": token}).is_connected()
    with db.session_scope() as s:
        participants.remove(s, events.get_by_code(s, elsewhere), pid)
    assert not socket_clients({"role": "participant", "event": elsewhere, "token": token}).is_connected()
    with db.read_scope() as s:
        person = s.get(Participant, pid)
        assert person.connections == 0 and person.last_seen_at is None
