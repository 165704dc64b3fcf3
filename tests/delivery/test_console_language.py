"""The console's refusals in the facilitator's own language (issue #19): its page's choice
(the ``fc_console_lang`` cookie), else the browser's; the room's language is not involved."""
from facilitator import i18n
from tests.circle_support import refused
from tests.factories import make_event

NOT_FROM_THE_LIST = "Choose the big screen's languages from the list."


def test_a_console_is_answered_in_its_browser_s_language_or_the_one_it_chose(app, db, socket_clients, services):
    code, _ = make_event(db, "Noson iechyd")
    secret = services.console_secret()
    asks = {"event": code, "language": "xx"}

    english = socket_clients({"role": "console", "secret": secret})
    assert refused(english.emit("event.languages", asks, callback=True), "bad_request")["error"] == NOT_FROM_THE_LIST

    from facilitator.delivery import socketio

    welsh = socketio.test_client(app, auth={"role": "console", "secret": secret}, headers={"Accept-Language": "cy-GB,en;q=0.5"})
    try:
        reply = refused(welsh.emit("event.languages", asks, callback=True), "bad_request")
        assert reply["error"] == i18n.gettext("cy", NOT_FROM_THE_LIST) != NOT_FROM_THE_LIST
    finally:
        welsh.disconnect()

    # The header's choice, kept in the console's own cookie, wins over the browser's.
    http = app.test_client()
    http.set_cookie("fc_console_lang", "ar")
    arabic = socketio.test_client(app, auth={"role": "console", "secret": secret}, headers={"Accept-Language": "cy"},
                                  flask_test_client=http)
    try:
        reply = refused(arabic.emit("event.languages", asks, callback=True), "bad_request")
        assert reply["error"] == i18n.gettext("ar", NOT_FROM_THE_LIST)
    finally:
        arabic.disconnect()


def test_the_console_page_remembers_its_language_for_every_path(app):
    web = app.test_client()
    page = web.get("/console?lang=ur")
    assert 'lang="ur" dir="rtl"' in page.get_data(as_text=True)
    cookie = web.get_cookie("fc_console_lang")
    assert cookie is not None and cookie.value == "ur" and cookie.path == "/"
    assert 'lang="ur"' in web.get("/console").get_data(as_text=True)
    assert 'lang="cy"' in app.test_client().get("/console", headers={"Accept-Language": "cy"}).get_data(as_text=True)
