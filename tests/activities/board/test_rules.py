"""The harvest: cards saved once, edited by their author or host, themes, pins, merges and anonymous dots."""
import pytest

from facilitator.activities.board import rules as board
from facilitator.activities.cafe import rules as cafe
from facilitator.core import events, participants
from facilitator.activities.board.rules import NewCard
from facilitator.core.errors import DomainError, NotAllowed
from facilitator.activities.board.models import Card
from facilitator.exports import report_view
from tests.cafe_support import go_to_harvest, hosts_at_two_tables, person


def _running_cafe(db, anyone_can_post=False):
    code, _, people, tables, where = hosts_at_two_tables(db, anyone_can_post=anyone_can_post)
    return code, people, tables, where


def _post(db, code, pid, text, **kw):
    with db.session_scope() as s:
        posted = board.add_card(s, events.get_by_code(s, code), person(s, pid), NewCard(text, **kw))
        return posted.card_id, posted


def test_a_host_adds_a_card_for_their_table(db):
    # A retry is answered once by the unit of work: tests/delivery/test_outbox_replay.py, test_grouping.py.
    code, (sam, *_), (t1, _), _ = _running_cafe(db)
    card_id, posted = _post(db, code, sam, "Walking groups help", tag="contact")
    names = [m.name for m in posted.changes.messages]
    assert names == ["board.card", "board.card"]
    # The screen's copy says nothing of who wrote it; the table's and the console's do.
    to_screen, to_others = posted.changes.messages
    assert {(to.kind, to.sub) for to in to_screen.to} == {("screen", None)} and "author" not in to_screen.payload
    assert {(to.kind, to.sub) for to in to_others.to} >= {("table", t1)} and to_others.payload["author"] == sam
    with db.session_scope() as s:
        assert s.query(Card).count() == 1
        card = s.get(Card, card_id)
        assert card.table_id == t1 and card.tag == "contact"
        assert board.card_view(s, card) == to_others.payload  # one card, however it is read


def test_only_hosts_post_unless_the_facilitator_allows_everyone(db):
    code, (sam, ada, bo, cy), (t1, t2), where = _running_cafe(db)
    with pytest.raises(NotAllowed, match="host"):
        _post(db, code, bo, "An idea")
    with pytest.raises(NotAllowed, match="own table"):
        _post(db, code, sam, "For the other table", table_id=t2)
    code2, (_, _, bo2, _), _, _ = _running_cafe(db, anyone_can_post=True)
    card_id, _ = _post(db, code2, bo2, "Anyone may write")
    assert card_id


def test_a_card_can_be_written_on_behalf_of_someone_without_a_phone(db):
    code, (sam, *_), _, _ = _running_cafe(db)
    with db.session_scope() as s:
        hal, _ = participants.add_without_phone(s, events.get_by_code(s, code), "Hal")
        hal_id = hal.id
    card_id, posted = _post(db, code, sam, "Buses to the clinic", on_behalf_id=hal_id)
    assert posted.changes.messages[0].payload["on_behalf"] == "Hal"
    with pytest.raises(DomainError, match="without a phone"):
        _post(db, code, sam, "Not Ada", on_behalf_id=sam)


def test_authors_edit_and_withdraw_their_cards_and_hosts_edit_their_tables(db):
    code, (sam, ada, bo, cy), (t1, t2), where = _running_cafe(db, anyone_can_post=True)
    traveller = next(p for p in (bo, cy) if where[p] == t1)
    other = next(p for p in (bo, cy) if p != traveller)
    card_id, _ = _post(db, code, traveller, "First thought")
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        board.edit_card(s, event, person(s, traveller), card_id, "Second thought")
        board.edit_card(s, event, person(s, sam), card_id, "Host tidied it", "control")
        with pytest.raises(NotAllowed):
            board.edit_card(s, event, person(s, ada), card_id, "Other host")
        with pytest.raises(NotAllowed):
            board.edit_card(s, event, person(s, other), card_id, "Someone else")
        with pytest.raises(NotAllowed):
            board.withdraw_card(s, event, person(s, sam), card_id)
        changes = board.withdraw_card(s, event, person(s, traveller), card_id)
        assert changes.messages[0].name == "board.card_gone"
        assert board.board_cards(s, event.id) == []


