"""The phone's outbox in Chromium, against a stand-in for the server: what it keeps, retries and gives up on.

The page and modules are served from participant_ui/ by the test itself, so
the server's answers ("too fast", "server error", "refused") can be scripted.
"""
from __future__ import annotations

from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "participant_ui"
ORIGIN = "http://phone.test"


@pytest.fixture
def page(phone_context):
    page = phone_context().new_page()

    def serve(route):
        path = route.request.url[len(ORIGIN):].split("?")[0]
        if path == "/":
            route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>outbox</title>")
        elif path.startswith("/ui/") and (UI / path[4:]).is_file():
            route.fulfill(status=200, content_type="text/javascript", body=(UI / path[4:]).read_text())
        else:
            route.fulfill(status=404, body="")

    page.route(f"{ORIGIN}/**", serve)
    page.goto(f"{ORIGIN}/")
    return page


# A scripted server: `replies` answers the calls in turn (then "ok"); every call is recorded.
SETUP = """
async ({ replies, firstPauseMs }) => {
  const { Outbox } = await import("/ui/lib/outbox.js");
  const calls = [];
  const send = async (name, payload) => {
    const reply = replies.length ? replies.shift() : { ok: true, id: calls.length + 1 };
    calls.push({ name, cid: payload.cid, text: payload.text, at: performance.now(), reply });
    return reply;
  };
  const box = new Outbox("outbox-test", send, { firstPauseMs, longestPauseMs: 1000 });
  const settled = () => new Promise((resolve) => {
    box.onChange((items) => { if (items.every((i) => i.state !== "waiting")) resolve(); });
  });
  window.t = { box, calls, settled };
}
"""


def test_too_fast_and_server_errors_keep_the_item_waiting_and_it_is_sent_again_after_a_pause(page):
    page.evaluate(SETUP, {"replies": [
        {"ok": False, "code": "rate_limited", "error": "You are sending very quickly; wait a moment and try again."},
        {"ok": False, "code": "server_error", "error": "Something went wrong on the server; nothing was changed."},
    ], "firstPauseMs": 200})
    first = page.evaluate("""async () => {
      const item = await t.box.add("card.add", { text: "one" });
      return { state: item.state, code: item.code, tries: item.tries };
    }""")
    assert first == {"state": "waiting", "code": "rate_limited", "tries": 1}
    page.evaluate("t.box.add('card.add', { text: 'two' })")
    page.evaluate("t.settled()")
    result = page.evaluate("""() => ({
      states: t.box.items.map((i) => [i.payload.text, i.state]),
      calls: t.calls.map((c) => [c.text, c.cid, c.reply.ok ? "ok" : c.reply.code]),
      gaps: t.calls.slice(1).map((c, n) => c.at - t.calls[n].at),
      stored: JSON.parse(localStorage.getItem("outbox-test")).map((i) => i.state),
    })""")
    assert result["states"] == [["one", "saved"], ["two", "saved"]]
    texts = [c[0] for c in result["calls"]]
    outcomes = [c[2] for c in result["calls"]]
    assert texts == ["one", "one", "one", "two"]  # in order: the second waits behind the first
    assert outcomes == ["rate_limited", "server_error", "ok", "ok"]
    assert len({c[1] for c in result["calls"][:3]}) == 1  # the same client id each time: the server sees a retry
    assert result["gaps"][0] >= 190 and result["gaps"][1] >= 390  # a pause, growing
    assert result["stored"] == ["saved", "saved"]


def test_a_refusal_that_retrying_cannot_fix_is_kept_as_refused_and_the_queue_moves_on(page):
    page.evaluate(SETUP, {"replies": [
        {"ok": False, "code": "refused", "error": "You have used all 3 of your dots."},
    ], "firstPauseMs": 50})
    page.evaluate("Promise.all([t.box.add('vote.add', { card: 1 }), t.box.add('vote.add', { card: 2 })])")
    page.evaluate("t.settled()")
    items = page.evaluate("t.box.items.map((i) => [i.payload.card, i.state, i.error])")
    assert items == [[1, "refused", "You have used all 3 of your dots."], [2, "saved", None]]
    assert page.evaluate("t.calls.length") == 2


def test_what_waits_on_the_phone_is_still_there_after_a_reload_and_is_sent_with_its_first_id(page):
    page.evaluate(SETUP, {"replies": [{"ok": False, "offline": True, "error": "Not connected."}] * 50,
                          "firstPauseMs": 60000})
    cid = page.evaluate("t.box.add('checkout.pledge', { text: 'Walk to the surgery', shared: true }).then((i) => i.cid)")
    page.reload()
    page.evaluate(SETUP, {"replies": [], "firstPauseMs": 50})
    assert page.evaluate("t.box.pending().map((i) => i.cid)") == [cid]
    page.evaluate("t.box.flush()")
    assert page.evaluate("t.calls.map((c) => [c.name, c.cid])") == [["checkout.pledge", cid]]
    assert page.evaluate("t.box.items.map((i) => i.state)") == ["saved"]


def test_a_refused_item_is_never_dropped_by_itself_only_when_the_person_lets_it_go(page):
    page.evaluate(SETUP, {"replies": [
        {"ok": False, "code": "not_allowed", "error": "You can only add cards for your own table."},
    ], "firstPauseMs": 50})
    page.evaluate("Promise.all([t.box.add('card.add', { text: 'kept' }), t.box.add('card.add', { text: 'saved' })])")
    page.evaluate("t.settled()")
    # An hour later (as far as the outbox can tell), another card goes through the queue.
    page.evaluate("t.box.items.forEach((i) => { i.doneAt -= 3600000; i.at -= 3600000; })")
    page.evaluate("t.box.add('card.add', { text: 'later' })")
    items = page.evaluate("t.box.items.map((i) => [i.payload.text, i.state, i.error])")
    assert items == [["kept", "refused", "You can only add cards for your own table."], ["later", "saved", None]]
    page.evaluate("t.box.dismiss(t.box.items[0].cid)")
    assert page.evaluate("t.box.items.map((i) => i.payload.text)") == ["later"]
    assert page.evaluate("JSON.parse(localStorage.getItem('outbox-test')).map((i) => i.payload.text)") == ["later"]
