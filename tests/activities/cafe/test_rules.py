"""The world café's rounds: setting up, hosts, seating, timers as deadlines."""
from datetime import timedelta

import pytest

from facilitator.activities.cafe import essences, rules as cafe
from facilitator.core import events
from facilitator.activities.cafe.rules import _aware
from facilitator.core.kinds import kind_of
from facilitator.core.errors import DomainError
from facilitator.activities.cafe.models import Seat
from facilitator.core.models import utcnow
from tests.cafe_support import arrive, cafe_event, person


def _act(s, code):
    return cafe.current_cafe(events.get_by_code(s, code))


def test_tables_can_be_a_number_or_names_with_capacities_and_rounds_default_to_twenty_minutes():
    kind = kind_of("cafe")
    config = kind.validate_config({"tables": ["Oak", {"name": "Elm", "capacity": 6}], "rounds": ["Why?", "Why?"]})
    assert config["tables"] == [{"name": "Oak", "capacity": 5}, {"name": "Elm", "capacity": 6}]
    assert config["rounds"] == [{"question": "Why?", "minutes": 20}, {"question": "Why?", "minutes": 20}]
    assert kind.validate_config({"tables": 3})["tables"][2] == {"name": "Table 3", "capacity": 5}
    with pytest.raises(DomainError, match="capacity"):
        kind.validate_config({"tables": [{"name": "Big", "capacity": 99}]})
    with pytest.raises(DomainError, match="no setting"):
        kind.validate_config({"colour": "red"})


def test_volunteers_become_hosts_and_hosts_stay_while_others_move(db):
    code, _ = cafe_event(db, tables=2)
    sam, ada, *others = arrive(db, code, "Sam", "Ada", "Bo", "Cy", "Di", "Ed")
    with db.session_scope() as s:
        act = _act(s, code)
        cafe.volunteer(s, act, person(s, sam), True)
        cafe.volunteer(s, act, person(s, ada), True)
        cafe.start_round(s, act)
        first = cafe.table_of_people(s, act)
        hosts = {t.id: t.host_id for t in cafe.tables(s, act)}
        assert sorted(hosts.values()) == [sam, ada]
        cafe.end_round(s, act)
        second = cafe.table_of_people(s, act)
        assert cafe.focus_round(s, act).number == 2
    for table, host in hosts.items():
        assert first[host] == second[host] == table
    # Four travellers at two tables: whoever sat together in round one is split up.
    for a in others:
        for b in others:
            if a < b and first[a] == first[b]:
                assert second[a] != second[b]


def test_the_facilitator_changes_a_host_between_rounds(db):
    code, _ = cafe_event(db, tables=2)
    sam, ada, bo, *_ = arrive(db, code, "Sam", "Ada", "Bo", "Cy")
    with db.session_scope() as s:
        act = _act(s, code)
        t1, t2 = cafe.tables(s, act)
        cafe.set_host(s, act, t1.id, sam)
        cafe.set_host(s, act, t2.id, ada)
        cafe.start_round(s, act)
        cafe.end_round(s, act)  # round 2 is seated with the same hosts
        cafe.set_host(s, act, t1.id, bo)
        cafe.seat_round(s, act)  # seat round 2 again with the new host
        seat = cafe.seat_of(s, act, bo)
        assert seat.table_id == t1.id and seat.is_host
        assert not cafe.seat_of(s, act, sam).is_host


def test_linked_people_sit_together_and_absent_people_are_not_seated(db):
    code, _ = cafe_event(db, tables=3)
    a, b, *rest = arrive(db, code, "Ama", "Ben", "Cai", "Dev", "Eli", "Fay")
    (away,) = arrive(db, code, "Gus", online=False)
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        from facilitator.core import participants

        nophone, _ = participants.add_without_phone(s, event, "Hal")
        act = _act(s, code)
        cafe.link(s, act, a, b)
        for _ in range(2):
            cafe.start_round(s, act)
            where = cafe.table_of_people(s, act)
            assert where[a] == where[b]
            assert away not in where and nophone.id in where
            cafe.end_round(s, act)


