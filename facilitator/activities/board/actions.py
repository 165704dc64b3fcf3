"""Socket.IO actions of the harvest board: cards written at the tables, the
facilitator's themes, pins and grouping, and the dot vote. Thin by design.

A card written at a café table reaches only that table's phones (the café's
table rooms, in ``activities/cafe/actions.py``); theme suggestions have their
own module beside this one (``suggest_actions.py``).
"""
from __future__ import annotations

from facilitator.activities.board import rules as board
from facilitator.core import participants
from facilitator.core.errors import DomainError, NotAllowed
from facilitator.i18n import N_
from facilitator.delivery.auth import FACILITATOR, PARTICIPANT, Actor
from facilitator.delivery.handling import Reply, action, grouped_action
from facilitator.delivery.lookup import me, named_event
from facilitator.delivery.payloads import CLIENT_ID, EVENT_CODE, Bool, Choice, Int, IntList, Schema, Text

ID = Int(1, 2**31 - 1, required=True)
OPTIONAL_ID = Int(1, 2**31 - 1)


# --- cards --------------------------------------------------------------------


CARD_TEXT = Text(board.CARD_MAX, required=True, min_len=1)
TAG = Choice("", *board.TAGS, default=None)


@grouped_action(
    "card.add",
    roles=PARTICIPANT,
    schema=Schema(text=CARD_TEXT, tag=TAG, theme=OPTIONAL_ID, on_behalf=OPTIONAL_ID, table=OPTIONAL_ID,
                  round=Int(1, 1000), cid=CLIENT_ID),
    limited=True,
)
def card_add(s, requests: list[tuple[Actor, dict]]):
    """Add an insight card for your table (hosts; anyone if the facilitator allows)."""
    # A burst of cards from many tables is handled as one group (facilitator.grouping);
    # who posts, and to which activity, read as rows (nothing here changes them).
    posters = participants.posters(s, [actor.participant_id for actor, _ in requests])
    out: list = [NotAllowed(N_("You are no longer in this event."))] * len(requests)
    by_event: dict[int, list[int]] = {}
    for i, (actor, _) in enumerate(requests):
        if actor.participant_id in posters:
            by_event.setdefault(posters[actor.participant_id].event_id, []).append(i)
    for event_id, indices in by_event.items():
        activity = posters[requests[indices[0]][0].participant_id].activity
        posted = board.post_cards(s, event_id, activity, [(requests[i][0].participant_id, _new_card(requests[i][1])) for i in indices])
        for i, result in zip(indices, posted):
            out[i] = result if isinstance(result, DomainError) else Reply(
                {"id": result.card_id, "repeated": False}, [result.changes]
            )
    return out


def _new_card(cmd) -> board.NewCard:
    return board.NewCard(cmd.text, cmd.tag, cmd.theme, cmd.on_behalf, cmd.table, cmd.round)


# Not under the posting limit: asked as a host pauses while typing, it must not use up the tokens
# their card will need (every message still passes the connection's message limit).
@action("card.similar", roles=PARTICIPANT, schema=Schema(text=CARD_TEXT))
def card_similar(s, actor: Actor, cmd):
    """The cards on the board (any table's) that say what a card being written says: at most 3, most alike first."""
    person = me(s, actor)
    return Reply({"similar": board.similar_cards(s, person.event, cmd.text)})


@action(
    "card.plus_one",
    roles=PARTICIPANT,
    schema=Schema(into=ID, text=CARD_TEXT, tag=TAG, on_behalf=OPTIONAL_ID, table=OPTIONAL_ID, round=Int(1, 1000), cid=CLIENT_ID),
    limited=True,
)
def card_plus_one(s, actor: Actor, cmd):
    """"+1" to a card on the board instead of posting a duplicate: yours is kept, merged into it."""
    person = me(s, actor)
    new = board.NewCard(cmd.text, cmd.tag, None, cmd.on_behalf, cmd.table, cmd.round)
    posted = board.plus_one(s, person.event, person, new, cmd.into)
    return Reply({"id": posted.card_id, "into": cmd.into}, [posted.changes])


@action("board.near_duplicates", roles=FACILITATOR, schema=Schema(event=EVENT_CODE))
def board_near_duplicates(s, actor: Actor, cmd):
    """The cards on the board that say the same thing, in groups, for the facilitator to merge."""
    return Reply({"groups": board.near_duplicates(s, named_event(s, cmd))})


@action(
    "card.edit",
    roles=PARTICIPANT,
    schema=Schema(card=ID, text=CARD_TEXT, tag=TAG, theme=OPTIONAL_ID),
    limited=True,
)
def card_edit(s, actor: Actor, cmd):
    """Change a card you wrote (or, as host, one of your table's cards)."""
    person = me(s, actor)
    return board.edit_card(s, person.event, person, cmd.card, cmd.text, cmd.tag, cmd.theme)


