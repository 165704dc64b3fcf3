"""Participants own what they said: one button takes all of it back."""
from playwright.sync_api import expect

from tests.support import LiveClient, wait_for


def test_a_person_withdraws_everything_they_posted_from_their_phone(server, phone_context):
    code = server.create_event("Withdrawal")["code"]
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    added = console.call("agenda.add", {"event": code, "kind": "agreements"})
    assert added["ok"], added
    page = phone_context().new_page()
    page.goto(f"{server.url}/j/{code}")
    page.get_by_label("The name you would like to be known by").fill("Amara")
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page.get_by_text("You are in")).to_be_visible()
    assert console.call("agenda.goto", {"event": code, "activity": added["id"]})["ok"]
    box = page.get_by_label("Propose an agreement")
    expect(box).to_be_visible()
    box.fill("We listen without interrupting")
    page.get_by_role("button", name="Propose").click()
    watched = lambda: console.call("console.watch", {"event": code})["snapshot"]["activity"]  # noqa: E731
    wait_for(lambda: "We listen without interrupting" in str(watched()), message="the proposal reaches the console")

    page.get_by_text("You are Amara").click()
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Withdraw everything I posted").click()
    expect(page.get_by_text("everything you posted has been withdrawn")).to_be_visible()
    assert "We listen without interrupting" not in str(watched())
    console.close()
