"""The café and the harvest over Socket.IO: every action, and every refusal."""
from tests.cafe_support import cafe_event
from tests.factories import ack, make_participant, phone, received


def _cafe(db, socket_clients, console, anyone_can_post=False):
    code, _ = cafe_event(db, tables=2, anyone_can_post=anyone_can_post)
    phones = {}
    for name in ("Sam", "Ada", "Bo", "Cy", "Di", "Ed"):
        pid, token = make_participant(db, code, name)
        phones[name] = (pid, phone(socket_clients, code, token))
    assert ack(phones["Sam"][1], "cafe.volunteer", {"host": True})["ok"]
    assert ack(phones["Ada"][1], "cafe.volunteer", {"host": True})["ok"]
    assert ack(console, "cafe.round.start", {"event": code}) == {"ok": True, "round": 1}
    for _, client in phones.values():
        client.get_received()
    return code, phones


def _seat(client):
    patches = [p for p in received(client, "patch") if "mine" in p]
    return patches[-1]["mine"]["seat"] if patches else None


def test_phones_are_told_their_table_and_hosts_harvest_to_their_table_only(socket_clients, console, db):
    code, phones = _cafe(db, socket_clients, console)
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


def test_participants_cannot_do_the_facilitators_work(socket_clients, console, db):
    code, phones = _cafe(db, socket_clients, console)
    bo = phones["Bo"][1]
    for name, payload in [
        ("cafe.round.end", {"event": code}), ("cafe.seat", {"event": code}), ("cafe.round.pause", {"event": code}),
        ("cafe.host", {"event": code, "table": 1}), ("theme.create", {"event": code, "name": "X"}),
        ("card.hide", {"event": code, "card": 1}), ("vote.open", {"event": code, "dots": 3}),
    ]:
        reply = ack(bo, name, payload)
        assert reply == {"ok": False, "error": "Only the facilitator can do that.", "code": "not_allowed"}, name


def test_the_facilitator_runs_the_rounds_and_every_phone_sees_the_deadline(socket_clients, console, db):
    code, phones = _cafe(db, socket_clients, console)
    bo = phones["Bo"][1]
    assert ack(console, "cafe.round.pause", {"event": code})["ok"]
    paused = [p for p in received(bo, "patch") if "activity" in p][-1]["activity"]["round"]
    assert paused["status"] == "paused" and paused["deadline"] is None and paused["remaining_ms"] > 0
    assert ack(console, "cafe.round.resume", {"event": code})["ok"]
    assert ack(console, "cafe.round.extend", {"event": code, "minutes": 5})["ok"]
    running = [p for p in received(bo, "patch") if "activity" in p][-1]["activity"]["round"]
    assert running["status"] == "running" and running["deadline"] > 0
    assert ack(console, "cafe.round.start", {"event": code})["code"] == "conflict"
    assert ack(console, "cafe.round.end", {"event": code})["ok"]
    nxt = _seat(bo)
    assert nxt and nxt["name"].startswith("Table")
    assert ack(console, "cafe.seat", {"event": code})["ok"]  # seat round 2 again before it starts
    assert ack(console, "cafe.round.start", {"event": code}) == {"ok": True, "round": 2}
    assert ack(console, "cafe.seat_late", {"event": code})["ok"]
    sam_id, ada_id = phones["Sam"][0], phones["Ada"][0]
    tables = ack(console, "console.watch", {"event": code})["snapshot"]["activity"]["plan"]
    assert ack(console, "cafe.host", {"event": code, "table": tables[0]["id"], "participant": ada_id})["ok"]
    assert ack(console, "cafe.link", {"event": code, "a": sam_id, "b": ada_id})["ok"]
    assert ack(console, "cafe.link", {"event": code, "a": sam_id, "b": ada_id, "together": False})["ok"]
    config = {"tables": 3, "rounds": [{"question": "Q1"}, {"question": "Q2"}, {"question": "Q3"}]}
    assert ack(console, "cafe.setup", {"event": code, "config": config})["ok"]
    assert ack(console, "cafe.setup", {"event": code, "config": {"tables": 0}})["code"] == "refused"


