"""A phone on flaky Wi-Fi, in Chromium at phone size: what is typed offline is kept, shown as waiting,
survives a reload, and is stored exactly once when the connection is back."""
from __future__ import annotations

import time

from playwright.sync_api import expect
from sqlalchemy import select

from facilitator.activities.board.models import Card
from tests.support import LiveClient, wait_for

CARD = "Benches along the canal path"


def stored_texts(server) -> list[str]:
    return server.scalars(select(Card.text))


def cafe_round(server, console) -> str:
    """An event in a running café round where anyone at a table may add cards."""
    code = server.create_event("Café on flaky Wi-Fi")["code"]
    added = console.call("agenda.add", {"event": code, "kind": "cafe", "config": {
        "tables": 1, "anyone_can_post": True, "rounds": [{"question": "What keeps you well?"}]}})
    assert added["ok"], added
    assert console.call("agenda.goto", {"event": code, "activity": added["id"]})["ok"]
    return code


class SocketGate:
    """The phone's WebSockets to the server, which the test can shut, or leave open but silent
    (the half-dead socket of a phone that slept: nothing goes through and nobody says so)."""

    def __init__(self, page):
        self.open = True
        self.connections = 0
        self.silent: set[int] = set()
        self.drop_acks = False  # the server saves, its acknowledgement is lost on the way
        self.hold_welcomes = False  # the server's welcome is late: the socket is open, the page not yet connected
        self.held: list = []
        self.refuse_next_welcome = False  # the page hears a refusal that gives no reason instead
        self.hellos: dict[int, int] = {}  # connection number -> Socket.IO connect requests the page sent on it
        page.route_web_socket("**/socket.io/**", self._route)

    def _route(self, ws):
        if not self.open:
            ws.close()
            return
        self.connections += 1
        number = self.connections
        server = ws.connect_to_server()
        ws.on_message(lambda message: number in self.silent or self._hello(number, message) or server.send(message))
        server.on_message(lambda message: number in self.silent or self._lost(message) or self._welcome(ws, message) or ws.send(message))

    def _lost(self, message) -> bool:
        # Engine.IO "4" (message) + Socket.IO "3" (ack): the answer to an emit.
        return self.drop_acks and isinstance(message, str) and message.startswith("43")

    def _hello(self, number, message) -> None:
        # Engine.IO "4" (message) + Socket.IO "0" (connect): the page asks to join the namespace.
        if isinstance(message, str) and message.startswith("40"):
            self.hellos[number] = self.hellos.get(number, 0) + 1

    def _welcome(self, ws, message) -> bool:
        """Hold or replace the server's answers to a hello (Socket.IO "0" connect, "4" connect error)."""
        if not (isinstance(message, str) and message[:2] in ("40", "44")):
            return False
        if self.refuse_next_welcome:
            self.refuse_next_welcome = False
            ws.send('44{"message":"Unable to connect"}')
            return True
        if self.hold_welcomes:
            self.held.append((ws, message))
            return True
        return False

    def release_welcomes(self):
        self.hold_welcomes = False
        for ws, message in self.held:
            ws.send(message)
        self.held.clear()

    def silence_current(self):
        self.silent.add(self.connections)


def join(page, server, code, name):
    page.goto(f"{server.url}/j/{code}")
    page.get_by_label("The name you would like to be known by").fill(name)
    page.get_by_role("button", name="Join", exact=True).click()


def a_phone_at_a_table(server, phone_context, name):
    """A console, a café round under way and a phone at a table, its card box on screen.

    Returns (console, code, page, gate, box); the gate is in place before the phone connects.
    """
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    code = cafe_round(server, console)
    page = phone_context().new_page()
    gate = SocketGate(page)
    join(page, server, code, name)
    assert console.call("cafe.round.start", {"event": code})["ok"]
    box = page.get_by_label("Add an insight from this table")
    expect(box).to_be_visible()
    return console, code, page, gate, box


