"""The harvest board over Socket.IO: cards from the tables, themes, pins and dot votes, and every refusal."""
from tests.cafe_support import cafe_event, cafe_in_round_one
from tests.factories import ack, make_participant, phone, received


def test_phones_are_told_their_table_and_hosts_harvest_to_their_table_only(socket_clients, console, db):
    code, phones = cafe_in_round_one(db, socket_clients, console)
    sam_id, sam = phones["Sam"]
    reply = ack(sam, "sync")
    seat = reply["snapshot"]["mine"]["seat"]
    assert seat["is_host"] and seat["host"] == "Sam"
    table = seat["table"]
    mates = [n for n in ("Bo", "Cy") if ack(phones[n][1], "sync")["snapshot"]["mine"]["seat"]["table"] == table]
    strangers = [n for n in ("Ada", "Bo", "Cy") if n not in mates and n != "Ada"] + ["Ada"]
    for _, client in phones.values():
        client.get_received()
    saved = ack(sam, "card.add", {"text": "Walking groups", "tag": "contact", "cid": "card-0001", "table": table})
    assert saved["ok"] and saved["repeated"] is False
    again = ack(sam, "card.add", {"text": "Walking groups", "cid": "card-0001"})
    assert again == {"ok": True, "id": saved["id"], "repeated": True}
    for name in mates:
        assert [c["id"] for c in received(phones[name][1], "board.card")] == [saved["id"]]
    for name in strangers:
        assert received(phones[name][1], "board.card") == []
    other_table = ack(phones["Ada"][1], "sync")["snapshot"]["mine"]["seat"]["table"]
    refused = ack(sam, "card.add", {"text": "Elsewhere", "cid": "card-0002", "table": other_table})
    assert refused["ok"] is False and refused["code"] == "not_allowed"
    traveller = ack(phones["Bo"][1], "card.add", {"text": "Me too", "cid": "card-0003"})
    assert traveller["ok"] is False and "host" in traveller["error"]
    # Authors edit and withdraw; others may not.
    assert ack(phones["Ada"][1], "card.edit", {"card": saved["id"], "text": "Mine now"})["code"] == "not_allowed"
    assert ack(phones["Ada"][1], "card.withdraw", {"card": saved["id"]})["code"] == "not_allowed"
    assert ack(sam, "card.edit", {"card": saved["id"], "text": "Walking groups, weekly", "tag": "control"})["ok"]
    assert ack(sam, "card.withdraw", {"card": saved["id"]})["ok"]
    assert ack(sam, "card.add", {"text": "x" * 1001, "cid": "card-0004"})["code"] == "bad_request"


def test_the_board_and_dot_voting_over_the_wire(socket_clients, screen_auth, console, db):
    code, phones = cafe_in_round_one(db, socket_clients, console)
    sam, ada, bo = phones["Sam"][1], phones["Ada"][1], phones["Bo"][1]
    a = ack(sam, "card.add", {"text": "Benches", "cid": "vote-0001"})["id"]
    b = ack(ada, "card.add", {"text": "Buses", "cid": "vote-0002"})["id"]
    c = ack(ada, "card.add", {"text": "Buses again", "cid": "vote-0003"})["id"]
    screen = socket_clients(screen_auth(code))
    assert ack(console, "agenda.next", {"event": code})["ok"]
    assert ack(console, "vote.open", {"event": code, "dots": 2})["ok"]
    theme = ack(console, "theme.create", {"event": code, "name": "Getting about"})["id"]
    assert ack(console, "theme.rename", {"event": code, "theme": theme, "name": "Travel"})["ok"]
    assert ack(console, "card.theme", {"event": code, "card": b, "theme": theme})["ok"]
    assert ack(console, "card.merge", {"event": code, "card": c, "into": b})["ok"]
    assert ack(console, "card.pin", {"event": code, "card": a})["ok"]
    assert ack(console, "board.group", {"event": code, "by": "votes"})["ok"]
    assert ack(console, "console.watch", {"event": code})["ok"]
    screen.get_received()
    console.get_received()
    # A card inside a theme is voted for through its theme; the pinned card stands alone.
    assert ack(bo, "vote.add", {"card": b})["code"] == "refused"
    assert ack(bo, "vote.add", {"card": a})["ok"]
    assert ack(bo, "vote.add", {"theme": theme})["ok"]
    over = ack(bo, "vote.add", {"card": a})
    assert over["ok"] is False and "all 2 of your dots" in over["error"]
    assert ack(bo, "vote.add", {"card": a, "theme": theme})["ok"] is False
    assert ack(bo, "vote.remove", {"theme": theme})["ok"]
    # The room sees no running totals while the vote is open; the console does.
    assert received(screen, "board.totals") == []
    totals = received(console, "board.totals")
    assert totals[-1]["totals"] == {f"theme:{theme}": 0}
    assert "participant" not in str(totals) and str(phones["Bo"][0]) not in str([t["totals"] for t in totals])
    mine = [p for p in received(bo, "patch") if "mine" in p][-1]["mine"]
    assert mine == {"dots": {f"card:{a}": 1}, "dots_left": 1}
    assert ack(console, "card.hide", {"event": code, "card": a})["ok"]
    assert received(screen, "board.card_gone") == [{"id": a}]
    assert ack(bo, "vote.add", {"card": a})["code"] == "not_found"
    assert ack(console, "theme.delete", {"event": code, "theme": theme})["ok"]
    assert ack(console, "vote.close", {"event": code})["ok"]
    assert ack(bo, "vote.remove", {"card": a})["ok"] is False


