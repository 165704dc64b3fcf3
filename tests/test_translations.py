"""The catalogues are whole and compile, and no English is left outside the translation functions (issue #19).

The scanner reads the templates and participant_ui/ for words a person would
see that are not inside ``_()``/``t()``/``tn()``/``tNodes()``. Files not yet
converted are listed by name: the list can only shrink (a listed file the
scanner finds nothing in must move to the converted ones, which stay clean).
"""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from gettext import GNUTranslations
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from facilitator import i18n

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = ROOT / "facilitator" / "translations"
TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.SOURCE]
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _ids(catalog) -> list:
    return [m.id for m in catalog if m.id]


def _po(code: str):
    with (CATALOGUES / code / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=code)


@pytest.fixture(scope="module")
def template():
    with (CATALOGUES / "messages.pot").open("rb") as f:
        return read_po(f)


def test_the_template_holds_every_sentence_marked_in_the_source(tmp_path, template):
    """messages.pot is what `make translations` extracts now: nothing marked is missing from it."""
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-c", "from babel.messages.frontend import main; main()", "extract", "-F", "babel.cfg",
         "--no-default-keywords", "-k", "N_", "-o", str(fresh), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    with fresh.open("rb") as f:
        extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    committed = {m if isinstance(m, str) else m[0] for m in _ids(template)}
    assert extracted - committed == set(), "run `make translations`: these are not in the catalogues yet"
    assert committed - extracted == set(), "run `make translations`: these are no longer in the source"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_sentence_has_a_translation_in_every_language(code, template):
    catalog = _po(code)
    missing = []
    for msgid in _ids(template):
        message = catalog.get(msgid)
        strings = [] if message is None else (list(message.string) if isinstance(message.string, (list, tuple)) else [message.string])
        if message is None or not strings or not all(s.strip() for s in strings) or message.fuzzy:
            missing.append(msgid)
    assert missing == [], f"{code}: no translation (or only a fuzzy one) for these"


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_translation_keeps_its_placeholders_and_real_plural_forms(code, template):
    catalog = _po(code)
    assert catalog.num_plurals == get_plural(code).num_plurals
    if code in ("cy", "ar"):
        assert catalog.num_plurals == 6
    wrong = []
    for msgid in _ids(template):
        message = catalog[msgid]
        if isinstance(msgid, tuple):
            assert len(message.string) == catalog.num_plurals, (code, msgid)
            allowed = set(PLACEHOLDER.findall(msgid[0])) | set(PLACEHOLDER.findall(msgid[1]))
            wrong += [(msgid, s) for s in message.string if not set(PLACEHOLDER.findall(s)) <= allowed]
        elif set(PLACEHOLDER.findall(message.string)) != set(PLACEHOLDER.findall(msgid)):
            wrong.append((msgid, message.string))
    assert wrong == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_catalogue_says_who_wrote_it_and_whether_it_was_reviewed(code):
    headers = i18n.own_headers((CATALOGUES / code / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8"))
    assert headers.get("X-Translated-By", "").strip(), f"{code}: who wrote it?"
    assert headers.get("X-Reviewed", "").strip() in ("yes", "no"), f"{code}: X-Reviewed is yes or no"
    if headers["X-Reviewed"].strip() == "yes":
        assert headers.get("X-Reviewed-By", "").strip(), f"{code}: reviewed by whom?"


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_catalogues_compile_and_what_is_served_is_compiled_from_them(code):
    catalog = _po(code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    fresh = GNUTranslations(compiled)
    with (CATALOGUES / code / "LC_MESSAGES" / "messages.mo").open("rb") as f:
        shipped = GNUTranslations(f)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            for n in range(0, 30):
                assert shipped.ngettext(*message.id, n) == fresh.ngettext(*message.id, n), (code, message.id, n)
        else:
            assert shipped.gettext(message.id) == fresh.gettext(message.id) == message.string, (code, message.id)
    served = json.loads((CATALOGUES / code / "LC_MESSAGES" / "messages.json").read_text(encoding="utf-8"))
    assert served == {**i18n.browser_catalogue(code, catalog), **i18n.review_status(code)}, "run `make translations`"


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_browser_s_plural_forms_follow_the_languages_own_rules(code, template):
    """Each Intl.PluralRules category of the language gets the .po form gettext would pick for its numbers."""
    catalog = _po(code)
    served = i18n.browser_catalogue(code, catalog)["messages"]
    rules = Locale.parse(code).plural_form
    translations = i18n.translations(code)
    for msgid in [m for m in _ids(template) if isinstance(m, tuple)]:
        forms = served[msgid[0]]
        assert set(forms) == set(i18n.plural_categories(code)), (code, msgid)
        for n in range(0, 120):
            assert forms[rules(n)] == translations.ngettext(*msgid, n), (code, msgid, n)


# --- no English left outside the translation functions ---------------------------------

TEMPLATES = ROOT / "templates"
UI = ROOT / "participant_ui"

# Whole files whose every word a person sees goes through the catalogues: every template and
# script (issue #19); a new one is written with t()/_() and listed here.
CONVERTED = {
    "participant_ui/activities/welcome.js",
    "participant_ui/lib/chime.js",
    "participant_ui/lib/fit.js",
    "participant_ui/screen.js",
    "templates/screen.html",
    "templates/base.html",
    "templates/report.html",
    "templates/acceptance_report.html",
    "templates/consultation_report.html",
    "templates/phone.html",
    "participant_ui/phone.js",
    "participant_ui/activities/agreements.js",
    "participant_ui/activities/board.js",
    "participant_ui/activities/board/cards.js",
    "participant_ui/activities/board/pattern.js",
    "participant_ui/activities/board/theme_suggestions.js",
    "participant_ui/activities/board/workspace.js",
    "participant_ui/activities/cafe.js",
    "participant_ui/activities/checkout.js",
    "participant_ui/activities/circle.js",
    "participant_ui/activities/goals.js",
    "participant_ui/activities/pulse.js",
    "participant_ui/lib/activity.js",
    "participant_ui/lib/announce.js",
    "participant_ui/lib/circle_widgets.js",
    "participant_ui/lib/clock.js",
    "participant_ui/lib/dom.js",
    "participant_ui/lib/drafts.js",
    "participant_ui/lib/i18n.js",
    "participant_ui/lib/ids.js",
    "participant_ui/lib/link_secret.js",
    "participant_ui/lib/live.js",
    "participant_ui/lib/outbox.js",
    "participant_ui/lib/outbox_view.js",
    "participant_ui/lib/own_texts.js",
    "participant_ui/lib/texts_dialog.js",
    "participant_ui/print.js",
    "templates/clinician.html",
    "templates/home.html",
    "templates/my_summary.html",
    "templates/not_found.html",
    "participant_ui/clinician.js",
    "participant_ui/activities/consultation.js",
    "participant_ui/activities/questions.js",
    "participant_ui/lib/presenting.js",
    "templates/cohost.html",
    "templates/console.html",
    "templates/print.html",
    "participant_ui/cohost.js",
    "participant_ui/console.js",
    "participant_ui/console_exports.js",
}

# Names, not words to translate (keys, and "meaning and words": how theme suggestions were made, as the server says it).
NOT_ENGLISH = {"Circle & Café", "Circle &amp; Café", "Content-Type", "End", "Enter", "Escape", "Home", "Tab", "Wi-Fi",
               "meaning and words"}
TRANSLATING = {"t", "tn", "tNodes", "_", "gettext", "ngettext", "both"}
# Calls whose strings are selectors, names of events or keys, never words on the page.
NOT_WORDS = {"querySelector", "querySelectorAll", "$", "$$", "matches", "closest", "getElementById", "addEventListener",
             "emit", "on", "send", "import", "getItem", "setItem", "removeItem", "startsWith", "execCommand", "fetch",
             "createElement", "setAttribute", "getAttribute", "toggle", "add", "remove", "contains", "join", "split",
             "replace", "includes", "get", "has", "delete", "timeout", "loadActivity", "sized", "pagedRows", "itemsOf",
             "latestOf", "waitingOf", "followLatest", "RegExp", "Error", "log", "warn", "error", "Intl.PluralRules",
             "PluralRules", "NumberFormat", "DateTimeFormat", "encodeURIComponent"}
# Where a string is shown to a person whatever it looks like.
SHOWN_AFTER = re.compile(
    r"""(?:\btext|\btextContent|["']aria-label["']|\btitle|\bplaceholder|\blabel|\balt|\berror|\bmessage)\s*[:=]\s*$"""
    r"""|\b(?:announce|confirm|alert|prompt)\(\s*$"""
)
CLASS_CONTEXT = re.compile(r"""(?:\bclass|\bclassName|\bbase)\s*[:=]\s*$""")
CLASS_LIKE = re.compile(r"^[a-z0-9_.:@/#=\-]+( [a-z0-9_.:@/#=\-]+)*$")
# Words that a sentence has and a list of classes does not.
SMALL_WORDS = {"a", "an", "the", "to", "of", "and", "or", "is", "are", "be", "was", "has", "have", "will", "you", "your",
               "for", "with", "not", "no", "in", "on", "at", "it", "this", "that", "left", "send", "sent", "saved"}


def _js_strings(source: str):
    """Each string literal of a script: (its text without ${...}, the code before it, the innermost open call)."""
    out = []
    stack: list[str | None] = []  # the name of each open "(" (None for "[" and "{" or an unnamed "(")
    i, n = 0, len(source)
    last_significant = ""

    def call_name(before: str) -> str | None:
        match = re.search(r"([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*$", before)
        if not match or match.group(1) in ("if", "for", "while", "switch", "return", "catch", "function"):
            return None
        return match.group(1).split(".")[-1]

    while i < n:
        c = source[i]
        if source.startswith("//", i):
            i = source.find("\n", i)
            i = n if i < 0 else i
            continue
        if source.startswith("/*", i):
            i = source.find("*/", i + 2) + 2
            continue
        if c == "/" and last_significant in "(,=:[!&|?{};+" :
            # A regular expression literal.
            j, in_class = i + 1, False
            while j < n and (source[j] != "/" or in_class):
                if source[j] == "\\":
                    j += 1
                elif source[j] == "[":
                    in_class = True
                elif source[j] == "]":
                    in_class = False
                j += 1
            i = j + 1
            last_significant = "x"
            continue
        if c in "\"'`":
            j, text, depth = i + 1, [], 0
            while j < n and not (source[j] == c and depth == 0):
                if source[j] == "\\":
                    text.append(source[j:j + 2])
                    j += 2
                    continue
                if c == "`" and source.startswith("${", j):
                    depth += 1
                    j += 2
                    continue
                if c == "`" and depth and source[j] == "}":
                    depth -= 1
                    j += 1
                    continue
                if not depth:
                    text.append(source[j])
                j += 1
            before = re.sub(r"\s+", " ", source[max(0, i - 60):i])
            out.append(("".join(text), before, stack[-1] if stack else None))
            i = j + 1
            last_significant = "x"
            continue
        if c == "(":
            stack.append(call_name(source[max(0, i - 60):i]))
        elif c in "[{":
            stack.append(None)
        elif c in ")]}" and stack:
            stack.pop()
        if not c.isspace():
            last_significant = c if not (c.isalnum() or c in "_$") else "x"
        i += 1
    return out


def english_in_script(source: str) -> list[str]:
    found = []
    for text, before, inside in _js_strings(source):
        words = text.strip()
        if not re.search(r"[A-Za-z]{2,}", words) or words in NOT_ENGLISH:
            continue
        if inside in TRANSLATING or re.search(r"\bfrom\s*$", before) or CLASS_CONTEXT.search(before):
            continue
        if SHOWN_AFTER.search(before):
            found.append(words)
            continue
        if inside in NOT_WORDS:
            continue
        tokens = words.lower().split()
        sentence_like = (re.match(r"^[A-Z][a-z]+\b", words) or (" " in words and not CLASS_LIKE.match(words))
                         or (len(tokens) > 1 and SMALL_WORDS & set(tokens)))
        if sentence_like:
            found.append(words)
    return found


def english_in_template(source: str) -> list[str]:
    text = re.sub(r"\{#.*?#\}|<!--.*?-->|<script\b.*?</script>|<style\b.*?</style>", " ", source, flags=re.S)
    # The page's classes are named in a block of their own (base.html puts them in <body class>).
    text = re.sub(r"\{%\s*block body_class\s*%\}.*?\{%\s*endblock\s*%\}", " ", text, flags=re.S)
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text, flags=re.S)
    found = []
    for attribute in re.findall(r"""\b(?:aria-label|title|placeholder|alt)=["']([^"']*)["']""", text):
        if re.search(r"[A-Za-z]{2,}", attribute):
            found.append(attribute)
    for node in re.split(r"<[^>]*>", text):
        words = " ".join(node.split())
        for name in NOT_ENGLISH:
            words = words.replace(name, "")
        if re.search(r"[A-Za-z]{2,}", words):
            found.append(words.strip())
    return found


def english_in(relative: str) -> list[str]:
    source = (ROOT / relative).read_text(encoding="utf-8")
    return english_in_template(source) if relative.endswith(".html") else english_in_script(source)


def _front_end_files() -> set[str]:
    files = {str(p.relative_to(ROOT)) for p in TEMPLATES.glob("*.html")}
    files |= {str(p.relative_to(ROOT)) for p in UI.rglob("*.js") if "vendor" not in p.parts}
    return files


def test_every_front_end_file_is_converted():
    files = _front_end_files()
    assert files - CONVERTED == set(), "a new file: write it with t() and list it as converted"
    assert CONVERTED - files == set(), "a file listed here is gone: take it off the list"


@pytest.mark.parametrize("relative", sorted(CONVERTED))
def test_a_converted_file_shows_no_english_outside_the_translation_functions(relative):
    assert english_in(relative) == [], f"{relative}: wrap these in t()/tn() (scripts) or _() (templates)"


def test_the_scanner_finds_english_where_it_is_left():
    script = """
        import { t } from "./i18n.js";
        const a = h("p", { class: "calm lead", text: "Your turn will come." });
        const b = h("button", { text: t("Done"), onclick: go });
        const c = h("p", {}, "Next: ", name);
        const d = `${n} waiting to send`;
        el.textContent = ok ? t("Saved") : "Not saved";
        document.querySelector("#app .piece");
        const e = h("span", { class: `turn-${q.status}` }, t("{name} is here", { name: "x y" }));
        confirm("sure");
    """
    assert english_in_script(script) == ["Your turn will come.", "Next:", "waiting to send", "Not saved", "sure"]
    page = '<p class="x">{{ _("Join") }}</p><button aria-label="Close it">{{ _("Close") }}</button><p>Left here</p>'
    assert english_in_template(page) == ["Close it", "Left here"]
