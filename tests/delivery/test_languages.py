"""Every person in their own language (issue #19): the phone's page, the join, and the server's refusals."""
import re

from facilitator import i18n
from facilitator.core import events
from facilitator.core.models import Participant
from tests.circle_support import ok, refused
from tests.factories import make_event, make_participant, phone

NOT_YOUR_TURN = "It is not your turn just now; the piece will come to you."
NOT_YOUR_TURN_CY = "Nid eich tro chi yw hi ar hyn o bryd; daw'r darn siarad atoch chi."


def test_a_refusal_comes_in_the_persons_language_with_the_same_code(db, room, console):
    code, aid, ids, phones, _ = room()
    ok(console.emit("circle.start", {"event": code}, callback=True))
    english = refused(phones["Chen"].emit("circle.done", {}, callback=True), "not_allowed")
    assert english["error"] == NOT_YOUR_TURN

    ok(phones["Bao"].emit("me.language", {"language": "cy"}, callback=True))
    welsh = refused(phones["Bao"].emit("circle.done", {}, callback=True), "not_allowed")
    assert welsh["code"] == english["code"]
    assert welsh["error"] == NOT_YOUR_TURN_CY
    # The English phone is still answered in English.
    assert refused(phones["Chen"].emit("circle.done", {}, callback=True), "not_allowed")["error"] == english["error"]


def test_the_language_is_kept_on_the_server_for_the_next_connection(db, room, console, socket_clients):
    code, aid, ids, phones, _ = room(names=("Amara", "Bao"))
    ok(console.emit("circle.start", {"event": code}, callback=True))
    ok(phones["Bao"].emit("me.language", {"language": "ar"}, callback=True))
    with db.read_scope() as s:
        assert s.get(Participant, ids["Bao"]).language == "ar"
    # A phone that connects afresh is answered in the language kept with its person.
    pid, token = make_participant(db, code, "Dafydd")
    with db.session_scope() as s:
        s.get(Participant, pid).language = "cy"
    dafydd = phone(socket_clients, code, token)
    reply = refused(dafydd.emit("circle.volunteer", {}, callback=True), "conflict")
    assert reply["error"] == i18n.gettext("cy", "The round has already started; the piece will come to you in turn.")
    assert "Mae'r rownd" in reply["error"]


def test_a_persons_other_connections_answer_in_the_language_they_chose_on_one(db, room, console, socket_clients):
    """Their tablet as well as their phone; nobody else's."""
    code, aid, ids, phones, _ = room(names=("Amara", "Bao"))
    ok(console.emit("circle.start", {"event": code}, callback=True))
    pid, token = make_participant(db, code, "Dafydd")
    on_phone, on_tablet = phone(socket_clients, code, token), phone(socket_clients, code, token)
    ok(on_phone.emit("me.language", {"language": "cy"}, callback=True))
    welsh = i18n.gettext("cy", "The round has already started; the piece will come to you in turn.")
    assert refused(on_tablet.emit("circle.volunteer", {}, callback=True), "conflict")["error"] == welsh
    assert refused(phones["Bao"].emit("circle.done", {}, callback=True), "not_allowed")["error"] == NOT_YOUR_TURN


def test_a_language_the_server_does_not_have_is_refused_at_the_edge(db, room):
    code, aid, ids, phones, _ = room(names=("Amara",))
    refused(phones["Amara"].emit("me.language", {"language": "xx"}, callback=True), "bad_request")
    refused(phones["Amara"].emit("me.language", {}, callback=True), "bad_request")


