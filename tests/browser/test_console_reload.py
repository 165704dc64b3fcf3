"""The console survives a reload mid-activity with nothing lost: the same event, the
same moment of the activity, and what the facilitator had typed and not yet saved."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .. import room_support as room
from .test_console_cockpit import open_console


@pytest.fixture
def server(module_server):
    """The module's one server: each test builds a room of its own and opens the console on it."""
    return module_server


def test_a_reload_mid_check_in_keeps_the_round_and_what_was_typed(server, browser, room_db):
    code = room.checkin_room(room_db, 4, spoken=1)
    console = open_console(browser, server, code)
    expect(console.locator("#roster li")).to_have_count(4)
    speaker = console.locator("#now #speaker").inner_text()
    console.get_by_text("Settings: prompt, silence, time, order, closings").click()
    prompt = console.locator("#now textarea[name=prompt]")
    prompt.fill("What are you carrying in with you today?")
    console.locator("#add-name").fill("Nell Evans")
    console.get_by_label("Find a person").fill("bao")
    expect(console.locator("#roster li")).to_have_count(1)

    console.reload()
    expect(console.locator("#event-title")).to_have_text("Whitfield health gathering")
    expect(console.locator("#now #speaker")).to_have_text(speaker)
    expect(console.locator("#now-state")).to_contain_text("The talking piece is going round.")
    expect(console.locator("#now textarea[name=prompt]")).to_have_value("What are you carrying in with you today?")
    expect(console.locator("#now textarea[name=prompt]")).to_be_visible()
    expect(console.locator("#add-name")).to_have_value("Nell Evans")
    expect(console.get_by_label("Find a person")).to_have_value("bao")
    expect(console.locator("#roster li")).to_have_count(1)
    # A live update after the reload keeps it too, and saving it forgets the draft.
    console.get_by_role("button", name="Move the piece on").click()
    expect(console.locator("#now #speaker")).not_to_have_text(speaker)
    expect(console.locator("#now textarea[name=prompt]")).to_have_value("What are you carrying in with you today?")
    console.get_by_role("button", name="Save settings").click()
    expect(console.locator("#now")).to_contain_text("Saved.")
    console.locator("#add-name").press("Enter")
    expect(console.get_by_label("Find a person")).to_have_value("bao")
    console.get_by_label("Find a person").fill("")
    expect(console.locator("#roster li")).to_have_count(5)
    console.reload()
    expect(console.locator("#roster li")).to_have_count(5)
    expect(console.locator("#add-name")).to_have_value("")
    expect(console.locator("#now")).to_contain_text("What are you carrying in with you today?")
    console.close()


def test_a_reload_mid_cafe_round_keeps_the_round_and_the_set_up_being_edited(server, browser, room_db):
    code = room.cafe_room(room_db, 12, tables=3, running=True, cards=6)
    console = open_console(browser, server, code)
    expect(console.locator("#now-state")).to_contain_text("Round 1 of 2 is under way.")
    console.get_by_text("Set up tables and rounds").click()
    question = console.get_by_label("Question for round 2")
    question.fill("Who else should be at these tables next time?")
    timer = console.locator("#now .timer")
    expect(timer).to_contain_text("left")

    console.reload()
    expect(console.locator("#now-state")).to_contain_text("Round 1 of 2 is under way.")
    expect(console.locator("#now .timer")).to_contain_text("left")
    expect(console.get_by_label("Question for round 2")).to_be_visible()
    expect(console.get_by_label("Question for round 2")).to_have_value("Who else should be at these tables next time?")
    # The café's own form knows it is being edited: a live update does not put the saved question back.
    console.get_by_role("button", name="Pause", exact=True).click()
    expect(console.locator("#now-state")).to_contain_text("is paused")
    expect(console.get_by_label("Question for round 2")).to_have_value("Who else should be at these tables next time?")
    console.close()
