"""A café that fits the room: tables proposed from the people here, a warning when the
seats do not fit, nobody alone, late arrivals at a table with people, when a host change
applies, and people kept together, apart or at one table (#17 item 3)."""
import pytest

from facilitator.activities.cafe import rules as cafe
from facilitator.core import events
from facilitator.core.errors import Conflict, DomainError, NotFound
from facilitator.activities.cafe.seating import Table, place_late, seat
from tests.cafe_support import arrive, cafe_event, person


def _act(s, code):
    return cafe.current_cafe(events.get_by_code(s, code))


def _sizes(s, act):
    sizes = {}
    for table_id in cafe.table_of_people(s, act).values():
        sizes[table_id] = sizes.get(table_id, 0) + 1
    return sizes


# --- the proposal -----------------------------------------------------------------


def test_twenty_four_people_are_offered_six_tables_of_four_with_a_seat_to_spare():
    proposal = cafe.propose_tables(24)
    assert (proposal.tables, proposal.capacity, proposal.sizes) == (6, 5, (4,) * 6)
    assert proposal.text() == "24 people here: 6 tables of 4 (suggested)"


def test_people_who_do_not_divide_by_four_sit_at_a_few_tables_of_five_or_three_never_six():
    assert cafe.propose_tables(25).text() == "25 people here: 6 tables (5 of 4 and 1 of 5) (suggested)"
    assert cafe.propose_tables(25).capacity == 6  # a table of 5 still has a seat for a late arrival
    assert cafe.propose_tables(7).sizes == (4, 3)
    assert cafe.propose_tables(6).sizes == (3, 3)
    assert cafe.propose_tables(3).text() == "3 people here: 1 table of 3 (suggested)"
    assert cafe.propose_tables(1).text() == "1 person here: 1 table of 1 (suggested)"
    assert cafe.propose_tables(0) is None


def test_every_proposal_seats_everyone_at_tables_of_three_to_five_with_room():
    for people in range(1, 5001):
        p = cafe.propose_tables(people)
        assert sum(p.sizes) == people and len(p.sizes) == p.tables <= cafe.MAX_TABLES, people
        assert max(p.sizes) <= 5 and p.capacity > max(p.sizes), people
        if people >= 6:
            assert min(p.sizes) >= 3, people
        assert max(p.sizes) - min(p.sizes) <= 1, people


def test_two_thousand_people_are_offered_tables_of_four_and_five_thousand_the_most_tables_a_cafe_has():
    p = cafe.propose_tables(2000)
    assert (p.tables, p.sizes[0], p.capacity) == (500, 4, 5)
    p = cafe.propose_tables(5000)
    assert (p.tables, p.sizes[0], p.capacity) == (cafe.MAX_TABLES, 5, 6) == (1000, 5, 6)


# --- the warning before a round ----------------------------------------------------


def test_sixty_people_at_four_tables_of_five_are_warned_with_the_fix():
    four_of_five = [{"name": f"Table {i}", "capacity": 5} for i in range(1, 5)]
    warning = cafe.fit_warning(60, four_of_five)
    assert warning.startswith("60 people are here but the 4 tables seat 20: 40 would have no seat.")
    assert "Use 15 tables of 5 seats (Use this)" in warning and "Set up tables and rounds" in warning


def test_tables_too_big_to_talk_at_are_warned_and_tables_that_fit_are_not():
    big = [{"name": f"T{i}", "capacity": 20} for i in range(4)]
    assert "makes tables of 15: too many to talk together" in cafe.fit_warning(60, big)
    assert cafe.fit_warning(24, [{"name": f"T{i}", "capacity": 5} for i in range(6)]) is None
    assert cafe.fit_warning(3, [{"name": f"T{i}", "capacity": 5} for i in range(4)]) is None
    assert cafe.fit_warning(0, big) is None


# --- nobody alone ------------------------------------------------------------------


def test_three_people_at_four_tables_sit_together_at_one():
    plan = seat([Table(i, 5) for i in range(1, 5)], [1, 2, 3])
    assert sorted(len(ps) for ps in plan.tables.values()) == [0, 0, 0, 3]


