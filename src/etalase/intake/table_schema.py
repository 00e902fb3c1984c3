"""The intake template as a Frictionless Table Schema, so that an office can check its file
before uploading it:

    frictionless validate --schema etalase-template-v1-ID-id.schema.json --header-rows 4 \\
        --skip-errors blank-row file.csv      (or file.xlsx, adding --sheet enterprises)

Generated from the template's own column list (`template.COLUMNS`: the header in the
officer's language, the English hint) and word lists, so the two cannot drift apart. Its
rules are the template's: a required business name, a province and an export status the
importer knows (any letter case), whole numbers for the year and the employees, an HS code
of six digits, an e-mail address. What the importer reads in local styles (amounts such as
`Rp 1,5 M`, phones in any style) stays text here.
"""

from __future__ import annotations

import datetime as dt
import re

from etalase.intake import template, vocab
from etalase.regions.models import Country

# The header is the template's fourth row (title, English hints and an example above it).
HEADER_ROWS = [template.HEADER_ROW]
INTEGER_RANGES = {"year_established": (1800, None), "employees": (0, 1_000_000)}


def _any_case(words: list[str]) -> str:
    """A pattern matching any of the words in any letter case (a scoped flag: frictionless
    anchors the pattern, so a global `(?i)` would not be at its start)."""
    unique = sorted({w.strip() for w in words if w.strip()}, key=str.lower)
    return "(?i:" + "|".join(re.escape(w) for w in unique) + ")"


def _field(column: template.Column, language: str, country: Country) -> dict:
    field: dict = {
        "name": column.headers.get(language) or column.headers["en"],
        "type": "string",
        "title": column.english,
        "description": column.english,
        "etalase:field": column.field,
    }
    if column.field in INTEGER_RANGES:
        low, high = INTEGER_RANGES[column.field]
        high = dt.date.today().year if column.field == "year_established" else high
        field["type"] = "integer"
        field["constraints"] = {"minimum": low, "maximum": high}
    elif column.field == "legal_name":
        field["constraints"] = {"required": True}
    elif column.field == "subdivision":
        choices = template.subdivision_choices(country.code)
        field["constraints"] = {"pattern": _any_case(
            [s.name for s in choices] + [s.code for s in choices])}
    elif column.field == "export_status":
        words = [*template.EXPORT_WORDS[language],
                 *(word for spellings in vocab.EXPORT_STATUS.values() for word in spellings)]
        field["constraints"] = {"pattern": _any_case(words)}
    elif column.field == "hs_code":
        # Six digits, with or without the dots and spaces offices write (1801.00, 0901 11).
        field["constraints"] = {"pattern": r"[0-9]{4}[. ]?[0-9]{2}"}
    elif column.field == "email":
        field["format"] = "email"
    return field


def table_schema(country: Country, language: str) -> dict:
    """The Table Schema of the country's template in that language (its headers)."""
    language = template.template_language(country.code, language)
    return {
        "fields": [_field(column, language, country) for column in template.COLUMNS],
        "missingValues": [""],
        "etalase:template": f"{template.TEMPLATE_VERSION_MARK}"
                            f"{template.CURRENT_TEMPLATE_VERSION}",
        "etalase:headerRows": HEADER_ROWS,
    }


def command(schema: str, data: str) -> str:
    """The command the pages show (blank rows skipped, as the importer skips them)."""
    return (f"frictionless validate --schema {schema} --header-rows {HEADER_ROWS[0]} "
            f"--skip-errors blank-row {data}").strip()


def filename(country: Country, language: str) -> str:
    language = template.template_language(country.code, language)
    return (f"etalase-template-v{template.CURRENT_TEMPLATE_VERSION}-{country.code}-"
            f"{language}.schema.json")
