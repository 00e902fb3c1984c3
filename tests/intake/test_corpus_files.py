"""Every cell of every office file of the corpus is accounted for, and each file yields the facts
its officer expects (tests/intake/corpus: the files, build.py that writes them, and beside each
file in expected/ what a user expects of it).

Each file is checked as the CLI checks it (`import_run`, commit=False). The rows' results are
seen through `Summary.add`, the one place every checked row passes. Then:

- every header of the file appears in the summary's `columns` with what became of it;
- every non-empty cell of every data row is stored in its row's values, product or
  certifications, or named by an error or warning at its row and column, or lies in a column
  the summary says is dropped (identity), not used, row numbers, or has no place to be stored;
- the facts: accepted or refused, area, turnover after units, markets, product with HS and
  national codes, export status …; the exact errors and warnings;
- no planted identity number anywhere: summary, rows, database, stored files;
- committed, then imported again: nothing new is created, with or without registration numbers.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from etalase.enterprises.models import Enterprise
from etalase.intake import readers
from etalase.intake.pipeline import Summary
from etalase.intake.readers import FileRefused
from etalase.intake.results import RowResult
from etalase.intake.services import import_run
from etalase.regions.models import Area, Subdivision

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "corpus"
NAMES = sorted(p.name.removesuffix(".json") for p in (CORPUS / "expected").glob("*.json"))

IDENTITY, NOT_USED, ROW_NUMBER = "identity_dropped", "not_used", "row_number"
# Cells that say "nothing here" as offices type it: not a value to account for.
EMPTY = {"", "-", "–", "—"}
NONE_WORDS = {"-", "belum ada", "tidak ada", "none", "wala", "tiada", "belum", "n/a", "nil"}
LIST_FIELDS = ("export_markets", "certifications")
# A product and its HS code are one thing: a problem with either accounts for both cells.
RELATED = {"product": "hs_code", "hs_code": "product"}


def test_the_corpus_is_large_and_varied():
    assert len(NAMES) >= 22
    offices = {_expected(name)["office"] for name in NAMES}
    assert {"ID-SA", "ID-KI", "ID-SN", "ID-MA", "ID-PA", "MY-12", "PH-PLW", "BN-BM"} <= offices
    assert {n.rsplit(".", 1)[1] for n in NAMES} == {"csv", "xlsx"}


@cache
def _expected(name: str) -> dict:
    return json.loads((CORPUS / "expected" / f"{name}.json").read_text(encoding="utf-8"))


# --- running a file -------------------------------------------------------------------------


@dataclass
class Checked:
    summary: Summary | None
    results: dict[int, RowResult] = field(default_factory=dict)
    refused: FileRefused | None = None

    def report(self) -> dict:
        return self.summary.as_dict() if self.summary else {}


def _check(name: str, *, commit: bool = False) -> Checked:
    """The file checked (or committed) as the CLI does it, with every row's result."""
    expected = _expected(name)
    office = Subdivision.objects.get(code=expected["office"])
    results: dict[int, RowResult] = {}
    add = Summary.add

    def seen(summary: Summary, result: RowResult) -> None:
        results[result.row] = result
        add(summary, result)

    try:
        with mock.patch.object(Summary, "add", seen), (CORPUS / "files" / name).open("rb") as f:
            summary = import_run(stream=f, filename=name, office=office, commit=commit)
    except FileRefused as refused:
        return Checked(None, results, refused)
    return Checked(summary, results)


def _checked(name: str) -> Checked:
    checked = _check(name)
    if checked.refused:
        pytest.fail(f"{name} refused whole: [{checked.refused.code}] {checked.refused.message}")
    return checked


def _fold(text) -> str:
    text = unicodedata.normalize("NFKD", str(text or "")).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _same_header(expected: str, actual) -> bool:
    """A column named as the file names it; with two header rows the summary may join the
    group's label to it ("PEMILIK NIK")."""
    want, got = _fold(expected), _fold(actual)
    return bool(want) and (want == got or f" {want} " in f" {got} " or got.endswith(want))


