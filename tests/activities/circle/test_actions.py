"""The circle kinds over Socket.IO: every action, and every refusal that keeps the circle fair."""
import pytest

from tests.circle_support import circle_event, ok, refused, round_of
from tests.factories import make_participant, phone, received
from tests.support import keep_lists, wait_for


def speaker(db, aid):
    return round_of(db, aid)[1]["speaker"]


def test_the_facilitator_starts_the_round_and_every_phone_sees_who_holds_the_piece(db, room, console):
    code, aid, ids, phones, screen = room()
    for client in [*phones.values(), screen]:
        client.get_received()
    ok(console.emit("circle.start", {"event": code}, callback=True))
    patch = [p for p in received(phones["Chen"], "patch") if "activity" in p][-1]
    assert patch["activity"]["speaker"]["label"] == "Amara"
    assert patch["activity"]["next"]["label"] == "Bao"
    assert patch["activity"]["turn_started_at"]
    shown = [p for p in received(screen, "patch") if "activity" in p][-1]["activity"]
    assert shown["speaker"]["id"] == ids["Amara"]


def test_the_speaker_finishes_and_passes_from_their_phone(db, room, console):
    code, aid, ids, phones, _ = room()
    ok(console.emit("circle.start", {"event": code}, callback=True))
    ok(phones["Amara"].emit("circle.pass", {}, callback=True))
    assert speaker(db, aid) == ids["Bao"]
    ok(phones["Bao"].emit("circle.done", {}, callback=True))
    assert speaker(db, aid) == ids["Chen"]


def test_a_participant_cannot_finish_or_pass_someone_elses_turn(db, room, console):
    code, aid, ids, phones, _ = room()
    ok(console.emit("circle.start", {"event": code}, callback=True))
    refused(phones["Bao"].emit("circle.done", {}, callback=True), "not_allowed")
    refused(phones["Bao"].emit("circle.pass", {}, callback=True), "not_allowed")
    refused(phones["Bao"].emit("circle.pass", {"participant": ids["Amara"]}, callback=True), "not_allowed")
    refused(phones["Bao"].emit("circle.done", {"participant": ids["Amara"]}, callback=True), "not_allowed")
    assert speaker(db, aid) == ids["Amara"]


def test_a_participant_cannot_move_the_piece_or_run_the_circle(db, room, console):
    code, aid, ids, phones, _ = room()
    ok(console.emit("circle.start", {"event": code}, callback=True))
    p = phones["Chen"]
    for name, payload in (
        ("circle.next", {"event": code}),
        ("circle.start", {"event": code, "participant": ids["Chen"]}),
        ("circle.skip", {"event": code, "participant": ids["Amara"]}),
        ("circle.pause", {"event": code}),
        ("circle.resume", {"event": code}),
        ("circle.add_time", {"event": code, "seconds": 60}),
        ("circle.arrange", {"event": code, "how": "shuffle"}),
        ("circle.restart", {"event": code}),
        ("circle.silence", {"event": code}),
    ):
        refused(p.emit(name, payload, callback=True), "not_allowed")
    assert speaker(db, aid) == ids["Amara"]
    assert round_of(db, aid)[1]["paused"] is False


def test_the_facilitator_passes_and_finishes_for_the_speaker(db, room, console):
    code, aid, ids, _, _ = room()
    ok(console.emit("circle.start", {"event": code}, callback=True))
    ok(console.emit("circle.pass", {"event": code}, callback=True))
    assert speaker(db, aid) == ids["Bao"]
    refused(console.emit("circle.done", {"event": code, "participant": ids["Chen"]}, callback=True), "conflict")
    ok(console.emit("circle.done", {"event": code, "participant": ids["Bao"]}, callback=True))
    assert speaker(db, aid) == ids["Chen"]
    refused(console.emit("circle.done", {}, callback=True), "bad_request")


def test_the_facilitator_moves_on_skips_and_adds_time(db, room, console):
    code, aid, ids, _, _ = room(config={"turn_seconds": 120})
    ok(console.emit("circle.next", {"event": code}, callback=True))
    assert speaker(db, aid) == ids["Amara"]
    ends = round_of(db, aid)[1]["turn_ends_at"]
    ok(console.emit("circle.add_time", {"event": code, "seconds": 60}, callback=True))
    assert round_of(db, aid)[1]["turn_ends_at"] > ends
    refused(console.emit("circle.add_time", {"event": code, "seconds": 0}, callback=True), "bad_request")
    ok(console.emit("circle.skip", {"event": code, "participant": ids["Bao"]}, callback=True))
    ok(console.emit("circle.next", {"event": code}, callback=True))
    assert speaker(db, aid) == ids["Chen"]


