"""Theme suggestions for the harvest, by meaning, on the laptop: no network, no model.

Cards are compared by the words they share and by the pieces of words they
share (character n-grams: "bus"/"buses", "gofalwyr"/"gofalwr", Welsh
mutations such as "trafnidiaeth"/"drafnidiaeth"), each weighted by TF-IDF so
that a word on every card counts for little. Cards are then grouped by
average-linkage clustering: the two closest groups merge while their mean
similarity stays above a threshold (measured on the labelled cards in
``tests/data/harvest_cards.json``, see ``docs/harvest.md``). A group is named
from its own cards' most telling words; cards that join no group are the ones
that "fit nowhere".

Plain Python with no I/O: the caller reads the cards, runs :func:`suggest`
off the event loop (it is CPU work: about a second for 500 cards) and saves
what the facilitator accepts.
"""
from __future__ import annotations

import heapq
import json
import math
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

# Measured on the evaluation set (bench/suggest.py --sweep, docs/harvest.md).
THRESHOLD = 0.14
NEIGHBOURS = 20
# Terms on more than this share of the cards (and more than COMMON_MIN) are left out of the similarity sums.
COMMON_SHARE = 0.2
COMMON_MIN = 20
# How much the whole words count against the pieces of words (the rest).
WORD_WEIGHT = 0.6
CHAR_NGRAMS = (3, 4, 5)
MIN_GROUP = 2
NAME_WORDS = 2

# Common words that say nothing about a card's theme. English, then Welsh
# (with the short forms apostrophes leave: "i'r" -> "i", "r").
ENGLISH_STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between both
but by can can't could did do does doing don don't down during each even every few for from further get gets getting
got had has have having he her here hers him his how i if in into is isn it it's its just know let like lot lots
make makes many me more most much must my need needs no nobody nor not nothing now of off on once one only or other
our out over own people really same so some someone something such than that the their them then there these they
this those through to too under until up very want was way we well were what when where which while who whom why
will with would you your yours s t d ll m re ve isn aren doesn didn won wouldn shouldn couldn among across
around without within even still since always often anyone everyone anything everything just may might shall
""".split())
WELSH_STOP_WORDS = frozenset("""
ac ag am ar at beth bod bob chi cyn dan dros drwy dy ei eich ein er eu fe fel fy gan gyda gydag gyda'n hefyd hi
hwn hwnnw hyn i iddo iddi lle maen mae mewn mi na nad nag neu ni nid o oes oedd os pa pan pe pob pwy r rhwng
sut sydd sy tra trwy un wedi y yn yr yw ydy ydi ym yng w n fod ydyn ond felly gael cael wneud gwneud
""".split())
STOP_WORDS = ENGLISH_STOP_WORDS | WELSH_STOP_WORDS

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Group:
    """Cards that belong together, and a name made of their own words."""

    name: str
    card_ids: tuple[int, ...]
    words: tuple[str, ...]  # the words the name came from, most telling first
    cohesion: float  # the mean similarity of its cards (0..1)


@dataclass(frozen=True)
class Suggestions:
    groups: tuple[Group, ...]
    unplaced: tuple[int, ...]  # the cards that fit in no group


@dataclass
class _Card:
    id: int
    words: list[str]
    surface: dict[str, str]
    vector: dict[tuple[str, str], float] = field(default_factory=dict)


def _fold(word: str) -> str:
    # "hŷn" and "hyn" meet; case and accents never decide a theme.
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _stem(word: str) -> str:
    """A very light cut of English plurals and -ing, and of the commonest Welsh plurals.

    Welsh mutations ("trafnidiaeth", "drafnidiaeth") are left to the character n-grams.
    """
    if len(word) > 5 and word.endswith("wyr"):  # gofalwyr -> gofalwr, gweithwyr -> gweithwr
        return word[:-3] + "wr"
    if len(word) > 6 and word.endswith("iau"):  # rhestrau, gwasanaethau, apwyntiadau -> ...
        return word[:-3]
    if len(word) > 5 and word.endswith("au"):
        return word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _tokens(text: str) -> tuple[list[str], dict[str, str]]:
    words, surface = [], {}
    for raw in _WORD.findall(text):
        folded = _fold(raw)
        if folded in STOP_WORDS or len(folded) < 2:
            continue
        stem = _stem(folded)
        words.append(stem)
        surface.setdefault(stem, raw.casefold())
    return words, surface


def content_words(text: str) -> list[str]:
    """A card's words as the grouping compares them: folded, without stop words, plurals cut."""
    return _tokens(text)[0]


