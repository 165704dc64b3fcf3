"""Requests that arrive together are handled as one group: one transaction, each answered on its own."""
import threading

from facilitator.activities.cafe import rules as cafe
from facilitator.core import events
from facilitator.core.errors import DomainError, NotAllowed
from facilitator.activities.board.models import Card
from facilitator.delivery.models import HandledMessage
from facilitator.activities.board import actions as board_actions
from facilitator.delivery.auth import PARTICIPANT, Actor
from facilitator.grouping import Combiner, Request
from facilitator.delivery.handling import ACTIONS, Reply, _handle_group, _Pending
from tests.cafe_support import arrive, cafe_event, hosts_at_two_tables
from tests.factories import counting_statements
from tests.support import wait_for


def _tenfold(group) -> None:
    for r in group:
        r.outcome = r.payload * 10


def _behind_a_held_group(combiner, count: int, *, first_breaks: bool = False):
    """``count`` requests, each on a thread: the first group is held until the others wait
    behind it, then let go; each group's outcomes are its payloads times ten, and the first
    group raises instead if ``first_breaks``. Returns the groups (their payloads), each
    request's answer, and the requests whose ``submit`` raised, once every thread has ended."""
    held, release = threading.Event(), threading.Event()
    groups, answers, raised = [], {}, []

    def handle(group):
        groups.append([r.payload for r in group])
        if len(groups) == 1:
            held.set()
            release.wait(10)
            if first_breaks:
                raise RuntimeError("a bug in the first group")
        _tenfold(group)

    def submit(n):
        try:
            answers[n] = combiner.submit(n, handle)
        except (RuntimeError, SystemExit):  # the group's bug, or the request's thread stopped
            raised.append(n)

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(count)]
    threads[0].start()
    assert held.wait(10)
    for t in threads[1:]:
        t.start()
    wait_for(lambda: len(combiner._pending) == count - 1, message="the others waiting behind the first group")
    release.set()
    for t in threads:
        t.join(10)
    assert not any(t.is_alive() for t in threads), "a request was left waiting"
    return groups, answers, raised


def test_requests_that_arrive_while_a_group_is_handled_are_handled_next_as_one_group():
    groups, answers, _ = _behind_a_held_group(Combiner(), 6)
    assert answers == {n: n * 10 for n in range(6)}
    assert groups == [[0], [1, 2, 3, 4, 5]]


def test_a_group_is_never_larger_than_the_limit():
    groups, _, _ = _behind_a_held_group(Combiner(max_group=2), 6)
    sizes = [len(g) for g in groups]
    assert sum(sizes) == 6 and max(sizes) == 2


def test_a_group_that_breaks_still_answers_its_requests_and_hands_on_the_lead():
    """Its requests are answered (with no outcome) and the requests waiting behind it are handled next."""
    combiner = Combiner()
    groups, answers, broken = _behind_a_held_group(combiner, 4, first_breaks=True)
    assert broken == [0] and answers == {1: 10, 2: 20, 3: 30}
    assert groups == [[0], [1, 2, 3]]
    # And the combiner leads again at once for the next request.
    assert combiner.submit(7, _tenfold) == 70


def test_a_request_that_stops_waiting_just_as_it_is_to_lead_passes_the_lead_on(monkeypatch):
    """Its thread stopped (the server shutting down) right as it was woken to lead the next group:
    the requests behind it are still handled, not left waiting for a leader that never comes."""
    from types import SimpleNamespace

    from facilitator import grouping

    class StoppedWhenWoken(threading.Event):
        stopped = False

        def wait(self, timeout=None):
            woken = super().wait(timeout)
            if woken and not StoppedWhenWoken.stopped:  # the first request woken: to lead the second group
                StoppedWhenWoken.stopped = True
                raise SystemExit("its thread is stopped")
            return woken

    # The combiner's own events only (the test's are the real ones).
    monkeypatch.setattr(grouping, "threading", SimpleNamespace(Event=StoppedWhenWoken, Lock=threading.Lock))
    # A group a request: a waiting request is woken to lead the second.
    groups, answers, stopped = _behind_a_held_group(Combiner(max_group=1), 4)
    assert len(stopped) == 1, stopped
    others = {1, 2, 3} - set(stopped)
    assert answers == {0: 0, **{n: n * 10 for n in others}}
    assert groups[0] == [0] and sorted(g[0] for g in groups[1:]) == sorted(others)