@action("card.withdraw", roles=PARTICIPANT, schema=Schema(card=ID))
def card_withdraw(s, actor: Actor, cmd):
    """Take back a card you wrote."""
    person = me(s, actor)
    return board.withdraw_card(s, person.event, person, cmd.card)


# --- the facilitator's board --------------------------------------------------


@action("theme.create", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, name=Text(board.THEME_MAX, required=True, min_len=1)))
def theme_create(s, actor: Actor, cmd):
    """Start a theme on the board."""
    theme, changes = board.create_theme(s, named_event(s, cmd), cmd.name)
    return Reply({"id": theme.id}, [changes])


@action("theme.rename", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, theme=ID, name=Text(board.THEME_MAX, required=True, min_len=1)))
def theme_rename(s, actor: Actor, cmd):
    """Rename a theme."""
    return board.rename_theme(s, named_event(s, cmd), cmd.theme, cmd.name)


@action("theme.delete", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, theme=ID))
def theme_delete(s, actor: Actor, cmd):
    """Remove a theme; its cards stay on the board."""
    return board.delete_theme(s, named_event(s, cmd), cmd.theme)


@action("card.theme", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, card=ID, theme=OPTIONAL_ID))
def card_theme(s, actor: Actor, cmd):
    """Put a card in a theme (or take it out)."""
    return board.assign_theme(s, named_event(s, cmd), cmd.card, cmd.theme)


@action("cards.theme", roles=FACILITATOR,
        schema=Schema(event=EVENT_CODE, cards=IntList(board.BATCH_MAX, 1, 2**31 - 1, required=True), theme=OPTIONAL_ID))
def cards_theme(s, actor: Actor, cmd):
    """Put several cards in one theme (or take them out) in one step."""
    return board.assign_themes(s, named_event(s, cmd), cmd.cards, cmd.theme)


@action("card.unmerge", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, card=ID))
def card_unmerge(s, actor: Actor, cmd):
    """Split a merged card back out onto the board."""
    return board.unmerge_card(s, named_event(s, cmd), cmd.card)


@action("card.merge", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, card=ID, into=ID))
def card_merge(s, actor: Actor, cmd):
    """Merge a duplicate card into another."""
    return board.merge_cards(s, named_event(s, cmd), cmd.card, cmd.into)


@action("card.hide", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, card=ID, hidden=Bool(default=True)))
def card_hide(s, actor: Actor, cmd):
    """Hide a card from every screen at once (or show it again)."""
    return board.set_hidden(s, named_event(s, cmd), cmd.card, cmd.hidden)


@action("card.pin", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, card=ID, pinned=Bool(default=True)))
def card_pin(s, actor: Actor, cmd):
    """Pin a card to discuss (or unpin it)."""
    return board.set_pinned(s, named_event(s, cmd), cmd.card, cmd.pinned)


@action("board.group", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, by=Choice(*board.GROUPINGS, required=True)))
def board_group(s, actor: Actor, cmd):
    """Group the big screen's board by table, round, theme or votes."""
    return board.set_grouping(s, named_event(s, cmd), cmd.by)


@action("vote.open", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, dots=Int(1, board.MAX_DOTS, default=3)))
def vote_open(s, actor: Actor, cmd):
    """Open a dot vote: everyone gets ``dots`` dots to spend."""
    return board.open_vote(s, named_event(s, cmd), cmd.dots)


@action("vote.close", roles=FACILITATOR, schema=Schema(event=EVENT_CODE))
def vote_close(s, actor: Actor, cmd):
    """Close the vote; the results stay on the board."""
    return board.close_vote(s, named_event(s, cmd))


# --- the phone: dots ----------------------------------------------------------


@action("vote.add", roles=PARTICIPANT, schema=Schema(card=OPTIONAL_ID, theme=OPTIONAL_ID, cid=CLIENT_ID), limited=True)
def vote_add(s, actor: Actor, cmd):
    """Put one of your dots on a card or a theme."""
    person = me(s, actor)
    return board.add_dot(s, person.event, person, cmd.card, cmd.theme)


@action("vote.remove", roles=PARTICIPANT, schema=Schema(card=OPTIONAL_ID, theme=OPTIONAL_ID, cid=CLIENT_ID), limited=True)
def vote_remove(s, actor: Actor, cmd):
    """Take one of your dots back."""
    person = me(s, actor)
    return board.remove_dot(s, person.event, person, cmd.card, cmd.theme)
