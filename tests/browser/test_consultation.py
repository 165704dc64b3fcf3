"""A short group consultation in Chromium: the console, the clinician's view and
three phones. Confidentiality, questions of every kind, themes, the round with
one "see me last", goals, one phone keeps its own summary (and finds it again later
in its header), and removing an activity that holds goals asks first."""
from pathlib import Path

from playwright.sync_api import expect

from tests.support import wait_for

PRIVATE = "PRIVATE: my feet have been numb at night"
SHARED = "How do others manage snacks at work?"
FOR_CLINICIAN = "Should I change my dose before exercise?"


def join(phone_context, url, code, name):
    page = phone_context().new_page()
    page.goto(f"{url}/j/{code}")
    expect(page.get_by_text("What is said here stays here", exact=False)).to_be_visible()
    page.get_by_label("The name you would like to be known by").fill(name)
    page.get_by_label("I accept this agreement").check()
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page.locator(".who")).to_contain_text(name)
    return page


def ask(page, text, who):
    page.get_by_label("Your question").fill(text)
    page.get_by_label(who).check()
    page.get_by_role("button", name="Add my question").click()
    expect(page.locator("#my-questions")).to_contain_text(text)


def test_a_short_group_consultation_from_questions_to_goals(server, browser, phone_context):
    console = browser.new_page(viewport={"width": 1280, "height": 900})
    console.goto(f"{server.url}/console#key={server.console_secret}")
    console.locator("#c-template").select_option("group-consultation")
    console.get_by_label("Title").fill("Diabetes group")
    console.get_by_role("button", name="Create event").click()
    expect(console.locator("#join-link")).to_be_visible()
    code = console.locator("#join-link").get_attribute("href").rstrip("/").split("/j/")[1]

    amara = join(phone_context, server.url, code, "Amara")
    bao = join(phone_context, server.url, code, "Bao")
    chen = join(phone_context, server.url, code, "Chen")
    expect(console.locator("#roster li")).to_have_count(3)
    expect(console.locator("#roster .agreed[data-agreed='1']")).to_have_count(3)
    expect(console.locator("#roster li").first).to_contain_text("accepted the agreement at")

    console.get_by_role("button", name="Go to Questions to bring").click()
    ask(amara, PRIVATE, "Private: only you")
    ask(bao, SHARED, "Shared with the group")
    ask(chen, FOR_CLINICIAN, "For the clinician only")
    expect(amara.locator(".shared-questions")).to_contain_text(SHARED)
    expect(bao.locator("#app")).not_to_contain_text(PRIVATE)
    expect(bao.locator("#app")).not_to_contain_text(FOR_CLINICIAN)

    # The facilitator themes the questions and opens the clinician's view.
    console.get_by_label("New theme").fill("Everyday life")
    console.get_by_role("button", name="Add theme").click()
    console.get_by_label(f"Theme for: {SHARED}").select_option(label="Everyday life")
    expect(console.locator(".q-theme[data-theme] ul")).to_contain_text(SHARED)
    expect(console.locator(".question-board")).not_to_contain_text(PRIVATE)
    expect(console.locator("#for-clinician")).to_contain_text("1 question for the clinician only")
    expect(console.locator(".question-board")).not_to_contain_text(FOR_CLINICIAN)
    console.get_by_role("button", name="Make the clinician link").click()
    link = console.locator("#clinician-url").get_attribute("href")
    doctor = browser.new_page(viewport={"width": 1024, "height": 768})
    doctor.goto(link)
    themes = doctor.locator("#themes-box")
    expect(themes).to_contain_text("Everyday life")
    expect(themes).to_contain_text(SHARED)
    expect(themes).to_contain_text(FOR_CLINICIAN)
    expect(themes).not_to_contain_text(PRIVATE)
    assert "key=" not in doctor.url, "the secret leaves the address bar"
    # Only a hash of the secret is kept: a reloaded console says a link was made, and cannot show it again.
    console.reload()
    expect(console.locator("#clinician-link-made")).to_contain_text("It cannot be shown again")
    expect(console.locator("#clinician-url")).to_have_count(0)
    expect(console.get_by_role("button", name="Make a new clinician link")).to_be_visible()
    expect(themes).to_contain_text(SHARED)

    # The consultation round: Bao asks to be seen last.
    console.get_by_role("button", name="Go to Consultation round").click()
    console.get_by_role("button", name="Start the round", exact=True).click()
    expect(doctor.locator("#clin-speaker")).to_have_text("Amara")
    expect(doctor.locator("#clin-next")).to_have_text("Bao")
    bao.get_by_role("button", name="See me last").click()
    expect(bao.get_by_text("You asked to be seen last")).to_be_visible()
    expect(doctor.locator("#clin-next")).to_have_text("Chen")
    amara.get_by_role("button", name="Done").click()
    expect(doctor.locator("#clin-speaker")).to_have_text("Chen")
    chen.get_by_role("button", name="Done").click()
    expect(bao.get_by_role("heading", name="It is your turn")).to_be_visible()
    bao.get_by_role("button", name="Done").click()
    expect(doctor.get_by_text("Everyone has had their time.")).to_be_visible()

    # Reflection and goals; Amara keeps her own summary.
    console.get_by_role("button", name="Go to Reflection and goals").click()
    amara.get_by_label("One thing you will do (your goal)").fill("Check my feet every evening")
    amara.get_by_role("button", name="Save my goal").click()
    expect(amara.get_by_text("Your goal is private: only you can see it.")).to_be_visible()
    bao.get_by_label("One thing you will do (your goal)").fill("Bring fruit to work")
    bao.get_by_label("Share it with the group").check()
    bao.get_by_role("button", name="Save my goal").click()
    expect(console.locator("#now")).to_contain_text("2 goals set, 1 shared")
    expect(console.locator("#now")).not_to_contain_text("Check my feet")
    with amara.expect_download() as download:
        amara.get_by_role("link", name="Download my summary").click()
    summary = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Check my feet every evening" in summary and PRIVATE in summary and SHARED in summary
    assert "Bring fruit to work" not in summary and FOR_CLINICIAN not in summary

    # The summary stays a tap away after the goals, for the rest of the event.
    expect(amara.locator("#my-summary-header")).to_have_count(0)
    console.get_by_role("button", name="Go to Welcome and confidentiality").click()
    expect(amara.locator(".goal-form")).to_have_count(0)
    with amara.expect_download() as later:
        amara.locator("#my-summary-header").click()
    assert "Check my feet every evening" in Path(later.value.path()).read_text(encoding="utf-8")

    # Removing an activity that holds people's goals asks first; dismissing keeps it.
    # Dialogs are answered from a handler: a click that opens a confirm() may
    # not return until the confirm is answered. Each Playwright call delivers
    # pending events, so the wait below asks the page something as it polls.
    answers, asked = [False, True], []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.accept() if answers.pop(0) else dialog.dismiss()

    console.on("dialog", answer)
    console.get_by_role("button", name="Remove Reflection and goals").click()
    wait_for(lambda: console.evaluate("1") and asked, message="the console asks before removing")
    assert "2 contributions" in asked[0]
    expect(console.locator("#agenda-box")).to_contain_text("Reflection and goals")
    console.get_by_role("button", name="Remove Reflection and goals").click()
    expect(console.locator("#agenda-box")).not_to_contain_text("Reflection and goals")
    assert len(asked) == 2
    for page in (console, doctor):
        page.close()
