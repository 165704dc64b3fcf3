"""The pattern across tables: which themes came up where and when, which travelled, which stayed at one table."""
import pytest

from facilitator.activities.board import pattern, rules as board
from facilitator.activities.board.views import Harvest
from facilitator.core.errors import DomainError
from facilitator.activities.board.models import Card, Theme
from facilitator.activities.board.pattern import Place, Raised
from facilitator.activities.cafe.models import CafeRound, CafeTable
from facilitator.core import events
from tests.cafe_support import arrive, cafe_event, go_to_harvest

TABLES = [Place(1, "Oak"), Place(2, "Ash"), Place(3, "Elm"), Place(4, "Yew")]
TRANSPORT, CARERS, FOOD = Place(10, "Transport"), Place(11, "Carers"), Place(12, "Food")


def _theme(grid, name):
    return next(t for t in grid["themes"] if t["name"] == name)


def test_the_grid_counts_each_theme_at_each_table_round_by_round():
    grid = pattern.across_tables([TRANSPORT, CARERS], TABLES, [
        Raised(10, 1, 1), Raised(10, 1, 1), Raised(10, 1, 2), Raised(10, 3, 3), Raised(11, 2, 2),
    ])
    assert grid["rounds"] == [1, 2, 3]
    assert [t["name"] for t in grid["tables"]] == ["Oak", "Ash", "Elm", "Yew"]
    transport = _theme(grid, "Transport")
    assert [c["by_round"] for c in transport["cells"]] == [[2, 1, 0], [0, 0, 0], [0, 0, 1], [0, 0, 0]]
    assert [c["total"] for c in transport["cells"]] == [3, 0, 1, 0]
    assert transport["cards"] == 4 and transport["tables"] == 2
    assert grid["most"] == 3


def test_a_theme_raised_at_half_the_tables_or_more_travelled_most_tables_first():
    grid = pattern.across_tables([TRANSPORT, CARERS, FOOD], TABLES, [
        Raised(11, 1, 1), Raised(11, 2, 1),
        Raised(10, 1, 1), Raised(10, 2, 2), Raised(10, 3, 3),
        Raised(12, 4, 2), Raised(12, 4, 3),
    ])
    assert grid["travelled_at"] == 2
    assert [(t["name"], t["tables"]) for t in grid["travelled"]] == [("Transport", 3), ("Carers", 2)]
    assert grid["one_table"] == [{"id": 12, "name": "Food", "table": "Yew"}]


def test_nothing_travels_when_only_one_table_wrote():
    grid = pattern.across_tables([TRANSPORT, CARERS], TABLES, [Raised(10, 1, 1), Raised(11, 1, 1)])
    assert grid["travelled"] == [] and grid["travelled_at"] == 2
    assert [t["name"] for t in grid["one_table"]] == ["Transport", "Carers"]


def test_cards_in_no_theme_are_counted_per_table_and_cards_at_no_table_apart():
    grid = pattern.across_tables([TRANSPORT], TABLES, [
        Raised(None, 2, 1), Raised(99, 2, 2), Raised(10, None, None), Raised(10, 1, None),
    ])
    assert [c["total"] for c in grid["unthemed"]] == [0, 2, 0, 0]
    transport = _theme(grid, "Transport")
    # Written at a table outside a round: in the cell's total, in no round's column.
    assert grid["rounds"] == [1, 2]
    assert transport["cells"][0] == {"table": 1, "total": 1, "by_round": [0, 0]}
    assert transport["elsewhere"] == 1 and transport["cards"] == 2


def test_a_theme_nobody_raised_is_in_the_grid_but_neither_travelled_nor_at_one_table():
    grid = pattern.across_tables([TRANSPORT, FOOD], TABLES, [Raised(10, 1, 1)])
    food = _theme(grid, "Food")
    assert food["tables"] == 0 and not food["travelled"] and not food["one_table"]
    assert [t["name"] for t in grid["one_table"]] == ["Transport"]


def test_an_event_without_cards_has_an_empty_pattern():
    grid = pattern.across_tables([], [], [])
    assert grid["rounds"] == [] and grid["themes"] == [] and grid["travelled"] == [] and grid["most"] == 0


def test_the_board_read_into_the_pattern_counts_merged_cards_where_they_were_written(db):
    with db.session_scope() as s:
        # Tables and rounds written directly, as an archive restores them (the café's own rules are not under test).
        event = events.create_event(s, events.EventDetails(title="Café"), agenda=[{"kind": "welcome"}, {"kind": "harvest"}])
        code, event_id, cafe = event.code, event.id, event.activities[0]
    author, = arrive(db, code, "Sam")
    with db.session_scope() as s:
        # Created out of position order: the grid follows the tables' positions.
        elm = CafeTable(activity_id=cafe.id, position=2, name="Elm")
        oak = CafeTable(activity_id=cafe.id, position=0, name="Oak")
        ash = CafeTable(activity_id=cafe.id, position=1, name="Ash")
        r1 = CafeRound(activity_id=cafe.id, number=1, status="ended")
        r2 = CafeRound(activity_id=cafe.id, number=2, status="ended")
        transport = Theme(event_id=event_id, name="Transport")
        s.add_all([elm, oak, ash, r1, r2, transport])
        s.flush()

        def card(table, round_, theme=None, **kw):
            c = Card(event_id=event_id, author_id=author, text="a card", table_id=table.id, round_id=round_.id,
                     theme_id=theme.id if theme else None, **kw)
            s.add(c)
            s.flush()
            return c

        kept = card(oak, r1, transport)
        card(ash, r2, merged_into_id=kept.id)  # the same said at Ash: merged, in no theme of its own
        card(elm, r2, transport, hidden=True)  # hidden from the board: not in the pattern
        card(elm, r1, transport, withdrawn=True)
        card(elm, r1)
    with db.session_scope() as s:
        grid = pattern.for_event(s, event_id)
    assert [t["name"] for t in grid["tables"]] == ["Oak", "Ash", "Elm"]
    assert grid["rounds"] == [1, 2]
    row = _theme(grid, "Transport")
    assert [c["by_round"] for c in row["cells"]] == [[1, 0], [0, 1], [0, 0]]
    assert [c["total"] for c in grid["unthemed"]] == [0, 0, 1]
    assert [t["name"] for t in grid["travelled"]] == ["Transport"]


def test_the_facilitator_shows_the_pattern_on_the_big_screen_in_the_harvest_not_during_the_cafe(db):
    code, _ = cafe_event(db, tables=2)
    with db.session_scope() as s, pytest.raises(DomainError, match="During the café"):
        board.set_grouping(s, events.get_by_code(s, code), "pattern")
    go_to_harvest(db, code)
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        changes = board.set_grouping(s, event, "pattern")
        assert changes.screen and changes.console
        harvest = event.activities[1]
        assert Harvest().screen_view(s, harvest)["group_by"] == "pattern"
