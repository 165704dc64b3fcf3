"""Every person in their own language: which languages we ship, which one a
person gets, and the sentences in it (docs/translations.md).

Plain Python on Babel, beside settings and the database: the core marks the
sentences it refuses with (:func:`N_`), the live link and the pages translate
them for the person who asked. Message ids are the English sentence itself;
placeholders are ``{name}``, filled in after translating.
"""
from __future__ import annotations

import io
import json
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from gettext import c2py
from pathlib import Path
from typing import Any, Mapping

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from babel.support import NullTranslations, Translations

CATALOGUES = Path(__file__).resolve().parent / "translations"
DOMAIN = "messages"
SOURCE = "en"


@dataclass(frozen=True)
class Language:
    code: str
    # The language's name in itself: a person looks for their own language by its own name.
    autonym: str
    english: str

    @property
    def direction(self) -> str:
        return "rtl" if Locale.parse(self.code).text_direction == "rtl" else "ltr"


# In the order the language switch lists them: English, the UK's own (Welsh),
# then by how many people in England and Wales speak them (Census 2021; docs/translations.md).
LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English", "English"),
        Language("cy", "Cymraeg", "Welsh"),
        Language("pl", "Polski", "Polish"),
        Language("ro", "Română", "Romanian"),
        Language("pa", "ਪੰਜਾਬੀ", "Punjabi"),
        Language("ur", "اردو", "Urdu"),
        Language("ar", "العربية", "Arabic"),
    )
}


def N_(message: str) -> str:
    """Mark an English sentence for the catalogues, unchanged: it is translated
    where it is shown (a refusal, in the live link's acknowledgement)."""
    return message


def known(code: Any) -> str | None:
    """``code`` if it is a language we ship (``"cy"``, ``"pt-BR"`` → None), else None."""
    if isinstance(code, str) and code in LANGUAGES:
        return code
    return None


def negotiate(accept_language: str | None) -> str:
    """The best of our languages for an ``Accept-Language`` header; English when none fits."""
    wanted: list[tuple[float, int, str]] = []
    for i, part in enumerate((accept_language or "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            wanted.append((-quality, i, tag.strip().lower()))
    for _, _, tag in sorted(wanted):
        base = tag.replace("_", "-").split("-")[0]
        if base in LANGUAGES:
            return base
    return SOURCE


def direction(code: str | None) -> str:
    language = LANGUAGES.get(code or SOURCE, LANGUAGES[SOURCE])
    return language.direction


@lru_cache(maxsize=None)
def translations(code: str | None) -> NullTranslations:
    """The compiled catalogue for ``code`` (English and unknown codes: the source sentences)."""
    if not known(code) or code == SOURCE:
        return NullTranslations()
    found = Translations.load(str(CATALOGUES), [code], DOMAIN)
    return found if isinstance(found, Translations) else NullTranslations()


@lru_cache(maxsize=1)
def sentences() -> frozenset[str]:
    """Every sentence the catalogues translate (their English ids): a text the facilitator left
    as the toolkit wrote it (a kind's name, a default prompt, an agenda template's question)
    is one of them, so each page can show it in its own language."""
    found: set[str] = set()
    for code in LANGUAGES:
        catalog = getattr(translations(code), "_catalog", {})
        found.update(k for k in catalog if isinstance(k, str) and k)
    return frozenset(found)


def extract_agenda_template(fileobj, keywords, comment_tags, options):
    """babel.cfg's extractor for ``agenda_templates/*.json``: each activity's title, prompt,
    message and café questions are sentences to translate (see ``sentences``)."""
    data = json.load(fileobj)
    for item in data.get("agenda", []):
        config = item.get("config") or {}
        texts = [item.get("title"), config.get("prompt"), config.get("message")]
        texts += [r.get("question") if isinstance(r, dict) else r for r in config.get("rounds") or []]
        for text in texts:
            if isinstance(text, str) and text:
                yield 1, None, text, ["An activity's text in an agenda template (shown until the facilitator changes it)"]


def gettext(code: str | None, message: str, **params: Any) -> str:
    """``message`` in the language ``code``, its ``{placeholders}`` filled from ``params``.

    Not a marker for the catalogues (babel.cfg lists only ``N_`` for Python):
    mark the sentence with ``N_`` where it is written.
    """
    text = translations(code).gettext(message)
    return text.format(**params) if params else text


def ngettext(code: str | None, singular: str, plural: str, n: int, **params: Any) -> str:
    """The form of ``singular``/``plural`` that ``n`` takes in the language ``code``, ``{n}`` and
    ``params`` filled in. Written with its two English sentences at the call, it is also their
    marker (babel.cfg: ``ngettext:2,3``): ``ngettext(code, "{n} vote", "{n} votes", votes)``."""
    text = translations(code).ngettext(singular, plural, n)
    return text.format(n=n, **params)


def refusal(code: str | None, exc: BaseException) -> str:
    """A refusal's sentence in the language ``code``: its English sentence
    translated, then its values filled in (``DomainError(..., limit=60)``)."""
    message = getattr(exc, "message", None)
    params: Mapping[str, Any] = getattr(exc, "params", None) or {}
    if not isinstance(message, str):
        return str(exc)
    try:
        return translations(code).gettext(message).format(**params) if params else translations(code).gettext(message)
    except (KeyError, IndexError, ValueError):
        # A translation whose placeholders do not match: the English is still true.
        return str(exc)


# --- the browser's catalogues ----------------------------------------------------


def plural_categories(code: str) -> list[str]:
    """The CLDR plural categories of ``code`` (what ``Intl.PluralRules`` answers), in order."""
    order = ["zero", "one", "two", "few", "many", "other"]
    tags = Locale.parse(code).plural_form.tags | {"other"}
    return [tag for tag in order if tag in tags]


def browser_catalogue(code: str, catalog) -> dict[str, Any]:
    """One language's catalogue as the browser reads it (participant_ui/lib/i18n.js).

    A plain sentence maps to its translation; a plural maps its singular id to
    ``{category: text}`` for each of the language's ``Intl.PluralRules``
    categories, found by asking the .po's own plural rule for a number in that category.
    """
    locale = Locale.parse(code)
    messages: dict[str, Any] = {}
    samples = _samples(locale)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, (list, tuple)):
            strings = list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]
            forms: dict[str, str] = {}
            for category in plural_categories(code):
                n = samples.get(category)
                # A category only fractions are in (Polish "other": 1.5) takes gettext's last form.
                index = _gettext_index(catalog.plural_expr, n) if n is not None else len(strings) - 1
                text = strings[index] if index < len(strings) else ""
                forms[category] = text or (message.id[0] if n == 1 else message.id[1])
            messages[message.id[0]] = forms
        elif message.string:
            messages[message.id] = message.string
    language = LANGUAGES[code]
    return {"locale": code, "dir": language.direction, "name": language.autonym, "messages": messages}


