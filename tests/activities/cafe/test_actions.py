"""The café and the harvest over Socket.IO: every action, and every refusal."""
from tests.cafe_support import cafe_event, cafe_in_round_one
from tests.factories import ack, counting_statements, make_participant, phone, received


def _statements_of(db, action) -> list[str]:
    """The SQL statements (lower case, one line each) sent while ``action()`` runs; it must answer ok."""
    statements, stop = counting_statements(db)
    try:
        assert action()["ok"]
    finally:
        stop()
    return [statement.lower() for statement in statements]


def _seat(client):
    patches = [p for p in received(client, "patch") if "mine" in p]
    return patches[-1]["mine"]["seat"] if patches else None


def test_participants_cannot_do_the_facilitators_work(socket_clients, console, db):
    code, phones = cafe_in_round_one(db, socket_clients, console)
    bo = phones["Bo"][1]
    for name, payload in [
        ("cafe.round.end", {"event": code}), ("cafe.seat", {"event": code}), ("cafe.round.pause", {"event": code}),
        ("cafe.host", {"event": code, "table": 1}), ("theme.create", {"event": code, "name": "X"}),
        ("card.hide", {"event": code, "card": 1}), ("vote.open", {"event": code, "dots": 3}),
    ]:
        reply = ack(bo, name, payload)
        assert reply == {"ok": False, "error": "Only the facilitator can do that.", "code": "not_allowed"}, name


def test_the_facilitator_runs_the_rounds_and_every_phone_sees_the_deadline(socket_clients, console, db):
    code, phones = cafe_in_round_one(db, socket_clients, console)
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
    code, phones = cafe_in_round_one(db, socket_clients, console)
    pid, token = make_participant(db, code, "Late")
    late = phone(socket_clients, code, token)
    reply = ack(late, "cafe.seat_me")
    assert reply["ok"] and reply["table"]
    host = next(n for n in ("Sam", "Ada") if ack(phones[n][1], "sync")["snapshot"]["mine"]["seat"]["table"] == reply["table"])
    late.get_received()
    assert ack(phones[host][1], "card.add", {"text": "Welcome, newcomer", "cid": "late-0001"})["ok"]
    assert [c["text"] for c in received(late, "board.card")] == ["Welcome, newcomer"]


def test_a_late_phone_when_every_table_is_full_is_told_it_waits_and_the_console_sees_it_waiting(socket_clients, console, db):
    code, _ = cafe_event(db, tables=1, capacity=3)
    for name in ("Sam", "Ada", "Bo"):
        phone(socket_clients, code, make_participant(db, code, name)[1])
    assert ack(console, "console.watch", {"event": code})["ok"]
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    late_id, token = make_participant(db, code, "Late")
    late = phone(socket_clients, code, token)
    console.get_received()
    # Not an error the phone could do anything about: it is told it waits for a seat.
    assert ack(late, "cafe.seat_me") == {"ok": True, "table": None, "full": True}
    waiting = [p["activity"]["unseated"] for p in received(console, "patch") if "unseated" in p.get("activity", {})]
    assert waiting and waiting[-1] == [{"id": late_id, "label": "Late"}]
    # Room is made: the facilitator's button seats them, and their phone hears its table.
    config = {"tables": [{"name": "Table 1", "capacity": 4}]}
    assert ack(console, "cafe.setup", {"event": code, "config": config})["ok"]
    late.get_received()
    assert ack(console, "cafe.seat_late", {"event": code})["ok"]
    assert _seat(late)["name"] == "Table 1"


def test_an_offer_to_host_reaches_the_console_as_a_small_delta_not_a_snapshot(socket_clients, console, db):
    code, _ = cafe_event(db, tables=2)
    assert ack(console, "console.watch", {"event": code})["ok"]
    sam_id, token = make_participant(db, code, "Sam")
    sam = phone(socket_clients, code, token)
    console.get_received(), sam.get_received()
    assert ack(sam, "cafe.volunteer", {"host": True})["ok"]
    offers = received(console, "cafe.volunteers")
    # This offer alone, not the list of everyone who offered before (quadratic in a large hall).
    assert offers == [{"activity": offers[0]["activity"], "id": sam_id, "label": "Sam", "on": True}]
    assert received(console, "patch") == []  # a burst of offers must not rebuild the console each time
    # Sam's phone hears the same delta, not its personal view built again.
    heard = sam.get_received()
    assert [m["name"] for m in heard] == ["cafe.volunteers"] and heard[0]["args"][0] == offers[0]
    assert ack(sam, "sync")["snapshot"]["mine"]["volunteered"] is True
    assert ack(console, "console.watch", {"event": code})["snapshot"]["activity"]["volunteers"] == [{"id": sam_id, "label": "Sam"}]
    assert ack(sam, "cafe.volunteer", {"host": False})["ok"]
    assert [(o["id"], o["on"]) for o in received(console, "cafe.volunteers")] == [(sam_id, False)]
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
    code, phones = cafe_in_round_one(db, socket_clients, console)
    screen = socket_clients(screen_auth(code))
    assert ack(console, "console.watch", {"event": code})["ok"]
    statements = _statements_of(db, lambda: ack(console, "cafe.round.end", {"event": code}))
    # The views' reads of every seat of a round (with who hosts); the action's own reads are not counted.
    whole_round = [s for s in statements if s.startswith("select cafe_seat.") and "cafe_seat.is_host" in s.split("from", 1)[0]
                   and "where cafe_seat.round_id = ?" in s and "participant_id" not in s.split("where", 1)[1]]
    assert len(whole_round) == 1, "\n".join(whole_round)
    # Every audience still heard the new round: each phone its table, the screen and the console the plan.
    for _, client in phones.values():
        assert _seat(client) is not None
    plan = [p["inside"]["activity"] for p in received(screen, "patch") if "inside" in p][-1]["plan"]
    assert sum(len(t["members"]) for t in plan) == len(phones)