def _outcome(entry: dict) -> str:
    how = entry.get("how")
    if how == "identity":
        return IDENTITY
    if how == "row_number" or entry.get("field") == "row_number":
        return ROW_NUMBER
    if not entry.get("field") or how in ("not_used", "duplicate"):
        return NOT_USED
    return entry["field"]


def _columns(checked: Checked) -> list[dict]:
    columns = checked.summary.columns if checked.summary else []
    assert columns, "the summary lists no columns"
    return sorted(columns, key=lambda c: c.get("index", 0))


# --- 1. every header ------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_every_header_is_accounted_for(name):
    expected = _expected(name)
    columns = _columns(_checked(name))
    wrong = []
    if len(columns) < len(expected["columns"]):
        wrong.append(f"{len(columns)} columns in the summary, the file has "
                     f"{len(expected['columns'])}")
    for index, want in enumerate(expected["columns"]):
        if index >= len(columns):
            wrong.append(f"“{want['header']}”: missing from the summary")
            continue
        entry = columns[index]
        allowed = want["becomes"] if isinstance(want["becomes"], list) else [want["becomes"]]
        if not _same_header(want["header"], entry.get("header")):
            wrong.append(f"column {index}: expected “{want['header']}”, summary says "
                         f"“{entry.get('header')}”")
        elif _outcome(entry) not in allowed:
            wrong.append(f"“{want['header']}” became {_outcome(entry)} (how={entry.get('how')}, "
                         f"score={entry.get('score')}); expected {' or '.join(allowed)}")
    assert not wrong, "\n".join(wrong)


# --- 2. every cell --------------------------------------------------------------------------


def _raw_rows(name: str) -> list[tuple[int, list]]:
    with (CORPUS / "files" / name).open("rb") as stream:
        return list(readers.open_table(stream, name).rows)


def _text(cell) -> str:
    if cell is None:
        return ""
    return str(cell).strip()


def _problems(checked: Checked) -> list[dict]:
    report = checked.report()
    return [*report.get("errors", []), *report.get("warnings", [])]


def _named(problems: list[dict], row: int, header: str) -> list[dict]:
    return [p for p in problems if p.get("row") in (row, None) and _same_header(header,
            p.get("column") or "")]


def _stored(field_name: str, result: RowResult):
    values, product = result.values, result.product or {}
    if field_name == "subdivision":
        return values.get("subdivision_id")
    if field_name == "regency":
        return values.get("area_id") or values.get("regency")
    if field_name == "sector":
        return values.get("sector_kind")
    if field_name == "product":
        return product.get("name")
    if field_name == "hs_code":
        return product.get("hs_code_id") or product.get("national_tariff_code")
    if field_name == "certifications":
        return result.certifications
    return values.get(field_name)


def _items(cell) -> list[str]:
    return [p.strip() for p in re.split(r"[;,/|\n]+|\s+dan\s+|\s+and\s+", _text(cell))
            if p.strip() and p.strip().casefold() not in NONE_WORDS]


@pytest.mark.parametrize("name", NAMES)
def test_every_cell_is_accounted_for(name):
    expected = _expected(name)
    checked = _checked(name)
    columns = _columns(checked)
    problems = _problems(checked)
    skipped = set(expected["skipped_rows"])
    lost = []
    for number, cells in _raw_rows(name):
        if number <= expected["header_row"] or not any(_text(c) not in EMPTY for c in cells):
            continue
        result = checked.results.get(number)
        if number in skipped:
            if result is not None:
                lost.append(f"row {number} is a totals row, yet it was checked as an enterprise")
            continue
        if result is None:
            if not any(p.get("row") == number for p in problems):
                lost.append(f"row {number}: never checked and nothing said about it")
            continue
        for index, cell in enumerate(cells):
            text = _text(cell)
            if text in EMPTY:
                continue
            if index >= len(columns):
                lost.append(f"row {number}, column {index + 1}: “{text}” under no header")
                continue
            entry = columns[index]
            outcome = _outcome(entry)
            if outcome in (IDENTITY, NOT_USED, ROW_NUMBER) or entry.get("stored") is False:
                continue
            header = entry.get("header") or ""
            named = _named(problems, number, header)
            if not named and outcome in RELATED:
                named = [p for p in problems
                         if p.get("row") == number and p.get("field") == RELATED[outcome]]
            stored = _stored(outcome, result)
            if outcome in LIST_FIELDS:
                if len(stored or []) + len(named) < len(set(_items(cell))):
                    lost.append(f"row {number}, “{header}” ({outcome}): “{text}” gave "
                                f"{stored or []} and {len(named)} problem(s)")
            elif stored in (None, "", []) and not named:
                lost.append(f"row {number}, “{header}” ({outcome}): “{text}” is neither stored "
                            "nor named by an error or warning")
    assert not lost, "\n".join(lost)


