"""The cockpit at 60 and 200 people in every moment of an event, at a laptop's 1366x768: the now
panel's next action is on the first screen and the page stays under two screens tall."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import room_support as room

LAPTOP = {"width": 1366, "height": 768}

MOMENTS = {
    # moment: (the room, the now panel's next action)
    "check-in": (lambda db, people: room.checkin_room(db, people), "Move the piece on"),
    "café seated": (lambda db, people: room.cafe_room(db, people, tables=people // 5, running=False), "Start round"),
    "café round": (lambda db, people: room.cafe_room(db, people, tables=people // 5, running=True, cards=60), "End round"),
    "harvest": (lambda db, people: room.cafe_room(db, people, tables=people // 5, running=True, cards=60, harvest=True), "Open a dot vote"),
    "check-out": (lambda db, people: room.checkout_room(db, people), "Start the round"),
    "agreements": (lambda db, people: room.agreements_room(db, people, accepted=8, proposed=30), "Add agreement"),
    # A welcome and the questions have no action of their own: the next one is moving on.
    "welcome": (lambda db, people: room.consultation_room(db, people, at="welcome"), re.compile(r"^Next: Introductions")),
    "questions": (lambda db, people: room.consultation_room(db, people, at="questions"), re.compile(r"^Next: Consultation round")),
    "consultation": (lambda db, people: room.consultation_room(db, people, at="consultation"), "Start the round"),
    "goals": (lambda db, people: room.consultation_room(db, people, at="goals"), "Start the round"),
}


@pytest.mark.parametrize("people", [60, 200])
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_the_next_action_is_on_the_first_screen_at_60_and_200_people(browser, room_server, moment, people, tmp_path):
    server, db = room_server
    build, action = MOMENTS[moment]
    code = build(db, people)
    page = browser.new_page(viewport=LAPTOP)
    try:
        page.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
        expect(page.locator("#roster li")).to_have_count(people)
        button = page.locator("#now, #now-next").get_by_role("button", name=action, exact=isinstance(action, str))
        expect(button).to_be_visible()
        box = button.bounding_box()
        height = page.evaluate("document.documentElement.scrollHeight")
        print(f"{moment} at {people}: '{button.inner_text()}' at y={box['y']:.0f}-{box['y'] + box['height']:.0f}, page {height} px")
        assert page.evaluate("window.scrollY") == 0
        assert box["y"] >= 0 and box["y"] + box["height"] <= LAPTOP["height"], f"{button.inner_text()} is below the fold"
        assert height < 2 * LAPTOP["height"], f"the page is {height} px tall"
        page.screenshot(path=str(Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path) / f"console-{people}-{moment}.png"))
    finally:
        page.close()
