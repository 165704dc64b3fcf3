"""Every sentence the scripts hand to t()/tn()/tNodes() is in the catalogues (issue #19).

Babel's JavaScript extractor misses a call nested in another's arguments
(``t("{what} was not saved", { what: t("What you sent") })``): such a sentence is
never translated and shows in English. Here each literal first argument is looked
for in messages.pot, so a missed one fails (write the inner call on its own).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
CALL = re.compile(r"""\b(?:t|tn|tNodes)\(\s*"((?:[^"\\]|\\.)*)\"""")
JOINED = re.compile(r'"\s*\+\s*"')  # "a " + "b": one sentence written on two lines


def _template_ids() -> set[str]:
    with (ROOT / "facilitator" / "translations" / "messages.pot").open("rb") as f:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}


def test_every_sentence_given_to_t_in_the_scripts_is_in_the_catalogues():
    ids = _template_ids()
    missing = []
    for path in sorted((ROOT / "participant_ui").rglob("*.js")):
        if "vendor" in path.parts:
            continue
        source = JOINED.sub("", path.read_text(encoding="utf-8"))
        for match in CALL.finditer(source):
            text = json.loads(f'"{match.group(1)}"')  # the script's escapes ("\\n", '\\"') as the extractor reads them
            if text not in ids:
                missing.append((str(path.relative_to(ROOT)), text))
    assert missing == [], "not extracted: give each t() its own call (docs/translations.md), then `make translations`"
