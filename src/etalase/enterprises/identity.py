"""Who an enterprise is when it has no registration number.

Most micro enterprises have no NIB, SSM or DTI number, and an office's file often has none
for many rows. Such an enterprise is found again (on a re-import, against the registry) by
a fingerprint of its normalised name, its place (area, else province) and its phone; names
that differ only in punctuation, case, accents, spacing or a legal-form abbreviation
(`CV. Maju Jaya`, `cv maju jaya`, `Maju Jaya, CV`) normalise to the same words.
Probable duplicates that the fingerprint does not catch (a typo, a word more) are found by
fuzzy matching and shown to the officer; nothing is ever merged without their word.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Legal-form abbreviations of the region's business names (Indonesia, Malaysia, Brunei, the
# Philippines), written before or after the name. They say what kind of company it is, not
# which: "CV Maju Jaya" and "PT Maju Jaya" in the same regency with one phone are one
# business that changed form. Our normalisation rule, not reference data.
LEGAL_FORMS = frozenset({
    "pt", "cv", "ud", "pd", "fa", "firma", "tbk", "persero",
    "sdn", "bhd", "plt", "enterprise", "enterprises", "trading",
    "inc", "incorporated", "corp", "corporation", "co", "ltd", "opc",
})  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")


def name_words(name: str) -> tuple[str, ...]:
    """The words that identify a business name: ascii, lower case, no punctuation, no legal
    form. ("C.V." is read as "c v": single letters that spell a legal form are joined.)"""
    name = name or ""
    if not name.isascii():  # most names are: spare them the decomposition
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = _WORD.findall(name.lower())
    if any(len(word) == 1 for word in words):
        joined: list[str] = []
        for word in words:
            # "C.V." / "P.T." / "U.D." → "cv", "pt", "ud"
            if (len(word) == 1 and joined and len(joined[-1]) == 1
                    and joined[-1] + word in LEGAL_FORMS):
                joined[-1] += word
            else:
                joined.append(word)
        words = joined
    kept = tuple(w for w in words if w not in LEGAL_FORMS)
    return kept or tuple(words)


def normalised_name(name: str) -> str:
    return " ".join(name_words(name))


def fingerprint(*, country: str, name: str, place: str, phone: str = "",
                words: tuple[str, ...] | None = None) -> str:
    """SHA-256 of the normalised name, the place (area code, else province code) and the
    phone in E.164 (empty when unknown): the identity of a record without a number.
    `words`: the name's words when the caller has them already (name_words)."""
    normalised = " ".join(name_words(name) if words is None else words)
    key = f"{country or ''}|{normalised}|{place or ''}|{phone or ''}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def fingerprint_of(enterprise) -> str:
    """The fingerprint of an Enterprise (or any object with its fields) as it is in memory."""
    return fingerprint(
        country=enterprise.country_id,
        name=enterprise.legal_name,
        place=enterprise.area_id or enterprise.subdivision_id,
        phone=enterprise.phone or enterprise.whatsapp or "",
    )
