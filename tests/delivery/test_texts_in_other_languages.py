"""The facilitator's own texts in other languages (issue #19): entered in the console, carried
to every phone and the big screen beside the originals, kept across an archive."""
import pytest

from facilitator.core import other_languages
from facilitator.core.errors import DomainError
from facilitator.core.models import Activity, Event
from tests.circle_support import ok, refused
from tests.factories import make_event, make_participant, phone

AGENDA = [
    {"kind": "welcome", "title": "Welcome", "config": {"message": ""}},
    {"kind": "checkin", "title": "Check-in", "config": {"prompt": "How are you arriving today?"}},
    {"kind": "cafe", "title": "World café", "config": {"tables": 2, "capacity": 4, "minutes": 20,
                                                       "rounds": ["What helps you stay well?", "What could we do together?"]}},
]


def _last(client, name="patch"):
    return [m["args"][0] for m in client.get_received() if m["name"] in (name, "snapshot")][-1]


def _activities(db, eid):
    with db.read_scope() as s:
        return {a.kind: a.id for a in s.query(Activity).filter_by(event_id=eid)}


def test_the_event_s_texts_in_welsh_reach_phones_and_the_screen_beside_the_english(db, console, socket_clients, screen_auth):
    code, eid = make_event(db, title="Health gathering", welcome_text="Welcome, everyone", agenda=AGENDA)
    _, token = make_participant(db, code, "Nia")
    nia = phone(socket_clients, code, token)
    screen = socket_clients(screen_auth(code))
    nia.get_received(), screen.get_received()

    ok(console.emit("event.texts", {"event": code, "language": "cy", "title": "Cynulliad iechyd",
                                    "welcome_text": "Croeso, bawb"}, callback=True))
    for client in (nia, screen):
        event = _last(client)["event"]
        assert event["title"] == "Health gathering"
        assert event["texts_in"] == {"cy": {"title": "Cynulliad iechyd", "welcome_text": "Croeso, bawb"}}

    # A field left out stays; an empty one takes that version away.
    ok(console.emit("event.texts", {"event": code, "language": "cy", "title": ""}, callback=True))
    with db.read_scope() as s:
        assert s.get(Event, eid).texts_in == {"cy": {"welcome_text": "Croeso, bawb"}}


def test_an_activity_s_prompt_and_a_cafe_s_questions_in_another_language(db, console, socket_clients):
    code, eid = make_event(db, agenda=AGENDA)
    ids = _activities(db, eid)
    ok(console.emit("agenda.texts", {"event": code, "activity": ids["checkin"], "language": "cy",
                                     "title": "Cylch agor", "prompt": "Sut ydych chi'n cyrraedd heddiw?"}, callback=True))
    ok(console.emit("agenda.texts", {"event": code, "activity": ids["cafe"], "language": "pl",
                                     "rounds": {"2": "Co moglibyśmy zrobić razem?"}}, callback=True))
    ok(console.emit("agenda.goto", {"event": code, "activity": ids["checkin"]}, callback=True))
    _, token = make_participant(db, code, "Nia")
    nia = phone(socket_clients, code, token)
    activity = _last(nia, "snapshot")["activity"]
    assert activity["prompt"] == "How are you arriving today?"
    assert activity["texts_in"] == {"cy": {"title": "Cylch agor", "prompt": "Sut ydych chi'n cyrraedd heddiw?"}}
    with db.read_scope() as s:
        assert s.get(Activity, ids["cafe"]).texts_in == {"pl": {"rounds": {"2": "Co moglibyśmy zrobić razem?"}}}
    console.emit("console.watch", {"event": code}, callback=True)


def test_a_welcome_without_its_own_message_shows_the_event_s_welcome_in_each_language(db, console, socket_clients):
    code, eid = make_event(db, welcome_text="Welcome, everyone", agenda=AGENDA)
    ok(console.emit("event.texts", {"event": code, "language": "ar", "welcome_text": "أهلاً بالجميع"}, callback=True))
    ok(console.emit("agenda.goto", {"event": code, "activity": _activities(db, eid)["welcome"]}, callback=True))
    _, token = make_participant(db, code, "Sam")
    activity = _last(phone(socket_clients, code, token), "snapshot")["activity"]
    assert activity["message"] == "Welcome, everyone"
    assert activity["texts_in"] == {"ar": {"message": "أهلاً بالجميع"}}


