"""What goes on paper: a tent per café table with the round's question, and a run sheet with times and hosts."""
from __future__ import annotations

from facilitator.core import agenda, events
from facilitator.activities.cafe import rules as cafe
from facilitator.whole_event import printables

from ..factories import make_event, make_participant

AGENDA = [
    {"kind": "welcome"},
    {"kind": "checkin", "config": {"prompt": "How are you arriving?", "silence_seconds": 30, "turn_seconds": 60}},
    {"kind": "cafe", "config": {"tables": [{"name": "Oak"}, {"name": "Ash"}, {"name": "Elm"}],
                                "rounds": [{"question": "What helps?", "minutes": 15}, {"question": "Who else?", "minutes": 10}]}},
    {"kind": "checkout"},
]


def test_each_cafe_table_gets_a_tent_with_the_question_of_the_round(db):
    code, _ = make_event(db, agenda=AGENDA)
    with db.session_scope() as s:
        tents = printables.table_tents(s, events.get_by_code(s, code))
    assert [(t.table, t.question) for t in tents] == [("Oak", "What helps?"), ("Ash", "What helps?"), ("Elm", "What helps?")]


def test_an_event_without_a_cafe_has_no_tents(db):
    code, _ = make_event(db, agenda=[{"kind": "checkin"}])
    with db.session_scope() as s:
        assert printables.table_tents(s, events.get_by_code(s, code)) == []


def test_the_run_sheet_times_a_circle_by_the_people_in_it_and_names_the_hosts(db):
    code, _ = make_event(db, agenda=AGENDA)
    people = [make_participant(db, code, name)[0] for name in ("Amara", "Bao", "Chidi", "Dorota")]
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        the_cafe = event.activities[2]
        agenda.go_to(s, event, the_cafe.id)
        oak = cafe.tables(s, the_cafe)[0]
        cafe.set_host(s, the_cafe, oak.id, people[1])
    with db.session_scope() as s:
        sheet = printables.run_sheet(s, events.get_by_code(s, code))
    welcome, checkin, the_cafe, checkout = sheet
    assert welcome.minutes is None and (welcome.starts_after, welcome.plus) == (0, False)
    # 30 s of silence and a minute each for four people: four and a half minutes, rounded up.
    assert checkin.minutes == 5 and ("Prompt", "How are you arriving?") in checkin.lines
    assert the_cafe.minutes == 25 and the_cafe.current
    assert ("Round 2 (10 min)", "Who else?") in the_cafe.lines
    assert [(h.table, h.host) for h in the_cafe.hosts] == [("Oak", "Bao"), ("Ash", None), ("Elm", None)]
    # From the start: the estimates before it, and "+" for the welcome, which has none.
    assert (checkin.starts_after, checkin.plus) == (0, True)
    assert (the_cafe.starts_after, the_cafe.plus) == (5, True)
    assert checkout.starts_after == 30
    assert checkout.kind_label == "Check-out circle"


def test_a_card_for_each_person_without_a_phone_names_their_table_in_every_round_seated(db):
    from facilitator.core import participants

    code, _ = make_event(db, agenda=AGENDA)
    phones = [make_participant(db, code, name)[0] for name in ("Amara", "Bao", "Chidi", "Dorota", "Eilidh")]
    amara = phones[0]
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        for person in event.participants:
            person.connections = 1  # their phones are here
        for name in ("Zofia", "Gwen"):
            participants.add_without_phone(s, event, name)
        the_cafe = event.activities[2]
        agenda.go_to(s, event, the_cafe.id)
        cafe.set_host(s, the_cafe, cafe.tables(s, the_cafe)[0].id, amara)
        cafe.seat_round(s, the_cafe)
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        cards = printables.seat_cards(s, event)
        seats = {seat.participant_id: seat for seat in cafe.seats(s, cafe.focus_round(s, event.activities[2]))}
        tables = {t.id: t.name for t in cafe.tables(s, event.activities[2])}
        who = {p.label: p.id for p in event.participants}
        everyone = printables.seat_cards(s, event, everyone=True)
    # Only the two without a phone, by name; round 1 seated at their own table, round 2 not yet.
    assert [c.name for c in cards] == ["Gwen", "Zofia"]
    for card in cards:
        first, second = card.places
        assert (first.round, first.table) == (1, tables[seats[who[card.name]].table_id])
        assert (second.round, second.table) == (2, None)
    assert [c.name for c in everyone] == ["Amara", "Bao", "Chidi", "Dorota", "Eilidh", "Gwen", "Zofia"]
    hosting = [(c.name, p.round, p.table) for c in everyone for p in c.places if p.hosting]
    assert hosting == [("Amara", 1, "Oak")]


def test_a_welsh_run_sheet_and_tents_give_the_toolkit_s_words_in_welsh_and_the_facilitator_s_as_typed(db):
    """A template's question and a kind's name as title are sentences of the catalogues; "What helps?" is the facilitator's."""
    from facilitator import i18n

    template_question = "What helps people here feel in control of their health?"
    code, _ = make_event(db, agenda=[
        {"kind": "checkin", "config": {"prompt": "How are you arriving?"}},
        {"kind": "cafe", "config": {"tables": 2, "rounds": [{"question": template_question, "minutes": 15},
                                                            {"question": "What helps?", "minutes": 10}]}},
    ])
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        checkin, the_cafe = printables.run_sheet(s, event, "cy")
        tents = printables.table_tents(s, event, "cy")
    welsh = i18n.gettext("cy", template_question)
    assert welsh != template_question
    assert checkin.title == i18n.gettext("cy", "Check-in circle") != "Check-in circle"
    assert (i18n.gettext("cy", "Prompt"), "How are you arriving?") in checkin.lines
    assert [text for _, text in the_cafe.lines] == [welsh, "What helps?"]
    assert {t.question for t in tents} == {welsh}


def test_a_bilingual_event_s_tents_and_poster_carry_the_facilitator_s_versions_in_its_second_language(db):
    """The round's question in the second language: the facilitator's version of it, else the
    catalogue's for a template's question; the title and purpose where a version was written."""
    from facilitator import i18n
    from facilitator.core import other_languages

    template_question = "What helps people here feel in control of their health?"
    code, _ = make_event(db, agenda=[{"kind": "cafe", "config": {
        "tables": 2, "rounds": [{"question": "What helps?", "minutes": 15}, {"question": template_question, "minutes": 10}]}}])
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        the_cafe = event.activities[0]
        # No version yet: nothing for the second language.
        assert {t.question_second for t in printables.table_tents(s, event, "en", "cy")} == {None}
        assert printables.event_texts_in(event, "cy") == {}
        other_languages.set_event_texts(event, "cy", {"title": "Cynulliad y gwanwyn"})
        other_languages.set_activity_texts(event, the_cafe, "cy", {}, {"1": "Beth sy'n helpu?"})
        tents = printables.table_tents(s, event, "en", "cy")
        assert [(t.question, t.question_second) for t in tents] == [("What helps?", "Beth sy'n helpu?")] * 2
        assert printables.event_texts_in(event, "cy") == {"title": "Cynulliad y gwanwyn"}  # no purpose to translate
        assert printables.event_texts_in(event, None) == {}
        # The second round, a template's question: the catalogue's Welsh, with no version written.
        agenda.go_to(s, event, the_cafe.id)
        cafe.seat_round(s, the_cafe)
        cafe.start_round(s, the_cafe)
        cafe.end_round(s, the_cafe)
        tents = printables.table_tents(s, event, "en", "cy")
    assert {(t.question, t.question_second) for t in tents} == {(template_question, i18n.gettext("cy", template_question))}