def test_a_volunteer_goes_first_from_their_phone(db, room):
    code, aid, ids, phones, _ = room()
    ok(phones["Chen"].emit("circle.volunteer", {}, callback=True))
    assert speaker(db, aid) == ids["Chen"]
    refused(phones["Bao"].emit("circle.volunteer", {}, callback=True), "conflict")


def test_anyone_asks_for_a_pause_the_screen_shows_it_and_the_facilitator_resumes(db, room, console):
    code, aid, ids, phones, screen = room()
    ok(console.emit("circle.start", {"event": code}, callback=True))
    screen.get_received()
    ok(phones["Chen"].emit("circle.guardian", {}, callback=True))
    shown = [p for p in received(screen, "patch") if "activity" in p][-1]["activity"]
    assert shown["paused"] is True and shown["pause_by"] == "guardian"
    refused(phones["Chen"].emit("circle.resume", {"event": code}, callback=True), "not_allowed")
    ok(console.emit("circle.resume", {"event": code}, callback=True))
    assert round_of(db, aid)[1]["paused"] is False
    ok(console.emit("circle.pause", {"event": code}, callback=True))
    assert round_of(db, aid)[1]["pause_by"] == "facilitator"


def test_the_facilitator_arranges_begins_the_silence_and_restarts(db, room, console):
    code, aid, ids, _, _ = room(config={"silence_seconds": 60})
    ok(console.emit("circle.silence", {"event": code}, callback=True))
    assert round_of(db, aid)[1]["silence_ends_at"]
    order = [ids["Chen"], ids["Bao"], ids["Amara"]]
    ok(console.emit("circle.arrange", {"event": code, "how": "arranged", "order": order}, callback=True))
    assert [pid for pid, _, _ in round_of(db, aid)[0]] == order
    ok(console.emit("circle.start", {"event": code}, callback=True))
    assert speaker(db, aid) == ids["Chen"]
    ok(console.emit("circle.restart", {"event": code}, callback=True))
    assert round_of(db, aid)[1]["phase"] == "ready"


def test_the_facilitator_sets_the_circles_prompt_silence_time_order_and_pulse(db, room, console):
    code, aid, ids, phones, screen = room()
    settings = {"prompt": "What are you carrying today?", "silence_seconds": 30, "turn_seconds": 90,
                "order": "arranged", "pulse": True, "chime": False}
    refused(phones["Amara"].emit("agenda.update", {"event": code, "activity": aid, "config": settings}, callback=True), "not_allowed")
    phones["Chen"].get_received()
    screen.get_received()
    ok(console.emit("agenda.update", {"event": code, "activity": aid, "config": settings}, callback=True))
    shown = [p for p in received(phones["Chen"], "patch") if "activity" in p][-1]["activity"]
    assert shown["prompt"] == "What are you carrying today?"
    assert (shown["silence_seconds"], shown["turn_seconds"], shown["pulse"]) == (30, 90, True)
    assert [p for p in received(screen, "patch") if "activity" in p][-1]["activity"]["prompt"] == settings["prompt"]
    config = ok(console.emit("console.watch", {"event": code}, callback=True))["snapshot"]["activity"]["config"]
    assert config == settings
    ok(console.emit("circle.silence", {"event": code}, callback=True))
    refused(console.emit("agenda.update", {"event": code, "activity": aid, "config": {"silence_seconds": 601}}, callback=True), "refused")
    refused(console.emit("agenda.update", {"event": code, "activity": aid, "config": {"order": "tallest"}}, callback=True), "refused")


def test_the_chime_is_on_or_off_and_every_phone_and_the_screen_know_it(db, room, console):
    code, aid, ids, phones, screen = room()
    refused(console.emit("agenda.update", {"event": code, "activity": aid, "config": {"chime": "yes"}}, callback=True), "refused")
    phones["Chen"].get_received()
    screen.get_received()
    ok(console.emit("agenda.update", {"event": code, "activity": aid, "config": {"chime": True, "silence_seconds": 60}}, callback=True))
    assert [p for p in received(phones["Chen"], "patch") if "activity" in p][-1]["activity"]["chime"] is True
    assert [p for p in received(screen, "patch") if "activity" in p][-1]["activity"]["chime"] is True
    ok(console.emit("agenda.update", {"event": code, "activity": aid, "config": {"chime": False}}, callback=True))
    assert [p for p in received(screen, "patch") if "activity" in p][-1]["activity"]["chime"] is False


