"""The id, ms and fil catalogues are complete, well-formed and used by the pages.

When this fails after new strings were added, run `.venv/bin/python bin/translations update`,
translate what `bin/translations missing` lists, and `fill` it back (see bin/translations).
"""

import gettext
import re

import pytest
from babel import Locale
from django.conf import settings

from tests.factories import officer_of
from tests.web.catalogues import LANGUAGES, read_catalogue

PLACEHOLDER = re.compile(r"%\(\w+\)[sdrif]|\{\w+\}")


def messages(language: str):
    return [m for m in read_catalogue(language) if m.id]


def forms(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple | list) else (message.string,)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(language):
    catalogue = read_catalogue(language)
    nplurals = catalogue.num_plurals
    problems = []
    for message in messages(language):
        strings = forms(message)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif len(strings) < (nplurals if message.pluralizable else 1) or not all(strings):
            problems.append(f"untranslated: {message.id!r}")
    assert not problems, f"{language}: {len(problems)} to translate:\n" + "\n".join(problems)
    assert not catalogue.fuzzy, "a fuzzy header makes the compiler skip the catalogue"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language):
    wrong = []
    for message in messages(language):
        source = message.id[-1] if message.pluralizable else message.id
        wanted = sorted(PLACEHOLDER.findall(source))
        for text in forms(message):
            if text and sorted(PLACEHOLDER.findall(text)) != wanted:
                wrong.append(f"{message.id!r} -> {text!r}")
    assert not wrong, "\n".join(wrong)


def test_plural_rules():
    assert read_catalogue("id").plural_forms == "nplurals=1; plural=0;"
    assert read_catalogue("ms").plural_forms == "nplurals=1; plural=0;"
    fil = read_catalogue("fil")
    assert fil.num_plurals == 2
    # msgstr[0] must be CLDR's "one" form for Filipino (1, 2, 3, 5, 7, 8, 10 …; not 4, 6, 9).
    rule = gettext.c2py(fil.plural_expr)
    cldr = Locale.parse("fil").plural_form
    for n in range(0, 130):
        assert rule(n) == (0 if cldr(n) == "one" else 1), n
    assert [rule(n) for n in (1, 2, 3, 4, 5, 6, 9, 10, 14, 21)] == [0, 0, 0, 1, 0, 1, 1, 0, 1, 0]


def test_catalogues_cover_the_same_messages():
    ids = {language: {(m.id, m.context) for m in messages(language)} for language in LANGUAGES}
    assert ids["id"] == ids["ms"] == ids["fil"]


NAVIGATION = {
    # language: (Home, Sign in, Sign out)
    "id": ("Beranda", "Masuk", "Keluar"),
    "ms": ("Laman utama", "Log masuk", "Log keluar"),
    "fil": ("Tahanan", "Mag-sign in", "Mag-sign out"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", sorted(NAVIGATION))
def test_navigation_renders_translated(client, language):
    home, sign_in, sign_out = NAVIGATION[language]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/").content.decode()
    nav = html.split('class="wrap main-nav"')[1].split("</nav>")[0]
    assert f">{home}</a>" in nav and f">{sign_in}</a>" in nav
    assert ">Home</a>" not in nav and ">Sign in</a>" not in nav

    client.force_login(officer_of("ID-SA"))
    html = client.get("/").content.decode()
    assert f">{sign_out}</button>" in html
