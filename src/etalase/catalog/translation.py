"""Choosing the translation of a text for the viewer's language.

Fallback order: the viewer's language, then the text's original language (the
original text lives on the model itself, so "no row" means "use the original").
"""

from collections.abc import Iterable
from typing import Protocol, TypeVar


class _Translation(Protocol):
    language_code: str


def base_language(code: str | None) -> str:
    return (code or "en").split("-")[0].lower()


T = TypeVar("T", bound=_Translation)


def pick_translation(
    translations: Iterable[T], language: str | None, *, original_language: str
) -> T | None:
    wanted = base_language(language)
    if wanted == base_language(original_language):
        return None
    for translation in translations:
        if base_language(translation.language_code) == wanted:
            return translation
    return None
