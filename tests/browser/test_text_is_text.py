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
    projector.goto(f"{server.url}/e/{code}/screen")
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
