"""Near-duplicate cards: a card that says what a card on the board already says.

Plain Python, no I/O. A card is reduced to its content words (the theme
suggestions' words: case and accents folded, English and Welsh stop words
dropped, plurals cut) and to the character 3-grams of those words (they
catch "volunteer"/"volunteers", a typo, a Welsh mutation). Two cards are
alike by the mean of the two overlaps (Jaccard of the words, Dice of the
3-grams): 1 for the same words, 0 for nothing shared. Cheap enough to compare
one typed card with 2,000 on the board in a few milliseconds; the reduced
form of each card text is kept in a small cache (a cache only: nothing
depends on it).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from facilitator.activities.board.suggest import content_words

# Measured on pairs (tests/activities/board/test_similar.py): the same point reworded
# scores 0.65 to 0.9; two different points on one theme that share words ("waiting
# list" for counselling and for allotments) up to 0.55; the 312 evaluation cards
# (all different points) have no pair at 0.6.
SIMILAR_AT = 0.6
# Fewer content words than this and a card is too short to call a duplicate
# ("Buses" matches every bus card).
MIN_WORDS = 2
SHOWN = 3


@dataclass(frozen=True)
class Shape:
    words: frozenset[str]
    grams: frozenset[str]


@lru_cache(maxsize=8192)
def shape(text: str) -> Shape:
    """A card's content words and their character 3-grams."""
    words = content_words(text or "")
    grams = {w[i:i + 3] for w in (f" {w} " for w in words) for i in range(len(w) - 2)}
    return Shape(frozenset(words), frozenset(grams))


def likeness(a: Shape, b: Shape) -> float:
    """How alike two cards are, 0 to 1."""
    if len(a.words) < MIN_WORDS or len(b.words) < MIN_WORDS:
        return 1.0 if a.words and a.words == b.words else 0.0
    words = len(a.words & b.words) / len(a.words | b.words)
    grams = 2 * len(a.grams & b.grams) / (len(a.grams) + len(b.grams))
    return (words + grams) / 2


def most_alike(text: str, cards: Iterable[tuple[int, str]], *, at: float = SIMILAR_AT,
               shown: int = SHOWN) -> list[tuple[int, float]]:
    """The cards (``(id, text)``) that say what ``text`` says, most alike first: ``(id, likeness)``."""
    mine = shape(text)
    if not mine.words:
        return []
    found = []
    for card_id, other in cards:
        theirs = shape(other)
        if mine.words.isdisjoint(theirs.words) and len(mine.words) >= MIN_WORDS:
            continue  # no word in common: not a duplicate, and the 3-grams need not be counted
        score = likeness(mine, theirs)
        if score >= at:
            found.append((card_id, score))
    found.sort(key=lambda pair: (-pair[1], pair[0]))
    return found[:shown]


def near_duplicates(cards: Sequence[tuple[int, str]], *, at: float = SIMILAR_AT) -> list[list[int]]:
    """Groups of cards that say the same thing (two or more each, ids in board order), for the console.

    Only pairs that share a word are compared (an inverted index), so 2,000
    cards cost a fraction of the 2 million pairs. A word on more than a tenth
    of the cards (and more than 20) is too common to find pairs by.
    """
    shapes = [shape(text) for _, text in cards]
    postings: dict[str, list[int]] = {}
    for i, sh in enumerate(shapes):
        for word in sh.words:
            postings.setdefault(word, []).append(i)
    cap = max(20, len(cards) // 10)
    parent = list(range(len(cards)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, sh in enumerate(shapes):
        seen: set[int] = set()
        for word in sh.words:
            posting = postings[word]
            if len(posting) > cap:
                continue
            for j in posting:
                if j > i and j not in seen:
                    seen.add(j)
                    if likeness(sh, shapes[j]) >= at:
                        parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i, (card_id, _) in enumerate(cards):
        groups.setdefault(root(i), []).append(card_id)
    return [ids for ids in groups.values() if len(ids) > 1]