@pytest.mark.parametrize("asked", [
    {"language": "en", "title": "Same as the event's own"},
    {"language": "tlh", "title": "Not a language we ship"},
    {"language": "cy", "title": "x" * 201},
])
def test_texts_in_the_event_s_own_language_or_an_unknown_one_or_too_long_are_refused(db, console, asked):
    code, eid = make_event(db, agenda=AGENDA)
    reply = console.emit("event.texts", {"event": code, **asked}, callback=True)
    assert reply["ok"] is False and reply["code"] == "bad_request", reply
    with db.read_scope() as s:
        assert s.get(Event, eid).texts_in == {}


def test_an_activity_refuses_a_text_it_does_not_have_and_a_round_it_does_not_have(db, console):
    code, eid = make_event(db, agenda=AGENDA)
    ids = _activities(db, eid)
    for activity, asked in ((ids["checkin"], {"message": "No message here"}),
                            (ids["checkin"], {"rounds": {"1": "No rounds here"}}),
                            (ids["cafe"], {"rounds": {"3": "Only two rounds"}}),
                            (ids["cafe"], {"rounds": {"1": ["not text"]}})):
        reply = console.emit("agenda.texts", {"event": code, "activity": activity, "language": "cy", **asked}, callback=True)
        assert reply["ok"] is False, (asked, reply)
    with db.read_scope() as s:
        assert all(a.texts_in == {} for a in s.query(Activity).filter_by(event_id=eid))


def test_only_the_facilitator_enters_texts(db, socket_clients):
    code, eid = make_event(db, agenda=AGENDA)
    _, token = make_participant(db, code, "Sam")
    refused(phone(socket_clients, code, token).emit("event.texts", {"event": code, "language": "cy", "title": "Hi"},
                                                    callback=True), "not_allowed")


