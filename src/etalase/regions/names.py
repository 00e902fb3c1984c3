"""Country and subdivision names in the viewer's language.

pycountry ships the iso-codes gettext catalogues; Babel's CLDR data fills gaps for
country names (e.g. Filipino). Subdivision names are proper names and mostly stay as
they are, so a missing translation simply falls back to the ISO name.
"""

import gettext
from functools import lru_cache

import pycountry
from babel import Locale, UnknownLocaleError

# Django language code -> locale names used by iso-codes / CLDR.
_LOCALE_ALIASES = {"fil": ["fil", "tl"], "id": ["id"], "ms": ["ms"], "en": ["en"]}


@lru_cache(maxsize=16)
def _catalogue(domain: str, language: str) -> gettext.NullTranslations:
    languages = _LOCALE_ALIASES.get(language, [language])
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=languages, fallback=True)


@lru_cache(maxsize=16)
def _babel_territories(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(language.replace("-", "_")).territories)
    except (UnknownLocaleError, ValueError):
        return {}


def country_name(code: str, english_name: str, language: str | None) -> str:
    if not language or language.startswith("en"):
        return english_name
    translated = _catalogue("iso3166-1", language).gettext(english_name)
    if translated != english_name:
        return translated
    return _babel_territories(language).get(code, english_name)


def subdivision_name(code: str, english_name: str, language: str | None) -> str:
    if not language or language.startswith("en"):
        return english_name
    return _catalogue("iso3166-2", language).gettext(english_name)