def test_a_card_posted_offline_waits_on_the_phone_through_a_reload_and_is_stored_once(server, phone_context):
    console, code, page, gate, box = a_phone_at_a_table(server, phone_context, "Noor")
    context = page.context
    expect(page.locator("#status")).to_have_text("Connected")

    context.set_offline(True)
    expect(page.locator("#status")).to_have_text("Reconnecting…")
    box.fill(CARD)
    page.get_by_role("button", name="Add card").click()
    expect(page.locator("#card-status")).to_have_text("Waiting for the connection: kept on this phone and sent when it is back.")
    expect(page.locator("#outbox")).to_have_text("1 waiting to send")
    expect(page.locator("#table-cards .unsent")).to_contain_text(CARD)
    expect(page.locator("#table-cards .unsent")).to_contain_text("Waiting for the connection")

    # The network is back but the socket not yet, and the person reloads the page.
    gate.open = False
    context.set_offline(False)
    page.reload()
    expect(page.locator("#outbox")).to_have_text("1 waiting to send")
    assert stored_texts(server) == []

    gate.open = True  # the phone reconnects by itself and sends what it kept
    expect(page.locator("#status")).to_have_text("Connected", timeout=15_000)
    expect(page.locator("#outbox")).to_have_text("All saved ✓")
    expect(page.locator("#card-status")).to_have_text("Saved ✓")
    cards = page.locator("#table-cards li")
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text(CARD)
    expect(page.locator("#table-cards .unsent")).to_have_count(0)
    assert stored_texts(server) == [CARD]
    console.close()


def test_a_card_saved_whose_acknowledgement_was_lost_is_sent_again_after_a_reload_and_stored_once(server, phone_context):
    console, code, page, gate, box = a_phone_at_a_table(server, phone_context, "Tomas")

    gate.drop_acks = True
    box.fill(CARD)
    page.get_by_role("button", name="Add card").click()
    expect(page.locator("#outbox")).to_have_text("1 waiting to send")
    # page.evaluate keeps Playwright forwarding the socket's frames while we look at the database.
    wait_for(lambda: page.evaluate("0") == 0 and stored_texts(server) == [CARD], message="the server saved the card")
    expect(page.locator("#outbox")).to_have_text("1 waiting to send")

    gate.drop_acks = False
    page.reload()  # the phone still holds the card and sends it again, with its first id
    expect(page.locator("#outbox")).to_have_text("All saved ✓")
    expect(page.locator("#card-status")).to_have_text("Saved ✓")
    expect(page.locator("#table-cards li")).to_have_count(1)
    assert stored_texts(server) == [CARD]
    console.close()


def test_a_phone_that_wakes_on_a_half_dead_socket_reconnects_in_seconds_not_at_the_heartbeat(server, phone_context):
    """The server's heartbeat would notice after 25 s; the phone asks on waking and starts again."""
    console, code, page, gate, box = a_phone_at_a_table(server, phone_context, "Ines")
    expect(page.locator("#status")).to_have_text("Connected")
    connections = gate.connections

    # "Reconnecting…" may last less than one of expect's polls on a busy machine: the page notes every status it shows.
    page.evaluate("""() => {
      const status = document.querySelector('#status');
      window.statusesShown = [];
      new MutationObserver(() => window.statusesShown.push(status.textContent))
        .observe(status, { childList: true, characterData: true, subtree: true });
    }""")
    gate.silence_current()
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")  # the screen is unlocked
    # Back within 14 s (the probe gives up after 3 s), not at the heartbeat's 25 s. (Waiting through the page:
    # the gate's routes are answered only while Playwright is called.)
    deadline = time.monotonic() + 14
    while gate.connections <= connections:
        assert time.monotonic() < deadline, "the phone never connected again"
        page.wait_for_timeout(50)
    expect(page.locator("#status")).to_have_text("Connected", timeout=8_000)
    assert "Reconnecting…" in page.evaluate("window.statusesShown")
    box.fill("Back after the lock screen")
    page.get_by_role("button", name="Add card").click()
    expect(page.locator("#card-status")).to_have_text("Saved ✓")
    assert stored_texts(server) == ["Back after the lock screen"]
    console.close()


