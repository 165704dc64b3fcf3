"""The harvest: insight cards from the tables, themes, pins and dot voting.

Cards are written at café tables (by hosts, or by anyone if the facilitator
allows) and belong to the event's board. The facilitator groups them into
themes, merges duplicates, hides and pins; a dot vote lets everyone spend a
few dots on cards or themes. Votes are anonymous: no view says who voted for
what; a person only sees their own dots.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Iterable

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from facilitator.core.models import Activity, Event, Participant, utcnow
from facilitator.core.participants import CurrentActivity
from facilitator.activities.board.models import Card, Dot, Theme
from facilitator.activities.board import similar
from facilitator.activities.pulse import DIMENSIONS, IN_WORDS
from facilitator.core import agenda
from facilitator.core.kinds import kind_of
from facilitator.core.errors import DomainError, NotAllowed, NotFound
from facilitator.i18n import N_
from facilitator.core.spotlight import in_spotlight
from facilitator.core.outbound import Changes, To
from facilitator.core.reads import once_per_read
from facilitator.core.rows import DriverStatement, named_rows, plain_rows
from facilitator.core.text import clean

KIND = "harvest"
CARD_MAX = 1000
THEME_MAX = 120
TAGS = DIMENSIONS  # a card may be tagged with one of the 3Cs
GROUPINGS = ("table", "round", "theme", "votes", "pattern")  # pattern: the themes across tables (board/pattern.py)
CAFE_GROUPINGS = ("table", "round", "theme")  # no vote runs during the café
MAX_DOTS = 20


# --- reading ------------------------------------------------------------------


def _visible(q):
    return q.where(Card.withdrawn.is_(False), Card.hidden.is_(False), Card.merged_into_id.is_(None))


def theme_view(theme: Theme) -> dict[str, Any]:
    """A theme as every view and export starts from (the ranking and the ballot add to it)."""
    return {"id": theme.id, "name": theme.name}


def theme_list(s: Session, event_id: int) -> list[dict[str, Any]]:
    return [theme_view(t) for t in s.scalars(select(Theme).where(Theme.event_id == event_id).order_by(Theme.id))]


def _context(s: Session, cards: list) -> tuple[dict, dict, dict]:
    """What cards (:class:`Card` objects or rows of ``CARD_COLUMNS``) name: their tables' names,
    their rounds' numbers and the labels of the people written for, each by id."""
    tables = _by_id(s, Card.table, "name", {c.table_id for c in cards if c.table_id})
    rounds = _by_id(s, Card.round, "number", {c.round_id for c in cards if c.round_id})
    behalf = {c.on_behalf_id for c in cards if c.on_behalf_id}
    people = {p.id: p.label for p in s.scalars(select(Participant).where(Participant.id.in_(behalf)))} if behalf else {}
    return tables, rounds, people


def _by_id(s: Session, relation: Any, column: str, ids: set[int]) -> dict[int, Any]:
    """One column of the rows a card's relationship points at, by id, in one query (the board
    names no café class); plain rows: at a round change, 250 tables as objects were most of it."""
    target = relation.property.mapper.class_
    return dict(plain_rows(s, select(target.id, getattr(target, column)).where(target.id.in_(ids))).all()) if ids else {}


def _merged_counts(s: Session, event_id: int) -> dict[int, int]:
    return dict(
        s.execute(
            select(Card.merged_into_id, func.count())
            .where(Card.event_id == event_id, Card.merged_into_id.is_not(None), Card.withdrawn.is_(False))
            .group_by(Card.merged_into_id)
        ).all()
    )


def card_views(s: Session, cards: list, merged: dict[int, int] | None = None) -> list[dict[str, Any]]:
    """Cards as every client sees them (never who voted; the author's id so phones know their own).

    The one way a card is written out: the screen's (``for_screen``), the
    ballot's and the report's cards are all made from it.
    """
    tables, rounds, people = _context(s, cards)
    merged = merged or {}
    return [
        _view(c, tables.get(c.table_id), rounds.get(c.round_id), people.get(c.on_behalf_id), merged.get(c.id, 0))
        for c in cards
    ]


def _view(c: Card, table_name: str | None, round_number: int | None, on_behalf: str | None, merged: int) -> dict[str, Any]:
    return {
        "id": c.id,
        "text": c.text,
        "tag": c.tag,
        "theme": c.theme_id,
        "table": c.table_id,
        "table_name": table_name,
        "round": round_number,
        "author": c.author_id,
        "on_behalf": on_behalf,
        "pinned": c.pinned,
        "hidden": c.hidden,
        "merged": merged,
        # Only the console is ever sent a merged card: it can split it back.
        **({"merged_into": c.merged_into_id} if c.merged_into_id is not None else {}),
    }


