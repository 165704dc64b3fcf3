"""The console keeps what did not change as it is on the page: the café's plan of tables and its
set-up form while a key press redraws the workspace (at 1,000 people they were most of such a
redraw), each person's line in the room while someone else arrives (bench/console.py --profile);
and shows every change to them at once."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .. import room_support as room
from ..phone_support import facilitator
from ..support import LiveClient, close_all
from .test_console_cockpit import open_console


@pytest.fixture
def server(module_server):
    return module_server


def test_the_plan_and_the_set_up_follow_every_change_while_keys_redraw_the_workspace(server, browser, room_db):
    code = room.cafe_room(room_db, 40, tables=5, running=True, cards=6)
    console = open_console(browser, server, code)
    expect(console.locator("#workspace li.ws-card")).to_have_count(6)
    console.get_by_text("Set up tables and rounds").click()
    console.locator("#theme-name").fill("Access")
    console.locator("#theme-name").press("Enter")
    chip = console.locator("#workspace .ws-target", has_text="Access")
    expect(chip).to_be_visible()
    console.locator("#workspace li.ws-card").first.focus()
    for _ in range(3):
        console.keyboard.press("1")  # each press redraws the console, and again at the server's answer
    expect(chip).to_contain_text("Access (3)")

    other = facilitator(server)
    try:
        snapshot = other.call("console.watch", {"event": code})["snapshot"]
        table = snapshot["activity"]["plan"][0]
        guest = next(m for m in table["members"] if not m["host"])
        # A host chosen on another laptop: the plan shows it.
        assert other.call("cafe.host", {"event": code, "table": table["id"], "participant": guest["id"]})["ok"]
        expect(console.locator(f"#host-{table['id']}-{guest['id']}")).to_have_value(guest["label"])
        expect(console.locator(f"#host-when-{table['id']}")).to_contain_text(f"{guest['label']} hosts from the next round")
        # The set-up saved on another laptop: the form nobody has touched follows it, and so does the plan.
        config = snapshot["activity"]["config"]
        tables = [{"name": t["name"], "capacity": t["capacity"]} for t in config["tables"]]
        tables[1]["name"] = "By the window"
        assert other.call("cafe.setup", {"event": code, "config": {"tables": tables}})["ok"]
        expect(console.get_by_label("Name of table 2")).to_have_value("By the window")
        expect(console.locator("#cafe-console-plan")).to_contain_text("By the window")
    finally:
        other.close()
    # What the facilitator types in the form survives the redraws of the keys.
    console.get_by_label("Name of table 3").fill("Near the tea urn")
    console.locator("#workspace li.ws-card").nth(1).focus()
    console.keyboard.press("1")
    expect(chip).to_contain_text("Access (4)")
    expect(console.get_by_label("Name of table 3")).to_have_value("Near the tea urn")
    # A change made in the form itself (a round added) shows at once, and keeps what was typed.
    console.get_by_role("button", name="Add a round").click()
    expect(console.get_by_label("Question for round 3")).to_be_visible()
    expect(console.get_by_label("Name of table 3")).to_have_value("Near the tea urn")
    console.close()


def test_each_persons_line_in_the_room_follows_them_while_the_others_stay(server, browser, room_db):
    code = room.cafe_room(room_db, 12, tables=3, running=True)
    console = open_console(browser, server, code)
    people = console.locator("#roster li")
    expect(people).to_have_count(12)
    console.evaluate("() => { for (const li of document.querySelectorAll('#roster li')) li.__before = true; }")
    token = server.join(code, "Rhiannon")
    phone = LiveClient(server.url, {"role": "participant", "event": code, "token": token}).connect()
    other = facilitator(server)
    try:
        line = console.locator("#roster li", has_text="Rhiannon").first
        expect(line).to_have_attribute("data-online", "1")
        # Two of one name are told apart in the café's list of names for its fields, in the order they came.
        server.join(code, "Rhiannon")
        options = console.locator("#cafe-people option")
        expect(options).to_have_count(14)
        assert [o for o in options.evaluate_all("(os) => os.map((o) => o.value)") if o.startswith("Rhiannon")] == ["Rhiannon", "Rhiannon (2)"]
        # A new name, then the phone gone: the line says so each time, and the other Rhiannon is the only one.
        assert phone.call("me.update", {"name": "Rhiannon Price", "pronouns": "she/her"})["ok"]
        expect(line).to_contain_text("Rhiannon Price (she/her)")
        expect(console.locator('#cafe-people option[value="Rhiannon (2)"]')).to_have_count(0)
        assert sorted(o for o in options.evaluate_all("(os) => os.map((o) => o.value)") if o.startswith("Rhiannon")) == ["Rhiannon", "Rhiannon Price"]
        phone.close()
        expect(line).to_have_attribute("data-online", "0")
        expect(line).to_contain_text("not connected")
        # A group agreement set on another laptop: everyone's line says who has accepted it.
        assert other.call("event.update", {"event": code, "agreement_text": "We listen without interrupting."})["ok"]
        expect(console.locator("#roster li", has_text="has not accepted the agreement yet")).to_have_count(14)
    finally:
        other.close()
        close_all([phone])
    # The twelve who did not change kept their lines (patched, not rebuilt): an open menu stays open.
    assert console.evaluate("() => [...document.querySelectorAll('#roster li')].filter((li) => li.__before).length") == 12
    console.close()
