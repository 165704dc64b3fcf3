"""The co-host link in the browser: the console shows it as a QR code a phone can scan,
the co-host's phone (360x740) runs the piece with big buttons, and a withdrawn link
closes the phone with a sentence saying why."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .. import room_support as room
from .test_console_cockpit import open_console
from ..qr_support import read_qr_on


@pytest.fixture
def server(module_server):
    """The module's one server: each test builds a room of its own and looks at it only."""
    return module_server


PHONE = {"width": 360, "height": 740}


def make_link(console) -> str:
    console.get_by_text("Co-host", exact=True).click()
    console.get_by_role("button", name="Make a co-host link").click()
    qr = console.locator("#cohost-qr")
    expect(qr).to_be_visible()
    for _ in range(200):
        if qr.evaluate("img => img.complete && img.naturalWidth > 0"):
            break
        console.wait_for_timeout(25)
    link = console.locator("#cohost-link").input_value()
    assert "/cohost#key=" in link
    return link


def in_first_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_the_console_hands_the_piece_to_a_phone_and_takes_it_back(server, browser, room_db, phone_context, shots):
    code = room.checkin_room(room_db, 4, spoken=1)
    console = open_console(browser, server, code)
    expect(console.locator("#roster li")).to_have_count(4)
    link = make_link(console)
    assert read_qr_on(console.locator("#cohost-qr")) == link, "the QR code is not the co-host link"
    expect(console.locator("#cohost-phones")).to_have_text("No co-host phone is connected.")
    console.screenshot(path=str(shots / "console-cohost-4.png"))

    phone = phone_context().new_page()
    phone.goto(link)
    move_on = phone.get_by_role("button", name="Move the piece on")
    expect(move_on).to_be_visible()
    assert in_first_screen(move_on), "the co-host's next action is below the fold"
    assert "key=" not in phone.url, "the secret stays in the address bar"
    assert move_on.bounding_box()["height"] >= 60 and move_on.bounding_box()["width"] >= 300
    expect(console.locator("#cohost-phones")).to_have_text("1 co-host phone is connected.")
    speaker = console.locator("#now #speaker")
    before = speaker.inner_text()
    expect(phone.locator("#speaker")).to_have_text(before)
    phone.screenshot(path=str(shots / "cohost-checkin-4.png"))

    move_on.click()
    expect(speaker).not_to_have_text(before)
    expect(phone.locator("#speaker")).to_have_text(speaker.inner_text())
    # A reload keeps the phone in (the secret is kept for the tab).
    phone.reload()
    expect(phone.get_by_role("button", name="Pause")).to_be_visible()
    phone.get_by_role("button", name="Pause").click()
    expect(console.locator("#now-state")).to_contain_text("Paused")
    expect(phone.get_by_role("button", name="Resume")).to_be_visible()

    console.once("dialog", lambda d: d.accept())
    console.get_by_role("button", name="Withdraw the co-host link").click()
    expect(phone.locator("#cohost-closed")).to_contain_text("withdrawn this co-host link")
    expect(phone.get_by_role("button", name="Resume")).to_have_count(0)
    expect(console.get_by_role("button", name="Make a co-host link")).to_be_visible()
    phone.reload()
    expect(phone.locator("#cohost-closed")).to_contain_text("does not work any more")
    console.close()


@pytest.mark.parametrize("people", [4, 60])
def test_the_co_host_page_fits_a_phone_in_a_cafe_round(server, browser, room_db, phone_context, shots, people):
    code = room.cafe_room(room_db, people, tables=max(1, people // 5), running=True, cards=10)
    console = open_console(browser, server, code)
    link = make_link(console)
    phone = phone_context().new_page()
    phone.goto(link)
    end = phone.get_by_role("button", name="End round")
    expect(end).to_be_visible()
    expect(phone.locator(".timer")).to_contain_text("left")
    for name in ("End round", "Add 5 minutes", "Pause"):
        assert in_first_screen(phone.get_by_role("button", name=name)), f"{name} is below the fold"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "wider than the phone"
    phone.screenshot(path=str(shots / f"cohost-cafe-{people}.png"))
    phone.get_by_role("button", name="Pause").click()
    expect(console.locator("#now-state")).to_contain_text("is paused")
    expect(phone.locator(".timer")).to_contain_text("Paused")
    console.screenshot(path=str(shots / f"console-cohost-cafe-{people}.png"))
    console.close()