def test_a_late_arrival_goes_to_the_smallest_table(db):
    code, _ = cafe_event(db, tables=2)
    arrive(db, code, "A", "B", "C")
    with db.session_scope() as s:
        act = _act(s, code)
        cafe.start_round(s, act)
        sizes = {}
        for table_id in cafe.table_of_people(s, act).values():
            sizes[table_id] = sizes.get(table_id, 0) + 1
    (late,) = arrive(db, code, "Late")
    with db.session_scope() as s:
        act = _act(s, code)
        cafe.seat_late(s, act, person(s, late))
        assert cafe.seat_of(s, act, late).table_id == min(sizes, key=sizes.get)
        assert s.query(Seat).filter_by(participant_id=late).count() == 1
        assert cafe.seat_late(s, act, person(s, late)) is None  # already seated


def test_the_timer_is_a_deadline_that_pauses_extends_and_ends(db):
    code, _ = cafe_event(db)
    arrive(db, code, "A", "B")
    t0 = utcnow()
    with db.session_scope() as s:
        act = _act(s, code)
        cafe.start_round(s, act, now=t0)
        r = cafe.focus_round(s, act)
        assert _aware(r.deadline) == t0 + timedelta(minutes=20)
        cafe.pause_round(s, act, now=t0 + timedelta(minutes=5))
        assert r.deadline is None and r.paused_remaining_ms == 15 * 60_000
        cafe.extend_round(s, act, 5)
        cafe.resume_round(s, act, now=t0 + timedelta(minutes=10))
        assert _aware(r.deadline) == t0 + timedelta(minutes=30)
        view = cafe.round_view(r, 2)
        assert view["deadline"] == int((t0 + timedelta(minutes=30)).timestamp() * 1000)
        with pytest.raises(DomainError, match="already started"):
            cafe.start_round(s, act)
        cafe.end_round(s, act, now=t0 + timedelta(minutes=12))
        assert r.status == "ended" and r.deadline is None
        nxt = cafe.focus_round(s, act)
        assert nxt.number == 2 and nxt.seated and nxt.status == "planned"
        cafe.start_round(s, act)
        cafe.end_round(s, act)
        with pytest.raises(DomainError, match="last round"):
            cafe.seat_round(s, act)


def test_each_phone_gets_its_own_table_host_and_question(db):
    code, _ = cafe_event(db, tables=2)
    sam, *rest = arrive(db, code, "Sam", "Bo", "Cy")
    with db.session_scope() as s:
        act = _act(s, code)
        t1 = cafe.tables(s, act)[0]
        cafe.set_host(s, act, t1.id, sam)
        cafe.start_round(s, act)
        kind = kind_of("cafe")
        people = [person(s, p) for p in [sam, *rest]]
        views = kind.participant_views(s, act, people)
        assert views[sam]["seat"]["is_host"] and views[sam]["seat"]["name"] == "Table 1"
        for p in rest:
            seat = views[p]["seat"]
            assert seat["name"] in ("Table 1", "Table 2") and not seat["is_host"]
            if seat["table"] == t1.id:
                assert seat["host"] == "Sam"
            assert seat["cards"] == [] and not seat["can_post"]  # no cards yet; only hosts add them
        public = kind.public_view(s, act)
        assert public["round"]["question"].startswith("What helps")
        assert "plan" not in public
        assert len(kind.screen_view(s, act)["plan"]) == 2


