"""Near-duplicate cards: the same point reworded is found; different points on one theme are not."""
import json
import time
from pathlib import Path

from facilitator.activities.board.similar import SIMILAR_AT, likeness, most_alike, near_duplicates, shape

CARDS = json.loads((Path(__file__).resolve().parents[2] / "data" / "harvest_cards.json").read_text("utf-8"))["cards"]

REWORDED = [
    ("No bus to the hospital after six", "There's no bus to hospital after six o'clock"),
    ("No bus to the hospital after six", "No buses to the hospital after 6pm"),
    ("Carers never get a break", "Unpaid carers never get a proper break"),
    ("Loneliness is as bad for you as smoking", "Loneliness is as bad as smoking 15 a day"),
    ("Dim bws i'r ysbyty ar ôl chwech o'r gloch", "Dim bws i'r ysbyty ar ôl chwech"),
]
DIFFERENT = [
    ("Waiting list for counselling is over a year", "Allotments have a five year waiting list"),
    ("Food bank use has doubled this year", "People too proud to use the food bank"),
    ("Buses stop at 6pm so evening groups are impossible", "No bus to the hospital from our village"),
    ("The train station has no lift", "Carers need training in lifting and medication"),
]


def test_the_same_point_in_other_words_is_alike_and_different_points_sharing_words_are_not():
    for a, b in REWORDED:
        assert likeness(shape(a), shape(b)) >= SIMILAR_AT, (a, b)
    for a, b in DIFFERENT:
        assert likeness(shape(a), shape(b)) < SIMILAR_AT, (a, b)


def test_case_accents_and_punctuation_do_not_make_a_card_new():
    assert likeness(shape("Carers never get a break"), shape("CARERS never get a break!!")) == 1.0


def test_a_one_word_card_matches_only_the_same_word():
    assert most_alike("Buses", [(1, "Buses"), (2, "Buses stop at six")]) == [(1, 1.0)]
    assert most_alike("the and of", [(1, "the and of")]) == []


def test_the_most_alike_come_first_and_at_most_three():
    board = [(1, "No buses to the hospital after 6pm"), (2, "Carers never get a break"),
             (3, "There's no bus to hospital after six o'clock"), (4, "no bus to the hospital after six!"),
             (5, "No bus to the hospital after six please")]
    found = most_alike("No bus to the hospital after six", board)
    assert found[0] == (4, 1.0)
    assert len(found) == 3 and {card_id for card_id, _ in found} <= {1, 3, 4, 5}
    assert [score for _, score in found] == sorted((score for _, score in found), reverse=True)


def test_the_evaluation_cards_all_different_points_hold_no_near_duplicates_but_a_reworded_one_is_grouped():
    cards = [(c["id"], c["text"]) for c in CARDS]
    assert near_duplicates(cards) == []
    extra = (10_000, "Community transport needs more volunteer drivers")
    groups = near_duplicates(cards + [extra])
    assert len(groups) == 1 and extra[0] in groups[0]
    (other,) = [cid for cid in groups[0] if cid != extra[0]]
    assert dict(cards)[other] == "Community transport scheme needs more volunteer drivers"


def test_two_thousand_cards_are_compared_quickly():
    board = [(k + 1, f"{CARDS[k % len(CARDS)]['text']} (table {k // len(CARDS) + 1})") for k in range(2000)]
    started = time.perf_counter()
    near_duplicates(board)
    for text in ("No buses to the hospital after six", "Carers never get a break", "Mwy o fysiau gyda'r nos"):
        most_alike(text, board)
    # Generous for a shared 2-core machine: measured about 0.15 s.
    assert time.perf_counter() - started < 2.0
