"""The console's own language (issue #19): the page follows its header's choice, kept in its own
cookie (``fc_console_lang``), else the browser's; the room's language is not involved. (Its refusals come in the page's language: lib/live.js
sends it with the connection, tests/delivery/test_languages.py.)"""


def test_the_console_page_follows_its_own_choice_then_the_browser_s(app):
    web = app.test_client()
    page = web.get("/console?lang=ur")
    assert 'lang="ur" dir="rtl"' in page.get_data(as_text=True)
    cookie = web.get_cookie("fc_console_lang", path="/console")
    assert cookie is not None and cookie.value == "ur"
    assert 'lang="ur"' in web.get("/console").get_data(as_text=True)
    # The choice wins over the browser's; without one, the browser's.
    assert 'lang="ur"' in web.get("/console", headers={"Accept-Language": "cy"}).get_data(as_text=True)
    assert 'lang="cy"' in app.test_client().get("/console", headers={"Accept-Language": "cy-GB,en;q=0.5"}).get_data(as_text=True)
    assert 'lang="en"' in app.test_client().get("/console?lang=xx").get_data(as_text=True)
