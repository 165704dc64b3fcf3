"""Nothing lost on flaky Wi-Fi or a crashed laptop.

A real server process, real socket.io clients: kill the server with SIGKILL
in the middle of a café round, start it again on the same data dir, and
everything acknowledged is there and every phone is back at its table.
"""
import random
import threading

import socketio
from sqlalchemy import select

from facilitator.activities.board.models import Card
from tests.support import LiveClient, wait_for

QUESTIONS = ["What helps you feel in control?", "Where do you find support?"]


def start_cafe(server, people: int):
    code = server.create_event("Crash-proof café")["code"]
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    added = console.call(
        "agenda.add",
        {
            "event": code,
            "kind": "cafe",
            "config": {"tables": max(2, people // 4), "rounds": QUESTIONS, "minutes": 20, "anyone_can_post": True},
        },
    )
    assert added["ok"], added
    phones = [
        LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, f"Person {i}")}).connect()
        for i in range(people)
    ]
    assert console.call("agenda.goto", {"event": code, "activity": added["id"]})["ok"]
    started = console.call("cafe.round.start", {"event": code})
    assert started["ok"], started
    for phone in phones:
        wait_for(lambda: (phone.state().get("mine") or {}).get("seat"), message="every phone has a seat")
    return code, console, phones


def card_ids_in(server) -> set[int]:
    return set(server.scalars(select(Card.id)))


def test_a_sigkill_mid_round_loses_nothing_and_every_phone_comes_back_to_its_table(server):
    code, console, phones = start_cafe(server, people=6)
    before = {i: phone.state() for i, phone in enumerate(phones)}
    acked: set[int] = set()
    for i, phone in enumerate(phones):
        for n in range(3):
            reply = phone.call("card.add", {"text": f"Insight {n} from person {i}", "cid": f"crash-{i}-{n}-cid"})
            assert reply["ok"], reply
            acked.add(reply["id"])

    server.kill()
    server.start()

    for i, phone in enumerate(phones):
        wait_for(lambda: len(phone.snapshots) >= 2, timeout=15, message="the phone reconnects by itself")
        after = phone.state()
        assert after["me"]["id"] == before[i]["me"]["id"]
        assert after["mine"]["seat"]["table"] == before[i]["mine"]["seat"]["table"]
        assert after["activity"]["round"]["number"] == 1
        assert after["activity"]["round"]["status"] == "running"
        assert after["activity"]["round"]["deadline"] == before[i]["activity"]["round"]["deadline"]
    assert acked <= card_ids_in(server)
    console2 = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    watched = console2.call("console.watch", {"event": code})["snapshot"]
    assert watched["current"] == before[0]["activity"]["id"]
    assert watched["online"] == len(phones)  # no duplicates on the roster
    assert len(watched["roster"]) == len(phones)
    for client in (console, console2, *phones):
        client.close()


def test_a_phone_that_joined_just_before_a_sigkill_comes_back_as_the_same_person(server):
    """A join's commit waits for no fsync (a power cut may lose it; the phone would show the join
    form again), but a process that dies loses nothing: the commit is the system's already."""
    code = server.create_event("Arrivals")["code"]
    token = server.join(code, "Just arrived")
    server.kill()
    server.start()
    phone = LiveClient(server.url, {"role": "participant", "event": code, "token": token}).connect()
    wait_for(lambda: phone.snapshots, timeout=15, message="the phone is let back in by its token")
    assert phone.state()["me"]["name"] == "Just arrived"
    phone.close()


def test_cards_posted_through_dropping_connections_are_stored_exactly_once(server):
    code, console, phones = start_cafe(server, people=8)
    rng = random.Random(7)
    per_phone = 5
    errors: list[str] = []

    def post_all(i: int, phone: LiveClient) -> None:
        for n in range(per_phone):
            cid = f"drop-{i}-{n}-cid"
            payload = {"text": f"Card {n} of phone {i}", "cid": cid}
            for attempt in range(20):
                try:
                    if rng.random() < 0.4:
                        # The message goes out, then the link drops before the
                        # acknowledgement can come back.
                        phone.sio.call("card.add", payload, timeout=0.001)
                    else:
                        reply = phone.sio.call("card.add", payload, timeout=5)
                        if reply["ok"]:
                            break
                        errors.append(str(reply))
                except (socketio.exceptions.TimeoutError, socketio.exceptions.BadNamespaceError):
                    pass
                if rng.random() < 0.5 or not phone.sio.connected:
                    phone.sio.disconnect()
                    phone.connect()
            else:
                errors.append(f"{cid} never acknowledged")

    threads = [threading.Thread(target=post_all, args=(i, p)) for i, p in enumerate(phones)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    texts = server.scalars(select(Card.text))
    assert len(texts) == len(phones) * per_phone
    assert len(set(texts)) == len(texts)
    roster = console.call("console.watch", {"event": code})["snapshot"]["roster"]
    assert len(roster) == len(phones)  # reconnecting never made a duplicate person
    for client in (console, *phones):
        client.close()