def test_a_host_whose_phone_is_gone_is_replaced_by_a_volunteer_and_shown_as_away_until_then(db):
    code, _ = cafe_event(db, tables=2)
    sam, ada, bo, cy, di, *_ = arrive(db, code, "Sam", "Ada", "Bo", "Cy", "Di", "Ed", "Fi")
    with db.session_scope() as s:
        act = _act(s, code)
        t1, t2 = cafe.tables(s, act)
        cafe.set_host(s, act, t1.id, sam)
        cafe.set_host(s, act, t2.id, ada)
        cafe.volunteer(s, act, person(s, di), True)
        cafe.start_round(s, act)
        assert {t["id"]: t["host_away"] for t in cafe._plan(s, act, cafe.focus_round(s, act))} == {t1.id: False, t2.id: False}
        person(s, sam).connections = 0  # Sam's phone is gone before the next seating
        plan = {t["id"]: t for t in cafe._plan(s, act, cafe.focus_round(s, act))}
        assert plan[t1.id]["host"] == "Sam" and plan[t1.id]["host_away"] is True
        cafe.end_round(s, act)
        assert t1.host_id == di
        seats = {x.participant_id: x for x in cafe.seats(s, cafe.focus_round(s, act))}
        assert seats[di].is_host and seats[di].table_id == t1.id and sam not in seats
        plan = {t["id"]: t for t in cafe._plan(s, act, cafe.focus_round(s, act))}
        assert (plan[t1.id]["host"], plan[t1.id]["host_away"]) == ("Di", False)


def test_a_chosen_host_who_is_not_seated_shows_as_away_on_the_plan(db):
    code, _ = cafe_event(db, tables=2)
    sam, ada, bo, cy = arrive(db, code, "Sam", "Ada", "Bo", "Cy")
    (late,) = arrive(db, code, "Lu", online=False)
    with db.session_scope() as s:
        act = _act(s, code)
        t1, t2 = cafe.tables(s, act)
        cafe.set_host(s, act, t1.id, late)
        cafe.set_host(s, act, t2.id, ada)
        cafe.seat_round(s, act)
        plan = {t["id"]: t for t in cafe._plan(s, act, cafe.focus_round(s, act))}
        assert (plan[t1.id]["host"], plan[t1.id]["host_away"]) == ("Lu", True)
        assert (plan[t2.id]["host"], plan[t2.id]["host_away"]) == ("Ada", False)


def test_many_peoples_own_views_read_at_once_equal_each_persons_read_alone(db):
    """A round change reads everyone's own cards and their tables' from one read of the café's cards
    (more than ``FEW`` people); one phone connecting reads its own. Both give the same views: hidden,
    withdrawn and earlier rounds' cards included, as each path decides."""
    from facilitator.activities.board import rules as board

    code, _ = cafe_event(db, tables=4, capacity=8, anyone_can_post=True)
    ids = arrive(db, code, *[f"Person {i}" for i in range(cafe.FEW + 6)])
    with db.session_scope() as s:
        act = _act(s, code)
        event = events.get_by_code(s, code)
        for table, host in zip(cafe.tables(s, act), ids):
            cafe.set_host(s, act, table.id, host)
        cafe.start_round(s, act)
        posted = [board.add_card(s, event, person(s, pid), board.NewCard(f"Round one, from {pid}")).card_id for pid in ids[::3]]
        board.set_hidden(s, event, posted[1], True)
        board.withdraw_card(s, event, person(s, ids[6]), posted[2])
        for n, host in enumerate(ids[:2]):  # round cards at two of the four tables, for round two's newcomers
            essences.write(s, act, person(s, host), 1, f"What table {n} found", "")
        cafe.end_round(s, act)
        cafe.start_round(s, act)
        board.add_card(s, event, person(s, ids[1]), board.NewCard("Round two"))
    with db.read_scope() as s:
        act = _act(s, code)
        people = [person(s, pid) for pid in ids]
        assert len(people) > cafe.FEW
        together = cafe.personal_views(s, act, people)
    alone = {}
    for pid in ids:
        with db.read_scope() as s:
            alone[pid] = cafe.personal_views(s, _act(s, code), [person(s, pid)])[pid]
    assert together == alone
    # The views hold what they should: someone's own cards, and their table's.
    assert [c["text"] for c in together[ids[1]]["my_cards"]] == ["Round two"]
    assert sum(len(v["my_cards"]) for v in together.values()) == len(posted) - 2 + 1
    assert any(v["seat"]["cards"] for v in together.values())
    assert sum(1 for v in together.values() if v["seat"]["handed_on"]) > 0



