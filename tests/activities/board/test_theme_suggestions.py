"""Theme suggestions over Socket.IO: asked, proposed, accepted or thrown away, and never re-proposed once thrown."""
from sqlalchemy import select

from facilitator.activities.board.models import Card, Theme
from tests.cafe_support import cafe_event, go_to_harvest
from tests.factories import ack, make_participant, phone
from tests.delivery.test_authorization import everything
from tests.support import wait_for

CARDS = [
    "No bus to the hospital after six",
    "The buses stop running in the evening",
    "Bus timetable changed and nobody told us",
    "Carers never get a break",
    "Respite for unpaid carers",
    "Carers' own health is forgotten",
    "Lovely weather today",
]


def _board(db, socket_clients, console, texts=CARDS):
    code, _ = cafe_event(db, tables=2, anyone_can_post=True)
    _, token = make_participant(db, code, "Sam")
    sam = phone(socket_clients, code, token)
    assert ack(sam, "cafe.volunteer", {"host": True})["ok"]
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    ids = [ack(sam, "card.add", {"text": t, "cid": f"sugg-{i:04d}"})["id"] for i, t in enumerate(texts)]
    go_to_harvest(db, code)
    return code, dict(zip(texts, ids))


def _suggestions(console, code, ask):
    """The console's suggestions once ask ``ask`` is done (the grouping runs in the background)."""

    def done():
        view = ack(console, "console.watch", {"event": code})["snapshot"]["activity"]["suggestions"]
        return view if view["ask"] == ask and not view["running"] else None

    return wait_for(done, message=f"ask {ask} to be done")


def _cards(db, ids):
    with db.read_scope() as s:
        return {c.id: (c.text, c.theme_id) for c in s.scalars(select(Card).where(Card.id.in_(ids)))}


def test_suggestions_are_proposed_one_accepted_one_thrown_away_and_the_thrown_one_never_returns(socket_clients, console, db):
    code, ids = _board(db, socket_clients, console)
    before = _cards(db, ids.values())
    asked = ack(console, "suggest.ask", {"event": code})
    assert asked == {"ok": True, "ask": 1, "cards": 7}
    view = _suggestions(console, code, 1)
    groups = {tuple(g["cards"]): g for g in view["groups"]}
    buses = groups[tuple(ids[t] for t in CARDS[:3])]
    carers = groups[tuple(ids[t] for t in CARDS[3:6])]
    assert buses["name"] == "Bus" and carers["name"].startswith("Carer")
    assert view["unplaced"] == [ids["Lovely weather today"]]
    # Proposing changed no card.
    assert _cards(db, ids.values()) == before

    accepted = ack(console, "suggest.accept", {"event": code, "suggestion": buses["id"], "name": "Getting about"})
    assert accepted["ok"]
    with db.read_scope() as s:
        assert s.get(Theme, accepted["theme"]).name == "Getting about"
    after = _cards(db, ids.values())
    assert {after[ids[t]][1] for t in CARDS[:3]} == {accepted["theme"]}
    assert all(after[ids[t]][1] is None for t in CARDS[3:])

    assert ack(console, "suggest.reject", {"event": code, "suggestion": carers["id"]}) == {"ok": True}
    assert _cards(db, ids.values()) == after, "throwing a suggestion away changes no card"
    assert ack(console, "suggest.reject", {"event": code, "suggestion": carers["id"]})["code"] == "refused"

    assert ack(console, "suggest.ask", {"event": code})["ask"] == 2
    again = _suggestions(console, code, 2)
    assert all(set(g["cards"]) != {ids[t] for t in CARDS[3:6]} for g in again["groups"])
    assert again["groups"] == []  # the bus cards are themed; the carers' group was thrown away
    assert _cards(db, ids.values()) == after


def test_a_group_goes_into_a_theme_already_on_the_board_with_only_the_cards_kept(socket_clients, console, db):
    code, ids = _board(db, socket_clients, console)
    theme = ack(console, "theme.create", {"event": code, "name": "Travel"})["id"]
    ack(console, "suggest.ask", {"event": code})
    view = _suggestions(console, code, 1)
    buses = next(g for g in view["groups"] if ids[CARDS[0]] in g["cards"])
    keep = [ids[CARDS[0]], ids[CARDS[1]]]
    assert ack(console, "suggest.accept", {"event": code, "suggestion": buses["id"], "theme": theme, "cards": keep}) == {
        "ok": True, "theme": theme}
    cards = _cards(db, ids.values())
    assert [cards[ids[t]][1] for t in CARDS[:3]] == [theme, theme, None]
    # The card taken out is still there to group; the accepted group is gone from the console.
    left = ack(console, "console.watch", {"event": code})["snapshot"]["activity"]["suggestions"]
    assert buses["id"] not in [g["id"] for g in left["groups"]]


def test_a_new_ask_replaces_the_groups_not_yet_decided(socket_clients, console, db):
    code, ids = _board(db, socket_clients, console)
    ack(console, "suggest.ask", {"event": code})
    first = _suggestions(console, code, 1)
    ack(console, "suggest.ask", {"event": code})
    second = _suggestions(console, code, 2)
    assert {tuple(g["cards"]) for g in second["groups"]} == {tuple(g["cards"]) for g in first["groups"]}
    old = first["groups"][0]["id"]
    assert old not in [g["id"] for g in second["groups"]]
    stale = ack(console, "suggest.accept", {"event": code, "suggestion": old})
    assert stale["ok"] is False and stale["code"] == "refused" and "newer ask" in stale["error"]


def test_suggestions_are_refused_outside_the_harvest_and_for_another_events_suggestion(socket_clients, console, db):
    code, _ = cafe_event(db, tables=2, anyone_can_post=True)
    outside = ack(console, "suggest.ask", {"event": code})
    assert outside["ok"] is False and outside["code"] == "refused" and "harvest" in outside["error"]
    mine, _ = _board(db, socket_clients, console)
    theirs, _ = _board(db, socket_clients, console)
    ack(console, "suggest.ask", {"event": theirs})
    foreign = _suggestions(console, theirs, 1)["groups"][0]["id"]
    before = everything(db)
    for name in ("suggest.accept", "suggest.reject"):
        reply = ack(console, name, {"event": mine, "suggestion": foreign})
        assert reply["ok"] is False and reply["code"] == "not_found", reply
    assert everything(db) == before


def test_suggestions_asked_before_the_agenda_moved_on_are_there_when_the_harvest_comes_back(socket_clients, console, db):
    code, ids = _board(db, socket_clients, console)
    assert ack(console, "suggest.ask", {"event": code})["ok"]
    watched = ack(console, "console.watch", {"event": code})["snapshot"]
    cafe = next(a["id"] for a in watched["agenda"] if a["kind"] == "cafe")
    harvest = next(a["id"] for a in watched["agenda"] if a["kind"] == "harvest")
    assert ack(console, "agenda.goto", {"event": code, "activity": cafe})["ok"]
    wait_for(lambda: _saved(db), message="the groups saved while the café was back on")
    assert ack(console, "agenda.goto", {"event": code, "activity": harvest})["ok"]
    view = _suggestions(console, code, 1)
    assert {tuple(g["cards"]) for g in view["groups"]} >= {tuple(ids[t] for t in CARDS[:3])}


def _saved(db):
    from facilitator.activities.board.models import ThemeSuggestion

    with db.read_scope() as s:
        return s.scalars(select(ThemeSuggestion.id)).first()