def card_view(s: Session, card: Card) -> dict[str, Any]:
    return card_views(s, [card], _merged_counts(s, card.event_id))[0]


def visible_card(s: Session, event_id: int, card_id: int) -> dict[str, Any] | None:
    """A card as every client sees it while it is on this event's board; None once withdrawn, hidden or merged."""
    card = s.scalar(_visible(select(Card).where(Card.id == card_id, Card.event_id == event_id)))
    return card_views(s, [card])[0] if card else None


def theme_on_board(s: Session, event_id: int, theme_id: int) -> dict[str, Any] | None:
    """A theme of this event's board with how many visible cards it holds (``cards``); None when there is none."""
    theme = s.get(Theme, theme_id)
    if theme is None or theme.event_id != event_id:
        return None
    cards = s.scalar(_visible(select(func.count()).select_from(Card).where(Card.theme_id == theme.id)))
    return {**theme_view(theme), "cards": cards}


# Cards read to be shown, as rows rather than ORM objects: a round change's views
# read the whole board several times (the screen's and the console's, before
# and after), and card_views reads nothing but columns.
CARD_COLUMNS = tuple(Card.__table__.c)


def board_cards(s: Session, event_id: int, *, include_hidden: bool = False) -> list[dict[str, Any]]:
    q = select(*CARD_COLUMNS).where(Card.event_id == event_id, Card.withdrawn.is_(False), Card.merged_into_id.is_(None))
    if not include_hidden:
        q = q.where(Card.hidden.is_(False))
    return card_views(s, named_rows(s, q.order_by(Card.id)), _merged_counts(s, event_id))


def cards_for(s: Session, event_id: int, *, for_console: bool) -> list[dict[str, Any]]:
    """The board as the console sees it (hidden cards too, with their authors) or as the big
    screen does (visible cards, no authors). Read once per publish for both: a round change
    sends the screen and the console the whole board, 750 cards at 2,000 people."""
    every = once_per_read(s, ("board.cards", event_id), lambda: board_cards(s, event_id, include_hidden=True))
    return every if for_console else [for_screen(c) for c in every if not c["hidden"]]


def merged_cards(s: Session, event_id: int) -> list[dict[str, Any]]:
    """Cards merged into others (each with ``merged_into``): for the console, which can split them back."""
    q = select(*CARD_COLUMNS).where(Card.event_id == event_id, Card.withdrawn.is_(False), Card.merged_into_id.is_not(None))
    return card_views(s, named_rows(s, q.order_by(Card.id)))


