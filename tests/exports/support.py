"""A harvested event with something in every area, for the export tests.

Text is deliberately awkward: names in Cyrillic, Chinese and Arabic, card
text full of quotes, commas, newlines, HTML and spreadsheet formulas.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from facilitator.core import agenda, events, other_languages, participants
from facilitator.activities.agreements import rules as agreements
from facilitator.activities.checkout import rules as checkout
from facilitator.activities.pulse import rules as pulse
from facilitator.core.events import EventDetails
from facilitator.core.participants import Identity
from facilitator.core.models import Activity
from facilitator.activities.cafe.models import CafeRound, CafeTable
from facilitator.activities.board.models import Card, Dot, Theme

NAMED = {"amara": "Амара Петрова", "li": "李小龙", "amal": "أمل الحسن"}
FORMULA = '=HYPERLINK("http://evil.example","click")'
QUOTED = 'We said "yes, and", then:\nwe listened; commas, too'
HTMLISH = "<script>alert('x')</script> & <b>bold</b> café"
HIDDEN = "HIDDEN-CARD-Zebra-42"
WITHDRAWN = "WITHDRAWN-CARD-Okapi-7"
ANON_CARD = "ANON-AUTHOR-CARD-Lynx-3"
PRIVATE_PLEDGE = "PRIVATE-PLEDGE-Quokka-9"
SHARED_PLEDGE = "I will start a walking group, «every Tuesday»"


@dataclass
class Harvest:
    code: str
    event_id: int
    people: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)


def harvested_event(db, title='Santé & «Ensemble» <gathering>') -> Harvest:
    with db.session_scope() as s:
        event = events.create_event(
            s,
            EventDetails(title, purpose="Listen, then act: \"together\"", agreement_text="What is said here stays here."),
            agenda=[
                {"kind": "checkin", "config": {"pulse": True, "prompt": "How are you arriving?"}},
                {"kind": "agreements"},
                {"kind": "welcome", "title": "World café"},
                {"kind": "checkout", "config": {"pulse": True, "one_word": True, "pledges": True}},
            ],
        )
        h = Harvest(event.code, event.id)
        for key, name in NAMED.items():
            joined = participants.join(s, event, Identity(name=name), agreed=True)
            h.people[key], h.tokens[key] = joined.participant_id, joined.token
        anon = participants.join(s, event, Identity(anonymous=True), agreed=True)
        h.people["anon"], h.tokens["anon"] = anon.participant_id, anon.token
        gwen, _ = participants.add_without_phone(s, event, "Gwen")
        h.people["gwen"] = gwen.id
        people = {k: s.get(participants.Participant, v) for k, v in h.people.items()}
        checkin, agreements_act, cafe_act, checkout_act = event.activities
        # The facilitator's texts in Welsh travel with the archive too.
        other_languages.set_event_texts(event, "cy", {"title": "Iechyd «Gyda'n gilydd»", "agreement_text": "Mae'r hyn a ddywedir yma yn aros yma."})
        other_languages.set_activity_texts(event, checkin, "cy", {"prompt": "Sut ydych chi'n cyrraedd?"})

        for key, (c, t, f) in zip(("amara", "li", "anon"), ((2, 3, 2), (3, 2, 3), (2, 2, 2))):
            pulse.answer(s, checkin, people[key], {"control": c, "contact": t, "confidence": f})

        agenda.go_to(s, event, agreements_act.id)
        first, _ = agreements.propose(s, event, people["amara"], 'Say "pass" freely, no reasons needed')
        agreements.propose(s, event, people["li"], "Phones on silent")
        agreements.accept(s, event, first.id)
        agreements.add(s, event, "What is said here, stays here")

        agenda.go_to(s, event, cafe_act.id)
        table = CafeTable(activity_id=cafe_act.id, position=0, name="Table «Oak», by the window")
        round_ = CafeRound(activity_id=cafe_act.id, number=1, question="What helps you feel in control?", status="ended")
        s.add_all([table, round_])
        s.flush()
        belonging = Theme(event_id=event.id, name="Belonging")
        access = Theme(event_id=event.id, name="Access & <transport>")
        s.add_all([belonging, access])
        s.flush()

        def card(text, author, **kw):
            row = Card(event_id=event.id, activity_id=cafe_act.id, table_id=table.id, round_id=round_.id,
                       author_id=people[author].id, text=text, **kw)
            s.add(row)
            s.flush()
            return row

        c1 = card(FORMULA, "amara", tag="control", theme_id=access.id)
        c2 = card(QUOTED, "li", tag="contact", theme_id=belonging.id, pinned=True)
        c3 = card(HTMLISH, "amal", tag="confidence", theme_id=belonging.id, on_behalf_id=people["gwen"].id)
        card(HIDDEN, "amara", hidden=True, theme_id=belonging.id)
        card(WITHDRAWN, "li", withdrawn=True)
        c6 = card(ANON_CARD, "anon")
        c7 = card("-1 + 1 @ everyone\tstarts with minus", "amal")
        c8 = card("+44 helpline", "li")
        for who, target in (("amara", c2), ("li", c2), ("amal", c2), ("anon", c3), ("amara", c1), ("li", c6)):
            s.add(Dot(event_id=event.id, ballot=1, participant_id=people[who].id, card_id=target.id))
        s.add(Dot(event_id=event.id, ballot=1, participant_id=people["amal"].id, theme_id=access.id))
        s.add_all([c7, c8])

        agenda.go_to(s, event, checkout_act.id)
        checkout.send_word(s, checkout_act, people["amara"], "Hopeful")
        checkout.send_word(s, checkout_act, people["li"], "hopeful")
        checkout.send_word(s, checkout_act, people["anon"], "Connected, «finally»")
        checkout.send_pledge(s, checkout_act, people["amara"], SHARED_PLEDGE, shared=True)
        checkout.send_pledge(s, checkout_act, people["li"], PRIVATE_PLEDGE, shared=False)
        checkout.send_pledge(s, checkout_act, people["anon"], "Bring a friend next time", shared=True)
        for key, (c, t, f) in zip(("amara", "li", "anon"), ((4, 5, 4), (4, 4, 5), (3, 4, 4))):
            pulse.answer(s, checkout_act, people[key], {"control": c, "contact": t, "confidence": f})
        event.retain_until = datetime(2031, 1, 1, tzinfo=timezone.utc)
    return h