def test_a_vote_sent_again_with_the_same_client_id_counts_once(socket_clients, console, db):
    """The phone resends a dot when the acknowledgement was lost: one dot, not two."""
    code, phones = cafe_in_round_one(db, socket_clients, console)
    sam, bo = phones["Sam"][1], phones["Bo"][1]
    card = ack(sam, "card.add", {"text": "Benches", "cid": "once-0001"})["id"]
    assert ack(console, "agenda.next", {"event": code})["ok"]
    assert ack(console, "vote.open", {"event": code, "dots": 3})["ok"]
    first = ack(bo, "vote.add", {"card": card, "cid": "dot-00000001"})
    again = ack(bo, "vote.add", {"card": card, "cid": "dot-00000001"})
    assert first["ok"] and again == {**first, "repeated": True}
    mine = ack(bo, "sync")["snapshot"]["mine"]
    assert mine["dots"] == {f"card:{card}": 1} and mine["dots_left"] == 2
    reused = ack(bo, "vote.remove", {"card": card, "cid": "dot-00000001"})
    assert reused["ok"] is False and reused["code"] == "conflict"
    assert ack(bo, "vote.remove", {"card": card, "cid": "dot-00000002"})["ok"]
    assert ack(bo, "vote.remove", {"card": card, "cid": "dot-00000002"})["repeated"] is True
    assert ack(bo, "sync")["snapshot"]["mine"]["dots_left"] == 3


def test_the_cafe_screen_holds_the_whole_board_grouped_as_the_facilitator_chooses(socket_clients, screen_auth, console, db):
    code, phones = cafe_in_round_one(db, socket_clients, console)
    sam, ada = phones["Sam"][1], phones["Ada"][1]
    cards = [ack(sam, "card.add", {"text": f"Sam's idea {i}", "cid": f"board-{i:04d}"})["id"] for i in range(9)]
    cards.append(ack(ada, "card.add", {"text": "Ada's idea", "cid": "board-0100"})["id"])
    screen = socket_clients(screen_auth(code))
    board = ack(screen, "sync")["snapshot"]["activity"]
    # Every card, not the latest few: the screen groups them by table, each with its table's name.
    assert [c["id"] for c in board["cards"]] == cards and board["group_by"] == "table"
    sam_table = ack(sam, "sync")["snapshot"]["mine"]["seat"]["name"]
    assert {c["table_name"] for c in board["cards"][:9]} == {sam_table}
    assert ack(console, "board.group", {"event": code, "by": "round"})["ok"]
    assert [p["activity"]["group_by"] for p in received(screen, "patch") if "activity" in p] == ["round"]
    refused = ack(console, "board.group", {"event": code, "by": "votes"})
    assert refused["ok"] is False and "table, round or theme" in refused["error"]