def test_the_join_page_shows_the_event_in_the_phone_s_language(db, app, console):
    code, _ = make_event(db, title="Health gathering", agenda=AGENDA)
    ok(console.emit("event.texts", {"event": code, "language": "cy", "title": "Cynulliad iechyd"}, callback=True))
    welsh = app.test_client().get(f"/j/{code}", headers={"Accept-Language": "cy"}).get_data(as_text=True)
    english = app.test_client().get(f"/j/{code}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Cynulliad iechyd" in welsh and "Health gathering" not in welsh
    assert "Health gathering" in english and "Cynulliad iechyd" not in english


def test_event_shown_in_takes_only_the_event_s_fields():
    view = {"title": "Gathering", "code": "ABC", "texts_in": {"cy": {"title": "Cynulliad", "code": "forged"}}}
    assert other_languages.event_shown_in(view, "cy")["title"] == "Cynulliad"
    assert other_languages.event_shown_in(view, "cy")["code"] == "ABC"
    assert other_languages.event_shown_in(view, "pl")["title"] == "Gathering"


def test_an_activity_s_untouched_title_and_prompt_are_marked_as_the_kind_s_own(db, console, socket_clients):
    """Each page shows them in its own language, as its own words; once the facilitator changes one, it is theirs."""
    code, eid = make_event(db, agenda=[{"kind": "checkin"}])
    ids = _activities(db, eid)
    ok(console.emit("agenda.goto", {"event": code, "activity": ids["checkin"]}, callback=True))
    _, token = make_participant(db, code, "Nia")
    nia = phone(socket_clients, code, token)
    activity = _last(nia, "snapshot")["activity"]
    assert (activity["title"], activity["prompt"]) == ("Check-in circle", "What brings you here today?")
    assert activity["defaults"] == ["title", "prompt"]
    ok(console.emit("agenda.update", {"event": code, "activity": ids["checkin"], "config": {"prompt": "How are you, really?"}},
                    callback=True))
    assert _last(nia)["activity"]["defaults"] == ["title"]
    ok(console.emit("agenda.update", {"event": code, "activity": ids["checkin"], "title": "Arriving"}, callback=True))
    assert "defaults" not in _last(nia)["activity"]  # none: nothing to send


def test_an_agenda_template_s_words_are_sentences_each_page_shows_in_its_own_language(db):
    """The community gathering's titles, prompts and café questions are in the catalogues, so
    they are marked as the toolkit's own until the facilitator changes them."""
    from facilitator import i18n
    from facilitator.core import agenda
    from facilitator.core.kinds import kind_of
    from facilitator.whole_event import templates

    chosen = templates.get("community-gathering")
    code, eid = make_event(db, agenda=chosen.agenda)
    with db.session_scope() as s:
        acts = {a.kind: a for a in s.query(Activity).filter_by(event_id=eid)}
        assert other_languages.default_fields(acts["checkin"], kind_of("checkin")) == ["title", "prompt"]
        assert other_languages.default_fields(acts["cafe"], kind_of("cafe")) == ["title", "round"]
        assert i18n.gettext("cy", acts["cafe"].config["rounds"][0]["question"]) != acts["cafe"].config["rounds"][0]["question"]
        agenda.update_activity(s, acts["cafe"].event, acts["cafe"].id,
                               config={"rounds": [{"question": "Our own question", "minutes": 20}]})
        assert other_languages.default_fields(acts["cafe"], kind_of("cafe")) == ["title"]


def test_a_text_rewritten_in_the_event_s_language_loses_its_versions(db, console):
    """A translation of the old words must not stand for the new ones: the agreement above all."""
    code, eid = make_event(db, title="Gathering", agreement_text="What is said here stays here.", agenda=AGENDA)
    ids = _activities(db, eid)
    ok(console.emit("event.texts", {"event": code, "language": "cy", "title": "Cynulliad",
                                    "agreement_text": "Mae'r hyn a ddywedir yma yn aros yma."}, callback=True))
    ok(console.emit("agenda.texts", {"event": code, "activity": ids["cafe"], "language": "cy", "title": "Caffi",
                                     "rounds": {"1": "Beth sy'n eich cadw'n iach?", "2": "Beth allwn ni ei wneud?"}}, callback=True))
    ok(console.emit("event.update", {"event": code, "title": "Gathering", "purpose": "", "welcome_text": "",
                                     "agreement_text": "What is said here stays here, and phones are on silent."}, callback=True))
    ok(console.emit("agenda.update", {"event": code, "activity": ids["cafe"],
                                      "config": {"rounds": [{"question": "A new first question?", "minutes": 20}]}}, callback=True))
    with db.read_scope() as s:
        assert s.get(Event, eid).texts_in == {"cy": {"title": "Cynulliad"}}
        # The first question was rewritten and the second taken away: their versions go; the title's stays.
        assert s.get(Activity, ids["cafe"]).texts_in == {"cy": {"title": "Caffi"}}


def test_cafe_questions_in_arabic_are_counted_in_characters_not_escapes(db, console):
    code, eid = make_event(db, agenda=AGENDA)
    question = "ما الذي يساعد الناس هنا على الشعور بأن صحتهم بأيديهم؟ " * 8  # about 440 characters
    ok(console.emit("agenda.texts", {"event": code, "activity": _activities(db, eid)["cafe"], "language": "ar",
                                     "rounds": {"1": question[:500], "2": question[:500]}}, callback=True))


def test_a_refused_connection_says_why_in_the_page_s_language(db, socket_clients, monkeypatch):
    from facilitator import i18n
    from tests.factories import connect_error

    code, _ = make_event(db)
    sentence = "This big screen link is not valid (it may have been replaced). Open the big screen from the facilitator's console."
    said = {}
    for language in ("en", "cy"):
        auth = {"role": "screen", "event": code, "secret": "not-the-secret", "language": language}
        client = socket_clients(auth)
        assert not client.is_connected()
        said[language] = connect_error(client, auth, monkeypatch)
    assert said["en"] == {"message": sentence, "code": "not_allowed"}
    assert said["cy"] == {"message": i18n.gettext("cy", sentence), "code": "not_allowed"}
    assert said["cy"]["message"] != sentence
