"""Phones never lose what people type or choose (issue #16), in Chromium at 360x740.

The talking piece moves, rounds change and the connection drops while a person
is half way through the 3Cs pulse, a pledge or a card: every choice, every
word, the focus and the caret stay where they were; a reload keeps the words too.
And everyone at a café table sees its cards, read-only and live."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.phone_support import facilitator, join, present, reconnect


@pytest.fixture
def server(module_server):
    """The module's one server: each test makes its own event and looks at its phones only."""
    return module_server


PLEDGE = "I will bring the soup to Thursday's group"
CARD = "Benches along the canal path, so older people can rest"


def caret(page) -> list:
    return page.evaluate("[document.activeElement.id, document.activeElement.selectionStart, document.activeElement.selectionEnd]")


def test_a_half_filled_pulse_and_a_pledge_draft_survive_ten_moves_a_new_round_a_reconnect_and_a_reload(server, phone_context):
    console = facilitator(server)
    code = server.create_event("Closing circle")["code"]
    added = console.call("agenda.add", {"event": code, "kind": "checkout",
                                        "config": {"pulse": True, "pledges": True, "turn_seconds": 90}})
    assert added["ok"], added
    assert console.call("agenda.goto", {"event": code, "activity": added["id"]})["ok"]
    others = [present(server, code, name) for name in ("Bao", "Chen", "Dee")]
    page = phone_context().new_page()
    join(page, server, code, "Amara")
    expect(page.get_by_text("The talking piece is waiting to begin.")).to_be_visible()

    # Half way through the pulse, and a pledge typed and not yet saved, the caret in the middle of it.
    page.get_by_text("The 3Cs pulse (anonymous)").click()
    page.get_by_label("Control 3 of 5").check()
    page.get_by_label("Contact 4 of 5").check()
    pledge = page.get_by_label("What will you do or offer next? (optional)")
    pledge.fill(PLEDGE)
    pledge.evaluate("(el) => el.setSelectionRange(7, 7)")

    def kept(focus=True):
        expect(page.locator("details.pulse")).to_have_attribute("open", "")
        expect(page.get_by_label("Control 3 of 5")).to_be_checked()
        expect(page.get_by_label("Contact 4 of 5")).to_be_checked()
        for n in range(1, 6):
            expect(page.get_by_label(f"Confidence {n} of 5")).not_to_be_checked()
        expect(pledge).to_have_value(PLEDGE)
        if focus:
            assert caret(page) == ["pledge-text", 7, 7]

    def move_on():
        assert console.call("circle.next", {"event": code})["ok"]
        speaker = console.call("console.watch", {"event": code})["snapshot"]["activity"]["speaker"]
        if speaker is None:
            expect(page.get_by_text("The circle is complete. Thank you, everyone.")).to_be_visible()
        else:
            expect(page.locator("#speaker")).to_have_text("You" if speaker["label"] == "Amara" else speaker["label"])
        kept()

    for _ in range(5):  # Bao, Chen, Dee, Amara herself, and the circle is complete
        move_on()
    # The facilitator begins the round again: a new round, the same drafts.
    assert console.call("circle.restart", {"event": code})["ok"]
    expect(page.get_by_text("The talking piece is waiting to begin.")).to_be_visible()
    kept()
    for _ in range(5):
        move_on()

    reconnect(page)
    kept()

    # A reload (the phone's browser dropped the tab, say): the words and choices come back.
    page.reload()
    expect(page.locator("#status")).to_have_text("Connected")
    kept(focus=False)

    # Sending the pulse forgets its draft: the form is gone and a reload does not bring it back.
    page.get_by_role("button", name="Send anonymously").click()
    expect(page.get_by_text("Thank you: your 3Cs answer is in, anonymously.")).to_be_visible()
    expect(pledge).to_have_value(PLEDGE)
    for client in [console, *others]:
        client.close()


