"""The dot vote's ballot shows what it is: every card can be voted for (alone or in its theme),
a theme shows what is in it, the room sees the result at the close, and the ranking counts only
what was on the ballot."""
from tests.cafe_support import cafe_event
from tests.factories import ack, make_participant, phone, received


def _harvest_with_cards(db, socket_clients, console, texts, *, live_totals=False):
    code, _ = cafe_event(db, tables=2, anyone_can_post=True)
    phones = []
    for name in ("Sam", "Ada", "Bo"):
        _, token = make_participant(db, code, name)
        phones.append(phone(socket_clients, code, token))
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    ids = [ack(phones[i % 3], "card.add", {"text": text, "cid": f"ballot-card-{i:04d}"})["id"] for i, text in enumerate(texts)]
    assert ack(console, "agenda.next", {"event": code})["ok"]
    if live_totals:
        harvest = ack(console, "console.watch", {"event": code})["snapshot"]["activity"]
        assert ack(console, "agenda.update", {"event": code, "activity": harvest["id"],
                                              "config": {**harvest["config"], "live_totals": True}})["ok"]
    return code, phones, ids


def _targets(client):
    return ack(client, "sync")["snapshot"]["activity"]["targets"]


def test_cards_without_a_theme_stay_on_the_ballot_when_others_are_themed(socket_clients, console, db):
    code, phones, (benches, buses, lifts) = _harvest_with_cards(db, socket_clients, console, ["Benches", "Buses", "Lift shares"])
    travel = ack(console, "theme.create", {"event": code, "name": "Travel"})["id"]
    assert ack(console, "card.theme", {"event": code, "card": buses, "theme": travel})["ok"]
    assert ack(console, "card.theme", {"event": code, "card": lifts, "theme": travel})["ok"]
    assert ack(console, "vote.open", {"event": code, "dots": 3})["ok"]
    targets = _targets(phones[0])
    assert [c["text"] for c in targets["cards"]] == ["Benches"]
    assert targets["themes"] == [{"id": travel, "name": "Travel", "cards": ["Buses", "Lift shares"]}]
    # A card inside a theme gets its dots through the theme.
    refused = ack(phones[0], "vote.add", {"card": buses})
    assert refused["code"] == "refused" and "give your dot to the theme" in refused["error"]
    assert ack(phones[0], "vote.add", {"card": benches})["ok"]
    assert ack(phones[0], "vote.add", {"theme": travel})["ok"]


def test_the_console_is_told_which_cards_no_one_can_vote_for_before_the_vote_opens(socket_clients, console, db):
    code, _, (benches, buses, lifts) = _harvest_with_cards(db, socket_clients, console, ["Benches", "Buses", "Lift shares"])
    assert ack(console, "card.pin", {"event": code, "card": benches})["ok"]
    view = ack(console, "console.watch", {"event": code})["snapshot"]["activity"]
    assert sorted(view["left_off"]) == sorted([buses, lifts])
    assert ack(console, "card.pin", {"event": code, "card": benches, "pinned": False})["ok"]
    assert ack(console, "console.watch", {"event": code})["snapshot"]["activity"]["left_off"] == []


def test_the_room_sees_the_result_when_the_vote_closes_and_it_counts_only_the_ballot(socket_clients, console, db, screen_auth):
    code, phones, (benches, buses, lifts) = _harvest_with_cards(db, socket_clients, console, ["Benches", "Buses", "Lift shares"])
    travel = ack(console, "theme.create", {"event": code, "name": "Travel"})["id"]
    assert ack(console, "card.theme", {"event": code, "card": buses, "theme": travel})["ok"]
    screen = socket_clients(screen_auth(code))
    assert ack(console, "vote.open", {"event": code, "dots": 2})["ok"]
    screen.get_received()
    for client in phones:
        assert ack(client, "vote.add", {"theme": travel})["ok"]
    assert ack(phones[0], "vote.add", {"card": lifts})["ok"]
    assert received(screen, "board.totals") == []
    during = ack(screen, "sync")["snapshot"]["activity"]
    assert during["totals"] == {} and during["vote"]["totals_shown"] is False
    assert ack(console, "vote.close", {"event": code})["ok"]
    after = ack(screen, "sync")["snapshot"]["activity"]
    assert after["vote"]["totals_shown"] is True
    assert after["totals"] == {f"theme:{travel}": 3, f"card:{lifts}": 1}
    assert f"card:{buses}" not in after["ballot"]
    assert {f"theme:{travel}", f"card:{lifts}", f"card:{benches}"} <= set(after["ballot"])


def test_the_facilitator_may_choose_live_totals(socket_clients, console, db, screen_auth):
    code, phones, (benches, *_rest) = _harvest_with_cards(db, socket_clients, console, ["Benches", "Buses"], live_totals=True)
    screen = socket_clients(screen_auth(code))
    assert ack(console, "vote.open", {"event": code, "dots": 2})["ok"]
    screen.get_received()
    assert ack(phones[1], "vote.add", {"card": benches})["ok"]
    assert received(screen, "board.totals")[-1]["totals"] == {f"card:{benches}": 1}


def test_the_screen_is_sent_the_ballot_again_when_a_theme_changes_it_during_the_vote(socket_clients, console, db, screen_auth):
    code, _, (benches, buses) = _harvest_with_cards(db, socket_clients, console, ["Benches", "Buses"])
    screen = socket_clients(screen_auth(code))
    assert ack(console, "vote.open", {"event": code, "dots": 2})["ok"]
    screen.get_received()
    travel = ack(console, "theme.create", {"event": code, "name": "Travel"})["id"]
    assert received(screen, "patch")[-1]["activity"]["ballot"] == sorted([f"card:{benches}", f"card:{buses}", f"theme:{travel}"])
    assert ack(console, "card.theme", {"event": code, "card": buses, "theme": travel})["ok"]
    assert received(screen, "patch")[-1]["activity"]["ballot"] == sorted([f"card:{benches}", f"theme:{travel}"])


def test_a_large_ballot_goes_to_the_room_once_not_inside_every_phones_own_patch(socket_clients, console, db):
    """The ballot is the same for every phone: opening a vote on a big board sends it to the event's
    room once (encoded once), and each phone's own patch holds only its own dots. It rode along in
    every phone's own patch, encoded once a phone: 200 phones and 2,000 cards took over 10 s."""
    code, phones, _ = _harvest_with_cards(db, socket_clients, console, [f"Insight {i}: " + "the bus to the surgery stops at six, so people who work cannot get there " * 3 for i in range(24)])
    for client in phones:
        client.get_received()
    assert ack(console, "vote.open", {"event": code, "dots": 3})["ok"]
    for client in phones:
        patches = received(client, "patch")
        with_ballot = [p for p in patches if "targets" in (p.get("activity") or {})]
        own = [p for p in patches if "mine" in p]
        assert len(with_ballot) == 1 and len(with_ballot[0]["activity"]["targets"]["cards"]) == 24
        assert own and all("activity" not in p for p in own), [sorted(p) for p in own]
        assert own[-1]["mine"]["dots_left"] == 3