def test_one_phone_connecting_reads_its_own_table_not_the_whole_room(db, monkeypatch):
    """A phone waking up mid-round is sent its seat: its table's seats and names are read, and the
    round card the last group left at its table, not every seat, table and round card of the café
    (2,000 rows for each phone, when the Wi-Fi came back)."""
    code, _ = cafe_event(db, tables=4, capacity=8)
    ids = arrive(db, code, *[f"Person {i}" for i in range(12)])
    with db.session_scope() as s:
        act = _act(s, code)
        hosts = ids[:4]
        for table, host in zip(cafe.tables(s, act), hosts):
            cafe.set_host(s, act, table.id, host)
        cafe.start_round(s, act)
        for n, host in enumerate(hosts):
            essences.write(s, act, person(s, host), 1, f"What table {n} found", "")
        cafe.end_round(s, act)
        cafe.start_round(s, act)
        where = cafe.table_of_people(s, act)
    with db.read_scope() as s:
        expected = cafe.personal_views(s, _act(s, code), [person(s, ids[5])])[ids[5]]

    def whole_room(*_args, **_kw):
        raise AssertionError("the whole café was read for one phone")

    monkeypatch.setattr(cafe, "seat_rows", whole_room)
    monkeypatch.setattr(cafe, "tables", whole_room)
    round_cards_read, view = [], essences._view
    monkeypatch.setattr(essences, "_view", lambda e: round_cards_read.append(e.table_id) or view(e))
    with db.read_scope() as s:
        alone = cafe.personal_views(s, _act(s, code), [person(s, ids[5])])[ids[5]]
    assert alone == expected
    assert alone["seat"]["table"] == where[ids[5]]
    assert sorted(m["id"] for m in alone["seat"]["members"]) == sorted(p for p, t in where.items() if t == where[ids[5]])
    assert alone["previous"]["name"]
    assert alone["seat"]["handed_on"]["essence"].startswith("What table")
    assert round_cards_read == [where[ids[5]]], "every table's round card was read for one phone"

def test_the_plan_of_many_people_names_each_of_them_as_a_list_of_ids_would(db):
    """At a round change the plan's 2,000 labels are read as the event's people, not by a list of their ids."""
    code, _ = cafe_event(db, tables=4, capacity=8)
    ids = arrive(db, code, *[f"Person {i}" for i in range(cafe.FEW + 6)])
    other_code, _ = cafe_event(db)
    arrive(db, other_code, "Someone elsewhere")
    with db.session_scope() as s:
        act = _act(s, code)
        cafe.start_round(s, act)
    with db.read_scope() as s:
        act = _act(s, code)
        by_event = cafe._labels(s, ids[1:], act.event_id)
        assert by_event == cafe._labels(s, ids[1:]) and set(by_event) == set(ids[1:])
        plan = kind_of("cafe").screen_view(s, act)["plan"]
        assert sorted(m["label"] for t in plan for m in t["members"]) == sorted(f"Person {i}" for i in range(cafe.FEW + 6))


def test_the_console_lists_who_arrived_after_the_seating_until_they_are_seated(db):
    code, _ = cafe_event(db, tables=2)
    arrive(db, code, "Sam", "Ada", "Bo", "Cy")
    with db.session_scope() as s:
        act = _act(s, code)
        assert kind_of("cafe").console_view(s, act)["unseated"] == []  # nobody seated yet: nothing to say
        cafe.start_round(s, act)
        assert kind_of("cafe").console_view(s, act)["unseated"] == []
    late = arrive(db, code, "Dee")
    with db.read_scope() as s:
        assert [p["label"] for p in kind_of("cafe").console_view(s, _act(s, code))["unseated"]] == ["Dee"]
    with db.session_scope() as s:
        act = _act(s, code)
        cafe.seat_late(s, act, person(s, late[0]))
        assert kind_of("cafe").console_view(s, act)["unseated"] == []