# --- 3. the facts of each row ---------------------------------------------------------------


def _area_code(want) -> str | None:
    if want is None or isinstance(want, str):
        return want
    candidates = [a for a in Area.objects.filter(subdivision_id=want["subdivision"])
                  if _fold(a.name).endswith(_fold(want["name"]))]
    if len(candidates) > 1:
        candidates = [a for a in candidates if a.kind == want["kind"]] or candidates
    assert len(candidates) == 1, f"no single area {want} in the area list: {candidates}"
    return candidates[0].code


def _row_facts(row: dict, result: RowResult, problems: list[dict]) -> list[str]:
    wrong = []
    values, product = result.values, result.product or {}

    def differ(label: str, want, got) -> None:
        if want != got:
            wrong.append(f"{label}: expected {want!r}, got {got!r}")

    accepted = result.action != "rejected"
    differ("accepted", row["accepted"], accepted)
    if "legal_name" in row:
        differ("name", row["legal_name"], values.get("legal_name"))
    if "area" in row:
        differ("area", _area_code(row["area"]), values.get("area_id"))
    if "subdivision" in row:
        differ("subdivision", row["subdivision"], values.get("subdivision_id"))
    for name in ("annual_turnover", "assets"):
        if name in row:
            got = values.get(name)
            differ(name, Decimal(row[name]), Decimal(str(got)) if got is not None else None)
    if "export_markets" in row:
        differ("markets", row["export_markets"], sorted(values.get("export_markets") or []))
    if "export_status" in row:
        # Not given (None): the registry's default, not yet exporting.
        differ("export status", row["export_status"], values.get("export_status") or "not_yet")
    if "year_established" in row:
        differ("year", row["year_established"], values.get("year_established"))
    if "employees" in row:
        differ("employees", row["employees"], values.get("employees"))
    if "registration_id" in row:
        differ("registration number", row["registration_id"], values.get("registration_id"))
    if "certifications" in row:
        differ("certifications", row["certifications"], sorted(result.certifications))
    if "product" in row:
        want = row["product"]
        differ("product", want["name"], product.get("name"))
        if "hs_code" in want:
            differ("HS code", want["hs_code"], product.get("hs_code_id"))
        if "national_code" in want:
            differ("national code", want["national_code"], product.get("national_tariff_code"))
    if "outside_province" in row:
        provinces = row["outside_province"]
        provinces = provinces if isinstance(provinces, list) else [provinces]
        names = [p for code in provinces for p in (code, _subdivision_name(code))]
        said = " ".join(p.get("message") or "" for p in problems if p.get("row") == row["row"])
        if not any(n in said for n in names):
            wrong.append(f"the refusal does not name the province {provinces}: “{said}”")
    if "probable_duplicate_of" in row:
        alike = [m.get("row") for m in getattr(result, "matches", []) if m.get("kind") == "file"]
        if row["probable_duplicate_of"] not in alike:
            wrong.append(f"not shown as a probable duplicate of row "
                         f"{row['probable_duplicate_of']} (matches: {alike})")
    return wrong


def _subdivision_name(code: str) -> str:
    sub = Subdivision.objects.filter(code=code).first()
    return sub.name if sub else code