def test_themes_pins_hiding_and_merging_shape_the_board(db):
    code, (sam, ada, *_), _, _ = _running_cafe(db)
    a, _ = _post(db, code, sam, "More benches in the park")
    b, _ = _post(db, code, ada, "Benches, please")
    c, _ = _post(db, code, ada, "Something private")
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        theme, _ = board.create_theme(s, event, "Places to rest")
        board.rename_theme(s, event, theme.id, "Places to sit")
        board.assign_theme(s, event, a, theme.id)
        board.set_pinned(s, event, a, True)
        gone = board.set_hidden(s, event, c, True)
        assert [m.name for m in gone.messages] == ["board.card_gone", "board.card"]
        board.merge_cards(s, event, b, a)
        cards = board.board_cards(s, event.id)
        assert [(x["id"], x["merged"], x["pinned"], x["theme"]) for x in cards] == [(a, 1, True, theme.id)]
        report = report_view.build(s, event, report_view.Options(with_names=True, include_hidden=True))
        exported = {x["text"]: x for x in report["cards"]}
        first = exported["More benches in the park"]
        assert exported["Something private"]["hidden"] and exported["Benches, please"]["merged_into"] == first["number"]
        assert first["theme"] == "Places to sit" and first["table"] == "Table 1"
        assert first["round"] == 1 and first["author"] == "Sam"


def test_dot_voting_counts_anonymously_and_stops_at_the_limit(db):
    code, (sam, ada, bo, cy), _, _ = _running_cafe(db)
    a, _ = _post(db, code, sam, "Benches")
    b, _ = _post(db, code, ada, "Buses")
    go_to_harvest(db, code)
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        theme, _ = board.create_theme(s, event, "Getting about")
        board.assign_theme(s, event, b, theme.id)
        board.set_pinned(s, event, b, True)  # pinned: on the ballot by itself as well as in its theme
        board.open_vote(s, event, 2)
        board.add_dot(s, event, person(s, bo), card_id=b)
        changes = board.add_dot(s, event, person(s, bo), card_id=b)
        totals = [m for m in changes.messages if m.name == "board.totals"][0]
        assert totals.payload["totals"] == {f"card:{b}": 2}
        assert "participant" not in str(totals.payload)
        with pytest.raises(DomainError, match="all 2 of your dots"):
            board.add_dot(s, event, person(s, bo), card_id=a)
        board.remove_dot(s, event, person(s, bo), card_id=b)
        board.add_dot(s, event, person(s, bo), theme_id=theme.id)
        board.add_dot(s, event, person(s, cy), card_id=a)
        with pytest.raises(DomainError, match="no dot there"):
            board.remove_dot(s, event, person(s, cy), card_id=b)
        harvest = event.activities[1]
        from facilitator.core.kinds import kind_of

        kind = kind_of("harvest")
        mine = kind.participant_views(s, harvest, [person(s, bo), person(s, cy)])
        assert mine[bo] == {"dots": {f"card:{b}": 1, f"theme:{theme.id}": 1}, "dots_left": 0}
        assert mine[cy]["dots_left"] == 1
        # While the vote is open the room sees no totals (bandwagon voting); the console does.
        assert kind.screen_view(s, harvest)["totals"] == {}
        console_view = kind.console_view(s, harvest)
        assert console_view["totals"] == {f"card:{a}": 1, f"card:{b}": 1, f"theme:{theme.id}": 1}
        assert "dots" not in str(console_view["cards"])
        ranked = board.themes_ranked(s, event)
        assert ranked[0] == {**ranked[0], "name": "Getting about", "votes": 2, "cards": 1}
        export = {x["text"]: x["votes"] for x in report_view.build(s, event)["cards"]}
        assert export == {"Benches": 1, "Buses": 1}
        board.close_vote(s, event)
        assert kind.screen_view(s, harvest)["totals"] == {f"card:{a}": 1, f"card:{b}": 1, f"theme:{theme.id}": 1}
        with pytest.raises(DomainError, match="not open"):
            board.add_dot(s, event, person(s, cy), card_id=a)