def test_a_late_phone_asks_for_a_seat_and_joins_its_tables_room(socket_clients, console, db):
    code, phones = _cafe(db, socket_clients, console)
    pid, token = make_participant(db, code, "Late")
    late = phone(socket_clients, code, token)
    reply = ack(late, "cafe.seat_me")
    assert reply["ok"] and reply["table"]
    host = next(n for n in ("Sam", "Ada") if ack(phones[n][1], "sync")["snapshot"]["mine"]["seat"]["table"] == reply["table"])
    late.get_received()
    assert ack(phones[host][1], "card.add", {"text": "Welcome, newcomer", "cid": "late-0001"})["ok"]
    assert [c["text"] for c in received(late, "board.card")] == ["Welcome, newcomer"]


def test_the_board_and_dot_voting_over_the_wire(socket_clients, screen_auth, console, db):
    code, phones = _cafe(db, socket_clients, console)
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
    code, phones = _cafe(db, socket_clients, console)
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


def test_an_offer_to_host_reaches_the_console_as_a_small_delta_not_a_snapshot(socket_clients, console, db):
    code, _ = cafe_event(db, tables=2)
    assert ack(console, "console.watch", {"event": code})["ok"]
    sam_id, token = make_participant(db, code, "Sam")
    sam = phone(socket_clients, code, token)
    console.get_received()
    assert ack(sam, "cafe.volunteer", {"host": True})["ok"]
    offers = received(console, "cafe.volunteers")
    assert [o["volunteers"] for o in offers] == [[{"id": sam_id, "label": "Sam"}]]
    assert received(console, "patch") == []  # a burst of offers must not rebuild the console each time
    assert ack(sam, "sync")["snapshot"]["mine"]["volunteered"] is True
    assert ack(sam, "cafe.volunteer", {"host": False})["ok"]
    assert [o["volunteers"] for o in received(console, "cafe.volunteers")] == [[]]
    assert ack(console, "console.watch", {"event": code})["snapshot"]["activity"]["volunteers"] == []


def test_a_phone_that_reconnects_mid_round_still_hears_its_tables_cards(socket_clients, console, db):
    code, _ = cafe_event(db, tables=1)
    sam_id, sam_token = make_participant(db, code, "Sam")
    bo_id, bo_token = make_participant(db, code, "Bo")
    sam = phone(socket_clients, code, sam_token)
    bo = phone(socket_clients, code, bo_token)
    assert ack(sam, "cafe.volunteer", {"host": True})["ok"]
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    bo.disconnect()  # a Wi-Fi blip, a reload, a locked screen
    bo = phone(socket_clients, code, bo_token)
    bo.get_received()
    saved = ack(sam, "card.add", {"text": "Back again", "cid": "card-rejoin-1"})
    assert saved["ok"]
    assert [c["id"] for c in received(bo, "board.card")] == [saved["id"]]
    assert ack(sam, "card.withdraw", {"card": saved["id"]})["ok"]
    assert [c["id"] for c in received(bo, "board.card_gone")] == [saved["id"]]


def test_the_cafe_screen_holds_the_whole_board_grouped_as_the_facilitator_chooses(socket_clients, screen_auth, console, db):
    code, phones = _cafe(db, socket_clients, console)
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
    code, phones = _cafe(db, socket_clients, console)
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
def test_everyone_at_a_table_sees_this_rounds_cards_there_and_hosts_keep_the_earlier_ones(socket_clients, console, db):
    code, _ = cafe_event(db, tables=1)
    _, sam_token = make_participant(db, code, "Sam")
    _, bo_token = make_participant(db, code, "Bo")
    sam = phone(socket_clients, code, sam_token)
    bo = phone(socket_clients, code, bo_token)
    assert ack(sam, "cafe.volunteer", {"host": True})["ok"]
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    first = ack(sam, "card.add", {"text": "Walking groups", "cid": "card-seen-1"})
    assert first["ok"]

    # Bo does not add the table's cards, but sees them, so he can check his point was captured.
    seat = ack(bo, "sync")["snapshot"]["mine"]["seat"]
    assert not seat["can_post"] and not seat["is_host"]
    assert [c["id"] for c in seat["cards"]] == [first["id"]]

    assert ack(console, "cafe.round.end", {"event": code})["ok"]
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    second = ack(sam, "card.add", {"text": "A bench by the pond", "cid": "card-seen-2"})
    assert second["ok"]
    # A new round: Bo follows this round's cards; the host still has the earlier ones to brief newcomers.
    assert [c["id"] for c in ack(bo, "sync")["snapshot"]["mine"]["seat"]["cards"]] == [second["id"]]
    assert [c["id"] for c in ack(sam, "sync")["snapshot"]["mine"]["seat"]["cards"]] == [first["id"], second["id"]]