def test_choosing_join_order_or_shuffle_in_the_settings_reorders_the_waiting_circle(db, room, console):
    code, aid, ids, _, _ = room()
    order = [ids["Chen"], ids["Bao"], ids["Amara"]]
    ok(console.emit("circle.arrange", {"event": code, "how": "arranged", "order": order}, callback=True))
    ok(console.emit("agenda.update", {"event": code, "activity": aid, "config": {"order": "arranged"}}, callback=True))
    assert [pid for pid, _, _ in round_of(db, aid)[0]] == order
    ok(console.emit("agenda.update", {"event": code, "activity": aid, "config": {"order": "join"}}, callback=True))
    assert [pid for pid, _, _ in round_of(db, aid)[0]] == [ids["Amara"], ids["Bao"], ids["Chen"]]


def test_a_volunteer_during_the_silence_waits_for_the_start(db, room, console):
    code, aid, ids, phones, _ = room(config={"silence_seconds": 60})
    ok(console.emit("circle.silence", {"event": code}, callback=True))
    phones["Amara"].get_received()
    ok(phones["Chen"].emit("circle.volunteer", {}, callback=True))
    assert speaker(db, aid) is None
    assert [p for p in received(phones["Amara"], "patch") if "activity" in p][-1]["activity"]["volunteer"]["label"] == "Chen"
    refused(phones["Bao"].emit("circle.volunteer", {}, callback=True), "conflict")
    ok(console.emit("circle.start", {"event": code}, callback=True))
    assert speaker(db, aid) == ids["Chen"]


def test_circle_actions_are_refused_when_no_circle_is_running(db, socket_clients, console):
    code, _, _, _ = circle_event(db, names=(), kind="agreements")
    refused(console.emit("circle.start", {"event": code}, callback=True), "refused")


def test_phones_get_the_speaker_and_the_next_person_not_the_whole_queue(console, socket_clients, db):
    """In a hall of hundreds a phone must not receive every person at every turn."""
    from facilitator.whole_event import views
    from facilitator.core.models import Event
    from tests.factories import make_event, make_participant

    code, eid = make_event(db, agenda=[{"kind": "checkin"}])
    for name in ("Amara", "Bao", "Chen"):
        make_participant(db, code, name)
    with db.read_scope() as s:
        event = s.get(Event, eid)
        phone_view = views.phone_public(s, event)["activity"]
        screen_view = views.screen_snapshot(s, event, "http://x")["activity"]
    assert "queue" not in phone_view and {"speaker", "next", "counts"} <= set(phone_view)
    assert [q["label"] for q in screen_view["queue"]] == ["Amara", "Bao", "Chen"]


def _shows(client, wanted, what):
    """Wait until the view of the circle ``client`` shows now passes ``wanted(activity)``: its patches
    folded as the page folds them (a screen's patch leaves out a long list it was last sent, and the
    screen keeps its copy: a second refresh with the same queue carries none). What was folded is
    kept on the client for the next call, since ``received`` takes the messages it returns."""
    state: dict = client.__dict__.setdefault("folded_patches", {})

    def check():
        for patch in received(client, "patch"):
            if "activity" in patch:
                state.update(keep_lists(state, patch))
        return "activity" in state and wanted(state["activity"])

    wait_for(check, timeout=5, message=what)


def _in_queue(label, online=None):
    return lambda a: any(x["label"] == label and (online is None or x.get("online") == online) for x in a.get("queue", []))


def test_the_queue_on_the_console_and_screen_follows_who_arrives_and_who_drops_off_at_once(db, room, console, socket_clients, services):
    """Presence is part of the queue: it is shown when it changes, not when the piece next moves."""
    services.presence.interval = 0.05  # changes a moment apart are gathered for this long (1 s in a hall)
    code, aid, ids, phones, screen = room()
    ok(console.emit("circle.start", {"event": code}, callback=True))
    waiting = len(ids) - 1

    # Someone arrives during the round: the console, the screen and the phones' counts follow.
    pid, token = make_participant(db, code, "Dee")
    dee = phone(socket_clients, code, token)
    _shows(console, _in_queue("Dee", online=True), "Dee in the console's queue")
    _shows(screen, _in_queue("Dee"), "Dee in the screen's queue")
    _shows(phones["Bao"], lambda a: a["counts"]["waiting"] == waiting + 1, "the phones' count of people waiting")

    # The facilitator adds someone without a phone.
    ok(console.emit("participant.add", {"event": code, "name": "Eli"}, callback=True))
    _shows(console, _in_queue("Eli"), "Eli in the console's queue")
    _shows(screen, _in_queue("Eli"), "Eli in the screen's queue")

    # Phones drop off: the console shows them away.
    phones["Chen"].disconnect()
    _shows(console, _in_queue("Chen", online=False), "Chen away on the console")
    dee.disconnect()
    _shows(console, _in_queue("Dee", online=False), "Dee away on the console")
    assert speaker(db, aid) == ids["Amara"]  # nobody moved the piece meanwhile