def test_the_template_cafe_with_three_people_seats_them_at_one_table_and_says_the_others_are_not_used(db):
    code, _ = cafe_event(db, tables=4)
    arrive(db, code, "Ama", "Ben", "Cai")
    with db.session_scope() as s:
        act = _act(s, code)
        cafe.start_round(s, act)
        assert list(_sizes(s, act).values()) == [3]
        plan = cafe._plan(s, act, cafe.focus_round(s, act))
        assert sorted(t["in_use"] for t in plan) == [False, False, False, True]


def test_a_host_whose_table_is_not_needed_joins_another_and_is_not_shown_as_away(db):
    code, _ = cafe_event(db, tables=2)
    sam, ada, *_ = arrive(db, code, "Sam", "Ada", "Bo", "Cy")
    with db.session_scope() as s:
        act = _act(s, code)
        t1, t2 = cafe.tables(s, act)
        cafe.set_host(s, act, t1.id, sam)
        cafe.set_host(s, act, t2.id, ada)
        cafe.start_round(s, act)
        assert _sizes(s, act) == {t1.id: 4}  # four people: one table of 4, not two pairs
        assert cafe.seat_of(s, act, sam).is_host and not cafe.seat_of(s, act, ada).is_host
        plan = {t["id"]: t for t in cafe._plan(s, act, cafe.focus_round(s, act))}
        assert plan[t2.id]["in_use"] is False and plan[t2.id]["host_away"] is False


def test_seven_people_at_four_tables_sit_at_two():
    plan = seat([Table(i, 5) for i in range(1, 5)], range(1, 8))
    assert sorted(len(ps) for ps in plan.tables.values()) == [0, 0, 3, 4]


# --- late arrivals -----------------------------------------------------------------


def test_a_late_arrival_joins_the_used_table_with_most_room_never_an_empty_one():
    tables = [Table(i, 5) for i in range(1, 5)]
    assert place_late(tables, {1: [1, 2, 3, 4], 2: [5, 6, 7]}, 99) == 2
    assert place_late(tables, {3: [1, 2, 3]}, 99) == 3
    # Only when the used tables are full does an empty one open.
    assert place_late(tables, {1: [1, 2, 3, 4, 5]}, 99) == 2


def test_a_late_arrival_is_not_seated_with_someone_they_are_kept_apart_from():
    tables = [Table(1, 5), Table(2, 5)]
    assert place_late(tables, {1: [1, 2], 2: [3, 4, 5]}, 99, apart=[(1, 99)]) == 2


def test_in_the_cafe_a_late_arrival_joins_the_three_people_already_seated(db):
    code, _ = cafe_event(db, tables=4)
    arrive(db, code, "Ama", "Ben", "Cai")
    with db.session_scope() as s:
        act = _act(s, code)
        cafe.start_round(s, act)
        (used,) = _sizes(s, act)
    (late,) = arrive(db, code, "Dee")
    with db.session_scope() as s:
        act = _act(s, code)
        cafe.seat_late(s, act, person(s, late))
        assert cafe.seat_of(s, act, late).table_id == used
        assert _sizes(s, act) == {used: 4}


# --- when a host change applies ------------------------------------------------------


def _six_with_hosts(db):
    code, _ = cafe_event(db, tables=2)
    ids = arrive(db, code, "Sam", "Ada", "Bo", "Cy", "Di", "Ed")
    return code, ids


def test_a_host_chosen_between_rounds_hosts_the_coming_round_at_once(db):
    code, (sam, ada, bo, *_) = _six_with_hosts(db)
    with db.session_scope() as s:
        act = _act(s, code)
        t1, t2 = cafe.tables(s, act)
        assert cafe.set_host(s, act, t1.id, sam)[1] == "now"  # nothing seated yet: the first seating
        cafe.set_host(s, act, t2.id, ada)
        cafe.start_round(s, act)
        cafe.end_round(s, act)  # round 2 is seated, not started
        changes, applies = cafe.set_host(s, act, t1.id, bo)
        assert applies == "now" and changes.all_participants
        seat = cafe.seat_of(s, act, bo)
        assert seat.table_id == t1.id and seat.is_host
        assert not cafe.seat_of(s, act, sam).is_host
        plan = {t["id"]: t for t in cafe._plan(s, act, cafe.focus_round(s, act))}
        assert plan[t1.id]["host_id"] == plan[t1.id]["chosen_host_id"] == bo