def _hosts_at_tables(db):
    _, eid, (sam, ada, bo, _), _, _ = hosts_at_two_tables(db)
    return eid, sam, ada, bo


def _card(actor, text, cid):
    return _Pending(actor, ACTIONS["card.add"].schema.parse({"text": text, "cid": cid}), None)


def _phone(eid, pid):
    return Actor(PARTICIPANT, f"sid-{pid}", event_id=eid, participant_id=pid)


def test_a_group_of_cards_is_one_commit_and_each_phone_hears_its_own_answer(services, db):
    eid, sam, ada, bo = _hosts_at_tables(db)
    group = [
        _card(_phone(eid, sam), "Walking groups", "group-sam-1"),
        _card(_phone(eid, bo), "Not a host", "group-bo-01"),
        _card(_phone(eid, ada), "Tea after", "group-ada-1"),
        _card(_phone(eid, ada), "Tea after", "group-ada-1"),  # sent twice at once
    ]
    requests = [Request(p) for p in group]
    _handle_group(services, "card.add", board_actions.card_add, requests)
    sam_reply, bo_refusal, ada_reply, ada_twin = [r.outcome for r in requests]
    assert isinstance(sam_reply, Reply) and sam_reply.data["repeated"] is False
    assert isinstance(bo_refusal, NotAllowed)
    assert ada_twin.data == {**ada_reply.data, "repeated": True}
    # A retry after the group (the acknowledgement was lost) gets the first answer back.
    again = [Request(_card(_phone(eid, sam), "Walking groups", "group-sam-1"))]
    _handle_group(services, "card.add", board_actions.card_add, again)
    assert again[0].outcome.data == {**sam_reply.data, "repeated": True}
    with db.session_scope() as s:
        assert s.query(Card).count() == 2
        assert sorted(m.client_id for m in s.query(HandledMessage)) == ["group-ada-1", "group-sam-1"]


