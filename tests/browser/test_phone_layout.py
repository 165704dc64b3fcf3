"""The phone pages at 360 px: nothing scrolls sideways, every tap target is big
enough for a thumb, and every control has a name a screen reader can say."""
from playwright.sync_api import expect

PHONE_WIDTH = 360
MIN_TAP = 44  # px: WCAG 2.5.5's target size, and Apple's and Google's guidance

# Each visible control, its height as a thumb meets it (a checkbox is tapped
# through its label), and the name assistive technology announces.
CONTROLS_JS = """
() => [...document.querySelectorAll('input, select, textarea, button, summary, a.button')]
  .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
  .map((el) => {
    const byIds = (ids) => (ids || '').split(/\\s+/).map((id) => document.getElementById(id))
      .filter(Boolean).map((n) => n.textContent).join(' ');
    const labels = el.labels ? [...el.labels].map((l) => l.textContent).join(' ') : '';
    const own = ['BUTTON', 'SUMMARY', 'A'].includes(el.tagName) ? el.textContent : '';
    const name = (el.getAttribute('aria-label') || byIds(el.getAttribute('aria-labelledby')) || labels || own).trim();
    const tapped = ['checkbox', 'radio'].includes(el.type) && el.closest('label') ? el.closest('label') : el;
    return {
      what: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.type ? '[' + el.type + ']' : ''} "${name}"`,
      name,
      height: tapped.getBoundingClientRect().height,
    };
  })
"""


def _check_phone_page(page, where: str) -> list[dict]:
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= PHONE_WIDTH, f"{where}: the page scrolls sideways ({widths[0]} px wide at {PHONE_WIDTH} px)"
    controls = page.evaluate(CONTROLS_JS)
    assert controls, f"{where}: no controls found"
    small = [f"{c['what']}: {c['height']:.0f} px" for c in controls if c["height"] < MIN_TAP]
    assert small == [], f"{where}: tap targets under {MIN_TAP} px high: {small}"
    unnamed = [c["what"] for c in controls if not c["name"]]
    assert unnamed == [], f"{where}: controls without an accessible name: {unnamed}"
    return controls


def test_the_join_page_and_the_waiting_page_fit_a_360_px_phone(server, phone_context):
    code = server.create_event(
        "Our neighbourhood's spring health gathering", agreement="What is said here stays here."
    )["code"]
    page = phone_context().new_page()
    assert page.viewport_size["width"] == PHONE_WIDTH
    page.goto(f"{server.url}/j/{code}")
    expect(page.get_by_label("The name you would like to be known by")).to_be_visible()
    joining = _check_phone_page(page, "join page")
    assert {"input#name[text]", "input#pronouns[text]", "input#agreed[checkbox]"} <= {
        c["what"].split(" ", 1)[0] for c in joining
    }

    # A long name with no place to break must wrap, not push the page sideways.
    page.get_by_label("The name you would like to be known by").fill("Maximiliana-Wolfeschlegelsteinhausenberger")
    page.get_by_label("I accept this agreement").check()
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page.get_by_text("You are Maximiliana")).to_be_visible()
    _check_phone_page(page, "waiting page")

    page.get_by_text("change").click()  # the panel to rename, be anonymous or withdraw
    expect(page.locator("#rename-pronouns")).to_be_visible()
    waiting = _check_phone_page(page, "waiting page, name panel open")
    assert {"input#rename-name[text]", "input#rename-pronouns[text]"} <= {c["what"].split(" ", 1)[0] for c in waiting}
