"""Whatever people type appears exactly as typed, and never runs as script."""
from playwright.sync_api import expect

NASTY_NAMES = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "\u202eabc\u200f שלום",
    "\"'><svg onload=alert(3)>",
]


def test_names_full_of_html_show_as_typed_and_run_nothing(server, browser, phone_context):
    code = server.create_event("<b>Bold</b> & </title>")["code"]
    dialogs = []
    projector = browser.new_page(viewport={"width": 1280, "height": 720})
    projector.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    projector.goto(server.screen_url(code))
    expect(projector.locator("#screen-title")).to_have_text("<b>Bold</b> & </title>")

    console = browser.new_page(viewport={"width": 1280, "height": 800})
    console.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    console.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
    expect(console.locator("#event-title")).to_have_text("<b>Bold</b> & </title>")

    for name in NASTY_NAMES:
        page = phone_context().new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{server.url}/j/{code}")
        page.get_by_label("The name you would like to be known by").fill(name)
        page.get_by_role("button", name="Join", exact=True).click()
        expect(page.locator(".who")).to_have_text(f"You are {name}")

    names = projector.locator("#names li")
    expect(names).to_have_count(len(NASTY_NAMES))
    assert sorted(names.all_inner_texts()) == sorted(NASTY_NAMES)
    expect(console.locator("#roster")).to_contain_text(NASTY_NAMES[0])
    assert projector.locator("#names img, #names svg, #names script").count() == 0
    assert console.locator("#roster img, #roster svg, #roster script").count() == 0
    assert dialogs == []


NASTY_TEXTS = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "\u202eevil\u200f שלום",
]


def test_cards_proposals_and_check_out_words_full_of_html_show_as_typed_and_run_nothing(server, browser, phone_context):
    from tests.support import LiveClient

    code = server.create_event("Words as typed")["code"]
    desk = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()

    def add(kind, config):
        reply = desk.call("agenda.add", {"event": code, "kind": kind, "config": config})
        assert reply["ok"], reply
        return reply["id"]

    cafe = add("cafe", {"tables": 1, "rounds": [{"question": "What helps?"}], "anyone_can_post": True})
    agreements = add("agreements", {})
    checkout = add("checkout", {"one_word": True})

    dialogs = []

    def watch(page):
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        return page

    projector = watch(browser.new_page(viewport={"width": 1280, "height": 720}))
    projector.goto(server.screen_url(code))
    phones = []
    for n in range(len(NASTY_TEXTS)):
        page = watch(phone_context().new_page())
        page.goto(f"{server.url}/j/{code}")
        page.get_by_label("The name you would like to be known by").fill(f"Person {n + 1}")
        page.get_by_role("button", name="Join", exact=True).click()
        expect(page.locator(".who")).to_have_text(f"You are Person {n + 1}")
        phones.append(page)

    def no_markup(page, where):
        assert page.locator(f"{where} img, {where} svg, {where} script").count() == 0, where

    def shows_every_text_as_typed(page, items, where):
        shown = page.locator(f"{where} {items}")
        expect(shown).to_have_count(len(NASTY_TEXTS))
        assert sorted(shown.all_inner_texts()) == sorted(NASTY_TEXTS)
        no_markup(page, where)

    # A card from each phone: on its own phone and on the big screen, as typed.
    assert desk.call("agenda.goto", {"event": code, "activity": cafe})["ok"]
    assert desk.call("cafe.round.start", {"event": code})["ok"]
    for page, text in zip(phones, NASTY_TEXTS):
        page.get_by_label("Add an insight from this table").fill(text)
        page.get_by_role("button", name="Add card").click()
        expect(page.locator("#card-status")).to_have_text("Saved ✓")
    for page in phones:
        shows_every_text_as_typed(page, ".card-text", "#table-cards")
    shows_every_text_as_typed(projector, ".card-text", "#board")

    # An agreement proposal from each phone.
    assert desk.call("agenda.goto", {"event": code, "activity": agreements})["ok"]
    for page, text in zip(phones, NASTY_TEXTS):
        page.get_by_label("Propose an agreement").fill(text)
        page.get_by_role("button", name="Propose").click()
        expect(page.locator("#proposal-status")).to_have_text("Proposed.")
        expect(page.locator(".my-proposals li")).to_have_text(f"{text} · waiting")
        no_markup(page, ".my-proposals")
    shows_every_text_as_typed(projector, "li", "#proposals")

    # A check-out word from each phone: in the phone's box and in the screen's word cloud.
    assert desk.call("agenda.goto", {"event": code, "activity": checkout})["ok"]
    for page, text in zip(phones, NASTY_TEXTS):
        page.get_by_label("One word or a short phrase for how you leave").fill(text)
        page.get_by_role("button", name="Send my word").click()
        expect(page.get_by_role("status").filter(has_text="Your word is on the screen.")).to_be_visible()
        expect(page.locator("#one-word")).to_have_value(text)
    shows_every_text_as_typed(projector, ".cloud-word", "#word-cloud")

    assert dialogs == []
    desk.close()
