"""A filled form's answers as a row of the intake template (the words the importer reads)."""

from __future__ import annotations

import datetime as dt

from django.utils.dateparse import parse_datetime

from etalase.fieldcapture.xlsform import EXPORT_CHOICES, SECTOR_CHOICES, certification_name
from etalase.intake import scrub
from etalase.intake.rows_in import FIELDS
from etalase.intake.template import CERTIFICATION_WORDS, EXPORT_WORDS, SECTOR_WORDS
from etalase.regions.models import Area

_CERTIFICATIONS = {certification_name(word): word for word in CERTIFICATION_WORDS}
# Registry fields of the intake's comparison (RegistryComparison.diff) → the form's question.
PHONE_FIELDS = frozenset({"phone", "whatsapp"})
QUESTION_OF = {"subdivision_id": "regency", "area_id": "regency", "sector_kind": "sector"}


def template_values(answers: dict[str, str]) -> dict[str, str]:
    """The template's fields from the answers; choice names become the English words of the
    template (the importer reads them in any of the four languages)."""
    values = {name: answers.get(name, "") for name in FIELDS if answers.get(name)}
    area_code = answers.get("regency", "")
    if area_code:
        area = Area.objects.filter(code=area_code).only("name", "subdivision_id").first()
        # An unknown code stays as written: the importer says it is not an area it knows.
        values["regency"] = area.name if area else area_code
        if area:
            values["subdivision"] = area.subdivision_id
    if answers.get("sector") in SECTOR_CHOICES:
        values["sector"] = SECTOR_WORDS["en"][SECTOR_CHOICES.index(answers["sector"])]
    if answers.get("export_status") in EXPORT_CHOICES:
        values["export_status"] = EXPORT_WORDS["en"][EXPORT_CHOICES.index(answers["export_status"])]
    if answers.get("certifications"):
        words = [_CERTIFICATIONS.get(name, name) for name in answers["certifications"].split()]
        values["certifications"] = "; ".join(words)
    return values


def masked(values: dict[str, str], country: str) -> dict[str, str]:
    """The values with identity-card numbers masked (intake.scrub), phone fields as such."""
    return {name: scrub.mask(value, country=country, phone=name in PHONE_FIELDS)[0]
            for name, value in values.items()}


def started_at(answers: dict[str, str]) -> dt.datetime | None:
    """The form's `start` (when the officer opened it on the phone), if readable."""
    try:
        return parse_datetime(answers.get("start", "") or "")
    except ValueError:
        return None