def test_a_round_change_sends_the_screen_and_the_console_the_seating_and_not_the_board_again(
    socket_clients, screen_auth, console, db
):
    """A round's end changes the rounds and who sits where, not the board (750 cards at 2,000
    people): the big screen and the console are sent the new plan and rounds, merged into the
    view they hold, whose board stays as it was; the board is not even read."""
    code, phones = cafe_in_round_one(db, socket_clients, console)
    sam = phones["Sam"][1]
    assert ack(sam, "card.add", {"text": "Walking groups"})["ok"]
    screen = socket_clients(screen_auth(code))
    assert ack(console, "console.watch", {"event": code})["ok"]
    console.get_received(), screen.get_received()
    statements = _statements_of(db, lambda: ack(console, "cafe.round.end", {"event": code}))
    # (The phones' own views read the café's cards: their new tables' cards.)
    whole_board = [s for s in statements if s.startswith("select board_card.id") and "where board_card.event_id = ?" in s]
    assert not whole_board, "\n".join(whole_board)
    parts = {}
    for name, client in (("screen", screen), ("console", console)):
        patches = received(client, "patch")
        assert patches and all(set(p) == {"inside", "server_time"} for p in patches), patches
        part = parts[name] = patches[-1]["inside"]["activity"]
        assert part["round"]["number"] == 2 and part["round"]["status"] == "planned"
        assert "cards" not in part and "merged" not in part and "essences" not in part
        assert sum(len(t["members"]) for t in part["plan"]) == len(phones)
    assert [r["status"] for r in parts["console"]["all_rounds"]] == ["ended", "planned"]
    # What the screen holds once the patch is merged is what a new screen is sent whole.
    whole = ack(screen, "sync")["snapshot"]["activity"]
    assert [c["text"] for c in whole["cards"]] == ["Walking groups"]


def test_the_screen_is_not_sent_a_plan_it_holds_and_its_digests_follow_the_parts(socket_clients, screen_auth, console, db):
    """The screen's long lists go once (screen_lists): a seating sent as a part records the plan it
    sent, so a later whole patch leaves it out, and the part names every list the screen holds."""
    code, phones = cafe_in_round_one(db, socket_clients, console)
    screen = socket_clients(screen_auth(code))
    assert ack(phones["Sam"][1], "card.add", {"text": "Walking groups"})["ok"]
    assert ack(console, "screen.mode", {"event": code, "mode": "paused"})["ok"]  # a whole patch: records the lists
    whole = [p for p in received(screen, "patch") if "activity" in p][-1]["activity"]
    assert ack(console, "cafe.round.end", {"event": code})["ok"]
    part = received(screen, "patch")[-1]["inside"]["activity"]
    assert "plan" in part and set(part["lists"]) == set(whole["lists"]) and part["lists"]["plan"] != whole["lists"]["plan"]
    assert ack(console, "cafe.seat", {"event": code})["ok"]  # seated again: the same plan
    again = received(screen, "patch")[-1]["inside"]["activity"]
    assert "plan" not in again and again["lists"] == part["lists"]


def test_a_hosts_round_card_reaches_the_next_rounds_phones_at_that_table_only(socket_clients, console, db):
    code, phones = cafe_in_round_one(db, socket_clients, console)
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


