"""The console's harvest panel in Chromium: a download with names, a retention date, deleting the event."""
from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from playwright.sync_api import expect
from sqlalchemy import func, select

from facilitator.db import Database
from facilitator.core import events
from facilitator.core.models import Event

from ..erasure_support import traces
from ..exports.support import ANON_CARD, HTMLISH, NAMED, PRIVATE_PLEDGE, QUOTED, harvested_event
from ..support import wait_for


def test_the_organiser_downloads_with_names_keeps_the_record_a_while_then_deletes_it(server, browser):
    db = Database(f"sqlite:///{server.data_dir / 'facilitator.sqlite3'}")
    harvest = harvested_event(db)  # written beside the running server, as another program could
    console = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    console.goto(f"{server.url}/console#key={server.console_secret}")
    console.get_by_role("button", name="Santé & «Ensemble» <gathering>").click()
    panel = console.locator("#console-exports")
    expect(panel.get_by_role("heading", name="Harvest: take it home")).to_be_visible()

    # A report with the names of those who chose to be named, in their own scripts.
    panel.get_by_label("Name the authors who chose to be named").check()
    with console.expect_download() as download:
        panel.get_by_role("link", name="Report (HTML, prints to PDF)").click()
    report = open(download.value.path(), encoding="utf-8").read()
    for name in NAMED.values():
        assert name in report, name
    assert "on behalf of <span dir=\"auto\">Gwen</span>" in report
    assert "&lt;script&gt;" in report and PRIVATE_PLEDGE not in report

    # Kept for a month, then erased automatically.
    day = (date.today() + timedelta(days=30)).isoformat()
    panel.get_by_label("Keep the record through").fill(day)
    panel.get_by_role("button", name="Set", exact=True).click()
    expect(panel.locator("#retain-line")).to_have_text(f"Kept through {day} (UTC), then erased automatically.")
    with db.read_scope() as s:
        kept = events.get_by_code(s, harvest.code).retain_until
    assert kept is not None and kept.date() == date.fromisoformat(day) + timedelta(days=1)

    # Deleting asks for the event's code first, then for a last confirmation.
    panel.get_by_text("Delete this event", exact=True).click()
    erase = panel.get_by_role("button", name="Delete this event and everything in it")
    confirm = panel.get_by_label("Type the event code")
    expect(erase).to_be_disabled()
    confirm.fill("ABCD-EFGH")
    expect(erase).to_be_disabled()
    confirm.fill(f"{harvest.code[:4].lower()}-{harvest.code[4:].lower()}")
    expect(erase).to_be_enabled()
    asked, accept = [], []
    # One handler for every dialog, for the whole page's life: a dialog that found no
    # handler (a "once" already spent) left the page unable to close at times.
    console.on("dialog", lambda d: (asked.append(d.message), d.accept() if accept else d.dismiss()))
    erase.click()
    # Playwright delivers the dialog event during its own calls: ask the page
    # something while polling, or the handler may never run.
    wait_for(lambda: console.evaluate("1") and asked, message="the last confirmation")
    with db.read_scope() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == 1, "dismissed: nothing was deleted"
    accept.append(True)
    erase.click()
    # The console goes back to its list of events (a navigation): closing the page while
    # it navigated hung Chromium at times.
    console.wait_for_url(f"{server.url}/console")
    expect(console.get_by_text("No events yet: create one below.")).to_be_visible()
    with db.read_scope() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == 0
    db.dispose()
    files = SimpleNamespace(data_dir=server.data_dir)
    wait_for(lambda: traces(files, [QUOTED, HTMLISH, ANON_CARD, NAMED["amara"]]) == {}, timeout=15,
             message="the deleted text to leave the database files")
    console.close()