def test_a_travellers_phone_lists_their_own_earlier_cards_to_edit_or_withdraw(db):
    code, (sam, ada, bo, cy), (t1, t2), where = _running_cafe(db, anyone_can_post=True)
    first, _ = _post(db, code, bo, "Said in round one")
    with db.session_scope() as s:
        act = cafe.current_cafe(events.get_by_code(s, code))
        cafe.end_round(s, act)
        cafe.start_round(s, act)
    second, _ = _post(db, code, bo, "Said in round two")
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        act = cafe.current_cafe(event)
        views = cafe.personal_views(s, act, [person(s, bo), person(s, cy)])
        assert [(c["id"], c["round"]) for c in views[bo]["my_cards"]] == [(first, 1), (second, 2)]
        assert views[cy]["my_cards"] == []
        # The author hears about their own card wherever they sit now.
        changes = board.edit_card(s, event, person(s, bo), first, "Said in round one, better")
        assert bo in changes.participants
        assert bo in board.withdraw_card(s, event, person(s, bo), first).participants
        assert [c["id"] for c in cafe.personal_views(s, act, [person(s, bo)])[bo]["my_cards"]] == [second]


def test_a_card_written_between_rounds_is_filed_where_its_author_sat_in_the_round_just_ended(db):
    code, (sam, ada, bo, cy), (t1, t2), where = _running_cafe(db, anyone_can_post=True)
    with db.session_scope() as s:
        act = cafe.current_cafe(events.get_by_code(s, code))
        cafe.end_round(s, act)  # round two is seated: travellers have new tables
        moved = {p: t for p, t in cafe.table_of_people(s, act).items() if t != where[p]}
    traveller = next(iter(moved))
    # The phone already shows the next table and sends it; the card still belongs to round one's table.
    card_id, posted = _post(db, code, traveller, "One more thought from round one", table_id=moved[traveller])
    view = posted.changes.messages[0].payload
    assert (view["table"], view["round"]) == (where[traveller], 1)
    with pytest.raises(NotAllowed, match="own table"):
        _post(db, code, sam, "Not my table", table_id=where[ada])


def test_cards_that_arrive_together_are_saved_or_refused_each_on_its_own(db):
    """A burst is handled as one group: a refused card writes nothing and the others stand."""
    code, (sam, ada, bo, _), (t1, t2), _ = _running_cafe(db)
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        results = board.add_cards(s, event, [
            (person(s, sam), NewCard("Walking groups")),
            (person(s, bo), NewCard("Not a host")),
            (person(s, ada), NewCard("Tea after")),
        ])
    saved_sam, refused_bo, saved_ada = results
    assert isinstance(refused_bo, NotAllowed) and "host" in str(refused_bo)
    assert {m.payload["table"] for m in saved_sam.changes.messages} == {t1}
    assert {m.payload["table"] for m in saved_ada.changes.messages} == {t2}
    with db.session_scope() as s:
        assert sorted((c.author_id, c.text) for c in s.query(Card)) == sorted([(sam, "Walking groups"), (ada, "Tea after")])


def test_a_split_card_returns_as_it_was_and_the_dots_the_merge_moved_stay_where_they_went(db):
    code, (sam, ada, bo, _), _, _ = _running_cafe(db)
    a, _ = _post(db, code, sam, "Benches")
    b, _ = _post(db, code, ada, "More benches")
    c, _ = _post(db, code, ada, "Even more benches")
    go_to_harvest(db, code)
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        theme, _ = board.create_theme(s, event, "Places to rest")
        board.assign_themes(s, event, [b, c], theme.id)
        board.set_pinned(s, event, b, True)
        board.open_vote(s, event, 3)
        board.add_dot(s, event, person(s, bo), card_id=b)
        board.merge_cards(s, event, b, a)
        board.merge_cards(s, event, c, a)
        assert [(x["id"], x["merged_into"]) for x in board.merged_cards(s, event.id)] == [(b, a), (c, a)]
        changes = board.unmerge_card(s, event, b)
        back = {m.payload["id"]: m.payload for m in changes.messages if m.name == "board.card"}
        assert (back[b]["theme"], back[b]["pinned"], back[b]["merged"]) == (theme.id, True, 0)
        assert "merged_into" not in back[b] and back[a]["merged"] == 1
        assert [x["id"] for x in board.board_cards(s, event.id)] == [a, b]
        # A vote is anonymous: nothing says which dots were b's, so they stay on a.
        assert board.totals(s, event.id, board.vote_state(event.activities[1])["ballot"]) == {f"card:{a}": 1}
        with pytest.raises(DomainError, match="not merged"):
            board.unmerge_card(s, event, b)
        with pytest.raises(DomainError, match="at least one"):
            board.assign_themes(s, event, [], theme.id)