def test_a_card_posted_alone_is_written_by_statements_without_an_orm_session(services, db, monkeypatch):
    """Most cards arrive alone; their unit of work is a few prebuilt statements on a connection
    (``Database.unit_scope``): a session, made for each, was about a sixth of a lone card's unit of work."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    eid, sam, _, _ = _hosts_at_tables(db)
    begun: list = []

    def heard(session, _transaction, _connection):
        begun.append(session)

    event.listen(Session, "after_begin", heard)
    try:
        alone = [Request(_card(_phone(eid, sam), "Walking groups", "alone-sam-1"))]
        _handle_group(services, "card.add", board_actions.card_add, alone)
    finally:
        event.remove(Session, "after_begin", heard)
    assert isinstance(alone[0].outcome, Reply) and begun == []
    with db.session_scope() as s:
        assert [c.text for c in s.query(Card)] == ["Walking groups"]


def test_one_request_that_breaks_does_not_sink_the_rest_of_its_group(services, db, monkeypatch):
    eid, sam, ada, _ = _hosts_at_tables(db)
    real = board_actions.card_add

    def breaks_on_sams(s, requests):
        if any(actor.participant_id == sam for actor, _ in requests):
            raise RuntimeError("a bug")
        return real(s, requests)

    group = [_card(_phone(eid, sam), "Walking groups", "sink-sam-01"), _card(_phone(eid, ada), "Tea after", "sink-ada-01")]
    requests = [Request(p) for p in group]
    _handle_group(services, "card.add", breaks_on_sams, requests)
    assert requests[0].outcome is None  # the handler answers "something went wrong" for this one
    assert isinstance(requests[1].outcome, Reply)
    with db.session_scope() as s:
        assert [c.author_id for c in s.query(Card)] == [ada]


def test_phones_that_connect_together_are_resumed_in_one_go_with_the_public_view_built_once(services, db, monkeypatch):
    from facilitator.whole_event import views
    from facilitator.delivery import handlers
    from tests.factories import make_event, make_participant

    code, _ = make_event(db)
    sam, sam_token = make_participant(db, code, "Sam")
    ada, ada_token = make_participant(db, code, "Ada")
    built = []
    real_public = views.phone_public
    monkeypatch.setattr(views, "phone_public", lambda s, event: built.append(event.id) or real_public(s, event))
    outcomes = handlers._resume_phones(services, [
        (code, sam_token), (code, "not-a-token"), ("ZZZZ-ZZZZ", ada_token), (code, ada_token),
    ])
    sam_phone, wrong_token, wrong_code, ada_phone = outcomes
    assert (sam_phone.person.id, ada_phone.person.id) == (sam, ada)
    sam_sees, ada_sees = sam_phone.arrival.snapshot, ada_phone.arrival.snapshot
    assert sam_sees["me"]["label"] == "Sam" and ada_sees["me"]["label"] == "Ada"
    assert sam_sees["event"] == ada_sees["event"]
    assert isinstance(wrong_token, handlers.Refused) and not wrong_token.unknown_event
    assert isinstance(wrong_code, handlers.Refused) and wrong_code.unknown_event
    assert len(built) == 1  # one public view for the whole group
    with db.session_scope() as s:
        from facilitator.core.models import Participant
        assert [s.get(Participant, p).connections for p in (sam, ada)] == [1, 1]
    # With several processes the doorway keeps nothing, and the group still builds it once.
    services.doorway.enabled = False
    services.doorway.changed()
    handlers._resume_phones(services, [(code, sam_token), (code, ada_token)])
    assert len(built) == 2


def test_people_who_join_together_are_written_in_one_go_and_each_gets_their_own_token(services, db, app):
    from facilitator.core.errors import NotFound
    from facilitator.core.participants import Identity
    from facilitator.core.models import Participant
    from facilitator.web import pages
    from tests.factories import make_event

    code, eid = make_event(db)
    with app.app_context():
        ada, nameless, unknown, anon = pages._join_all(services, [
            (code, Identity("Ada"), True, None), (code, Identity(""), True, None),
            ("ZZZZ-ZZZZ", Identity("Bo"), True, None), (code, Identity(anonymous=True), True, None),
        ])
    assert isinstance(nameless, DomainError) and isinstance(unknown, NotFound)
    assert ada[2] != anon[2]
    with db.session_scope() as s:
        people = {p.id: p for p in s.query(Participant).filter_by(event_id=eid)}
    assert set(people) == {ada[1], anon[1]} and people[ada[1]].name == "Ada" and people[anon[1]].anonymous


def test_offers_to_host_that_arrive_together_are_one_write_and_each_phone_hears_its_own_answer(services, db):
    from facilitator.activities.cafe import actions as cafe_actions
    from facilitator.core import participants

    code, eid = cafe_event(db, tables=2)
    sam, ada, bo, cy = arrive(db, code, "Sam", "Ada", "Bo", "Cy")
    with db.session_scope() as s:
        participants.remove(s, events.get_by_code(s, code), cy)

    def offer(pid, host):
        return Request(_Pending(_phone(eid, pid), ACTIONS["cafe.volunteer"].schema.parse({"host": host}), None))

    statements, stop = counting_statements(db)
    try:
        group = [offer(sam, True), offer(ada, True), offer(cy, True), offer(bo, False)]
        _handle_group(services, "cafe.volunteer", cafe_actions.cafe_volunteer, group)
    finally:
        stop()
    writes = [statement for statement in statements if statement.upper().startswith("UPDATE ACTIVITY")]
    sam_reply, ada_reply, cy_refusal, bo_reply = [r.outcome for r in group]
    assert isinstance(cy_refusal, NotAllowed), "someone taken off the event cannot offer"
    # Each phone hears its own offer (its button turns), the console every offer.
    for reply, pid, on in ((sam_reply, sam, True), (ada_reply, ada, True), (bo_reply, bo, False)):
        [message] = [m for change in reply.changes for m in change.messages]
        assert message.payload["id"] == pid and message.payload["on"] is on
    assert len(writes) == 1, "the group's offers are one write of the café's list"
    with db.session_scope() as s:
        assert cafe.current_cafe(events.get_by_code(s, code)).state["volunteers"] == [sam, ada]


def test_phones_that_leave_together_are_counted_off_in_one_transaction_and_never_below_none(db, services, socket_clients):
    """The venue's Wi-Fi drops: the disconnects that arrive together are one group (handlers._count_off);
    two phones of one person are each counted off, a stale one leaves the count at none."""
    from facilitator.delivery.handlers import _count_off
    from facilitator.core.models import Participant
    from sqlalchemy import select
    from tests.factories import make_event, make_participant, phone

    code, _ = make_event(db)
    two_tabs, token = make_participant(db, code, "Two tabs")
    one_tab, other = make_participant(db, code, "One tab")
    phone(socket_clients, code, token), phone(socket_clients, code, token), phone(socket_clients, code, other)
    commits = []
    services.db.after_commit.append(lambda: commits.append("durable"))
    seen, stop = counting_statements(db)
    try:
        changes = _count_off(services, [two_tabs, one_tab, two_tabs, one_tab])
    finally:
        stop()
    assert [sql.split()[0] for sql in seen] == ["UPDATE"] * 4, seen
    assert commits == [], "who is connected is written without waiting for an fsync"
    with db.read_scope() as s:
        counts = dict(s.execute(select(Participant.id, Participant.connections)).all())
    assert counts == {two_tabs: 0, one_tab: 0}

    def online(change) -> set:
        return {m.payload["online"] for m in change.messages if m.name == "roster.person"}

    # Each change tells the screen and the console about its person as they are after their own disconnect.
    assert [online(c) for c in changes] == [{True}, {False}, {False}, {False}], [c.messages for c in changes]


def test_phones_that_come_back_together_in_a_cafe_read_their_seats_together(services, db, app):
    """The Wi-Fi is back in the middle of a round: each phone gets its own seat and its table's room,
    and the group's reads do not grow with the phones in it (each phone read its table alone)."""
    from facilitator.activities.cafe import rules as cafe
    from facilitator.core import events
    from facilitator.core.models import Participant
    from facilitator.delivery import handlers, rooms
    from tests.cafe_support import cafe_event
    from tests.factories import make_participant

    code, eid = cafe_event(db, tables=4, capacity=8)
    people = [make_participant(db, code, f"Person {i}") for i in range(16)]
    with db.session_scope() as s:
        for pid, _ in people:
            s.get(Participant, pid).connections = 1  # here when the round is seated
        act = cafe.current_cafe(events.get_by_code(s, code))
        cafe.start_round(s, act)
        where = cafe.table_of_people(s, act)
    assert len(where) == 16 and len(set(where.values())) == 4

    def statements_for(group):
        seen, stop = counting_statements(db)
        try:
            with app.app_context():
                outcomes = handlers._resume_phones(services, [(code, token) for _, token in group])
        finally:
            stop()
        for (pid, _), outcome in zip(group, outcomes):
            assert outcome.person.id == pid
            assert outcome.arrival.extra_rooms == {"table": rooms.table(eid, where[pid])}
            assert outcome.arrival.snapshot["mine"]["seat"]["table"] == where[pid]
        return [sql for sql in seen if not sql.startswith("UPDATE participant SET connections")]

    two, twelve = statements_for(people[:2]), statements_for(people[2:14])
    assert len(twelve) <= len(two), (two, twelve)