def test_a_phone_woken_while_the_server_has_not_yet_welcomed_it_says_hello_once_and_stays_connected(server, phone_context):
    """Unlocked, or back on the network, between its socket opening and the server's welcome: the page once
    asked to connect a second time on the same socket, the server refused that, and the page (a reloaded
    projector, in the test that found it) stayed "Reconnecting…" for good."""
    console, code, page, gate, box = a_phone_at_a_table(server, phone_context, "Wren")
    expect(page.locator("#status")).to_have_text("Connected")
    gate.hold_welcomes = True
    before = gate.connections
    page.reload()
    reloaded = wait_until_the_page_has_said_hello(page, gate, after=before)
    # Any second hello goes out in these handlers, before the welcome reaches the page.
    page.evaluate("window.dispatchEvent(new Event('online')); document.dispatchEvent(new Event('visibilitychange'))")
    gate.release_welcomes()
    expect(page.locator("#status")).to_have_text("Connected")
    box.fill("Said hello once")
    page.get_by_role("button", name="Add card").click()
    expect(page.locator("#card-status")).to_have_text("Saved ✓")
    assert stored_texts(server) == ["Said hello once"]
    # The card went after the handlers on the same socket: a second hello would have been counted by now.
    assert gate.hellos[reloaded] == 1 and gate.connections == reloaded, gate.hellos
    console.close()


def test_a_page_refused_without_a_reason_connects_again_by_itself(server, phone_context):
    """The server's "Unable to connect" carries no code (it is not the event refusing this person): the
    socket.io client gives up on such a refusal, the page does not."""
    console, code, page, gate, box = a_phone_at_a_table(server, phone_context, "Ola")
    expect(page.locator("#status")).to_have_text("Connected")
    connections = gate.connections
    gate.refuse_next_welcome = True
    page.reload()
    deadline = time.monotonic() + 10
    while gate.connections < connections + 2:  # refused on the first, welcomed on the next
        assert time.monotonic() < deadline, f"the page never tried again: {page.evaluate('JSON.stringify(window.liveLink)')}"
        page.wait_for_timeout(50)
    expect(page.locator("#status")).to_have_text("Connected")
    box.fill("Back after a refusal")
    page.get_by_role("button", name="Add card").click()
    expect(page.locator("#card-status")).to_have_text("Saved ✓")
    console.close()


def wait_until_the_page_has_said_hello(page, gate, after: int) -> int:
    """The number of the first connection after ``after`` on which the page asked to connect."""
    deadline = time.monotonic() + 10
    while not gate.hellos.get(after + 1):
        assert time.monotonic() < deadline, "the page never asked to connect"
        page.wait_for_timeout(50)  # through the page: the gate's routes are answered only while Playwright is called
    return after + 1


def test_dots_given_offline_show_as_waiting_on_their_card_and_count_once_when_back(server, phone_context):
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    code = cafe_round(server, console)
    host = LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, "Host")}).connect()
    assert console.call("cafe.round.start", {"event": code})["ok"]
    assert host.call("card.add", {"text": "A lift share", "cid": "offline-dots-card-1"})["ok"]
    context = phone_context()
    page = context.new_page()
    join(page, server, code, "Yusuf")
    expect(page.locator("#status")).to_have_text("Connected")  # in the room before the facilitator moves on
    assert console.call("agenda.add", {"event": code, "kind": "harvest"})["ok"]
    assert console.call("agenda.next", {"event": code})["ok"]
    assert console.call("vote.open", {"event": code, "dots": 3})["ok"]
    expect(page.locator("#dots-left")).to_have_text("You have 3 dots left")

    context.set_offline(True)
    expect(page.locator("#status")).to_have_text("Reconnecting…")
    page.get_by_role("button", name="Give a dot to: A lift share").click()
    page.get_by_role("button", name="Give a dot to: A lift share").click()
    target = page.locator(".vote-target", has_text="A lift share")
    expect(target.locator(".vote-status")).to_have_text("+2 waiting to send")
    expect(page.locator("#outbox")).to_have_text("2 waiting to send")
    expect(page.locator("#dots-left")).to_have_text("You have 1 dot left")

    context.set_offline(False)
    expect(page.locator("#outbox")).to_have_text("All saved ✓", timeout=15_000)
    expect(target.locator(".my-dots")).to_have_text("2 of yours")
    expect(target.locator(".vote-status")).to_have_count(0)
    totals = console.call("console.watch", {"event": code})["snapshot"]["activity"]["totals"]
    assert list(totals.values()) == [2]
    host.close()
    console.close()