def _grams(words: Iterable[str]) -> list[str]:
    out = []
    for word in words:
        padded = f" {word} "
        for n in CHAR_NGRAMS:
            out.extend(padded[i:i + n] for i in range(len(padded) - n + 1))
    return out


def _weigh(counts: list[Counter], block: str, weight: float) -> list[dict[tuple[str, str], float]]:
    n = len(counts)
    df: Counter = Counter()
    for c in counts:
        df.update(c.keys())
    idf = {term: math.log((1 + n) / (1 + d)) + 1.0 for term, d in df.items()}
    out = []
    scale = math.sqrt(weight)
    for c in counts:
        v = {term: (1.0 + math.log(tf)) * idf[term] for term, tf in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values()))
        out.append({(block, t): scale * x / norm for t, x in v.items()} if norm else {})
    return out


def _vectors(cards: list[_Card]) -> None:
    words = _weigh([Counter(c.words) for c in cards], "w", WORD_WEIGHT)
    grams = _weigh([Counter(_grams(c.words)) for c in cards], "c", 1.0 - WORD_WEIGHT)
    for card, w, g in zip(cards, words, grams):
        card.vector = {**w, **g}


def _similarities(cards: list[_Card]) -> list[dict[int, float]]:
    """Cosine similarity of every pair that shares a term (the others are 0), by inverted index."""
    postings: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    for i, card in enumerate(cards):
        for term, x in card.vector.items():
            postings[term].append((i, x))
    # A term on very many cards (a common n-gram such as "ing") adds a little to
    # almost every pair, and costs the square of its cards: it is left out of
    # the sum (the vectors keep it in their length). Measured: ARI 0.084 -> 0.082,
    # and 2,000 cards in less than half the time.
    cap = max(COMMON_MIN, int(COMMON_SHARE * len(cards)))
    postings = {term: posting for term, posting in postings.items() if 1 < len(posting) <= cap}
    sims: list[dict[int, float]] = [dict() for _ in cards]
    for i, card in enumerate(cards):
        acc: dict[int, float] = defaultdict(float)
        for term, x in card.vector.items():
            for j, y in postings.get(term, ()):
                if j > i:
                    acc[j] += x * y
        row = sims[i]
        for j, value in acc.items():
            if value > 0.0:
                row[j] = value
                sims[j][i] = value
    return sims


def _neighbourhoods(sims: list[dict[int, float]], k: int = NEIGHBOURS) -> list[dict[int, float]]:
    """Cards are alike when their nearest cards are alike: the cosine of their top-``k`` neighbourhoods.

    Two cards about buses and taxis share no word, but both are close to
    "transport to appointments": this second look joins them. Each
    neighbourhood holds the card itself, so a direct likeness still counts.
    """
    tops = []
    for i, row in enumerate(sims):
        best = dict(heapq.nlargest(k, row.items(), key=lambda kv: kv[1]))
        best[i] = 1.0
        norm = math.sqrt(sum(v * v for v in best.values()))
        tops.append({j: v / norm for j, v in best.items()})
    postings: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for i, top in enumerate(tops):
        for j, v in top.items():
            postings[j].append((i, v))
    out: list[dict[int, float]] = [dict() for _ in sims]
    for i, top in enumerate(tops):
        acc: dict[int, float] = defaultdict(float)
        for j, v in top.items():
            for m, w in postings[j]:
                if m > i:
                    acc[m] += v * w
        for m, value in acc.items():
            out[i][m] = value
            out[m][i] = value
    return out


