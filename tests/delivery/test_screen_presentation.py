"""The facilitator pauses the big screen or puts one thing in the spotlight, and takes it down."""
from tests.cafe_support import cafe_event
from tests.factories import ack, make_event, make_participant, phone, received


def _board(db, socket_clients, console, screen_auth):
    code, _ = cafe_event(db, tables=1, anyone_can_post=True)
    _, token = make_participant(db, code, "Sam")
    sam = phone(socket_clients, code, token)
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    card = ack(sam, "card.add", {"text": "Walking groups from the surgery", "cid": "spot-card-0001"})["id"]
    screen = socket_clients(screen_auth(code))
    assert ack(console, "console.watch", {"event": code})["ok"]
    screen.get_received()
    return code, sam, card, screen


def _presented(client):
    return [p["presentation"] for p in received(client, "patch") if "presentation" in p]


def test_a_paused_screen_shows_nothing_of_the_activity_until_it_is_live_again(socket_clients, console, db, screen_auth):
    code, _, _, screen = _board(db, socket_clients, console, screen_auth)
    assert ack(screen, "sync")["snapshot"]["presentation"] == {"mode": "live", "spotlight": None, "pace": 8, "pages": "turning"}
    assert ack(console, "screen.mode", {"event": code, "mode": "paused"})["ok"]
    assert _presented(screen)[-1] == {"mode": "paused", "spotlight": None, "pace": 8, "pages": "turning"}
    assert ack(console, "screen.mode", {"event": code, "mode": "live"})["ok"]
    assert _presented(screen)[-1]["mode"] == "live"
    refused = ack(console, "screen.mode", {"event": code, "mode": "blank"})
    assert refused["ok"] is False


def test_a_card_in_the_spotlight_reads_as_it_is_now_and_leaves_when_withdrawn(socket_clients, console, db, screen_auth):
    code, sam, card, screen = _board(db, socket_clients, console, screen_auth)
    assert ack(console, "screen.spotlight", {"event": code, "card": card})["ok"]
    shown = _presented(screen)[-1]["spotlight"]
    assert shown == {"kind": "card", "id": card, "text": "Walking groups from the surgery", "detail": "Table 1"}
    assert ack(sam, "card.edit", {"card": card, "text": "Walking groups from the surgery, on Tuesdays"})["ok"]
    assert ack(screen, "sync")["snapshot"]["presentation"]["spotlight"]["text"].endswith("on Tuesdays")
    # The author withdraws it: it is gone from the spotlight too.
    assert ack(sam, "card.withdraw", {"card": card})["ok"]
    assert ack(screen, "sync")["snapshot"]["presentation"]["spotlight"] is None
    assert ack(console, "screen.spotlight", {"event": code, "card": card})["code"] == "not_found"


def test_a_theme_is_spotlighted_with_its_count_and_taken_down_by_naming_nothing(socket_clients, console, db, screen_auth):
    code, _, card, screen = _board(db, socket_clients, console, screen_auth)
    theme = ack(console, "theme.create", {"event": code, "name": "Getting about"})["id"]
    assert ack(console, "card.theme", {"event": code, "card": card, "theme": theme})["ok"]
    assert ack(console, "screen.spotlight", {"event": code, "theme": theme})["ok"]
    assert _presented(screen)[-1]["spotlight"] == {"kind": "theme", "id": theme, "text": "Getting about", "detail": "1 card"}
    both = ack(console, "screen.spotlight", {"event": code, "theme": theme, "card": card})
    assert both["ok"] is False
    assert ack(console, "screen.spotlight", {"event": code})["ok"]
    assert _presented(screen)[-1]["spotlight"] is None


def test_another_events_card_cannot_be_put_in_the_spotlight(socket_clients, console, db, screen_auth):
    code, _, card, _ = _board(db, socket_clients, console, screen_auth)
    other, _ = cafe_event(db, tables=1)
    assert ack(console, "screen.spotlight", {"event": other, "card": card})["code"] == "not_found"


def test_the_facilitator_sets_the_pace_holds_and_steps_the_pages(socket_clients, console, db, screen_auth):
    code, _, _, screen = _board(db, socket_clients, console, screen_auth)
    assert ack(console, "screen.pages", {"event": code, "pace": 15})["ok"]
    assert _presented(screen)[-1]["pace"] == 15
    assert ack(console, "screen.pages", {"event": code, "pages": "held"})["ok"]
    assert _presented(screen)[-1] == {"mode": "live", "spotlight": None, "pace": 15, "pages": "held"}
    # Kept with the event: a screen opened now holds its pages at that pace too.
    assert ack(screen, "sync")["snapshot"]["presentation"]["pages"] == "held"
    # A step is a message to the screens, nothing kept.
    screen.get_received()
    assert ack(console, "screen.pages", {"event": code, "step": -1})["ok"]
    assert received(screen, "screen.turn") == [{"by": -1}]
    for wrong in ({"pace": 2}, {"pace": 121}, {"pages": "spinning"}, {}):
        assert ack(console, "screen.pages", {"event": code, **wrong})["ok"] is False
    assert ack(screen, "sync")["snapshot"]["presentation"]["pace"] == 15


def test_a_shared_pledge_leaves_the_spotlight_when_its_author_is_taken_off_the_event(socket_clients, console, db, screen_auth):
    # The big screen, the spotlight and the report show the same shared pledges: never those of someone removed.
    code, _ = make_event(db)
    checkout = ack(console, "agenda.add", {"event": code, "kind": "checkout", "config": {"pledges": True}})["id"]
    assert ack(console, "agenda.goto", {"event": code, "activity": checkout})["ok"]
    li_id, token = make_participant(db, code, "Li")
    li = phone(socket_clients, code, token)
    pledge = ack(li, "checkout.pledge", {"text": "Call my sister on Sunday", "shared": True, "cid": "spot-pledge-0001"})["id"]
    screen = socket_clients(screen_auth(code))
    assert ack(console, "screen.spotlight", {"event": code, "pledge": pledge})["ok"]
    assert ack(screen, "sync")["snapshot"]["presentation"]["spotlight"] == {
        "kind": "pledge", "id": pledge, "text": "Call my sister on Sunday", "detail": "Li"}
    assert ack(console, "participant.remove", {"event": code, "participant": li_id})["ok"]
    assert ack(screen, "sync")["snapshot"]["presentation"]["spotlight"] is None