@pytest.mark.parametrize("name", NAMES)
def test_rows_yield_the_facts_a_user_expects(name):
    expected = _expected(name)
    checked = _checked(name)
    problems = _problems(checked)
    wrong = []
    for row in expected["rows"]:
        result = checked.results.get(row["row"])
        if result is None:
            wrong.append(f"row {row['row']} ({row.get('legal_name')}): no result")
            continue
        wrong += [f"row {row['row']} ({row.get('legal_name')}): {w}"
                  for w in _row_facts(row, result, problems)]
    counted = checked.summary.rows if checked.summary else 0
    if counted != len(expected["rows"]):
        wrong.append(f"{counted} rows counted, the file has {len(expected['rows'])} enterprises")
    assert not wrong, "\n".join(wrong)


# --- 4. the errors and warnings -------------------------------------------------------------


def _matches(want: list, got: dict) -> bool:
    row, header, codes = want
    return (got.get("row") == row and got.get("code") in codes.split("|")
            and _same_header(header, got.get("column") or ""))


@pytest.mark.parametrize("kind", ["errors", "warnings"])
@pytest.mark.parametrize("name", NAMES)
def test_errors_and_warnings_are_the_expected_ones(name, kind):
    expected = _expected(name)
    got = _checked(name).report().get(kind, [])
    allowed_extra = expected["may_also"]
    missing = [w for w in expected[kind] if not any(_matches(w, g) for g in got)]
    unexpected = [
        (g.get("row"), g.get("column"), g.get("code"), g.get("message"))
        for g in got
        if not any(_matches(w, g) for w in [*expected[kind], *allowed_extra])
    ]
    assert not missing and not unexpected, (
        f"{kind} missing (row, column, code): {missing}\n"
        f"{kind} not expected (row, column, code, message): {unexpected}"
    )


# --- 5. no identity number kept -------------------------------------------------------------


def _forms(number: str) -> list[str]:
    return sorted({number, re.sub(r"\D", "", number)})


def _database_text() -> str:
    quote = connection.ops.quote_name
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(include_views=False):
            # Every table, the search index's and the history's included (names from the db).
            cursor.execute(f"SELECT * FROM {quote(table)}")
            parts.extend(repr(r) for r in cursor.fetchall())
    return "\n".join(parts)


def _media_text() -> str:
    parts = []
    for folder, _dirs, files in os.walk(settings.MEDIA_ROOT):
        for file in files:
            data = Path(folder, file).read_bytes()
            parts.append(data.decode("utf-8", "replace"))
            if data.startswith(b"PK"):
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    parts += [archive.read(n).decode("utf-8", "replace")
                              for n in archive.namelist()]
    return "\n".join(parts)


@pytest.mark.parametrize("name", NAMES)
def test_no_identity_number_is_kept_anywhere(name):
    expected = _expected(name)
    planted = [form for number in expected["identity_numbers"] for form in _forms(number)]
    checked = _checked(name)
    shown = json.dumps(checked.report(), ensure_ascii=False)
    rows = repr([(r.values, r.product, r.problems, r.warnings) for r in checked.results.values()])
    # Committed as the CLI does it: the stored original, the submission and its record too.
    out = io.StringIO()
    # Refused whole (SystemExit), whatever it kept is searched all the same.
    with contextlib.suppress(SystemExit):
        call_command("import_enterprises", str(CORPUS / "files" / name), "--subdivision",
                     expected["office"], "--commit", "--format", "json", stdout=out)
    places = {"summary": shown, "checked rows": rows, "CLI output": out.getvalue(),
              "database": _database_text(), "stored files": _media_text()}
    found = [f"{number} in the {where}" for number in planted
             for where, text in places.items() if number in text]
    assert not found, "\n".join(found)


# --- 6. importing again creates nothing -----------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_importing_the_file_again_creates_nothing(name):
    expected = _expected(name)
    first = _check(name, commit=True)
    assert first.summary, f"refused: {first.refused and first.refused.message}"
    count = Enterprise.objects.count()
    assert (first.summary.created, count) == (expected["enterprises_after_commit"],) * 2
    again = _check(name, commit=True).summary
    assert (again.created, again.updated, Enterprise.objects.count()) == (0, 0, count), (
        f"second import: {again.created} created, {again.updated} updated "
        f"({[(e['row'], e['code']) for e in again.errors]})"
    )