def _table_of(console, code, label):
    plan = console.call("console.watch", {"event": code})["snapshot"]["activity"]["plan"]
    return next((t["id"], m["id"]) for t in plan for m in t["members"] if m["label"] == label)


def test_a_card_written_offline_is_saved_at_its_round_and_table_though_the_round_changed_meanwhile(server, phone_context):
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    code = server.create_event("Café on flaky Wi-Fi")["code"]
    added = console.call("agenda.add", {"event": code, "kind": "cafe", "config": {
        "tables": 2, "anyone_can_post": True, "rounds": [{"question": "What keeps you well?"}, {"question": "Who else?"}]}})
    assert console.call("agenda.goto", {"event": code, "activity": added["id"]})["ok"]
    page = phone_context().new_page()
    gate = SocketGate(page)
    join(page, server, code, "Noor")
    expect(page.locator("#status")).to_have_text("Connected")
    assert console.call("cafe.round.start", {"event": code})["ok"]
    box = page.get_by_label("Add an insight from this table")
    expect(box).to_be_visible()
    first_table, noor = _table_of(console, code, "Noor")

    # The Wi-Fi goes quiet: nothing passes, but to the server Noor's phone is
    # still connected, so she is seated in the next round.
    gate.silence_current()
    box.fill(CARD)
    page.get_by_role("button", name="Add card").click()
    expect(page.locator("#outbox")).to_have_text("1 waiting to send")

    # Meanwhile the facilitator ends round 1 and starts round 2, with Noor now hosting the other table.
    assert console.call("cafe.round.end", {"event": code})["ok"]
    plan = console.call("console.watch", {"event": code})["snapshot"]["activity"]["plan"]
    other = next(t["id"] for t in plan if t["id"] != first_table)
    assert console.call("cafe.host", {"event": code, "table": other, "participant": noor})["ok"]
    assert console.call("cafe.seat", {"event": code})["ok"]
    assert console.call("cafe.round.start", {"event": code}) == {"ok": True, "round": 2}
    assert _table_of(console, code, "Noor")[0] == other

    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")  # the phone wakes and reconnects
    expect(page.locator("#outbox")).to_have_text("All saved ✓", timeout=20_000)
    expect(page.locator("#not-sent")).to_be_hidden()
    board = console.call("console.watch", {"event": code})["snapshot"]["activity"]["cards"]
    assert [(c["text"], c["table"], c["round"]) for c in board] == [(CARD, first_table, 1)]
    console.close()


def test_a_card_that_cannot_be_saved_stays_on_the_phone_with_the_reason_and_can_be_copied(server, phone_context):
    console, code, page, gate, box = a_phone_at_a_table(server, phone_context, "Aziz")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page.context.set_offline(True)
    expect(page.locator("#status")).to_have_text("Reconnecting…")
    box.fill(CARD)
    page.get_by_role("button", name="Add card").click()
    expect(page.locator("#outbox")).to_have_text("1 waiting to send")

    # The café is over before the phone is back: the card has no round left to go to.
    assert console.call("agenda.add", {"event": code, "kind": "harvest"})["ok"]
    assert console.call("agenda.next", {"event": code})["ok"]
    page.context.set_offline(False)
    not_sent = page.locator("#not-sent")
    expect(not_sent).to_be_visible(timeout=15_000)
    expect(not_sent).to_contain_text("Your card was not saved:")
    expect(not_sent.get_by_role("textbox")).to_have_value(CARD)

    # Still there after a reload: the outbox lets go of it only when the person does.
    page.reload()
    expect(not_sent).to_contain_text("Your card was not saved:")
    not_sent.get_by_role("button", name="Copy").click()
    expect(not_sent).to_contain_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == CARD
    not_sent.get_by_role("button", name="I have copied it: remove").click()
    expect(not_sent).to_be_hidden()
    assert page.evaluate("JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('cc-outbox-'))))") == []
    assert stored_texts(server) == []
    console.close()
