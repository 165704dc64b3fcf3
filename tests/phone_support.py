"""Helpers for the phone tests in Chromium: the facilitator, people in the room, joining, a Wi-Fi drop."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.support import LiveClient


def facilitator(server) -> LiveClient:
    return LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()


def present(server, code, name) -> LiveClient:
    """Someone in the room whose phone is connected (the piece only goes to people who are here)."""
    token = server.join(code, name)
    return LiveClient(server.url, {"role": "participant", "event": code}, headers={"Cookie": f"fc_p_{code}={token}"}).connect()


def join(page, server, code, name):
    page.goto(f"{server.url}/j/{code}")
    page.get_by_label("The name you would like to be known by").fill(name)
    page.get_by_role("button", name="Join", exact=True).click()


def reconnect(page):
    """The Wi-Fi drops and comes back: the phone gets a fresh snapshot."""
    page.context.set_offline(True)
    expect(page.locator("#status")).to_have_text("Reconnecting…")
    page.context.set_offline(False)
    expect(page.locator("#status")).to_have_text("Connected", timeout=15_000)