def test_a_host_chosen_during_a_round_hosts_from_the_next_and_the_plan_says_who(db):
    code, (sam, ada, bo, *_) = _six_with_hosts(db)
    with db.session_scope() as s:
        act = _act(s, code)
        t1, t2 = cafe.tables(s, act)
        cafe.set_host(s, act, t1.id, sam)
        cafe.set_host(s, act, t2.id, ada)
        cafe.start_round(s, act)
        _, applies = cafe.set_host(s, act, t1.id, bo)
        assert applies == "next_round"
        assert cafe.seat_of(s, act, sam).is_host  # Sam hosts the round under way
        plan = {t["id"]: t for t in cafe._plan(s, act, cafe.focus_round(s, act))}
        assert (plan[t1.id]["host"], plan[t1.id]["chosen_host"], plan[t1.id]["chosen_host_id"]) == ("Sam", "Bo", bo)
        cafe.end_round(s, act)
        seat = cafe.seat_of(s, act, bo)
        assert seat.table_id == t1.id and seat.is_host


# --- together, apart, at one table ----------------------------------------------------


def test_people_kept_apart_never_share_a_table_over_three_rounds(db):
    code, _ = cafe_event(db, tables=3, rounds=["One?", "Two?", "Three?"])
    ids = arrive(db, code, *[f"P{i}" for i in range(9)])
    a, b, c = ids[:3]
    with db.session_scope() as s:
        act = _act(s, code)
        cafe.keep_apart(s, act, a, b)
        cafe.keep_apart(s, act, b, c)
        cafe.keep_apart(s, act, a, c)
        for _ in range(3):
            cafe.start_round(s, act)
            where = cafe.table_of_people(s, act)
            assert len({where[a], where[b], where[c]}) == 3
            cafe.end_round(s, act)


def test_someone_who_stays_sits_at_the_same_table_all_event_and_others_still_travel(db):
    code, _ = cafe_event(db, tables=3, rounds=["One?", "Two?", "Three?"])
    ids = arrive(db, code, *[f"P{i}" for i in range(9)])
    with db.session_scope() as s:
        act = _act(s, code)
        cafe.stay(s, act, ids[4])  # where they are seated next
        tables_of = []
        for _ in range(3):
            cafe.start_round(s, act)
            tables_of.append(cafe.table_of_people(s, act))
            cafe.end_round(s, act)
        assert len({where[ids[4]] for where in tables_of}) == 1
        assert cafe.stays(act) == {ids[4]: tables_of[0][ids[4]]}
        assert any(len({where[p] for where in tables_of}) > 1 for p in ids if p != ids[4])


def test_a_stay_can_name_its_table_and_be_let_go(db):
    code, _ = cafe_event(db, tables=3)
    ids = arrive(db, code, *[f"P{i}" for i in range(9)])
    with db.session_scope() as s:
        act = _act(s, code)
        t3 = cafe.tables(s, act)[2]
        cafe.stay(s, act, ids[0], table_id=t3.id)
        cafe.start_round(s, act)
        assert cafe.seat_of(s, act, ids[0]).table_id == t3.id
        cafe.stay(s, act, ids[0], on=False)
        assert cafe.stays(act) == {}
        with pytest.raises(NotFound):
            cafe.stay(s, act, ids[0], table_id=999_999)


def test_together_and_apart_cannot_contradict_each_other(db):
    code, _ = cafe_event(db, tables=2)
    a, b, c = arrive(db, code, "Ama", "Ben", "Cai")
    with db.session_scope() as s:
        act = _act(s, code)
        cafe.link(s, act, a, b)
        with pytest.raises(Conflict, match="kept together"):
            cafe.keep_apart(s, act, a, b)
        cafe.keep_apart(s, act, b, c)
        # Ama with Cai would bring Ben (kept with Ama) to Cai's table.
        with pytest.raises(Conflict, match="Ben and Cai are kept apart"):
            cafe.link(s, act, a, c)
        with pytest.raises(DomainError, match="two different people"):
            cafe.keep_apart(s, act, a, a)
        with pytest.raises(NotFound):
            cafe.keep_apart(s, act, a, 999_999)
        cafe.keep_apart(s, act, b, c, on=False)
        assert cafe.apart(act) == []
        cafe.link(s, act, a, c)