def review_status(code: str) -> dict[str, Any]:
    """Who translated ``code`` and whether a speaker of it has reviewed it (the .po's own headers)."""
    po = CATALOGUES / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == SOURCE:
        return {"translated_by": "", "reviewed": True, "reviewed_by": ""}
    headers = own_headers(po.read_text(encoding="utf-8")) if po.exists() else {}
    return {
        "translated_by": headers.get("X-Translated-By", ""),
        "reviewed": headers.get("X-Reviewed", "no").strip().lower() == "yes",
        "reviewed_by": headers.get("X-Reviewed-By", ""),
    }


def _samples(locale: Locale) -> dict[str, int]:
    """A whole number in each plural category of ``locale`` (the first one found)."""
    found: dict[str, int] = {}
    for n in range(0, 1000):
        found.setdefault(locale.plural_form(n), n)
    return found


def _gettext_index(expr: str, n: int) -> int:
    """Evaluate a .po ``plural=`` C expression for ``n`` (Babel's own, made Python)."""
    return int(_compiled(expr)(n))


@lru_cache(maxsize=None)
def _compiled(expr: str):
    return c2py(expr)


def write_browser_catalogues(codes: list[str] | None = None) -> list[Path]:
    """Compile every ``messages.po`` to the ``messages.json`` the browser loads."""
    written = []
    for code in codes or list(LANGUAGES):
        # English is the source: its sentences are the message ids (only its plurals are listed).
        po = CATALOGUES / (f"{DOMAIN}.pot" if code == SOURCE else f"{code}/LC_MESSAGES/{DOMAIN}.po")
        if not po.exists():
            continue
        with po.open("rb") as f:
            catalog = read_po(f, locale=code)
        out = CATALOGUES / code / "LC_MESSAGES" / f"{DOMAIN}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({**browser_catalogue(code, catalog), **review_status(code)}, ensure_ascii=False, sort_keys=True, indent=0) + "\n",
                       encoding="utf-8")
        written.append(out)
    return written


# --- keeping the catalogues up to date (`make translations`) -----------------------

# Who wrote a translation and whether a speaker of the language has read it
# through: each .po says so in these headers, which Babel itself does not keep.
OWN_HEADERS = ("X-Translated-By", "X-Reviewed", "X-Reviewed-By")


def own_headers(po_text: str) -> dict[str, str]:
    """The ``X-Translated-By``/``X-Reviewed``/``X-Reviewed-By`` values in a .po's header."""
    found = {}
    for name in OWN_HEADERS:
        match = re.search(rf'^"{re.escape(name)}: ?(.*?)\\n"$', po_text, re.MULTILINE)
        if match:
            found[name] = match.group(1)
    return found


def update_catalogues(codes: list[str] | None = None) -> list[Path]:
    """Bring each language's .po up to date with messages.pot (like ``pybabel update``,
    keeping our own headers; a new language starts empty and "X-Reviewed: no")."""
    with (CATALOGUES / f"{DOMAIN}.pot").open("rb") as f:
        template = read_po(f)
    written = []
    for code in codes or [c for c in LANGUAGES if c != SOURCE]:
        po = CATALOGUES / code / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.exists():
            text = po.read_text(encoding="utf-8")
            headers = own_headers(text)
            with po.open("rb") as f:
                catalog = read_po(f, locale=code)
        else:
            headers = {"X-Translated-By": "", "X-Reviewed": "no", "X-Reviewed-By": ""}
            catalog = Catalog(locale=code, domain=DOMAIN, project="Circle & Café", fuzzy=False)
            catalog.header_comment = f"# {LANGUAGES[code].english} for Circle & Café (docs/translations.md)."
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        out = io.BytesIO()
        write_po(out, catalog, width=0, ignore_obsolete=True, include_previous=False)
        text = out.getvalue().decode("utf-8")
        extra = "".join(f'"{name}: {headers.get(name, "")}\\n"\n' for name in OWN_HEADERS)
        text = re.sub(r'^("Generated-By: .*\\n"\n)', lambda m: m.group(1) + extra, text, count=1, flags=re.MULTILINE)
        po.parent.mkdir(parents=True, exist_ok=True)
        po.write_text(text, encoding="utf-8")
        written.append(po)
    return written


if __name__ == "__main__":
    step = sys.argv[1] if len(sys.argv) > 1 else "json"
    done = update_catalogues() if step == "update" else write_browser_catalogues()
    for path in done:
        print(f"wrote {path.relative_to(CATALOGUES.parent.parent)}")