def test_the_facilitator_shapes_the_board_during_the_cafe(socket_clients, screen_auth, console, db):
    code, phones = cafe_in_round_one(db, socket_clients, console)
    sam = phones["Sam"][1]
    a = ack(sam, "card.add", {"text": "Benches", "cid": "shape-0001"})["id"]
    b = ack(sam, "card.add", {"text": "More benches", "cid": "shape-0002"})["id"]
    screen = socket_clients(screen_auth(code))
    screen.get_received()
    theme = ack(console, "theme.create", {"event": code, "name": "Places to rest"})["id"]
    assert ack(console, "card.theme", {"event": code, "card": a, "theme": theme})["ok"]
    assert ack(console, "card.pin", {"event": code, "card": a})["ok"]
    assert ack(console, "card.merge", {"event": code, "card": b, "into": a})["ok"]
    assert ack(console, "card.hide", {"event": code, "card": a})["ok"]
    heard = [(m["name"], m["args"][0]) for m in screen.get_received()]
    assert ("board.theme", {"id": theme, "name": "Places to rest"}) in heard
    assert [(p["id"], p["theme"], p["pinned"]) for n, p in heard if n == "board.card"] == [(a, theme, False), (a, theme, True), (a, theme, True)]
    assert [p for n, p in heard if n == "board.card_gone"] == [{"id": b}, {"id": a}]
    assert ack(screen, "sync")["snapshot"]["activity"]["cards"] == []
    kept = ack(console, "console.watch", {"event": code})["snapshot"]["activity"]["cards"]
    assert [(c["id"], c["hidden"], c["pinned"], c["merged"]) for c in kept] == [(a, True, True, 1)]


def test_a_card_written_offline_is_saved_in_the_round_and_at_the_table_where_it_was_written(socket_clients, console, db):
    """A phone offline while the round changed sends its card later, naming the round it showed."""
    code, _ = cafe_event(db, tables=3, capacity=4, anyone_can_post=True, rounds=[
        {"question": "What keeps you well?"}, {"question": "Who could we reach?"}, {"question": "What next?"}])
    phones = {}
    for name in ("Sam", "Ada", "Bo", "Cy", "Di", "Ed"):
        pid, token = make_participant(db, code, name)
        phones[name] = phone(socket_clients, code, token)
    assert ack(console, "cafe.round.start", {"event": code}) == {"ok": True, "round": 1}
    first = {n: ack(c, "sync")["snapshot"]["mine"]["seat"]["table"] for n, c in phones.items()}
    assert ack(console, "cafe.round.end", {"event": code})["ok"]
    assert ack(console, "cafe.round.start", {"event": code}) == {"ok": True, "round": 2}
    second = {n: ack(c, "sync")["snapshot"]["mine"]["seat"]["table"] for n, c in phones.items()}
    traveller = next(n for n in phones if first[n] != second[n])
    client = phones[traveller]

    # Written at the round 1 table while offline, sent now that round 2 is under way.
    saved = ack(client, "card.add", {"text": "Walk and talk", "table": first[traveller], "round": 1, "cid": "offline-r1-1"})
    assert saved["ok"], saved
    board = ack(console, "console.watch", {"event": code})["snapshot"]["activity"]["cards"]
    card = next(c for c in board if c["id"] == saved["id"])
    assert (card["table"], card["round"]) == (first[traveller], 1)

    # The seat is checked in the round the card was written in, not the current one.
    elsewhere = next(t for t in set(first.values()) if t != first[traveller])
    refused = ack(client, "card.add", {"text": "Not my table then", "table": elsewhere, "round": 1, "cid": "offline-r1-2"})
    assert refused["code"] == "not_allowed" and "own table" in refused["error"]
    now = ack(client, "card.add", {"text": "Said in round 2", "table": second[traveller], "round": 2, "cid": "offline-r2-1"})
    assert now["ok"]
    early = ack(client, "card.add", {"text": "From the future", "table": second[traveller], "round": 3, "cid": "offline-r3-1"})
    assert early["code"] == "not_allowed" and "not begun" in early["error"]