def test_a_card_being_typed_survives_new_cards_a_round_change_a_reconnect_and_a_reload(server, phone_context):
    console = facilitator(server)
    code = server.create_event("Health café")["code"]
    rounds = [{"question": "What keeps you well?"}, {"question": "What could we do together?"}]
    added = console.call("agenda.add", {"event": code, "kind": "cafe", "config": {"tables": 1, "rounds": rounds}})
    assert console.call("agenda.goto", {"event": code, "activity": added["id"]})["ok"]
    hana = phone_context().new_page()
    join(hana, server, code, "Hana")
    ravi = phone_context().new_page()
    join(ravi, server, code, "Ravi")
    hana.get_by_role("button", name="I'll host a table").click()
    expect(hana.get_by_role("button", name="I'd rather not host")).to_be_visible()
    # The same button, kept by the patch, does what its new words say (no stale handler).
    ravi.get_by_role("button", name="I'll host a table").click()
    ravi.get_by_role("button", name="I'd rather not host").click()
    expect(ravi.get_by_role("button", name="I'll host a table")).to_be_visible()
    assert [v["label"] for v in console.call("console.watch", {"event": code})["snapshot"]["activity"]["volunteers"]] == ["Hana"]
    assert console.call("cafe.round.start", {"event": code})["ok"]
    expect(hana.locator("#cafe-where")).to_contain_text("You are hosting")

    # Ravi does not write the table's cards, but sees them as the host writes them.
    expect(ravi.get_by_role("heading", name="This round's cards at your table")).to_be_visible()
    expect(ravi.locator("#table-cards-empty")).to_have_text("No cards yet this round.")
    box = hana.get_by_label("Add an insight from this table")
    box.fill("Walking together every Tuesday")
    hana.get_by_role("button", name="Add card").click()
    expect(hana.locator("#card-status")).to_have_text("Saved ✓")
    expect(ravi.locator("#table-cards .card-text")).to_have_text(["Walking together every Tuesday"])
    expect(ravi.get_by_label("Add an insight from this table")).to_have_count(0)
    expect(ravi.locator("#table-cards").get_by_role("button")).to_have_count(0)  # read-only

    # The host starts the next card and picks its tag; the room carries on around her.
    box.fill(CARD)
    hana.get_by_label("Control, Contact or Confidence (optional)").select_option("contact")
    box.focus()
    box.evaluate("(el) => el.setSelectionRange(8, 8)")

    def kept(focus=True):
        expect(box).to_have_value(CARD)
        if focus:
            expect(hana.get_by_label("Control, Contact or Confidence (optional)")).to_have_value("contact")
            assert caret(hana) == ["card-text", 8, 8]

    # Someone arrives late and is seated at the table; the facilitator gives the round more time.
    sol = present(server, code, "Sol")
    assert console.call("cafe.seat_late", {"event": code})["ok"]
    expect(hana.locator("#members")).to_contain_text("Sol")
    assert console.call("cafe.round.extend", {"event": code, "minutes": 5})["ok"]
    expect(hana.locator(".timer")).to_have_text(re.compile(r"^2[45]:\d\d left$"))
    kept()

    # The round ends and the next begins: a new question, the same draft.
    assert console.call("cafe.round.end", {"event": code})["ok"]
    assert console.call("cafe.round.start", {"event": code})["ok"]
    expect(hana.locator(".question")).to_have_text("What could we do together?")
    expect(ravi.locator(".question")).to_have_text("What could we do together?")
    expect(ravi.locator("#table-cards-empty")).to_have_text("No cards yet this round.")
    kept()

    reconnect(hana)
    kept()

    hana.reload()
    expect(hana.locator("#status")).to_have_text("Connected")
    kept(focus=False)

    # Sent: the box empties, the draft is forgotten, and Ravi sees it arrive.
    hana.get_by_role("button", name="Add card").click()
    expect(box).to_have_value("")
    expect(ravi.locator("#table-cards .card-text")).to_have_text([CARD])
    hana.reload()
    expect(hana.locator("#table-cards .card")).to_have_count(1)
    expect(box).to_have_value("")
    for client in (console, sol):
        client.close()
