""""Suggest themes" in the console's harvest, in Chromium at 1366x768 with 60 cards: asked, a group
renamed and accepted, one discarded and one added to a theme, from the keyboard alone where it
matters; nothing changes a card before acceptance, and nothing in the panel is clipped or tiny."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from facilitator.db import Database
from facilitator.core import agenda, events
from facilitator.activities.board.models import Card, Theme, ThemeSuggestion
from tests import room_support as room
from tests.support import wait_for

EVALUATION = json.loads((Path(__file__).resolve().parents[1] / "data" / "harvest_cards.json").read_text("utf-8"))["cards"]
# Sixty cards from every theme of the evaluation set, English and Welsh.
TEXTS = [c["text"] for c in EVALUATION[::5]][:60]

PROBLEMS = """
() => {
  const problems = [];
  const root = document.querySelector('#suggest');
  for (const el of root.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own && !['INPUT', 'BUTTON', 'SELECT'].includes(el.tagName)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (el.closest('.visually-hidden')) continue;
    const name = `${el.tagName.toLowerCase()}.${el.className} "${(el.value || el.textContent).trim().slice(0, 40)}"`;
    if (parseFloat(getComputedStyle(el).fontSize) < 13) problems.push(`tiny: ${name}`);
    if (r.left < -1 || r.right > window.innerWidth + 1) problems.push(`outside the window: ${name}`);
    if (el.tagName !== 'SELECT' && el.tagName !== 'INPUT' && el.scrollWidth > el.clientWidth + 1
        && getComputedStyle(el).overflowX !== 'visible') problems.push(`cut off: ${name}`);
    for (let up = el.parentElement; up && up !== root.parentElement; up = up.parentElement) {
      if (getComputedStyle(up).overflowX === 'visible') continue;
      const box = up.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1) problems.push(`clipped by ${up.className}: ${name}`);
    }
  }
  const boxes = [...root.querySelectorAll('li.suggest-group')].map((el) => el.getBoundingClientRect());
  boxes.forEach((r, i) => boxes.slice(i + 1).forEach((q) => {
    if (r.left < q.right - 1 && q.left < r.right - 1 && r.top < q.bottom - 1 && q.top < r.bottom - 1) problems.push('groups overlap');
  }));
  return problems;
}
"""


@pytest.fixture
def harvest(server, browser):
    """A café's 60 cards on the board, the event moved on to its harvest, the console open at 1366x768."""
    db = Database(f"sqlite:///{server.data_dir / 'facilitator.sqlite3'}")
    code = room.cafe_room(db, 60, tables=12, running=True, cards=len(TEXTS))
    with db.session_scope() as s:
        for row, text in zip(s.scalars(select(Card).order_by(Card.id)), TEXTS):
            row.text = text
        event = events.get_by_code(s, code)
        act = agenda.add_activity(s, event, "harvest")
        s.flush()
        agenda.go_to(s, event, act.id)
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
    expect(page.locator("#workspace li.ws-card")).to_have_count(len(TEXTS))
    yield page
    page.close()
    db.dispose()


def board(server):
    """Every card's text and theme name, in order."""
    themes = dict(zip(server.scalars(select(Theme.id).order_by(Theme.id)), server.scalars(select(Theme.name).order_by(Theme.id))))
    texts = server.scalars(select(Card.text).order_by(Card.id))
    return list(zip(texts, [themes.get(t) for t in server.scalars(select(Card.theme_id).order_by(Card.id))]))


def group_cards(page, index):
    item = page.locator("#suggest li.suggest-group").nth(index)
    return item.locator(".suggest-card span.pre").all_text_contents()


def test_suggested_themes_are_accepted_renamed_discarded_and_added_from_the_console(server, harvest, tmp_path):
    page = harvest
    # $SCREENSHOTS_DIR to keep them and look (docs/img/console-suggest-60.png came from here), else the test's folder.
    shots = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    before = board(server)
    assert all(theme is None for _, theme in before)
    # From the keyboard: to the button, Enter.
    page.locator("#suggest-ask").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#suggest-status")).to_contain_text("groups suggested", timeout=15000)
    groups = page.locator("#suggest li.suggest-group")
    count = groups.count()
    assert count >= 4
    assert board(server) == before, "proposing changed no card"
    assert page.evaluate(PROBLEMS) == []
    page.locator("#suggest").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "console-suggest-60.png"))

    # Group 1, from the keyboard: a new name typed, Tab to "Accept as new theme", Enter.
    first = group_cards(page, 0)
    name = page.locator("#suggest li.suggest-group").nth(0).locator(".suggest-name")
    name.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Getting about")
    page.keyboard.press("Tab")  # into the first card's box: untick it, it stays on the board
    page.keyboard.press("Space")
    left_out = first[0]
    while not page.evaluate("() => document.activeElement.textContent === 'Accept as new theme'"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    wait_for(lambda: "Getting about" in [t for _, t in board(server)], message="the accepted theme")
    themed = {text for text, theme in board(server) if theme == "Getting about"}
    assert themed == set(first) - {left_out}
    expect(groups).to_have_count(count - 1)
    # The keyboard went on to the next group's name.
    assert page.evaluate("() => document.activeElement.classList.contains('suggest-name')")

    # Discarded from the keyboard: Tab to "Discard", Enter. Remembered, and no card moved.
    second = group_cards(page, 0)
    while not page.evaluate("() => document.activeElement.textContent === 'Discard'"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(groups).to_have_count(count - 2)
    wait_for(lambda: server.scalars(select(ThemeSuggestion.status).where(ThemeSuggestion.status == "rejected")) == ["rejected"],
             message="the discarded group remembered")
    assert all(theme is None for text, theme in board(server) if text in second)

    # Added to the theme already on the board, with the mouse.
    third = group_cards(page, 0)
    item = page.locator("#suggest li.suggest-group").nth(0)
    item.locator("select.suggest-theme").select_option(label="Getting about")
    item.get_by_role("button", name="Add to theme").click()
    wait_for(lambda: {t for _, t in board(server) if _ in third} == {"Getting about"}, message="the group added to the theme")
    expect(groups).to_have_count(count - 3)

    # Asked again: the discarded group does not come back.
    page.locator("#suggest-ask").click()
    expect(page.locator("#suggest-ask")).to_have_text("Suggest again", timeout=15000)
    again = [set(page.locator("#suggest li.suggest-group").nth(i).locator(".suggest-card span.pre").all_text_contents())
             for i in range(groups.count())]
    assert set(second) not in again
    assert page.evaluate(PROBLEMS) == []
