"""The payload checks' and the agenda's refusals in the asker's language (issue #19): the same
code for scripts, the English unchanged for an English phone, the values filled in after translating."""
import pytest

from facilitator import i18n
from facilitator.core import events
from facilitator.core.errors import DomainError
from facilitator.delivery.payloads import Int, PayloadError, Schema
from tests.circle_support import ok, refused


def test_a_payload_check_refuses_a_welsh_and_a_polish_phone_in_their_own_words(db, room):
    code, aid, ids, phones, _ = room()
    ok(phones["Amara"].emit("me.language", {"language": "cy"}, callback=True))
    ok(phones["Bao"].emit("me.language", {"language": "pl"}, callback=True))
    too_long = {"name": "Aneurin " * 20}

    english = refused(phones["Chen"].emit("me.update", too_long, callback=True), "bad_request")
    assert english["error"] == "'name' is too long: at most 120 characters."
    welsh = refused(phones["Amara"].emit("me.update", too_long, callback=True), "bad_request")
    assert welsh["error"] == "Mae 'name' yn rhy hir: 120 nod ar y mwyaf."
    assert welsh["code"] == english["code"]

    # A wrong type, and a field the action does not take: in Polish.
    polish = refused(phones["Bao"].emit("me.update", {"name": 7}, callback=True), "bad_request")
    assert polish["error"] == "Pole 'name' musi być tekstem."
    assert refused(phones["Bao"].emit("circle.volunteer", {"colour": "red"}, callback=True), "bad_request")["error"] == (
        "Nieoczekiwane pola: colour.")
    # The English phone is still answered as before.
    assert refused(phones["Chen"].emit("me.update", {"name": 7}, callback=True), "bad_request")["error"] == "'name' must be text."


def test_a_payload_check_keeps_its_english_and_fills_its_values_after_translating():
    with pytest.raises(PayloadError) as caught:
        Schema(pace=Int(5, 60, required=True)).parse({"pace": 99})
    assert str(caught.value) == "'pace' must be between 5 and 60."
    assert i18n.refusal("cy", caught.value) == "Rhaid i 'pace' fod rhwng 5 a 60."
    assert i18n.refusal("ar", caught.value) == "يجب أن يكون 'pace' بين 5 و60."


def test_the_agenda_s_and_the_event_s_refusals_are_in_the_catalogues():
    """A refusal of the agenda or the event is one sentence of the catalogues, its values filled in after."""
    with pytest.raises(DomainError) as caught:
        events.EventDetails(title="Noson " * 50).cleaned()
    assert str(caught.value) == "The title is too long: at most 200 characters."
    assert i18n.refusal("pl", caught.value) == "Tytuł jest za długi: najwyżej 200 znaków."
    held = DomainError(
        "“{title}” holds {n} contributions from people (turns taken, words, pledges, goals or pulse answers); "
        "removing it deletes them. Remove it anyway?", code="confirm", title="Check-in", n=4)
    welsh = i18n.refusal("cy", held)
    assert "“Check-in”" in welsh and "4" in welsh and welsh != str(held)


def test_a_console_in_welsh_gets_its_refusals_in_welsh_and_one_in_english_in_english(db, socket_clients, services):
    """The console page says its language when it connects (its header's choice): the server refuses in it."""
    from tests.factories import make_event

    code, _ = make_event(db)
    welsh = socket_clients({"role": "console", "secret": services.console_secret(), "language": "cy"})
    english = socket_clients({"role": "console", "secret": services.console_secret(), "language": "en"})
    unknown = socket_clients({"role": "console", "secret": services.console_secret(), "language": "tlh"})
    asked = {"event": code, "title": "Noson " * 50}
    refused_in = {name: client.emit("event.update", asked, callback=True) for name, client in
                  (("cy", welsh), ("en", english), ("tlh", unknown))}
    assert all(r["ok"] is False and r["code"] == refused_in["en"]["code"] for r in refused_in.values())
    assert refused_in["en"]["error"] == refused_in["tlh"]["error"] == "'title' is too long: at most 200 characters."
    assert refused_in["cy"]["error"] == "Mae 'title' yn rhy hir: 200 nod ar y mwyaf."
