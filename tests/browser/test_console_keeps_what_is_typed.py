"""The console's panels are patched, not rebuilt: what the facilitator is typing survives
every live update (a theme made on another laptop, a proposal from a phone, someone joining)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .. import room_support as room
from ..phone_support import facilitator
from .test_console_cockpit import open_console


@pytest.fixture
def server(module_server):
    """The module's one server: each test builds a room of its own and opens the console on it."""
    return module_server


def test_the_votes_dots_each_keeps_what_is_typed_when_the_board_changes(server, browser, room_db):
    code = room.cafe_room(room_db, 8, tables=2, running=True, cards=6, harvest=True)
    console = open_console(browser, server, code)
    dots = console.get_by_label("Dots each")
    expect(dots).to_be_visible()
    dots.fill("7")
    dots.focus()
    other = facilitator(server)
    try:
        assert other.call("theme.create", {"event": code, "name": "Getting there"})["ok"]
        expect(console.locator("#workspace")).to_contain_text("Getting there")
        expect(dots).to_have_value("7")
        expect(dots).to_be_focused()
        # The switch follows the saved setting, whoever saved it.
        assert other.call("agenda.update", {"event": code, "activity": _current(other, code),
                                            "config": {"live_totals": True}})["ok"]
        expect(console.locator("#live-totals")).to_be_checked()
        expect(dots).to_have_value("7")
        console.get_by_role("button", name="Open a dot vote").click()
        expect(console.locator("#vote-close")).to_be_visible()
        assert other.call("console.watch", {"event": code})["snapshot"]["activity"]["vote"]["dots"] == 7
    finally:
        other.close()
    console.close()


def _current(client, code) -> int:
    return client.call("console.watch", {"event": code})["snapshot"]["current"]


def test_a_title_typed_in_the_run_of_show_and_an_agreement_survive_live_updates(server, browser, room_db):
    code = room.agreements_room(room_db, 4, accepted=1, proposed=1)
    console = open_console(browser, server, code)
    title = console.get_by_label("Title of the new activity")
    title.fill("Tea and biscuits")
    add = console.get_by_label("An agreement the group has made")
    add.fill("We start on time")
    add.focus()
    before = console.locator(".agreement-list li").count()
    phone = facilitator(server)
    try:
        token = server.join(code, "Late Arrival")
        assert token
        expect(console.locator("#roster li")).to_have_count(5)
        assert phone.call("agreements.add", {"event": code, "text": "Phones on silent"})["ok"]
        expect(console.locator(".agreement-list li")).to_have_count(before + 1)
    finally:
        phone.close()
    expect(title).to_have_value("Tea and biscuits")
    expect(add).to_have_value("We start on time")
    expect(add).to_be_focused()
    console.get_by_role("button", name="Add agreement").click()
    expect(console.locator(".agreement-list li")).to_have_count(before + 2)
    expect(add).to_have_value("")
    console.get_by_role("button", name="Add to agenda").click()
    expect(console.locator("#agenda-box .agenda")).to_contain_text("Tea and biscuits")
    expect(title).to_have_value("")
    console.close()