def test_the_join_page_follows_accept_language_and_the_switch(app, db):
    code, _ = make_event(db, "Noson iechyd")
    web = app.test_client()
    page = web.get(f"/j/{code}", headers={"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="cy" dir="ltr">' in page
    assert "Croeso i <bdi>Noson iechyd</bdi>" in page and "Yr enw yr hoffech gael eich adnabod wrtho" in page

    page = web.get(f"/j/{code}", headers={"Accept-Language": "ar,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page

    # The switch, before anything is asked: every language by its own name.
    switched = web.get(f"/j/{code}?lang=pl", headers={"Accept-Language": "ar"})
    page = switched.get_data(as_text=True)
    assert '<html lang="pl" dir="ltr">' in page and "Dołącz bez imienia" in page
    assert page.index('id="languages"') < page.index('id="name"')
    for language in i18n.LANGUAGES.values():
        assert f'hreflang="{language.code}"' in page and language.autonym in page
    # Remembered until the person joins.
    assert '<html lang="pl"' in web.get(f"/j/{code}", headers={"Accept-Language": "ar"}).get_data(as_text=True)

    english = app.test_client().get(f"/j/{code}", headers={"Accept-Language": "de,fr;q=0.8"}).get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in english and "Welcome to <bdi>Noson iechyd</bdi>" in english

    # The facilitator's title is still text, however it is put into the sentence.
    marked, _ = make_event(db, "<b>Bold</b> & co")
    page = app.test_client().get(f"/j/{marked}", headers={"Accept-Language": "cy"}).get_data(as_text=True)
    assert "Croeso i <bdi>&lt;b&gt;Bold&lt;/b&gt; &amp; co</bdi>" in page


def test_the_language_chosen_at_join_is_the_persons_and_their_page_is_in_it(app, db):
    code, _ = make_event(db)
    web = app.test_client()
    joined = web.post(f"/api/e/{code}/join", json={"name": "Nia", "anonymous": False, "agreed": True, "language": "cy"})
    assert joined.get_json()["ok"] is True
    with db.read_scope() as s:
        assert s.get(Participant, joined.get_json()["participant"]).language == "cy"
    # Another phone's language (Accept-Language) does not change the person's.
    page = web.get(f"/j/{code}", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="cy" dir="ltr">' in page

    # A refused join is answered in the language it was asked in.
    refusal = app.test_client().post(f"/api/e/{code}/join", json={"name": " ", "anonymous": False, "agreed": True, "language": "cy"})
    assert refusal.status_code == 400 and refusal.get_json()["code"] == "refused"
    assert refusal.get_json()["error"] == i18n.gettext(
        "cy", "Type the name you would like to be known by, or choose to join anonymously.")


def test_each_language_s_catalogue_is_served_for_the_browser(app):
    web = app.test_client()
    for code in i18n.LANGUAGES:
        reply = web.get(f"/i18n/{code}.json")
        assert reply.status_code == 200, code
        body = reply.get_json()
        assert body["locale"] == code and body["dir"] == i18n.direction(code)
    welsh = web.get("/i18n/cy.json").get_json()
    assert welsh["reviewed"] is False and welsh["translated_by"]
    assert set(welsh["messages"]["{n} waiting to send"]) == {"zero", "one", "two", "few", "many", "other"}
    assert web.get("/i18n/xx.json").status_code == 404
    assert web.get("/i18n/..%2Fmessages.json").status_code == 404


def test_a_refusal_with_a_value_is_translated_before_the_value_is_filled_in():
    from facilitator.core.errors import DomainError

    exc = DomainError("That name is longer than {limit} characters; a shorter one, please.", limit=60)
    assert str(exc) == "That name is longer than 60 characters; a shorter one, please."
    welsh = i18n.refusal("cy", exc)
    assert re.search(r"\b60\b", welsh) and welsh != str(exc)
    assert i18n.refusal(None, exc) == str(exc)
    # A sentence not (yet) in the catalogue stays English.
    assert i18n.refusal("cy", DomainError("Something not marked.")) == "Something not marked."


def test_negotiation_picks_the_best_language_we_ship():
    assert i18n.negotiate("pl-PL,pl;q=0.9,en-GB;q=0.8") == "pl"
    assert i18n.negotiate("de;q=1.0, ur;q=0.4, ar;q=0.6") == "ar"
    assert i18n.negotiate("") == "en" and i18n.negotiate(None) == "en" and i18n.negotiate("zz;q=x") == "en"
    assert i18n.direction("ur") == "rtl" and i18n.direction("pa") == "ltr"


def test_a_failure_on_the_server_is_said_in_the_persons_language_too():
    from facilitator.delivery import handling
    from facilitator.delivery.auth import PARTICIPANT, Actor

    welsh = handling._server_error(Actor(PARTICIPANT, "sid", language="cy"))
    assert welsh["code"] == "server_error" and welsh["ok"] is False
    assert welsh["error"] == "Aeth rhywbeth o'i le ar y gweinydd; ni newidiwyd dim."
    assert handling._server_error(None)["error"] == handling.SERVER_ERROR["error"]


def test_the_console_says_which_translations_are_not_yet_reviewed(app):
    page = app.test_client().get("/console").get_data(as_text=True)
    listed = page[page.index('id="phone-languages"'):]
    for language in i18n.LANGUAGES.values():
        assert language.autonym in listed
    assert listed.count("translation not yet reviewed") == sum(
        1 for code in i18n.LANGUAGES if code != i18n.SOURCE and not i18n.review_status(code)["reviewed"])
    assert listed.count("translation not yet reviewed") == 6


def test_the_activities_refusals_come_in_the_persons_language_with_their_values_filled_in(db, room):
    """The working agreements, the check-out: what they refuse reaches a Polish or a Welsh phone in its own words."""
    code, aid, ids, phones, _ = room(kind="agreements", names=("Amara", "Bao"))
    ok(phones["Bao"].emit("me.language", {"language": "pl"}, callback=True))
    too_long = {"text": "Słuchamy się nawzajem " * 12, "cid": "agree-pl-0001"}
    english = refused(phones["Amara"].emit("agreements.propose", too_long, callback=True), "refused")
    assert english["error"] == "An agreement can be at most 200 characters; a shorter one, please."
    polish = refused(phones["Bao"].emit("agreements.propose", {**too_long, "cid": "agree-pl-0002"}, callback=True), "refused")
    assert polish["error"] == "Umowa może mieć najwyżej 200 znaków; prosimy o krótszą."
    assert polish["code"] == english["code"]

    # A word for the check-out, sent while the agreements are running: refused in Welsh.
    ok(phones["Amara"].emit("me.language", {"language": "cy"}, callback=True))
    welsh = refused(phones["Amara"].emit("checkout.word", {"text": "Diolch", "cid": "word-cy-0001"}, callback=True), "refused")
    assert welsh["error"] == "Caiff geiriau eu rhannu yn ystod y cylch cloi."



def test_a_questions_refusal_comes_in_the_askers_language_with_its_limit_filled_in(db, socket_clients):
    """Audience questions: a question too long reaches a Welsh phone in Welsh, its limit filled in; someone
    else's question is refused to a Polish phone in Polish, with the same codes as in English."""
    from tests.consultation_support import consultation_event, go

    c = consultation_event(db)
    go(db, c.code, "questions")
    amara, bao, anon = (phone(socket_clients, c.code, c.tokens[k]) for k in ("amara", "bao", "anon"))
    ok(bao.emit("me.language", {"language": "cy"}, callback=True))
    ok(anon.emit("me.language", {"language": "pl"}, callback=True))
    too_long = {"text": "Pam? " * 120, "visibility": "private"}
    english = refused(amara.emit("question.add", {**too_long, "cid": "q-en-000001"}, callback=True), "refused")
    assert english["error"] == "A question can be at most 500 characters."
    welsh = refused(bao.emit("question.add", {**too_long, "cid": "q-cy-000001"}, callback=True), "refused")
    assert welsh["error"] == "Gall cwestiwn fod hyd at 500 nod." and welsh["code"] == english["code"]

    theirs = ok(amara.emit("question.add", {"text": "How do others sleep?", "cid": "q-en-000002"}, callback=True))
    english = refused(bao.emit("question.withdraw", {"question": theirs["id"]}, callback=True), "not_allowed")
    polish = refused(anon.emit("question.withdraw", {"question": theirs["id"]}, callback=True), "not_allowed")
    assert polish["error"] == "Możesz zmieniać tylko własne pytania."
    assert english["error"] == "Dim ond eich cwestiynau eich hun y gallwch eu newid."


def test_the_personal_summary_is_in_the_persons_own_language(app, db):
    from tests.consultation_support import SHARED_Q, consultation_event

    c = consultation_event(db)
    with db.session_scope() as s:
        s.get(Participant, c.people["bao"]).language = "cy"
    web = app.test_client()
    web.set_cookie(f"fc_p_{c.code}", c.tokens["bao"])
    page = web.get(f"/e/{c.code}/me/summary.html", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="cy" dir="ltr">' in page
    assert "Fy nghrynodeb" in page and "Fy nghwestiynau" in page and "Wedi'i rannu â'r grŵp" in page
    assert SHARED_Q in page
    # Someone else's phone, without a person: refused in the browser's language.
    refusal = app.test_client().get(f"/e/{c.code}/me/summary.html", headers={"Accept-Language": "pl"})
    assert refusal.status_code == 403 and refusal.get_json()["error"] == "Otwórz to na telefonie, którym dołączono: podsumowanie jest tylko dla Ciebie."


def test_the_home_the_not_found_and_the_clinician_s_pages_follow_the_browser(app, db):
    from tests.consultation_support import template_event

    web = app.test_client()
    home = web.get("/", headers={"Accept-Language": "ar,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in home and "رمز الفعالية" in home
    wrong = web.get("/join?code=ZZZZ-ZZZZ", headers={"Accept-Language": "cy"})
    assert wrong.status_code == 404 and "Does dim digwyddiad gyda&#39;r cod hwnnw." in wrong.get_data(as_text=True)
    missing = web.get("/nothing/here", headers={"Accept-Language": "pl"}).get_data(as_text=True)
    assert '<html lang="pl"' in missing and "Nie udało się tego znaleźć" in missing
    code, _ = template_event(db, title="Clinig <dydd Llun>")
    clinician = web.get(f"/e/{code}/clinician", headers={"Accept-Language": "cy"}).get_data(as_text=True)
    assert '<html lang="cy" dir="ltr">' in clinician
    assert "<bdi>Clinig &lt;dydd Llun&gt;</bdi> · clinigwr" in clinician
    assert "Cwestiynau yn ôl thema" in clinician
    english = web.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in english and "Event code" in english