def test_a_hall_arriving_at_once_looks_up_what_shows_people_once_an_interval_not_once_a_person(
    db, room, socket_clients, services
):
    """Which views of the current activity show who is here is a query: in a join storm it is
    asked by the first arrival and by the refresh at the end of the interval, not by each."""
    from sqlalchemy import event

    code, _, _, _, _ = room()
    services.presence.interval = 60.0  # the arrivals inside one interval
    lookups: list[str] = []

    def seen(_conn, _cursor, statement, *_args):
        if " ".join(statement.split()).lower().startswith("select activity.kind from activity join event"):
            lookups.append(statement)

    engines = {db.engine, getattr(db, "presence_engine", None) or db.engine}
    for engine in engines:
        event.listen(engine, "before_cursor_execute", seen)
    try:
        for i in range(12):
            _, token = make_participant(db, code, f"Arrival {i}")
            phone(socket_clients, code, token)
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", seen)
    assert len(lookups) <= 2, len(lookups)  # it was 12: one an arrival


def test_a_hall_arriving_at_once_is_shown_in_one_refresh_a_second_not_one_per_person():
    """A join storm during a circle: the first arrival is shown at once, the rest together."""
    from facilitator.delivery.presence import PresenceThrottle

    clock = [100.0]
    throttle = PresenceThrottle(interval=1.0, clock=lambda: clock[0])
    views = frozenset({"screen", "console", "phones"})
    assert throttle.now(7, views) == (set(views), None)
    clock[0] += 0.1
    assert throttle.now(7, views) == (set(), pytest.approx(0.9))  # the one who schedules the refresh
    for _ in range(500):
        assert throttle.now(7, views) == (set(), None)  # already in it
    assert throttle.now(8, views) == (set(views), None)  # another event is not held up
    clock[0] += 0.9
    assert throttle.due(7) == set(views)
    clock[0] += 1.5
    assert throttle.now(7, views) == (set(views), None)


def test_a_move_of_the_talking_piece_reads_the_people_and_the_turns_once_each_for_the_action_and_once_for_every_audience(
    db, room, console
):
    """Everyone is read by the action, and once more for the phones', the screen's and the console's views together.

    With 2,000 people each read of the line-up is thousands of rows: a move
    read them four times (people) and three times (turns) before issue #22.
    """
    from sqlalchemy import event

    code, aid, ids, phones, screen = room(names=("Amara", "Bao", "Chen", "Dami"))
    ok(console.emit("circle.start", {"event": code}, callback=True))
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args):
        statements.append(" ".join(statement.split()).lower())

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        ok(console.emit("circle.next", {"event": code}, callback=True))
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    everyone = [s for s in statements if s.startswith("select participant.id") and "where participant.event_id =" in s
                and "participant.id in" not in s and "participant.connections >" not in s]
    every_turn = [s for s in statements if s.startswith("select circle_turn.") and "circle_turn.participant_id =" not in s]
    assert len(everyone) == 2, "\n".join(everyone)
    assert len(every_turn) == 2, "\n".join(every_turn)
    # And every audience still heard the move.
    assert [p for p in received(screen, "patch") if "activity" in p][-1]["activity"]["speaker"]["id"] == ids["Bao"]
    assert [p for p in received(phones["Dami"], "patch") if "activity" in p][-1]["activity"]["speaker"]["id"] == ids["Bao"]


def test_a_move_of_the_piece_sends_every_phone_the_circle_alone_and_a_change_to_the_event_sends_it_again(db, room, console):
    """At a move the event's details and the agenda are unchanged: every phone keeps them, and is
    not sent them again (two thirds of each phone's patch, at every turn, to every phone)."""
    code, _, _, phones, _ = room()
    ok(console.emit("circle.start", {"event": code}, callback=True))
    phones["Chen"].get_received()
    ok(console.emit("circle.next", {"event": code}, callback=True))
    public = [p for p in received(phones["Chen"], "patch") if "activity" in p]
    assert public, "the phone heard nothing of the move"
    assert all("event" not in p and "agenda" not in p for p in public)
    assert public[-1]["activity"]["speaker"]["label"] == "Bao"
    # A change to the event itself reaches every phone in full, as before.
    ok(console.emit("event.update", {"event": code, "title": "Spring circle"}, callback=True))
    full = [p for p in received(phones["Chen"], "patch") if "event" in p]
    assert full and full[-1]["event"]["title"] == "Spring circle" and "agenda" in full[-1]
