"""Make ``harvest_cards.json``, the labelled evaluation set for theme suggestions.

The cards and their themes are in ``harvest_cards.txt`` (``theme|lang|text``,
written and themed by hand in the style of a community health café: "what
would help people here be well?"). This script only seats them: 12 tables,
3 rounds; each table-round talks mostly about two themes (as real tables
do), and about a quarter of its cards wander elsewhere. Seeded, so running it
again gives the same file:

    .venv/bin/python tests/data/make_harvest_cards.py
"""
from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
TABLES, ROUNDS = 12, 3


def main() -> None:
    rows = [line.split("|", 2) for line in (HERE / "harvest_cards.txt").read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    rng = random.Random(20)
    themes = sorted({theme for theme, _, _ in rows})
    slots = [(t, r) for r in range(1, ROUNDS + 1) for t in range(1, TABLES + 1)]
    # Every theme is the focus of six table-rounds, two focuses per table-round.
    focus_pool = themes * (len(slots) * 2 // len(themes))
    rng.shuffle(focus_pool)
    focus = {slot: focus_pool[2 * i:2 * i + 2] for i, slot in enumerate(slots)}
    where = {theme: [s for s in slots if theme in focus[s]] for theme in themes}
    cards = []
    for i, (theme, lang, text) in enumerate(rows, start=1):
        slot = rng.choice(where[theme]) if rng.random() < 0.75 else rng.choice(slots)
        cards.append({"id": i, "text": text.strip(), "lang": lang, "theme": theme, "table": slot[0], "round": slot[1]})
    out = HERE / "harvest_cards.json"
    lines = ",\n".join(json.dumps(card, ensure_ascii=False) for card in cards)  # one card a line: readable diffs
    out.write_text(f'{{"tables": {TABLES}, "rounds": {ROUNDS}, "cards": [\n{lines}\n]}}\n', "utf-8")
    print(f"{len(cards)} cards -> {out}")


if __name__ == "__main__":
    main()
