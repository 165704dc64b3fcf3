"""SIGKILL during a check-in circle and during a dot vote: the talking piece and the dots survive.

One real server runs two events at once: a check-in circle where the piece
has gone round part of the way (one person spoke, one passed, a third holds
the piece), and a harvest where people have cast dots. The server is killed
with SIGKILL and started again on the same data dir; every phone comes back
by itself, to the same activity, and the queue and the counts are as they were.
"""
from tests.support import LiveClient, wait_for

CIRCLE_PEOPLE = ("Amara", "Bao", "Chen", "Dee")
VOTERS = ("Eli", "Fen", "Gus")


def _console(server):
    return LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()


def _event_running(server, console, title, kind, config=None):
    code = server.create_event(title)["code"]
    added = console.call("agenda.add", {"event": code, "kind": kind, "config": config or {}})
    assert added["ok"], added
    return code, added["id"]


def _phones(server, code, names):
    return {
        name: LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, name)}).connect()
        for name in names
    }


def _ok(reply):
    assert reply["ok"], reply
    return reply


def _screen(server, code):
    return LiveClient(server.url, server.screen_auth(code)).connect()


def _activity(client):
    return client.state().get("activity") or {}


def test_a_sigkill_mid_circle_and_mid_vote_keeps_the_talking_piece_and_every_dot(server):
    console = _console(server)

    # A check-in circle: Amara spoke, Bao passed, Chen holds the piece, Dee waits.
    circle_code, checkin = _event_running(server, console, "Evening circle", "checkin")
    circle_phones = _phones(server, circle_code, CIRCLE_PEOPLE)
    ids = {name: p.state()["me"]["id"] for name, p in circle_phones.items()}
    _ok(console.call("agenda.goto", {"event": circle_code, "activity": checkin}))
    _ok(console.call("circle.arrange", {"event": circle_code, "how": "arranged", "order": [ids[n] for n in CIRCLE_PEOPLE]}))
    _ok(console.call("circle.start", {"event": circle_code, "participant": ids["Amara"]}))
    wait_for(lambda: (_activity(circle_phones["Amara"]).get("speaker") or {}).get("id") == ids["Amara"],
             message="Amara holds the piece")
    _ok(circle_phones["Amara"].call("circle.done"))
    wait_for(lambda: (_activity(circle_phones["Bao"]).get("speaker") or {}).get("id") == ids["Bao"],
             message="the piece reaches Bao")
    _ok(circle_phones["Bao"].call("circle.pass"))
    wait_for(lambda: (_activity(circle_phones["Chen"]).get("speaker") or {}).get("id") == ids["Chen"],
             message="the piece reaches Chen")

    # A dot vote on two themes: Eli 2 + 1, Fen 1 + 0, Gus 0 + 2.
    vote_code, harvest = _event_running(server, console, "Harvest", "harvest")
    voters = _phones(server, vote_code, VOTERS)
    _ok(console.call("agenda.goto", {"event": vote_code, "activity": harvest}))
    walking = _ok(console.call("theme.create", {"event": vote_code, "name": "Walking together"}))["id"]
    food = _ok(console.call("theme.create", {"event": vote_code, "name": "Food and cooking"}))["id"]
    # The room sees the running totals (the facilitator's choice), so the screen can show they survive.
    _ok(console.call("agenda.update", {"event": vote_code, "activity": harvest, "config": {"live_totals": True}}))
    _ok(console.call("vote.open", {"event": vote_code, "dots": 3}))
    for name, theme, times in (("Eli", walking, 2), ("Eli", food, 1), ("Fen", walking, 1), ("Gus", food, 2)):
        for n in range(times):
            _ok(voters[name].call("vote.add", {"theme": theme, "cid": f"dot-{name}-{theme}-{n}-cid"}))

    circle_screen, vote_screen = _screen(server, circle_code), _screen(server, vote_code)
    wait_for(lambda: vote_screen.state().get("activity", {}).get("totals") == {f"theme:{walking}": 3, f"theme:{food}": 3},
             message="the screen counts every dot")
    queue_before = circle_screen.state()["activity"]["queue"]
    totals_before = vote_screen.state()["activity"]["totals"]
    phones = {**circle_phones, **voters}
    # What each phone should show, as the server has it (a waiting phone's place in the line
    # is not pushed at every turn, so the phone's own copy may lag; the snapshot is the truth).
    before = {name: p.call("sync")["snapshot"] for name, p in phones.items()}

    server.kill()
    server.start()

    for name, p in phones.items():
        wait_for(lambda: len(p.snapshots) >= 2, timeout=15, message=f"{name}'s phone reconnects by itself")
    circle_screen2, vote_screen2 = _screen(server, circle_code), _screen(server, vote_code)
    try:
        # The talking piece: who spoke, who passed, who holds it, who waits, in the same order.
        after_queue = circle_screen2.state()["activity"]["queue"]
        assert after_queue == queue_before
        for name in CIRCLE_PEOPLE:
            was, now = before[name], circle_phones[name].state()
            assert now["me"]["id"] == was["me"]["id"]
            assert now["activity"]["id"] == was["activity"]["id"] == checkin
            assert now["activity"]["speaker"]["id"] == ids["Chen"]
            assert now["activity"]["counts"] == was["activity"]["counts"] == {"spoken": 1, "waiting": 2, "passed": 1}
            assert now["activity"]["turn_started_at"] == was["activity"]["turn_started_at"]
            assert now["mine"] == was["mine"], name
        # The vote: the same totals, still open, and each phone knows its own dots.
        assert vote_screen2.state()["activity"]["totals"] == totals_before
        for name in VOTERS:
            was, now = before[name], voters[name].state()
            assert now["activity"]["id"] == was["activity"]["id"] == harvest
            assert now["activity"]["vote"]["open"] is True
            assert now["mine"] == was["mine"], name
        # The piece moves on from where it was.
        _ok(circle_phones["Chen"].call("circle.done"))
        wait_for(lambda: (_activity(circle_phones["Dee"]).get("speaker") or {}).get("id") == ids["Dee"],
                 message="the piece reaches Dee after the restart")
    finally:
        for client in (console, circle_screen, vote_screen, circle_screen2, vote_screen2, *phones.values()):
            client.close()