def test_a_seated_round_starts_with_one_public_patch_and_only_the_hosts_round_cards(socket_clients, screen_auth, console, db):
    """Between rounds everyone already knows their next table: starting that round changes, in anyone's own
    view, only the round card a host may write (from the round just ended to this one), and on the screen
    and the console only the round (not the plan of every table, nor the board)."""
    code, phones = cafe_in_round_one(db, socket_clients, console)
    screen = socket_clients(screen_auth(code))
    assert ack(console, "console.watch", {"event": code})["ok"]
    assert ack(console, "cafe.round.end", {"event": code})["ok"]
    for client in (screen, console, *(c for _, c in phones.values())):
        client.get_received()
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    bo = received(phones["Bo"][1], "patch")
    assert len(bo) == 1 and "mine" not in bo[0] and "inside" not in bo[0] and bo[0]["activity"]["round"]["status"] == "running"
    assert bo[0]["activity"]["round"]["number"] == 2
    # A round's timing changes nothing of the event or the agenda: the phones keep theirs.
    assert "event" not in bo[0] and "agenda" not in bo[0]
    for host in ("Sam", "Ada"):
        patches = received(phones[host][1], "patch")
        assert sorted("inside" in p for p in patches) == [False, True], host  # the public patch, and their own
        own = next(p for p in patches if "inside" in p)
        assert set(own) == {"inside", "server_time"} and set(own["inside"]) == {"mine"}, host
        assert own["inside"]["mine"]["round_card"]["round"] == 2, host
    # What a phone that asks again is told agrees with what it was sent.
    sam_now = ack(phones["Sam"][1], "sync")["snapshot"]["mine"]
    assert sam_now["round_card"]["round"] == 2 and sam_now["seat"]["is_host"]
    assert ack(phones["Bo"][1], "sync")["snapshot"]["mine"]["seat"] is not None
    # The screen and the console: the round alone, merged into the activity they hold.
    [on_screen] = received(screen, "patch")
    assert set(on_screen) == {"inside", "server_time"}
    part = on_screen["inside"]["activity"]
    assert set(part) == {"id", "round"} and part["round"]["status"] == "running" and part["round"]["number"] == 2
    snapshot = ack(screen, "sync")["snapshot"]["activity"]
    assert snapshot["id"] == part["id"] and snapshot["round"] == part["round"]
    [on_console] = received(console, "patch")
    part = on_console["inside"]["activity"]
    assert set(part) == {"id", "round", "all_rounds"}
    assert [r["status"] for r in part["all_rounds"]] == ["ended", "running"]


def test_a_pause_and_an_extension_send_the_screen_and_the_console_the_round_alone(socket_clients, screen_auth, console, db):
    code, phones = cafe_in_round_one(db, socket_clients, console)
    screen = socket_clients(screen_auth(code))
    assert ack(console, "console.watch", {"event": code})["ok"]
    for client in (screen, console):
        client.get_received()
    assert ack(console, "cafe.round.pause", {"event": code})["ok"]
    assert ack(console, "cafe.round.extend", {"event": code, "minutes": 5})["ok"]
    paused, extended = [p["inside"]["activity"]["round"] for p in received(screen, "patch")]
    assert paused["status"] == extended["status"] == "paused"
    assert extended["remaining_ms"] - paused["remaining_ms"] == 5 * 60 * 1000
    assert all(set(p) == {"inside", "server_time"} for p in received(console, "patch")) is True
    # No phone's own view changed.
    assert all("inside" not in p and "mine" not in p for _, c in phones.values() for p in received(c, "patch"))


def test_at_a_round_change_every_phone_hears_its_table_and_the_round_not_the_event_again(socket_clients, console, db):
    """Each phone's patch at a round change is its own (its table): the event's details and the
    agenda, unchanged, would be written out again for every one of 2,000 phones."""
    code, phones = cafe_in_round_one(db, socket_clients, console)
    for _, client in phones.values():
        client.get_received()
    assert ack(console, "cafe.round.end", {"event": code})["ok"]
    patches = received(phones["Bo"][1], "patch")
    assert patches and all("event" not in p and "agenda" not in p for p in patches)
    # The next round, seated: where to go now.
    assert patches[-1]["activity"]["round"]["number"] == 2 and patches[-1]["mine"]["seat"]
    # Changing the café's set-up may change more: the phones get the event and the agenda with it.
    config = {"tables": 3, "rounds": [{"question": "Q1"}, {"question": "Q2"}, {"question": "Q3"}]}
    assert ack(console, "cafe.setup", {"event": code, "config": config})["ok"]
    assert any("event" in p and "agenda" in p for p in received(phones["Bo"][1], "patch"))


def test_a_seated_round_starts_without_moving_the_phones_to_their_tables_again(socket_clients, console, db, monkeypatch):
    """The round's end seated the next one and moved every phone into its table's room; the start
    leaves the rooms as they are (at 2,000 phones, moving everyone again cost a tenth of a second)
    and a card still reaches its own table only."""
    from facilitator.delivery import cluster

    moves = []
    move_here = cluster._EVERYWHERE["cafe.reroom"]
    monkeypatch.setitem(cluster._EVERYWHERE, "cafe.reroom", lambda **payload: (moves.append(payload), move_here(**payload)))
    code, phones = cafe_in_round_one(db, socket_clients, console)
    assert len(moves) == 1  # the first round, seated as it starts
    assert ack(console, "cafe.round.end", {"event": code})["ok"]
    assert len(moves) == 2  # the next round, seated as this one ends
    for _, client in phones.values():
        client.get_received()
    assert ack(console, "cafe.round.start", {"event": code})["ok"]
    assert len(moves) == 2
    for _, client in phones.values():
        client.get_received()
    sam_seat = ack(phones["Sam"][1], "sync")["snapshot"]["mine"]["seat"]
    saved = ack(phones["Sam"][1], "card.add", {"text": "Round two begins", "cid": "card-round-two-1"})
    assert saved["ok"]
    mates = {m["label"] for m in sam_seat["members"]}
    for name, (_, client) in phones.items():
        heard = [c["id"] for c in received(client, "board.card")]
        assert heard == ([saved["id"]] if name in mates else []), name
