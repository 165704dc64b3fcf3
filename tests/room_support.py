"""A room of any size in any moment of an event, for the big screen's layout tests and screenshots.

Written straight into a running server's database with the domain's own
functions: the screen opened afterwards gets it all in its snapshot.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from facilitator.db import Database
from facilitator.core import agenda, events, participants
from facilitator.activities.agreements import rules as agreements
from facilitator.activities.cafe import rules as cafe
from facilitator.activities.checkout import rules as checkout
from facilitator.activities.circle import rules as circle
from facilitator.activities.goals import rules as goals
from facilitator.activities.pulse import rules as pulse
from facilitator.activities.questions import rules as questions
from facilitator.whole_event import templates
from facilitator.core.events import EventDetails
from facilitator.core.participants import Identity
from facilitator.activities.board import rules as board
from facilitator.activities.board.models import Card, Dot
from facilitator.core.models import Participant, utcnow

FIRST = ["Amara", "Bao", "Chidi", "Dorota", "Eilidh", "فاطمة", "Gwen", "Hamza", "Ioana", "José", "Kwame", "Lowri",
         "Mihai", "Nia", "Olu", "Priya", "Rhys", "Siân", "Tomasz", "Uzma", "Valentina", "Wojciech", "Xin", "Yusuf", "Zofia"]
LAST = ["Adeyemi", "Bevan", "Chowdhury", "Davies", "Evans", "Fernández", "Griffiths", "Hughes", "Iqbal", "Jones"]
QUESTION = "What helps you feel in control of your own health, and who helps you get there?"
INSIGHTS = [
    "Walking groups that start from the surgery car park",
    "Someone to phone when the forms make no sense",
    "Peer support after a diagnosis, not only leaflets",
    "Childcare so that parents can come to sessions",
    "Transport to appointments for people in the villages",
    "Being asked what matters to me, not what is the matter with me",
    "A warm space in winter where nobody needs a reason to come",
]


def names(n: int) -> list[str]:
    return [f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}" for i in range(n)]


def _event(s, title, kinds):
    event = events.create_event(s, EventDetails(title, purpose="What helps us feel in control of our health?"), agenda=kinds)
    return event


def _people(s, event, n):
    out = []
    for name in names(n):
        person = participants.join(s, event, Identity(name=name), agreed=True).participant
        person.connections = 1
        out.append(person)
    s.flush()
    return out


def checkin_room(db: Database, people: int, *, spoken: int | None = None) -> str:
    """A check-in circle under way: some have spoken, one holds the piece, the pulse answered by most."""
    with db.session_scope() as s:
        event = _event(s, "Whitfield health gathering",
                       [{"kind": "checkin", "config": {"pulse": True, "turn_seconds": 90,
                                                       "prompt": "How are you arriving today?"}}])
        crowd = _people(s, event, people)
        activity = event.activities[0]
        agenda.go_to(s, event, activity.id)
        circle.start(s, activity)
        for _ in range(spoken if spoken is not None else people // 3):
            circle.move_on(s, activity)
        for i, person in enumerate(crowd[: max(3, (people * 2) // 3)]):
            pulse.answer(s, activity, person, {"control": 2 + i % 4, "contact": 3 + i % 3, "confidence": 1 + i % 5})
        return event.code


def checkout_room(db: Database, people: int) -> str:
    """A check-out circle that has gone round: one word each and shared pledges, and the 3Cs
    pulse answered at the check-in and again now (by most, when there are enough people)."""
    with db.session_scope() as s:
        event = _event(s, "Whitfield health gathering",
                       [{"kind": "checkin", "config": {"pulse": True}},
                        {"kind": "checkout", "config": {"pulse": True, "one_word": True, "pledges": True}}])
        crowd = _people(s, event, people)
        checkin, activity = event.activities
        agenda.go_to(s, event, checkin.id)
        for i, person in enumerate(crowd[: max(3, (people * 2) // 3)]):
            pulse.answer(s, checkin, person, {"control": 1 + i % 4, "contact": 2 + i % 3, "confidence": 1 + i % 3})
        agenda.go_to(s, event, activity.id)
        for i, person in enumerate(crowd[: max(3, (people * 3) // 4)]):
            pulse.answer(s, activity, person, {"control": 2 + i % 4, "contact": 3 + i % 3, "confidence": 1 + i % 5})
        words = ["hopeful", "connected", "tired", "listened-to", "welcome", "curious", "together", "grateful",
                 "energised", "heard", "calm", "inspired"]
        for i, person in enumerate(crowd):
            checkout.send_word(s, activity, person, words[(i * 7) % len(words)] if i % 3 else words[i % 4])
            if i % 2 == 0:
                checkout.send_pledge(s, activity, person, f"I will {INSIGHTS[i % len(INSIGHTS)].lower()}", shared=True)
        return event.code


def cafe_room(db: Database, people: int, *, tables: int, running: bool, cards: int = 0, harvest: bool = False,
              paused: bool = False, capacity: int | None = None) -> str:
    """A world café: seated for round 1 (people moving), or round 1 under way with cards on the board
    (``paused``: its timer held); with ``harvest``, the agenda has moved on to the harvest of those cards.
    Its tables are just big enough for everyone, or hold ``capacity`` each."""
    with db.session_scope() as s:
        event = _event(s, "Whitfield health gathering", [{"kind": "cafe", "config": {
            "tables": [{"name": f"Table {i + 1}", "capacity": capacity or max(4, -(-people // tables))} for i in range(tables)],
            "rounds": [{"question": QUESTION, "minutes": 20}, {"question": "Who could we reach together?", "minutes": 20}],
            "anyone_can_post": True}}, *([{"kind": "harvest", "config": {}}] if harvest else [])])
        crowd = _people(s, event, people)
        activity = event.activities[0]
        agenda.go_to(s, event, activity.id)
        cafe.seat_round(s, activity)
        if running:
            cafe.start_round(s, activity)
            round_ = cafe.focus_round(s, activity)
            seats = {seat.participant_id: seat for seat in cafe.seats(s, round_)}
            for i in range(cards):
                author = crowd[i % len(crowd)]
                s.add(Card(event_id=event.id, activity_id=activity.id, round_id=round_.id,
                           table_id=seats[author.id].table_id, author_id=author.id,
                           text=f"{INSIGHTS[i % len(INSIGHTS)]} ({i + 1})", created_at=utcnow() - timedelta(seconds=cards - i)))
            if paused:
                cafe.pause_round(s, activity)
        if harvest:
            s.flush()
            agenda.step(s, event, +1)
        return event.code


def vote_room(db: Database, people: int, *, closed: bool, live_totals: bool = False) -> str:
    """A dot vote at the harvest of a café round: a card from most people, half of them in three
    themes (the rest stand alone on the ballot), and three dots spent by everyone; the vote still
    open (the screen keeps the totals for the close, or shows them live if ``live_totals``) or closed (the ranking)."""
    code = cafe_room(db, people, tables=max(1, people // 5), running=True, cards=max(3, people * 7 // 10), harvest=True)
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        cards = list(s.scalars(select(Card).where(Card.event_id == event.id).order_by(Card.id)))
        themes = [board.create_theme(s, event, name)[0] for name in ("Getting there", "Someone to ask", "Warm spaces")]
        for i, card in enumerate(cards[: len(cards) // 2]):
            card.theme_id = themes[i % len(themes)].id
        s.flush()
        if live_totals:
            harvest = agenda.current(event)
            harvest.config = {**harvest.config, "live_totals": True}
        board.open_vote(s, event, 3)
        ballot = board.vote_state(agenda.current(event))["ballot"]
        targets = sorted(board.on_ballot(board.vote_targets(s, event.id)))
        crowd = s.scalars(select(Participant).where(Participant.event_id == event.id).order_by(Participant.id))
        # Written as rows: add_dot reads the whole ballot for each dot, 600 times at 200 people.
        for i, person in enumerate(crowd):
            for k in range(3):
                kind, target = targets[(i * 3 + k * k) % len(targets)].split(":")
                s.add(Dot(event_id=event.id, ballot=ballot, participant_id=person.id,
                          card_id=int(target) if kind == "card" else None, theme_id=int(target) if kind == "theme" else None))
        if closed:
            board.close_vote(s, event)
    return code


def agreements_room(db: Database, people: int, *, accepted: int, proposed: int) -> str:
    with db.session_scope() as s:
        event = _event(s, "Whitfield health gathering", [{"kind": "agreements"}])
        crowd = _people(s, event, people)
        agenda.go_to(s, event, event.activities[0].id)
        for i in range(accepted + proposed):
            made, _ = agreements.propose(s, event, crowd[i % len(crowd)], f"{INSIGHTS[i % len(INSIGHTS)]}, agreement {i + 1}")
            if i < accepted:
                agreements.accept(s, event, made.id)
        return event.code


def consultation_room(db: Database, people: int, *, at: str) -> str:
    """A group consultation (its template's agenda) at the activity of kind ``at``: a question
    from one in three, half of them shared, and a goal from one in four, half of them shared."""
    template = templates.get("group-consultation")
    with db.session_scope() as s:
        event = events.create_event(s, EventDetails("Diabetes group consultation", agreement_text=template.agreement_text),
                                    agenda=template.agenda)
        crowd = _people(s, event, people)
        goals_activity = next(a for a in event.activities if a.kind == "goals")
        for i, person in enumerate(crowd):
            if i % 3 == 0:
                questions.add(s, event, person, f"{INSIGHTS[i % len(INSIGHTS)]}: how do I ask for it? ({i + 1})",
                              "shared" if i % 2 == 0 else "private")
            if i % 4 == 0:
                goals.set_goal(s, goals_activity, person, f"{INSIGHTS[i % len(INSIGHTS)]} ({i + 1})", shared=i % 8 == 0)
        agenda.go_to(s, event, next(a for a in event.activities if a.kind == at).id)
        return event.code


def ballot_totals(db: Database, code: str) -> dict[str, int]:
    """The latest vote's dots by what the big screen calls each target ("Theme: …" or a card's text): what was on the ballot only."""
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        counts = board.totals(s, event.id, board.latest_ballot(s, event.id))
        targets = board.vote_targets(s, event.id)
        labels = {f"theme:{t['id']}": f"Theme: {t['name']}" for t in targets["themes"]}
        labels |= {f"card:{c['id']}": c["text"] for c in targets["cards"]}
        return {labels[key]: n for key, n in counts.items() if key in labels}


def ballot_entries(db: Database, code: str) -> list[str]:
    """What the phones are voting on, as the big screen lists it while the vote is open: each theme
    ("Theme: …" and how many cards it holds), then each card on its own (its text)."""
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        targets = board.vote_targets(s, event.id)
        themes = [f"Theme: {t['name']} · {len(t['cards'])} card{'' if len(t['cards']) == 1 else 's'}" for t in targets["themes"]]
        return themes + [c["text"] for c in targets["cards"]]