def _cluster(sims: list[dict[int, float]], threshold: float) -> list[list[int]]:
    """Average linkage over the sparse similarity graph: merge the closest pair while its mean similarity ≥ threshold."""
    members: dict[int, list[int]] = {i: [i] for i in range(len(sims))}
    # Sum of similarities between two clusters; a missing pair sums to 0.
    links: dict[int, dict[int, float]] = {i: dict(row) for i, row in enumerate(sims)}
    heap = [(-s, i, j) for i, row in enumerate(sims) for j, s in row.items() if i < j and s >= threshold]
    heapq.heapify(heap)
    next_id = len(sims)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # one of them has merged since
        mean = links[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(mean + neg) > 1e-12:
            continue  # a stale entry: the pair's link changed since it was pushed
        c = next_id
        next_id += 1
        members[c] = members.pop(a) + members.pop(b)
        la, lb = links.pop(a), links.pop(b)
        merged: dict[int, float] = defaultdict(float)
        for other, total in la.items():
            if other != b:
                merged[other] += total
        for other, total in lb.items():
            if other != a:
                merged[other] += total
        links[c] = dict(merged)
        size = len(members[c])
        for other, total in merged.items():
            row = links[other]
            row.pop(a, None)
            row.pop(b, None)
            row[c] = total
            mean = total / (size * len(members[other]))
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(c, other), max(c, other)))
    return list(members.values())


def _name(cards: list[_Card], group: list[int]) -> tuple[str, tuple[str, ...]]:
    """The group's most telling words: weighty in its cards, and found on many of them."""
    score: Counter = Counter()
    present: Counter = Counter()
    surface: Counter = Counter()
    for i in group:
        card = cards[i]
        for (block, term), x in card.vector.items():
            if block == "w":
                score[term] += x
        for word in set(card.words):
            present[word] += 1
        for stem, raw in card.surface.items():
            surface[(stem, raw)] += 1
    ranked = sorted(score, key=lambda t: (-score[t] * present[t], t))
    chosen: list[str] = []
    for term in ranked:
        if len(chosen) == NAME_WORDS:
            break
        if chosen and present[term] < 2:
            break  # a second word only if it is on several cards
        chosen.append(term)
    spelled = []
    for term in chosen:
        forms = [(n, raw) for (stem, raw), n in surface.items() if stem == term]
        spelled.append(max(forms)[1] if forms else term)
    name = ", ".join(spelled)
    return (name[:1].upper() + name[1:]) if name else "", tuple(chosen)


Likeness = Callable[[list[str]], list[dict[int, float]]]
_ENGLISH_ONLY = ENGLISH_STOP_WORDS - WELSH_STOP_WORDS
_WELSH_ONLY = WELSH_STOP_WORDS - ENGLISH_STOP_WORDS


def english_share(texts: Sequence[str]) -> float:
    """The share of the cards that read as English: more English than Welsh small words, no ŵ or ŷ."""
    if not texts:
        return 0.0
    english = 0
    for text in texts:
        words = [_fold(w) for w in _WORD.findall(text)]
        en = sum(w in _ENGLISH_ONLY for w in words)
        cy = sum(w in _WELSH_ONLY for w in words)
        if en > cy and not any(ch in text.casefold() for ch in "ŵŷ"):
            english += 1
    return english / len(texts)