def table_cards(s: Session, table_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Visible cards of some tables, all rounds, grouped by table (a host briefs newcomers with them)."""
    table_ids = set(table_ids)
    if not table_ids:
        return {}
    cards = named_rows(s, _visible(select(*CARD_COLUMNS).where(Card.table_id.in_(table_ids))).order_by(Card.id))
    out: dict[int, list[dict[str, Any]]] = {}
    for view in card_views(s, cards):
        out.setdefault(view["table"], []).append(view)
    return out


def cards_by_authors(s: Session, activity: Activity, author_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Each person's own cards on the board from this café, every round (for their phone's "My cards")."""
    author_ids = set(author_ids)
    if not author_ids:
        return {}
    cards = named_rows(
        s, _visible(select(*CARD_COLUMNS).where(Card.activity_id == activity.id, Card.author_id.in_(author_ids))).order_by(Card.id)
    )
    out: dict[int, list[dict[str, Any]]] = {}
    for card, view in zip(cards, card_views(s, cards)):
        out.setdefault(card.author_id, []).append(view)
    return out


def cards_of_people_and_tables(
    s: Session, activity: Activity, author_ids: Iterable[int], table_ids: Iterable[int]
) -> tuple[dict[int, list[dict[str, Any]]], dict[int, list[dict[str, Any]]]]:
    """:func:`cards_by_authors` and :func:`table_cards` from one read of the activity's cards
    (once per read scope): for many people at once. At a round change 2,000 people's own
    cards and their 250 tables' are the same 750 cards, read twice with long lists of ids."""
    def read() -> list[tuple[int | None, dict[str, Any]]]:
        cards = named_rows(s, _visible(select(*CARD_COLUMNS).where(Card.activity_id == activity.id)).order_by(Card.id))
        return [(card.author_id, view) for card, view in zip(cards, card_views(s, cards))]

    authors, tables = set(author_ids), set(table_ids)
    by_author: dict[int, list[dict[str, Any]]] = {}
    by_table: dict[int, list[dict[str, Any]]] = {}
    for author, view in once_per_read(s, ("board.activity_cards", activity.id), read):
        if author in authors:
            by_author.setdefault(author, []).append(view)
        if view["table"] in tables:
            by_table.setdefault(view["table"], []).append(view)
    return by_author, by_table


def _card(s: Session, event: Event, card_id: int) -> Card:
    card = s.get(Card, card_id)
    if card is None or card.event_id != event.id or card.withdrawn:
        raise NotFound(N_("That card is not on the board (it may have been withdrawn)."))
    return card


def _theme(s: Session, event: Event, theme_id: int) -> Theme:
    return _theme_of(s, event.id, theme_id)


def _theme_of(s: Session, event_id: int, theme_id: int) -> Theme:
    theme = s.get(Theme, theme_id)
    if theme is None or theme.event_id != event_id:
        raise NotFound(N_("There is no such theme on this board."))
    return theme


def for_screen(view: dict[str, Any]) -> dict[str, Any]:
    """A card as the big screen shows it: its words, never who wrote it.

    Phones at the table get the author's id to know their own cards, and the
    console sees everything; the screen is in every photo of the room, and
    with the roster's ids an author's id would name the writer of every card.
    """
    return {k: v for k, v in view.items() if k != "author"}


def _send_card(changes: Changes, event_id: int, table_id: int | None, view: dict[str, Any]) -> Changes:
    """A new or changed card to the screen (without its author), the console and its table."""
    changes.send("board.card", for_screen(view), To.screen(event_id))
    to = [To.console(event_id)] + ([To.table(event_id, table_id)] if table_id is not None else [])
    return changes.send("board.card", view, *to)


def _audience(event_id: int, card: Card) -> tuple[To, ...]:
    to = [To.screen(event_id), To.console(event_id)]
    if card.table_id is not None:
        to.append(To.table(event_id, card.table_id))
    return tuple(to)


def _clean_text(text: str) -> str:
    text = clean(text or "", multiline=True)
    if not text:
        raise DomainError(N_("Write something on the card first."))
    if len(text) > CARD_MAX:
        raise DomainError(N_("A card can hold at most {limit} characters; split it into two cards."), limit=CARD_MAX)
    return text


def _clean_tag(tag: str | None) -> str | None:
    if tag in (None, ""):
        return None
    if tag not in TAGS:
        raise DomainError(N_("The tag must be Control, Contact or Confidence."))
    return tag


# --- cards --------------------------------------------------------------------


@dataclass(frozen=True)
class NewCard:
    text: str
    tag: str | None = None
    theme_id: int | None = None
    on_behalf_id: int | None = None
    table_id: int | None = None  # the table the phone thinks it is at; checked
    # The round the phone showed when the card was written: a card kept on a
    # phone while it was offline belongs where its author sat then, not now.
    round_number: int | None = None


@dataclass
class Posted:
    card_id: int
    changes: Changes


# Prebuilt: a card burst is 250 cards a second (625 at 5,000 phones). The ORM's
# work per flushed object was most of each card's cost, then SQLAlchemy's
# execution (about 100 µs a card), so the statement goes to SQLite's driver as it is.
_CARD_COLUMNS = (
    "event_id", "activity_id", "table_id", "round_id", "author_id", "on_behalf_id", "text", "tag", "theme_id",
    "pinned", "hidden", "withdrawn", "created_at",
)
_INSERT = DriverStatement(insert(Card.__table__).returning(Card.__table__.c.id), _CARD_COLUMNS)


def add_card(s: Session, event: Event, person: Participant, new: NewCard) -> Posted:
    """A card from a table, saved before anyone sees it."""
    outcome = add_cards(s, event, [(person, new)])[0]
    if isinstance(outcome, DomainError):
        raise outcome
    return outcome


def add_cards(s: Session, event: Event, requests: list[tuple[Participant, NewCard]]) -> list[Posted | DomainError]:
    """:func:`post_cards` for people and an event as ORM objects."""
    return post_cards(s, event.id, agenda.current(event), [(person.id, new) for person, new in requests])


def post_cards(
    s: Session, event_id: int, activity: Activity | CurrentActivity | None, requests: list[tuple[int, NewCard]]
) -> list[Posted | DomainError]:
    """Cards from several tables at once (a burst), each saved or refused on its own:
    ``requests`` are (author's id, card), all of them in the event ``event_id``, whose
    current activity is ``activity`` (an ORM object or a row).

    Returns, in order, a :class:`Posted` or the :class:`DomainError` that
    refused that card; a refused card writes nothing, so the others stand.
    The reads are shared: one query for every author's round and seat. A
    message sent twice is answered once by the unit of work (delivery/handling.py).
    """
    # The current activity's kind says where each card goes (the café: its tables).
    places = activity and kind_of(activity.kind).card_places(s, activity, [(pid, new.round_number) for pid, new in requests])
    if places is None:
        return [DomainError(N_("The world café is not running now: move the agenda to it first.")) for _ in requests]
    out: list[Posted | DomainError] = []
    for pid, new in requests:
        try:
            out.append(_add_one(s, event_id, activity, pid, new, places[(pid, new.round_number)]))
        except DomainError as exc:
            out.append(exc)
    return out


def _add_one(s: Session, event_id: int, activity: Activity | CurrentActivity, pid: int, new: NewCard, place) -> Posted:
    # Between rounds a card belongs to the round just ended, and to where its
    # author sat in that round, not to the table they are moving to.
    seat, next_seat = place.seat, place.next_seat
    if seat is None:
        if new.round_number is not None and place.round_id is None:
            raise NotAllowed(N_("Round {number} of this café has not begun, so the card has no table to go to."), number=new.round_number)
        if new.round_number is not None and next_seat is None and place.round_id is not None:
            raise NotAllowed(N_("You were not at a table in round {number}, so the card has no table to go to."), number=new.round_number)
        if next_seat is not None:
            raise NotAllowed(N_("You were not at a table in the last round: add your card once the next round starts."))
        raise NotAllowed(N_("You do not have a table yet: cards are added at a table during the café."))
    if not (seat.is_host or activity.config["anyone_can_post"]):
        raise NotAllowed(N_("Only the table's host adds cards here; tell them your idea."))
    # The phone names the table it showed, which between rounds is already the next one.
    if new.table_id is not None and new.table_id not in {seat.table_id, next_seat.table_id if next_seat else None}:
        raise NotAllowed(N_("You can only add cards for your own table."))
    text = _clean_text(new.text)
    tag = _clean_tag(new.tag)
    if new.theme_id is not None:
        _theme_of(s, event_id, new.theme_id)
    other = None
    if new.on_behalf_id is not None:
        other = s.get(Participant, new.on_behalf_id)
        if other is None or other.event_id != event_id or not other.without_phone or other.removed_at is not None:
            raise DomainError(N_("Cards can be written on behalf of someone without a phone who is in this event."))
    values = {
        "event_id": event_id,
        "activity_id": activity.id,
        "table_id": seat.table_id,
        "round_id": place.round_id,
        "author_id": pid,
        "on_behalf_id": new.on_behalf_id,
        "text": text,
        "tag": tag,
        "theme_id": new.theme_id,
        "pinned": False,
        "hidden": False,
        "withdrawn": False,
        "created_at": utcnow(),
    }
    card_id = _INSERT.rows(s, values)[0][0]
    # Built from what is at hand: no reads, and the row as a plain namespace (an ORM object cost
    # more than the rest of the view in a burst); a new card has nothing merged into it yet.
    saved = SimpleNamespace(id=card_id, merged_into_id=None, **values)
    view = _view(saved, seat.table_name, place.round_number, other.label if other else None, 0)
    return Posted(card_id, _send_card(Changes(event_id), event_id, seat.table_id, view))


# --- near-duplicates: "a similar card is already on the board" ------------------


def _board_texts(s: Session, event_id: int) -> list[tuple[int, str]]:
    # Columns, not objects: compared with every card on the board as a host types.
    return [(row.id, row.text) for row in s.execute(_visible(select(Card.id, Card.text).where(Card.event_id == event_id)).order_by(Card.id))]


def similar_cards(s: Session, event: Event, text: str) -> list[dict[str, Any]]:
    """The cards on this event's board (any table's) that say what ``text`` says, most alike first, as the screen shows them."""
    found = similar.most_alike(text or "", _board_texts(s, event.id))
    if not found:
        return []
    cards = {c.id: c for c in s.scalars(select(Card).where(Card.id.in_([card_id for card_id, _ in found])))}
    ordered = [cards[card_id] for card_id, _ in found]
    return [for_screen(view) for view in card_views(s, ordered, _merged_counts(s, event.id))]


def near_duplicates(s: Session, event: Event) -> list[list[int]]:
    """Groups of cards on the board that say the same thing (two or more each), for the facilitator to merge."""
    return similar.near_duplicates(_board_texts(s, event.id))


def plus_one(s: Session, event: Event, person: Participant, new: NewCard, into_id: int) -> Posted:
    """"+1" to a card already on the board instead of posting a duplicate.

    The host's own words are saved as a card of their table and round (posted
    by the same rules as any card), merged into the one it agrees with: that
    card counts one more ("+1 similar" on every screen), the pattern counts
    the point at both tables, and the facilitator can split it back out.
    """
    into = s.get(Card, into_id)
    if into is None or into.event_id != event.id or into.withdrawn or into.hidden or into.merged_into_id is not None:
        raise NotFound(N_("That card is no longer on the board: add yours as a card of its own."))
    posted = add_card(s, event, person, new)
    card = s.get(Card, posted.card_id)
    card.merged_into_id = into.id
    s.flush()
    # Not _send_card's "a new card" (it would show the +1 as a card of its own):
    # the card it joined counts one more, and the console keeps the +1 to split it back.
    changes = _card_changed(s, event, into).merge(_card_changed(s, event, card))
    return Posted(posted.card_id, changes)


def _may_edit(s: Session, event: Event, person: Participant, card: Card) -> bool:
    if card.author_id == person.id:
        return True
    act = agenda.current(event)
    return act is not None and card.table_id is not None and kind_of(act.kind).hosts_table(s, act, person.id, card.table_id)


def edit_card(
    s: Session, event: Event, person: Participant, card_id: int, text: str, tag: str | None = None, theme_id: int | None = None
) -> Changes:
    """Authors edit their cards; hosts edit their table's cards."""
    card = _card(s, event, card_id)
    if not _may_edit(s, event, person, card):
        raise NotAllowed(N_("You can only change your own cards (or, as host, your table's cards)."))
    card.text = _clean_text(text)
    card.tag = _clean_tag(tag)
    if theme_id is not None:
        _theme(s, event, theme_id)
        card.theme_id = theme_id
    card.updated_at = utcnow()
    # The author's own list ("My cards") is in their personal view: they may have moved tables since.
    return _card_changed(s, event, card).merge(Changes(event.id, participants={card.author_id}))


def withdraw_card(s: Session, event: Event, person: Participant, card_id: int) -> Changes:
    """An author takes their card back: it leaves every screen."""
    card = _card(s, event, card_id)
    if card.author_id != person.id:
        raise NotAllowed(N_("Only the person who wrote a card can withdraw it."))
    card.withdrawn = True
    card.updated_at = utcnow()
    return _card_gone(event, card, phones=_voting(event)).merge(Changes(event.id, participants={person.id}))


def _card_changed(s: Session, event: Event, card: Card) -> Changes:
    # A card in the spotlight is redrawn there too (or leaves it, when hidden or merged); while a
    # vote is open, the screen shows the ballot, which a theme or a pin changes.
    voting = _voting(event)
    changes = Changes(event.id, phones=voting, screen=voting or in_spotlight(event, "card", card.id))
    if card.hidden or card.merged_into_id is not None:
        return changes.send("board.card", card_view(s, card), To.console(event.id))
    return _send_card(changes, event.id, card.table_id, card_view(s, card))


def _card_gone(event: Event, card: Card, phones: bool = False) -> Changes:
    spotlighted = in_spotlight(event, "card", card.id)
    return Changes(event.id, phones=phones, screen=spotlighted).send("board.card_gone", {"id": card.id}, *_audience(event.id, card))


# --- the facilitator's board --------------------------------------------------


def create_theme(s: Session, event: Event, name: str) -> tuple[Theme, Changes]:
    theme = Theme(event_id=event.id, name=_theme_name(name))
    s.add(theme)
    s.flush()
    return theme, _themes_changed(event).send("board.theme", theme_view(theme), To.screen(event.id), To.console(event.id))


def _theme_name(name: str) -> str:
    name = clean(name or "")
    if not name:
        raise DomainError(N_("Give the theme a name."))
    if len(name) > THEME_MAX:
        raise DomainError(N_("A theme name can be at most {limit} characters."), limit=THEME_MAX)
    return name


def _themes_changed(event: Event) -> Changes:
    # Phones pick themes for new cards and vote on themes: the list is in their public view.
    # A theme in the spotlight shows its name and count: the screen redraws it; and the ballot it shows while voting.
    return Changes(event.id, phones=True, screen=_voting(event) or in_spotlight(event, "theme"))


def rename_theme(s: Session, event: Event, theme_id: int, name: str) -> Changes:
    theme = _theme(s, event, theme_id)
    theme.name = _theme_name(name)
    return _themes_changed(event).send("board.theme", theme_view(theme), To.screen(event.id), To.console(event.id))


def delete_theme(s: Session, event: Event, theme_id: int) -> Changes:
    """A theme goes; its cards stay, without a theme."""
    theme = _theme(s, event, theme_id)
    s.execute(update(Card).where(Card.theme_id == theme.id).values(theme_id=None))
    s.delete(theme)
    s.flush()
    return Changes(event.id, phones=True, screen=True, console=True)


def assign_theme(s: Session, event: Event, card_id: int, theme_id: int | None) -> Changes:
    card = _card(s, event, card_id)
    if theme_id is not None:
        _theme(s, event, theme_id)
    card.theme_id = theme_id
    return _card_changed(s, event, card)


# A selection is the cards on one console's screen: a board of a few hundred at most.
BATCH_MAX = 500


def assign_themes(s: Session, event: Event, card_ids: list[int], theme_id: int | None) -> Changes:
    """Several cards into one theme (or out of theme) at once: all of them, or none if one is not on the board."""
    if not card_ids:
        raise DomainError(N_("Choose at least one card."))
    if len(card_ids) > BATCH_MAX:
        raise DomainError(N_("Theme at most {limit} cards at a time."), limit=BATCH_MAX)
    if theme_id is not None:
        _theme(s, event, theme_id)
    cards = [_card(s, event, card_id) for card_id in dict.fromkeys(card_ids)]
    changes = Changes(event.id)
    for card in cards:
        card.theme_id = theme_id
    s.flush()
    for card in cards:
        changes = changes.merge(_card_changed(s, event, card))
    return changes


def set_hidden(s: Session, event: Event, card_id: int, hidden: bool) -> Changes:
    """Hide a card from every screen at once (or show it again)."""
    card = _card(s, event, card_id)
    card.hidden = hidden
    if hidden:
        return _card_gone(event, card, phones=_voting(event)).send("board.card", card_view(s, card), To.console(event.id))
    return _card_changed(s, event, card)


def set_pinned(s: Session, event: Event, card_id: int, pinned: bool) -> Changes:
    card = _card(s, event, card_id)
    card.pinned = pinned
    return _card_changed(s, event, card)


def merge_cards(s: Session, event: Event, card_id: int, into_id: int) -> Changes:
    """A duplicate joins another card: it leaves the board and its dots go to the card it joined."""
    if card_id == into_id:
        raise DomainError(N_("Choose two different cards to merge."))
    card, into = _card(s, event, card_id), _card(s, event, into_id)
    if into.merged_into_id is not None:
        raise DomainError(N_("That card has itself been merged; merge into the card it joined."))
    card.merged_into_id = into.id
    # Cards merged into this one follow it.
    s.execute(update(Card).where(Card.merged_into_id == card.id).values(merged_into_id=into.id))
    s.execute(update(Dot).where(Dot.card_id == card.id).values(card_id=into.id))
    s.flush()
    changes = _card_gone(event, card, phones=_voting(event)).merge(_card_changed(s, event, into))
    # The console keeps the merged card (with ``merged_into``) to split it back.
    changes = changes.merge(_card_changed(s, event, card))
    return changes.merge(_totals_changed(s, event, [("card", into.id)]))


def unmerge_card(s: Session, event: Event, card_id: int) -> Changes:
    """Split a merged card back out: it returns to the board as it was (theme, pin, hidden).

    Dots moved with the merge stay on the card they went to: a vote is
    anonymous, so nothing says which of them were this card's.
    """
    card = _card(s, event, card_id)
    if card.merged_into_id is None:
        raise DomainError(N_("That card is not merged into another, so there is nothing to split."))
    into = s.get(Card, card.merged_into_id)
    card.merged_into_id = None
    s.flush()
    changes = _card_changed(s, event, card)
    if into is not None and not into.withdrawn:
        changes = changes.merge(_card_changed(s, event, into))  # one fewer merged into it
    return changes


# --- dot voting ---------------------------------------------------------------


def _harvest(event: Event) -> Activity | None:
    act = agenda.current(event)
    return act if act is not None and act.kind == KIND else None


def vote_state(activity: Activity | None) -> dict[str, Any]:
    state = (activity.state or {}) if activity is not None else {}
    return state.get("vote") or {"open": False, "dots": 0, "ballot": None}


def _voting(event: Event) -> bool:
    return vote_state(_harvest(event))["open"]


def latest_ballot(s: Session, event_id: int) -> int | None:
    return s.scalar(select(func.max(Dot.ballot)).where(Dot.event_id == event_id))


def open_vote(s: Session, event: Event, dots: int) -> Changes:
    """Give everyone ``dots`` dots to spend: a fresh vote (earlier results stay in the record)."""
    act = _harvest(event)
    if act is None:
        raise DomainError(N_("Move the agenda to the harvest before opening a vote."))
    if isinstance(dots, bool) or not isinstance(dots, int) or not 1 <= dots <= MAX_DOTS:
        raise DomainError(N_("Give each person between 1 and {limit} dots."), limit=MAX_DOTS)
    count = (act.state or {}).get("votes_opened", 0) + 1
    # Ballots are numbered per activity so several harvests never mix their dots.
    ballot = act.id * 1000 + count
    act.state = {**(act.state or {}), "votes_opened": count, "vote": {"open": True, "dots": dots, "ballot": ballot}}
    return Changes(event.id, phones=True, screen=True, console=True, all_participants=True)


def close_vote(s: Session, event: Event) -> Changes:
    act = _harvest(event)
    if act is None or not vote_state(act)["open"]:
        raise DomainError(N_("No vote is open."))
    act.state = {**act.state, "vote": {**vote_state(act), "open": False}}
    return Changes(event.id, phones=True, screen=True, console=True, all_participants=True)


def _target(s: Session, event: Event, card_id: int | None, theme_id: int | None) -> tuple[str, int]:
    if (card_id is None) == (theme_id is None):
        raise DomainError(N_("Put the dot on one card or one theme."))
    if card_id is not None:
        card = _card(s, event, card_id)
        if card.hidden or card.merged_into_id is not None:
            raise NotFound(N_("That card is no longer on the board."))
        return "card", card.id
    return "theme", _theme(s, event, theme_id).id


def _open_ballot(event: Event) -> dict[str, Any]:
    vote = vote_state(_harvest(event))
    if not vote["open"]:
        raise DomainError(N_("Voting is not open just now."))
    return vote


def add_dot(s: Session, event: Event, person: Participant, card_id: int | None = None, theme_id: int | None = None) -> Changes:
    """Spend one of my dots on a card or a theme on the ballot (several on one are fine)."""
    vote = _open_ballot(event)
    kind, target = _target(s, event, card_id, theme_id)
    if f"{kind}:{target}" not in on_ballot(vote_targets(s, event.id)):
        raise DomainError(N_("That card is in a theme: give your dot to the theme."))
    # Lock the person's row so two quick taps cannot both take the last dot.
    s.execute(select(Participant.id).where(Participant.id == person.id).with_for_update())
    used = s.scalar(
        select(func.count()).select_from(Dot).where(
            Dot.event_id == event.id, Dot.ballot == vote["ballot"], Dot.participant_id == person.id
        )
    )
    if used >= vote["dots"]:
        raise DomainError(N_("You have used all {dots} of your dots. Take one back to move it."), dots=vote["dots"])
    s.add(Dot(event_id=event.id, ballot=vote["ballot"], participant_id=person.id,
              card_id=target if kind == "card" else None, theme_id=target if kind == "theme" else None))
    s.flush()
    return Changes(event.id, participants={person.id}).merge(_totals_changed(s, event, [(kind, target)]))


def remove_dot(s: Session, event: Event, person: Participant, card_id: int | None = None, theme_id: int | None = None) -> Changes:
    """Take back one of my dots from a card or a theme."""
    vote = _open_ballot(event)
    if (card_id is None) == (theme_id is None):
        raise DomainError(N_("Take the dot back from one card or one theme."))
    q = select(Dot).where(Dot.event_id == event.id, Dot.ballot == vote["ballot"], Dot.participant_id == person.id)
    q = q.where(Dot.card_id == card_id) if card_id is not None else q.where(Dot.theme_id == theme_id)
    dot = s.scalar(q.limit(1))
    if dot is None:
        raise DomainError(N_("You have no dot there to take back."))
    s.delete(dot)
    s.flush()
    kind, target = ("card", card_id) if card_id is not None else ("theme", theme_id)
    return Changes(event.id, participants={person.id}).merge(_totals_changed(s, event, [(kind, target)]))


def totals(s: Session, event_id: int, ballot: int | None) -> dict[str, int]:
    """Dots per target ("card:12", "theme:3") in one vote: counts only, never who."""
    if ballot is None:
        return {}
    out: dict[str, int] = {}
    rows = s.execute(
        select(Dot.card_id, Dot.theme_id, func.count())
        .where(Dot.event_id == event_id, Dot.ballot == ballot)
        .group_by(Dot.card_id, Dot.theme_id)
    ).all()
    for card_id, theme_id, n in rows:
        out[f"card:{card_id}" if card_id is not None else f"theme:{theme_id}"] = n
    return out


def _totals_changed(s: Session, event: Event, targets: list[tuple[str, int]]) -> Changes:
    ballot = vote_state(_harvest(event))["ballot"]
    if ballot is None:
        return Changes(event.id)
    counts = {}
    for kind, target in targets:
        column = Dot.card_id if kind == "card" else Dot.theme_id
        counts[f"{kind}:{target}"] = s.scalar(
            select(func.count()).select_from(Dot).where(Dot.event_id == event.id, Dot.ballot == ballot, column == target)
        )
    # While the vote is open the room sees no running totals (they invite
    # bandwagon voting) unless the facilitator chose them; the console always does.
    audience = (To.screen(event.id), To.console(event.id)) if shows_totals(_harvest(event)) else (To.console(event.id),)
    return Changes(event.id).send("board.totals", {"ballot": ballot, "totals": counts}, *audience)


def shows_totals(activity: Activity | None) -> bool:
    """Whether the big screen shows the dots: once the vote is closed, or live if the facilitator chose."""
    if activity is None:
        return False
    return not vote_state(activity)["open"] or bool(activity.config.get("live_totals"))


def my_dots(s: Session, event_id: int, ballot: int | None, person_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Each person's own dots, by target: for their phone only."""
    person_ids = set(person_ids)
    out: dict[int, dict[str, int]] = {pid: {} for pid in person_ids}
    if ballot is None or not person_ids:
        return out
    rows = s.execute(
        select(Dot.participant_id, Dot.card_id, Dot.theme_id, func.count())
        .where(Dot.event_id == event_id, Dot.ballot == ballot, Dot.participant_id.in_(person_ids))
        .group_by(Dot.participant_id, Dot.card_id, Dot.theme_id)
    ).all()
    for pid, card_id, theme_id, n in rows:
        out[pid][f"card:{card_id}" if card_id is not None else f"theme:{theme_id}"] = n
    return out


def set_grouping(s: Session, event: Event, by: str) -> Changes:
    """Group the big screen's board: during the café (by table, round or theme) or the harvest (or by votes)."""
    act = agenda.current(event)
    allowed = kind_of(act.kind).board_groupings if act is not None else ()
    if not allowed:
        raise DomainError(N_("Move the agenda to the café or the harvest first."))
    if by not in allowed and allowed == CAFE_GROUPINGS:
        raise DomainError(N_("During the café, group the board by table, round or theme."))
    if by not in GROUPINGS:
        raise DomainError(N_("Group the board by table, round, theme or votes, or show the pattern."))
    act.state = {**(act.state or {}), "group_by": by}
    return Changes(event.id, screen=True, console=True)


# --- for the export -----------------------------------------------------------


def themes_ranked(s: Session, event: Event) -> list[dict[str, Any]]:
    """Themes by dots in the latest vote (on the theme plus on its visible cards), then by size."""
    counts = totals(s, event.id, latest_ballot(s, event.id))
    visible = list(s.scalars(_visible(select(Card).where(Card.event_id == event.id))))
    out = []
    for theme in s.scalars(select(Theme).where(Theme.event_id == event.id).order_by(Theme.id)):
        cards = [c for c in visible if c.theme_id == theme.id]
        card_votes = sum(counts.get(f"card:{c.id}", 0) for c in cards)
        out.append({
            **theme_view(theme),
            "cards": len(cards),
            "votes": counts.get(f"theme:{theme.id}", 0) + card_votes,
            "theme_votes": counts.get(f"theme:{theme.id}", 0),
        })
    out.sort(key=lambda t: (-t["votes"], -t["cards"], t["id"]))
    return out


# --- the activity kind --------------------------------------------------------


def vote_targets(s: Session, event_id: int) -> dict[str, Any]:
    """The ballot: every theme (with the cards in it, so a phone can open it), and the cards
    that stand on their own: those in no theme and the pinned ones. Before any theme or pin,
    every card. No card drops off the ballot because others were themed."""
    themes = theme_list(s, event_id)
    cards = list(s.scalars(_visible(select(Card).where(Card.event_id == event_id)).order_by(Card.id)))
    pinned = [c for c in cards if c.pinned]
    if themes:
        alone = [c for c in cards if c.pinned or c.theme_id is None]
    else:
        alone = pinned or cards
    inside: dict[int, list[str]] = {}
    for c in cards:
        if c.theme_id is not None:
            inside.setdefault(c.theme_id, []).append(c.text)
    return {
        "themes": [{**t, "cards": inside.get(t["id"], [])} for t in themes],
        "cards": [{"id": c["id"], "text": c["text"], "table_name": c["table_name"], "tag": c["tag"]} for c in card_views(s, alone)],
    }


def on_ballot(targets: dict[str, Any]) -> set[str]:
    """The ballot's targets as totals name them ("card:12", "theme:3")."""
    return {f"theme:{t['id']}" for t in targets["themes"]} | {f"card:{c['id']}" for c in targets["cards"]}
