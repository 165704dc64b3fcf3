"""The roster's per-person menu: remove someone, find them under "Removed" and let them
back in; "Remove and erase" says before it happens that there is no way back."""
from __future__ import annotations

from playwright.sync_api import expect

from .. import room_support as room
from .test_console_cockpit import open_console


def test_a_removed_person_is_let_back_in_from_the_roster(server, browser, room_db, shots):
    code = room.checkin_room(room_db, 4, spoken=1)
    console = open_console(browser, server, code)
    roster = console.locator("#roster li")
    expect(roster).to_have_count(4)
    asked = []

    def answer(dialog, accept=True):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    # "Remove and erase" says there is no way back; dismissed, nothing happens.
    console.once("dialog", lambda d: answer(d, accept=False))
    roster.filter(has_text="Dorota Adeyemi").get_by_text("Actions").click()
    console.get_by_role("button", name="Remove and erase their posts (Dorota Adeyemi)").click()
    assert "cannot be let back in" in asked[-1] and "cannot be undone" in asked[-1]
    expect(roster).to_have_count(4)

    console.once("dialog", answer)
    roster.filter(has_text="Chidi Adeyemi").get_by_text("Actions").click()
    console.get_by_role("button", name="Remove Chidi Adeyemi", exact=True).click()
    assert "let them back in" in asked[-1]
    expect(roster).to_have_count(3)

    console.locator("#roster-filter").select_option("removed")
    expect(roster).to_have_count(1)
    expect(roster).to_contain_text("Chidi Adeyemi")
    roster.first.get_by_text("Actions").click()
    console.screenshot(path=str(shots / "console-removed-4.png"))
    console.get_by_role("button", name="Let back in Chidi Adeyemi").click()
    expect(console.locator("#roster-shown")).to_contain_text("Nobody has been removed.")
    console.locator("#roster-filter").select_option("all")
    expect(roster).to_have_count(4)
    expect(roster.filter(has_text="Chidi Adeyemi")).to_have_count(1)
    console.close()