def suggest(cards: Sequence[tuple[int, str]], *, threshold: float = THRESHOLD,
            avoid: Iterable[Iterable[int]] = (), likeness: Likeness | None = None) -> Suggestions:
    """Group ``(card id, text)`` pairs by meaning.

    Groups come biggest first; cards alone (or whose words say nothing, such
    as a card of stop words) are ``unplaced``. A group whose cards are, give
    or take one in five, one of the ``avoid`` sets (what the facilitator
    discarded before) is not proposed again: its cards are left unplaced.

    ``likeness`` replaces the word-based similarity (for measuring a learned
    model, bench/suggest.py): given the texts, each one's similar texts by
    index, ``{j: cosine}``. Names still come from the cards' words.
    """
    items = []
    by_id = {}
    for card_id, text in cards:
        words, surface = _tokens(text or "")
        items.append(_Card(card_id, words, surface))
        by_id[card_id] = text or ""
    usable = [c for c in items if c.words]
    if len(usable) < MIN_GROUP:
        return Suggestions((), tuple(c.id for c in items))
    _vectors(usable)
    direct = likeness([by_id[c.id] for c in usable]) if likeness is not None else _similarities(usable)
    sims = _neighbourhoods(direct)
    clusters = _cluster(sims, threshold)
    avoided = [frozenset(ids) for ids in avoid]
    groups, unplaced = [], [c.id for c in items if not c.words]
    for members in clusters:
        ids = frozenset(usable[i].id for i in members)
        if len(members) < MIN_GROUP or any(_same(ids, seen) for seen in avoided):
            unplaced.extend(usable[i].id for i in members)
            continue
        name, words = _name(usable, members)
        pairs = len(members) * (len(members) - 1) / 2
        cohesion = sum(sims[i].get(j, 0.0) for k, i in enumerate(members) for j in members[k + 1:]) / pairs
        groups.append(Group(name, tuple(sorted(ids)), words, round(cohesion, 3)))
    groups.sort(key=lambda g: (-len(g.card_ids), g.card_ids[0]))
    return Suggestions(tuple(groups), tuple(sorted(unplaced)))


def _same(a: frozenset, b: frozenset) -> bool:
    """Two groups are the same suggestion when they share at least 80% of their cards (Jaccard)."""
    return bool(a) and bool(b) and len(a & b) / len(a | b) >= 0.8


# --- agreement with hand-made themes (bench/suggest.py and the tests) -----------


def adjusted_rand_index(truth: Sequence, found: Sequence) -> float:
    """Agreement of two labelings of the same items: 1 identical, about 0 for chance."""
    n = len(truth)
    if n < 2:
        return 1.0
    pairs = lambda k: k * (k - 1) / 2  # noqa: E731
    table = Counter(zip(truth, found))
    index = sum(pairs(v) for v in table.values())
    rows = sum(pairs(v) for v in Counter(truth).values())
    cols = sum(pairs(v) for v in Counter(found).values())
    expected = rows * cols / pairs(n)
    top = (rows + cols) / 2
    return 1.0 if top == expected else (index - expected) / (top - expected)


def cards_to_move(truth: Sequence, found: Sequence, alone: object = None) -> int:
    """Cards a facilitator would move after accepting every group as the theme most of its cards are.

    A card whose ``found`` label is ``alone`` (it fit nowhere) must be placed
    by hand: it counts as a move. Two groups of one theme cost no card moves
    (the second is added to the first's theme).
    """
    by_group: dict[object, Counter] = defaultdict(Counter)
    moves = 0
    for t, f in zip(truth, found):
        if f is alone:
            moves += 1
        else:
            by_group[f][t] += 1
    for counts in by_group.values():
        moves += sum(counts.values()) - max(counts.values())
    return moves


def labels(suggestions: Suggestions, ids: Sequence[int]) -> list:
    """Each card's group number, or None when it fit nowhere (for the measures above)."""
    where = {cid: k for k, g in enumerate(suggestions.groups) for cid in g.card_ids}
    return [where.get(cid) for cid in ids]


# --- run apart: ``python -I suggest.py`` reads the cards as JSON, writes the groups ---------


def to_json(found: Suggestions) -> dict:
    return {"groups": [{"name": g.name, "cards": list(g.card_ids), "words": list(g.words), "cohesion": g.cohesion}
                       for g in found.groups], "unplaced": list(found.unplaced)}