def test_a_host_writing_what_another_table_said_is_shown_it_and_adds_a_plus_one_instead(socket_clients, screen_auth, console, db):
    code, phones = cafe_in_round_one(db, socket_clients, console)
    sam, ada = phones["Sam"][1], phones["Ada"][1]
    first = ack(sam, "card.add", {"text": "No bus to the hospital after six", "cid": "near-0001"})["id"]
    ack(sam, "card.add", {"text": "Carers never get a break", "cid": "near-0002"})
    screen = socket_clients(screen_auth(code))
    assert ack(console, "console.watch", {"event": code})["ok"]
    screen.get_received()
    console.get_received()
    # Ada hosts the other table: the match is found on Sam's table, as the screen shows it (no author).
    asked = ack(ada, "card.similar", {"text": "There's no bus to hospital after six o'clock"})
    assert asked["ok"] and [c["id"] for c in asked["similar"]] == [first]
    assert asked["similar"][0]["text"] == "No bus to the hospital after six" and "author" not in asked["similar"][0]
    assert ack(ada, "card.similar", {"text": "Green spaces on the estate"})["similar"] == []
    assert ack(ada, "card.similar", {"text": ""})["code"] == "bad_request"
    # "+1": saved (her words kept), merged into Sam's card, which now counts one more everywhere.
    plus = ack(ada, "card.plus_one", {"into": first, "text": "There's no bus to hospital after six o'clock", "cid": "plus-0001"})
    assert plus["ok"] and plus["into"] == first
    again = ack(ada, "card.plus_one", {"into": first, "text": "There's no bus to hospital after six o'clock", "cid": "plus-0001"})
    assert again["repeated"] is True and again["id"] == plus["id"]
    on_screen = received(screen, "board.card")
    assert [(c["id"], c["merged"]) for c in on_screen] == [(first, 1)]
    heard = {c["id"]: c for c in received(console, "board.card")}
    assert heard[first]["merged"] == 1 and heard[plus["id"]]["merged_into"] == first
    board = ack(screen, "sync")["snapshot"]["activity"]
    assert plus["id"] not in [c["id"] for c in board["cards"]]
    assert [c["merged"] for c in board["cards"] if c["id"] == first] == [1]
    # Only a host posts, +1 or not; and only to a card on the board.
    assert ack(phones["Bo"][1], "card.plus_one", {"into": first, "text": "Me too", "cid": "plus-0002"})["code"] == "not_allowed"
    assert ack(ada, "card.plus_one", {"into": plus["id"], "text": "Again", "cid": "plus-0003"})["code"] == "not_found"
    assert ack(ada, "card.plus_one", {"into": "x", "text": "Again", "cid": "plus-0004"})["code"] == "bad_request"


def test_the_facilitator_is_shown_the_cards_that_say_the_same_thing_together(socket_clients, console, db):
    code, phones = cafe_in_round_one(db, socket_clients, console)
    sam, ada = phones["Sam"][1], phones["Ada"][1]
    a = ack(sam, "card.add", {"text": "Carers never get a break", "cid": "dup-0001"})["id"]
    ack(sam, "card.add", {"text": "No bus to the hospital after six", "cid": "dup-0002"})
    b = ack(ada, "card.add", {"text": "Unpaid carers never get a proper break", "cid": "dup-0003"})["id"]
    assert ack(console, "board.near_duplicates", {"event": code}) == {"ok": True, "groups": [[a, b]]}
    assert ack(sam, "board.near_duplicates", {"event": code})["ok"] is False


def test_asking_for_similar_cards_while_typing_leaves_the_posting_limit_for_the_cards(socket_clients, console, db):
    code, phones = cafe_in_round_one(db, socket_clients, console)
    sam = phones["Sam"][1]
    for i in range(15):  # more than the posting burst: a host pausing often while writing a long card
        assert ack(sam, "card.similar", {"text": f"No bus to the hospital after six {i}"})["ok"]
    assert ack(sam, "card.add", {"text": "No bus to the hospital after six", "cid": "typed-0001"})["ok"]
