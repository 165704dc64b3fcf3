"""Which language a page is in, and each language's catalogue for the browser (docs/translations.md)."""
from __future__ import annotations

from flask import Blueprint, abort, g, request, send_from_directory

from facilitator import i18n

bp = Blueprint("languages", __name__)

# The join page's language switch remembers a choice made before joining (after
# joining it is the person's, kept on the server).
LANGUAGE_COOKIE = "fc_lang"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
# The console's own language, the facilitator's: independent of the room's (Event.language).
CONSOLE_LANGUAGE_COOKIE = "fc_console_lang"


def chosen(cookie: str | None = LANGUAGE_COOKIE) -> str:
    """A page's language: its switch's choice (``?lang=``, then the switch's ``cookie``), else the browser's."""
    return (
        i18n.known(request.args.get("lang"))
        or (i18n.known(request.cookies.get(cookie)) if cookie else None)
        or i18n.negotiate(request.headers.get("Accept-Language"))
    )


def chosen_before_joining() -> str:
    """The join page's language: the switch's choice, else the phone's."""
    return chosen(LANGUAGE_COOKIE)


def console_language() -> str:
    """The console's language, the facilitator's own: its switch's choice, else the browser's."""
    return chosen(CONSOLE_LANGUAGE_COOKIE)


def page_language() -> str:
    """Flask-Babel's locale: what the page's view chose (``g.language``); the other pages are in English for now."""
    return g.get("language") or i18n.SOURCE


def html_attributes() -> dict:
    """``lang`` and ``dir`` for ``<html>``, in every template, and ``both`` for the big screen's words."""
    language = page_language()
    return {"html_lang": language, "html_dir": i18n.direction(language), "languages": i18n.LANGUAGES.values(),
            "second_language": g.get("second_language"), "both": both}


def both(message: str, **params) -> str:
    """A sentence in the page's language and, on a bilingual big screen, in its second
    language after it ("first / second", the second isolated as lib/i18n.js does)."""
    first = i18n.gettext(page_language(), message, **params)
    other = g.get("second_language")
    if not other:
        return first
    second = i18n.gettext(other, message, **params)
    return first if second == first else f"{first} / \u2068{second}\u2069"


def phone_languages() -> list[dict]:
    """Each language a phone may be in, with whether a native speaker has reviewed its translation (the console says)."""
    return [{"code": language.code, "autonym": language.autonym, "english": language.english,
             "source": language.code == i18n.SOURCE, **i18n.review_status(language.code)}
            for language in i18n.LANGUAGES.values()]


@bp.get("/i18n/<code>.json")
def catalogue(code: str):
    """One language's sentences for participant_ui/lib/i18n.js (compiled by `make translations`)."""
    if not i18n.known(code):
        abort(404)
    return send_from_directory(i18n.CATALOGUES / code / "LC_MESSAGES", f"{i18n.DOMAIN}.json", mimetype="application/json",
                               max_age=300)
