"""The room's languages (issue #19): the facilitator sets the big screen's language and a second beside it."""
from facilitator.core.models import Event
from tests.circle_support import ok, refused
from tests.factories import make_event, make_participant, phone


def _event_in(patches):
    return [p["event"] for p in patches if isinstance(p, dict) and "event" in p]


def test_the_facilitator_sets_a_bilingual_screen_and_the_screen_and_console_hear_it(db, console, socket_clients, screen_auth):
    code, eid = make_event(db)
    screen = socket_clients(screen_auth(code))
    snapshot = [m["args"][0] for m in screen.get_received() if m["name"] == "snapshot"][-1]
    assert (snapshot["event"]["language"], snapshot["event"]["second_language"]) == ("en", None)
    ok(console.emit("console.watch", {"event": code}, callback=True))
    console.get_received()

    ok(console.emit("event.languages", {"event": code, "language": "cy", "second": "en"}, callback=True))
    with db.read_scope() as s:
        event = s.get(Event, eid)
        assert (event.language, event.second_language) == ("cy", "en")
    heard = _event_in(m["args"][0] for m in screen.get_received() if m["name"] == "patch")
    assert heard and (heard[-1]["language"], heard[-1]["second_language"]) == ("cy", "en")
    assert _event_in(m["args"][0] for m in console.get_received() if m["name"] == "patch")[-1]["language"] == "cy"

    # One language again: no second, or the same as the first.
    ok(console.emit("event.languages", {"event": code, "language": "en", "second": ""}, callback=True))
    ok(console.emit("event.languages", {"event": code, "language": "pl", "second": "pl"}, callback=True))
    with db.read_scope() as s:
        event = s.get(Event, eid)
        assert (event.language, event.second_language) == ("pl", None)


def test_a_language_not_in_the_list_is_refused_and_changes_nothing(db, console):
    code, eid = make_event(db)
    for asked in ({"language": "tlh"}, {"language": "en", "second": "xx"}, {"language": ""}, {"language": ["cy"]}):
        reply = console.emit("event.languages", {"event": code, **asked}, callback=True)
        assert reply["ok"] is False and reply["code"] == "bad_request", (asked, reply)
    with db.read_scope() as s:
        event = s.get(Event, eid)
        assert (event.language, event.second_language) == ("en", None)


def test_only_the_facilitator_sets_the_rooms_languages(db, socket_clients):
    code, eid = make_event(db)
    _, token = make_participant(db, code, "Sam")
    sam = phone(socket_clients, code, token)
    refused(sam.emit("event.languages", {"event": code, "language": "ar"}, callback=True), "not_allowed")
    with db.read_scope() as s:
        assert s.get(Event, eid).language == "en"


def test_the_screen_page_is_made_in_the_rooms_languages(db, app, console):
    """The words the server writes on the big screen's page: the event's language, then its second."""
    code, _ = make_event(db)
    ok(console.emit("event.languages", {"event": code, "language": "cy", "second": "en"}, callback=True))
    page = app.test_client().get(f"/e/{code}/screen").get_data(as_text=True)
    assert '<html lang="cy"' in page and 'data-second-language="en"' in page
    assert "Sganiwch, neu ewch i / \u2068Scan, or go to\u2069" in page
    ok(console.emit("event.languages", {"event": code, "language": "ar", "second": None}, callback=True))
    page = app.test_client().get(f"/e/{code}/screen").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in page and 'data-second-language=""' in page
    assert "امسح الرمز، أو اذهب إلى" in page and "Scan, or go to" not in page
