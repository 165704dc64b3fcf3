"""The console as a cockpit at a laptop's 1366x768: the next action in sight at any
room size, the roster in its own scrolling box, a first run that lands on the
new event, a big screen window for the projector, and the event list's count."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from facilitator.db import Database

from .. import room_support as room

LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture(scope="module")
def rooms(module_server):
    """The module's server for the tests that look at a room written into its database (each its
    own event, as in test_console_every_moment.py), and that database. The tests of a first run,
    of the event list and of events made by title keep a server of their own."""
    db = Database(f"sqlite:///{module_server.data_dir / 'facilitator.sqlite3'}")
    yield module_server, db
    db.dispose()


def open_console(browser, server, code=None, **options):
    page = browser.new_page(viewport=LAPTOP, **options)
    query = f"?event={code}" if code else ""
    page.goto(f"{server.url}/console{query}#key={server.console_secret}")
    return page


def in_first_screen(page, locator) -> bool:
    box = locator.bounding_box()
    scrolled = page.evaluate("window.scrollY")
    return box is not None and scrolled == 0 and box["y"] >= 0 and box["y"] + box["height"] <= LAPTOP["height"]


@pytest.mark.parametrize("people", [60, 200])
@pytest.mark.parametrize("moment", ["checkin", "cafe"])
def test_the_next_action_is_in_sight_and_the_page_stays_short_at_any_room_size(rooms, browser, people, moment):
    server, room_db = rooms
    if moment == "checkin":
        code, primary = room.checkin_room(room_db, people), "Move the piece on"
    else:
        code, primary = room.cafe_room(room_db, people, tables=people // 5, running=True, cards=20), "End round"
    console = open_console(browser, server, code)
    roster = console.locator("#roster")
    expect(roster.locator("li")).to_have_count(people)
    action = console.locator("#now").get_by_role("button", name=primary, exact=True)
    expect(action).to_be_visible()
    assert in_first_screen(console, action), "the now panel's primary action is below the fold"
    # It is the first action of the now panel, and the page is under two screens tall: the roster scrolls in its own box.
    first = console.locator("#now button:visible").evaluate_all(
        "buttons => buttons.map(b => [b.textContent, b.getBoundingClientRect().top, b.getBoundingClientRect().left])")
    assert min(first, key=lambda b: (round(b[1]), b[2]))[0] == primary
    assert console.evaluate("document.documentElement.scrollHeight") < 2 * LAPTOP["height"]
    assert roster.evaluate("el => el.scrollHeight > el.clientHeight + 50"), "the roster should scroll inside its panel"
    counts = console.locator("#room-counts")
    expect(counts).to_contain_text(f"Joined{people}")
    # Plain words for the activity, never its code.
    expect(console.locator("#now-title")).to_contain_text("Check-in circle" if moment == "checkin" else "World café")
    expect(console.locator("#agenda-box")).not_to_contain_text(f"({moment})")
    console.close()


def test_roster_search_finds_a_person_by_part_of_their_name(rooms, browser):
    server, room_db = rooms
    code = room.checkin_room(room_db, 60)
    console = open_console(browser, server, code)
    people = console.locator("#roster li")
    expect(people).to_have_count(60)
    console.get_by_label("Find a person").fill("wojciech bev")
    expect(people).to_have_count(1)
    expect(people).to_contain_text("Wojciech Bevan")
    # Case and accents do not matter: "sian" finds "Siân".
    console.get_by_label("Find a person").fill("sian")
    expect(people).to_have_count(2)
    for name in people.all_inner_texts():
        assert "Siân" in name
    console.get_by_label("Find a person").fill("")
    expect(people).to_have_count(60)
    # Each person's actions are in a menu, named for the person, beginning with the words shown.
    people.first.get_by_text("Actions").click()
    expect(console.get_by_role("button", name="Remove Amara Adeyemi", exact=True)).to_be_visible()
    expect(console.get_by_role("button", name="Remove and erase their posts (Amara Adeyemi)", exact=True)).to_be_visible()
    console.close()


def test_the_event_list_counts_the_people_who_join(server, browser):
    code = server.create_event("Spring gathering")["code"]
    console = open_console(browser, server, code)
    listed = console.locator("#event-list li", has_text="Spring gathering")
    expect(listed).to_contain_text("0 people")
    for name in ("Amara", "Bao", "Chidi", "Dorota"):
        server.join(code, name)
    expect(console.locator("#roster li")).to_have_count(4)
    expect(listed).to_contain_text("4 people")
    console.close()


def test_a_first_run_teaches_and_creating_an_event_lands_on_it(server, browser):
    console = open_console(browser, server)
    expect(console.locator("#first-steps")).to_be_visible()
    expect(console.locator("#first-steps")).to_contain_text("Create your event")
    create = console.get_by_role("button", name="Create event")
    expect(create).to_be_visible()
    assert in_first_screen(console, create), "the Create button is below the fold on a first run"
    console.get_by_label("Agenda").select_option("community-gathering")
    console.get_by_label("Title", exact=True).fill("Autumn gathering")
    create.click()
    expect(console.locator("#event-title")).to_have_text("Autumn gathering")
    expect(console.locator("#event-title")).to_be_focused()
    assert console.evaluate("window.scrollY") == 0
    agenda = console.locator("#agenda-box .agenda")
    expect(agenda).to_contain_text("Check-in circle")
    assert not re.search(r"\((welcome|checkin|agreements|cafe|harvest|checkout)\)", agenda.inner_text())
    expect(console.locator("#first-steps")).to_be_hidden()
    console.close()


def test_the_big_screen_opens_in_a_window_of_its_own_for_the_projector(server, browser):
    code = server.create_event("Spring gathering")["code"]
    context = browser.new_context(viewport=LAPTOP)
    # What the page asked the browser for: a separate, sized window.
    context.add_init_script("""
      const open = window.open;
      window.openedWith = [];
      window.open = function (...args) { window.openedWith.push(args); return open.apply(this, args); };
    """)
    console = context.new_page()
    console.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
    expect(console.get_by_text("drag it to the projector")).to_be_visible()
    with context.expect_page() as opened:
        console.get_by_role("link", name="Put the big screen on the projector").click()
    projector = opened.value
    expect(projector.locator("#screen-title")).to_have_text("Spring gathering")
    (url, name, features), = console.evaluate("window.openedWith")
    assert "/screen#key=" in url and name
    assert re.search(r"popup", features) and re.search(r"width=\d+", features) and re.search(r"height=\d+", features)
    expect(console.locator("#screens-count")).to_have_text("1 big screen showing this event:")
    context.close()


def test_every_control_named_for_a_reader_says_the_words_it_shows(rooms, browser):
    """A control's accessible name contains its visible words (WCAG 2.5.3), so a
    person using voice control can say what they see: "Remove and erase"."""
    server, room_db = rooms
    code = room.checkin_room(room_db, 4, spoken=1)
    console = open_console(browser, server, code)
    expect(console.locator("#roster li")).to_have_count(4)
    console.locator("#roster li").first.get_by_text("Actions").click()
    mismatched = console.evaluate("""() => [...document.querySelectorAll('[aria-label]')]
      .filter((el) => el.checkVisibility())
      .map((el) => [el.getAttribute('aria-label'), el.innerText.trim()])
      .filter(([name, shown]) => /\\p{L}/u.test(shown) && !name.toLowerCase().includes(shown.toLowerCase()))""")
    assert mismatched == []
    console.close()


def test_an_activity_removed_before_anyone_took_part_can_be_put_back(server, browser):
    code = server.create_event("Spring gathering", template="community-gathering")["code"]
    console = open_console(browser, server, code)
    agenda = console.locator("#agenda-box .agenda > li .agenda-title")
    expect(agenda).to_have_count(6)
    before = agenda.all_inner_texts()
    console.get_by_role("button", name="Remove Our working agreements").click()
    expect(agenda).to_have_count(5)
    expect(console.locator("#undo-line")).to_contain_text("Removed Our working agreements.")
    console.get_by_role("button", name="Undo").click()
    expect(agenda).to_have_count(6)
    assert agenda.all_inner_texts() == before
    expect(console.locator("#undo-line")).to_be_empty()
    console.close()
