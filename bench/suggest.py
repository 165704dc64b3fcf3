"""How good and how fast are the harvest's theme suggestions? Against hand-made themes.

    .venv/bin/python bench/suggest.py            # quality on the evaluation set, and the times
    .venv/bin/python bench/suggest.py --sweep    # quality at several thresholds (how THRESHOLD was chosen)
    .venv/bin/python bench/suggest.py --slices   # and on tables 1-4, 5-8, 9-12 apart (does a change hold everywhere?)

The evaluation set is ``tests/data/harvest_cards.json``: 312 cards themed by
hand (12 themes, 12 tables, 3 rounds, 48 in Welsh). Quality is the adjusted
Rand index (1 = the hand-made themes exactly, 0 = chance) and the share of
cards a facilitator would have to move after accepting every suggested group
(a card that fit nowhere counts as one to place), each against the baseline
of one theme per table. Times are for 100, 500 and 2,000 cards (the larger
sets are the evaluation cards repeated with a table word added, so no two
cards are the same text).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from facilitator.activities.board import suggest  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "harvest_cards.json"


def load() -> list[dict]:
    return json.loads(DATA.read_text("utf-8"))["cards"]


def _singletons(found: list) -> list:
    # For the Rand index a card that fit nowhere is a group of its own, not one big "nowhere" group.
    return [f if f is not None else ("alone", i) for i, f in enumerate(found)]


# Measured like the word-based method: the threshold where its quality peaks (--sweep --wordllama).
WORDLLAMA_THRESHOLD = 0.15


def wordllama_likeness():
    """WordLlama's model, as the app loads it (the optional [suggest] extra): texts -> cosines."""
    likeness = suggest.learned_likeness()
    if likeness is None:
        raise SystemExit("--wordllama needs the optional extra: pip install -e '.[suggest]'")
    return likeness


LIKENESS = None


def measure(cards: list[dict], threshold: float | None = None) -> dict:
    threshold = threshold if threshold is not None else (WORDLLAMA_THRESHOLD if LIKENESS else suggest.THRESHOLD)
    result = suggest.suggest([(c["id"], c["text"]) for c in cards], threshold=threshold, likeness=LIKENESS)
    truth = [c["theme"] for c in cards]
    found = suggest.labels(result, [c["id"] for c in cards])
    return {
        "ari": suggest.adjusted_rand_index(truth, _singletons(found)),
        "moved": suggest.cards_to_move(truth, found) / len(cards),
        "groups": len(result.groups),
        "unplaced": len(result.unplaced),
        "result": result,
    }


def baseline(cards: list[dict]) -> dict:
    truth = [c["theme"] for c in cards]
    tables = [c["table"] for c in cards]
    return {"ari": suggest.adjusted_rand_index(truth, tables), "moved": suggest.cards_to_move(truth, tables) / len(cards)}


def many(cards: list[dict], n: int) -> list[tuple[int, str]]:
    out = []
    for k in range(n):
        card = cards[k % len(cards)]
        copy = k // len(cards)
        out.append((k + 1, card["text"] if copy == 0 else f"{card['text']} (table {copy + 1})"))
    return out


def timed(pairs: list[tuple[int, str]], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        suggest.suggest(pairs, likeness=LIKENESS)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="quality at thresholds from 0.04 to 0.24")
    parser.add_argument("--groups", action="store_true", help="print the suggested groups")
    parser.add_argument("--slices", action="store_true",
                        help="quality on tables 1-4, 5-8 and 9-12 apart: a change that helps the whole set only is fitted to it")
    parser.add_argument("--wordllama", action="store_true",
                        help="measure the learned model instead (pip install wordllama==0.4.0.post1)")
    args = parser.parse_args()
    global LIKENESS
    if args.wordllama:
        started = time.perf_counter()
        LIKENESS = wordllama_likeness()
        print(f"WordLlama loaded from its wheel in {time.perf_counter() - started:.2f} s")
    cards = load()
    base = baseline(cards)
    if args.sweep:
        print("threshold   ARI   moved  groups  unplaced")
        for k in range(4, 25, 2) if not LIKENESS else range(10, 41, 5):
            m = measure(cards, k / 100)
            print(f"   {k / 100:.2f}    {m['ari']:.3f}  {m['moved']:5.1%}  {m['groups']:5d}  {m['unplaced']:7d}")
        return
    print(f"{len(cards)} cards, {len({c['theme'] for c in cards})} hand-made themes, "
          f"{len({c['table'] for c in cards})} tables, {sum(c['lang'] == 'cy' for c in cards)} in Welsh")
    m = measure(cards)
    print(f"suggestions ({'WordLlama' if LIKENESS else 'words'}): ARI {m['ari']:.3f}, cards to move {m['moved']:.1%}, "
          f"{m['groups']} groups, {m['unplaced']} fit nowhere")
    print(f"one theme per table:             ARI {base['ari']:.3f}, cards to move {base['moved']:.1%}")
    for lang in ("en", "cy"):
        part = [c for c in cards if c["lang"] == lang]
        p = measure(part)
        print(f"  {lang} cards alone ({len(part)}): ARI {p['ari']:.3f}, cards to move {p['moved']:.1%}")
    if args.slices:
        for first in (1, 5, 9):
            part = [c for c in cards if first <= c["table"] <= first + 3]
            p, b = measure(part), baseline(part)
            print(f"  tables {first}-{first + 3} ({len(part)}): ARI {p['ari']:.3f} (one theme per table {b['ari']:.3f}), "
                  f"cards to move {p['moved']:.1%} ({b['moved']:.1%})")
    if args.groups:
        by_id = {c["id"]: c for c in cards}
        for g in m["result"].groups:
            print(f"\n[{g.name}] ({len(g.card_ids)}, cohesion {g.cohesion})")
            for cid in g.card_ids:
                print(f"   {by_id[cid]['theme']:10} {by_id[cid]['text']}")
        print("\nfit nowhere:")
        for cid in m["result"].unplaced:
            print(f"   {by_id[cid]['theme']:10} {by_id[cid]['text']}")
    for n in (100, 500, 2000):
        print(f"time for {n:5d} cards: {timed(many(cards, n), 1 if n > 500 else 3):.2f} s")


if __name__ == "__main__":
    main()