def from_json(data: dict) -> Suggestions:
    groups = tuple(Group(g["name"], tuple(g["cards"]), tuple(g["words"]), g["cohesion"]) for g in data["groups"])
    return Suggestions(groups, tuple(data["unplaced"]))


# The optional learned model (the ``[suggest]`` extra): measured better in English
# (ARI 0.27 against 0.10 on the English cards) and at chance in Welsh, so it groups
# the whole board when nearly every card reads as English, and otherwise only the
# cards that do, the others by their words (docs/harvest.md).
LEARNED_MIN_ENGLISH = 0.9
# ... and only from this many English cards: on fewer it groups worse than the words
# (random boards of the evaluation set's English cards, mean ARI model / words: 12 cards
# 0.06 / 0.28, 50 cards 0.06 / 0.11, 75 cards 0.11 / 0.11, 100 cards 0.18 / 0.13).
LEARNED_MIN_CARDS = 100
LEARNED_THRESHOLD = 0.15
LEARNED_MODEL = "wordllama==0.4.0.post1"


def learned_likeness() -> Likeness | None:
    """WordLlama from the weights inside its wheel, never the hub; None when the extra is not installed."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        # The optional model, loaded only when the cards call for it (the `suggest` extra).
        import numpy as np
        import wordllama
    except ImportError:
        return None
    # Its own folder as the "cache": the wheel holds the weights and the tokenizer,
    # and its default lookup would miss the tokenizer and go to the hub.
    model = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)

    def likeness(texts: list[str]) -> list[dict[int, float]]:
        emb = model.embed(texts, norm=True)
        sim = emb @ emb.T
        np.fill_diagonal(sim, 0.0)
        return [{int(j): float(sim[i, j]) for j in np.nonzero(sim[i] > 0)[0]} for i in range(len(texts))]

    return likeness


def run(cards: Sequence[tuple[int, str]], avoid: Iterable[Iterable[int]] = (),
        learned: Callable[[], Likeness | None] = learned_likeness) -> tuple[Suggestions, str]:
    """:func:`suggest` with the learned model, when it is installed, for the cards in English; and
    how they were compared: ``meaning``, ``meaning and words`` (a board of several languages:
    the English cards by meaning, the others by their words; a group never mixes the two) or ``words``."""
    cards = list(cards)
    if english_share([text for _, text in cards]) >= LEARNED_MIN_ENGLISH:
        english, others = cards, []
    else:
        english = [card for card in cards if english_share([card[1]]) == 1.0]
        others = [card for card in cards if english_share([card[1]]) < 1.0]
    likeness = learned() if len(english) >= LEARNED_MIN_CARDS else None
    if likeness is None:
        return suggest(cards, avoid=avoid), "words"
    by_meaning = suggest(english, avoid=avoid, likeness=likeness, threshold=LEARNED_THRESHOLD)
    if not others:
        return by_meaning, "meaning"
    by_words = suggest(others, avoid=avoid)
    groups = sorted(by_meaning.groups + by_words.groups, key=lambda g: (-len(g.card_ids), g.card_ids[0]))
    return Suggestions(tuple(groups), tuple(sorted(by_meaning.unplaced + by_words.unplaced))), "meaning and words"


def _main() -> None:
    """``{"cards": [[id, text]], "avoid": [[id]]}`` on stdin, :func:`to_json` of the groups on stdout.

    The server runs the grouping this way, in a process of its own: it is
    pure Python, and in a thread it would hold the interpreter's lock and
    starve the event loop that serves the phones. This file imports nothing
    outside the standard library (but the optional model), so it runs by its path with ``-I``.
    """
    try:
        os.nice(10)  # the laptop's CPU goes to the server's loop first, when both want it
    except (AttributeError, OSError):
        pass  # not on this system: the separate process is what matters
    data = json.load(sys.stdin)
    found, method = run([(int(cid), text) for cid, text in data["cards"]], avoid=data.get("avoid", ()))
    json.dump({**to_json(found), "method": method}, sys.stdout)


if __name__ == "__main__":
    _main()