def test_a_round_change_reads_the_seats_once_for_every_phone_the_screen_and_the_console(
    socket_clients, screen_auth, console, db
):
    """The phones' tables, the screen's plan and the console's plan come from one read of the round's seats.

    With 2,000 people each read is 2,000 rows; a round change read them as ORM
    objects three times for its views before issue #22.
    """
    from sqlalchemy import event

    code, phones = _cafe(db, socket_clients, console)
    screen = socket_clients(screen_auth(code))
    assert ack(console, "console.watch", {"event": code})["ok"]
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args):
        statements.append(" ".join(statement.split()).lower())

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        assert ack(console, "cafe.round.end", {"event": code})["ok"]
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    # The views' reads of every seat of a round (with who hosts); the action's own reads are not counted.
    whole_round = [s for s in statements if s.startswith("select cafe_seat.") and "cafe_seat.is_host" in s.split("from", 1)[0]
                   and "where cafe_seat.round_id = ?" in s and "participant_id" not in s.split("where", 1)[1]]
    assert len(whole_round) == 1, "\n".join(whole_round)
    # Every audience still heard the new round: each phone its table, the screen and the console the plan.
    for _, client in phones.values():
        assert _seat(client) is not None
    plan = [p for p in received(screen, "patch") if "activity" in p][-1]["activity"]["plan"]
    assert sum(len(t["members"]) for t in plan) == len(phones)


def test_a_hosts_round_card_reaches_the_next_rounds_phones_at_that_table_only(socket_clients, console, db):
    code, phones = _cafe(db, socket_clients, console)
    sam = phones["Sam"][1]
    table = ack(sam, "sync")["snapshot"]["mine"]["seat"]["table"]
    refused = ack(phones["Bo"][1], "cafe.essence", {"round": 1, "essence": "Not mine to write", "cid": "ess-0001"})
    assert refused["ok"] is False and refused["code"] == "not_allowed"
    too_long = ack(sam, "cafe.essence", {"round": 1, "essence": "x" * 301, "cid": "ess-0002"})
    assert too_long["ok"] is False and too_long["code"] == "bad_request"
    assert ack(sam, "cafe.essence", {"round": 1, "essence": "Buses are the barrier.", "next_question": "Who drives?",
                                      "cid": "ess-0003"})["ok"]
    mine = [p["mine"] for p in received(sam, "patch") if "mine" in p][-1]
    assert mine["round_card"]["essence"] == "Buses are the barrier." and mine["round_card"]["round"] == 1
    assert ack(console, "cafe.round.end", {"event": code})["ok"]
    seats = {name: _seat(client) for name, (_, client) in phones.items()}
    handed = {"essence": "Buses are the barrier.", "question": "Who drives?"}
    at_sams = [n for n, seat in seats.items() if seat["table"] == table]
    assert "Sam" in at_sams and len(at_sams) >= 3
    for name, seat in seats.items():
        assert seat["handed_on"] == (handed if name in at_sams else None), name
    # Between rounds the host still words it better; the people now at the table see the new words.
    assert ack(sam, "cafe.essence", {"round": 1, "essence": "Buses, and who drives them.", "next_question": "Who drives?",
                                      "cid": "ess-0004"})["ok"]
    newcomer = next(n for n in at_sams if n != "Sam")
    assert _seat(phones[newcomer][1])["handed_on"]["essence"] == "Buses, and who drives them."
    essences = ack(console, "console.watch", {"event": code})["snapshot"]["activity"]["essences"]
    assert [(e["round"], e["table"], e["essence"]) for e in essences] == [(1, table, "Buses, and who drives them.")]
