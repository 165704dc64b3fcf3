"""The harvest workspace's actions over Socket.IO: theming a selection in one step, and splitting a merge back."""
from sqlalchemy import select

from facilitator.activities.board.models import Card
from tests.cafe_support import cafe_event
from tests.factories import ack, make_participant, phone, received
from tests.delivery.test_authorization import everything


def _board(db, socket_clients, console, cards=4):
    code, _ = cafe_event(db, tables=2, anyone_can_post=True)
    pid, token = make_participant(db, code, "Sam")
    sam = phone(socket_clients, code, token)
    assert ack(sam, "cafe.volunteer", {"host": True})["ok"]
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    ids = [ack(sam, "card.add", {"text": f"Idea {i}", "cid": f"work-{i:04d}"})["id"] for i in range(cards)]
    return code, sam, ids


def _themes(db, ids):
    with db.read_scope() as s:
        return {c.id: c.theme_id for c in s.scalars(select(Card).where(Card.id.in_(ids)))}


def test_a_selection_of_cards_goes_into_a_theme_in_one_message(socket_clients, screen_auth, console, db):
    code, _, ids = _board(db, socket_clients, console, cards=4)
    theme = ack(console, "theme.create", {"event": code, "name": "Getting about"})["id"]
    screen = socket_clients(screen_auth(code))
    screen.get_received()
    assert ack(console, "cards.theme", {"event": code, "cards": ids[:3], "theme": theme}) == {"ok": True}
    assert _themes(db, ids) == {ids[0]: theme, ids[1]: theme, ids[2]: theme, ids[3]: None}
    # The big screen hears each card once, in its theme.
    assert [(c["id"], c["theme"]) for c in received(screen, "board.card")] == [(i, theme) for i in ids[:3]]
    # And out of the theme again, all at once.
    assert ack(console, "cards.theme", {"event": code, "cards": ids[1:3]})["ok"]
    assert _themes(db, ids) == {ids[0]: theme, ids[1]: None, ids[2]: None, ids[3]: None}


def test_a_selection_with_one_card_not_on_this_board_moves_no_card(socket_clients, console, db):
    code, _, ids = _board(db, socket_clients, console, cards=2)
    other, _, foreign = _board(db, socket_clients, console, cards=1)
    theme = ack(console, "theme.create", {"event": code, "name": "Getting about"})["id"]
    other_theme = ack(console, "theme.create", {"event": other, "name": "Elsewhere"})["id"]
    before = everything(db)
    for payload, code_ in [
        ({"cards": ids + foreign, "theme": theme}, "not_found"),      # a card of another event
        ({"cards": ids, "theme": other_theme}, "not_found"),          # a theme of another event
        ({"cards": [], "theme": theme}, "refused"),                   # nothing chosen
        ({"cards": ids + [2**31 - 1], "theme": theme}, "not_found"),  # no such card
        ({"cards": list(range(1, 502)), "theme": theme}, "bad_request"),
    ]:
        reply = ack(console, "cards.theme", {"event": code, **payload})
        assert reply["ok"] is False and reply["code"] == code_ and reply["error"], (payload, reply)
    assert everything(db) == before


def test_a_merged_card_is_split_back_onto_the_board_as_it_was(socket_clients, screen_auth, console, db):
    code, _, (a, b, c) = _board(db, socket_clients, console, cards=3)
    theme = ack(console, "theme.create", {"event": code, "name": "Benches"})["id"]
    assert ack(console, "cards.theme", {"event": code, "cards": [b], "theme": theme})["ok"]
    assert ack(console, "card.pin", {"event": code, "card": b})["ok"]
    assert ack(console, "console.watch", {"event": code})["ok"]
    console.get_received()
    assert ack(console, "card.merge", {"event": code, "card": b, "into": a})["ok"]
    # The console keeps the merged card, saying where it went; the screen never sees it.
    heard = [(m["name"], m["args"][0]) for m in console.get_received() if m["name"].startswith("board.")]
    assert ("board.card_gone", {"id": b}) in heard
    assert [p.get("merged_into") for n, p in heard if n == "board.card" and p["id"] == b] == [a]
    watched = ack(console, "console.watch", {"event": code})["snapshot"]["activity"]
    assert [(m["id"], m["merged_into"], m["text"]) for m in watched["merged"]] == [(b, a, "Idea 1")]
    assert [(x["id"], x["merged"]) for x in watched["cards"]] == [(a, 1), (c, 0)]

    screen = socket_clients(screen_auth(code))
    screen.get_received()
    assert ack(console, "card.unmerge", {"event": code, "card": b}) == {"ok": True}
    back = {p["id"]: p for p in received(screen, "board.card")}
    assert (back[b]["theme"], back[b]["pinned"], back[b]["merged"]) == (theme, True, 0)
    assert "merged_into" not in back[b] and back[a]["merged"] == 0
    watched = ack(console, "console.watch", {"event": code})["snapshot"]["activity"]
    assert watched["merged"] == [] and [x["id"] for x in watched["cards"]] == [a, b, c]
    assert [x["id"] for x in ack(screen, "sync")["snapshot"]["activity"]["cards"]] == [a, b, c]

    before = everything(db)
    again = ack(console, "card.unmerge", {"event": code, "card": b})
    assert again["ok"] is False and again["code"] == "refused" and "not merged" in again["error"]
    assert everything(db) == before


def test_only_the_facilitator_themes_a_selection_or_splits_a_merge(socket_clients, screen_auth, console, db):
    code, sam, (a, b) = _board(db, socket_clients, console, cards=2)
    theme = ack(console, "theme.create", {"event": code, "name": "Benches"})["id"]
    assert ack(console, "card.merge", {"event": code, "card": b, "into": a})["ok"]
    screen = socket_clients(screen_auth(code))
    before = everything(db)
    for client in (sam, screen):
        for name, payload in [("cards.theme", {"event": code, "cards": [a], "theme": theme}),
                              ("card.unmerge", {"event": code, "card": b})]:
            reply = ack(client, name, payload)
            assert reply["ok"] is False and reply["code"] == "not_allowed" and reply["error"], (name, reply)
    assert everything(db) == before
