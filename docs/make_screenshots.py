"""Make the README's screenshots: a real server, a console, a big screen and a phone.

    .venv/bin/python docs/make_screenshots.py

Writes docs/img/console.png, docs/img/screen.png and docs/img/phone.png, and the
big screen at 1920x1080 in each moment of an event with 60 people (4 for the
small check-in): docs/img/screen-*.png.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from facilitator.db import Database  # noqa: E402
from tests import room_support as room  # noqa: E402
from tests.support import ServerProcess  # noqa: E402

# The big screen in each moment, built straight into the server's database.
MOMENTS = {
    "screen-checkin-4": lambda db: room.checkin_room(db, 4, spoken=1),
    "screen-checkin-60": lambda db: room.checkin_room(db, 60),
    "screen-cafe-seated-60": lambda db: room.cafe_room(db, 60, tables=12, running=False),
    "screen-cafe-round-60": lambda db: room.cafe_room(db, 60, tables=12, running=True, cards=42),
    "screen-checkout-60": lambda db: room.checkout_room(db, 60),
    "screen-agreements-60": lambda db: room.agreements_room(db, 60, accepted=8, proposed=12),
}


def big_screen_moments(browser, server) -> None:
    db = Database(f"sqlite:///{server.data_dir / 'facilitator.sqlite3'}")
    try:
        for name, make in MOMENTS.items():
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(server.screen_url(make(db)))
            expect(page.locator("#activity > *").first).to_be_visible()
            page.wait_for_timeout(300)  # the fit-and-page layout runs once the activity is drawn
            page.screenshot(path=str(OUT / f"{name}.png"))
            page.close()
    finally:
        db.dispose()

OUT = ROOT / "docs" / "img"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        # Bound to every interface, as `facilitator run` is by default, so the
        # big screen shows the LAN join address phones use, not 127.0.0.1.
        server = ServerProcess(Path(tmp) / "data", extra_args=("--host", "0.0.0.0")).start()
        try:
            code = server.create_event(
                "Whitfield health gathering",
                purpose="What helps us feel in control of our health?",
                welcome="Tea and coffee are at the back. Find a seat in the circle.",
            )["code"]
            for name in ("Amara", "Bao", "Chidi", "Dorota", "Eilidh", "فاطمة"):
                server.join(code, name)
            server.join(code, None)
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path="/usr/bin/chromium",
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
                )
                screen = browser.new_page(viewport={"width": 1280, "height": 720})
                screen.goto(server.screen_url(code))
                expect(screen.locator("#count")).to_have_text("7")
                screen.screenshot(path=str(OUT / "screen.png"))

                # The console as a laptop shows it, one screen: a check-in of 60 under way.
                db = Database(f"sqlite:///{server.data_dir / 'facilitator.sqlite3'}")
                checkin = room.checkin_room(db, 60)
                db.dispose()
                console = browser.new_page(viewport={"width": 1366, "height": 768})
                console.goto(f"{server.url}/console?event={checkin}#key={server.console_secret}")
                expect(console.locator("#roster li")).to_have_count(60)
                # The check-in's own controls load as a module of their own: wait for them too.
                expect(console.get_by_text("Holding the talking piece")).to_be_visible()
                console.screenshot(path=str(OUT / "console.png"))

                phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True).new_page()
                phone.goto(f"{server.url}/j/{code}")
                phone.get_by_label("The name you would like to be known by").fill("Sam")
                phone.get_by_label("Pronouns").fill("they/them")
                phone.get_by_role("button", name="Join", exact=True).click()
                expect(phone.get_by_text("You are in")).to_be_visible()
                phone.screenshot(path=str(OUT / "phone.png"))
                big_screen_moments(browser, server)
                browser.close()
        finally:
            server.stop()
    print("wrote", ", ".join(str(p.relative_to(ROOT)) for p in sorted(OUT.glob("*.png"))))


if __name__ == "__main__":
    main()
