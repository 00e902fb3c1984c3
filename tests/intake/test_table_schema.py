"""The intake template's Table Schema: an office checks its filled template with frictionless
before uploading it. The rows the importer takes (the template tests' rows) validate; rows
it would refuse or that break the template's lists are reported, cell by cell."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import frictionless
import pytest
from django.urls import reverse

from etalase.intake import table_schema, template
from etalase.regions.models import Country
from tests.intake.test_template import ROWS, _fill_xlsx

pytestmark = pytest.mark.django_db

BAD_ROWS = [
    # No business name; a year in words; a province outside the lists; an unknown export
    # status; an HS code with a letter; an address that is not an e-mail; a script tag
    # (text: it validates, and is escaped wherever it is shown).
    ["", "", "9120000000201", "Atlantis", "", "", "", "", "", "bukan-email", "", "dua ribu",
     -3, "", "", "jasa", "Kopi", "09O111", "", "mungkin", "", "<script>alert(1)</script>"],
]


def _csv_file(tmp_path: Path, rows, language: str = "id") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path = tmp_path / "kantor.csv"
    path.write_bytes(template.build_csv(Country.objects.get(code="ID"), language)
                     + buffer.getvalue().encode("utf-8"))
    return path


def _schema(client, tmp_path: Path, country="ID", language="id") -> Path:
    response = client.get(reverse("insights:intake_table_schema", args=[country]),
                          {"lang": language})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'-{country}-{language}.schema.json"')
    path = tmp_path / "schema.json"
    path.write_bytes(response.content)
    return path


def _validate(path: Path, schema: Path, **options) -> frictionless.Report:
    # Relative to a base path: frictionless refuses an absolute data path as unsafe.
    resource = frictionless.Resource(
        path=path.name, basepath=str(path.parent),
        schema=frictionless.Schema.from_descriptor(json.loads(schema.read_text("utf-8"))),
        dialect=frictionless.Dialect(header_rows=table_schema.HEADER_ROWS), **options)
    # Blank rows are skipped, as the importer skips them (the XLSX template formats 200
    # rows ahead, which a spreadsheet reader returns as empty rows).
    return resource.validate(checklist=frictionless.Checklist(skip_errors=["blank-row"]))


def test_a_filled_template_that_imports_also_validates(client, tmp_path):
    report = _validate(_csv_file(tmp_path, ROWS), _schema(client, tmp_path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[0].stats["rows"] == len(ROWS)  # the example row is not data


def test_a_bad_file_reports_each_broken_cell(client, tmp_path):
    report = _validate(_csv_file(tmp_path, ROWS + BAD_ROWS), _schema(client, tmp_path))
    assert not report.valid
    errors = {(field, kind) for field, kind in report.flatten(["fieldName", "type"])}
    assert errors == {
        ("Nama Usaha", "constraint-error"),  # required
        ("Provinsi", "constraint-error"),
        ("Tahun Berdiri", "type-error"),
        ("Jumlah Tenaga Kerja", "constraint-error"),  # below 0
        ("Kode HS", "constraint-error"),
        ("Alamat Email", "type-error"),
        ("Status Ekspor", "constraint-error"),
    }
    rows = {row for row, in report.flatten(["rowNumber"])}
    assert rows == {template.FIRST_DATA_ROW + len(ROWS)}  # only the bad row, by its number


def test_a_filled_xlsx_template_validates_on_its_sheet(client, tmp_path):
    path = tmp_path / "kantor.xlsx"
    path.write_bytes(_fill_xlsx(template.build_xlsx(Country.objects.get(code="ID"), "id"),
                                ROWS))
    schema = _schema(client, tmp_path)
    report = _validate(path, schema, control=frictionless.formats.ExcelControl(
        sheet="enterprises"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.skipif(shutil.which("frictionless", path=str(Path(sys.executable).parent)) is None,
                    reason="the frictionless command is not installed beside Python")
def test_the_command_the_pages_give_works(client, tmp_path):
    """As an office runs it, in the folder of its file (`table_schema.COMMAND`)."""
    schema = _schema(client, tmp_path)
    command = [str(Path(sys.executable).parent / "frictionless"),
               *table_schema.command(schema.name, "kantor.csv").split()[1:]]
    _csv_file(tmp_path, ROWS)
    good = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert good.returncode == 0, good.stdout
    _csv_file(tmp_path, ROWS + BAD_ROWS)
    bad = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert bad.returncode != 0 and "constraint-error" in bad.stdout


@pytest.mark.parametrize("language", template.TEMPLATE_LANGUAGES)
def test_the_schema_has_the_templates_headers_in_each_language(language):
    for code in ("ID", "MY", "PH", "BN"):
        country = Country.objects.get(code=code)
        schema = table_schema.table_schema(country, language)
        assert [f["name"] for f in schema["fields"]] == template.headers(language)
        assert [f["etalase:field"] for f in schema["fields"]] == [
            c.field for c in template.COLUMNS]
        frictionless.Schema.from_descriptor(schema)  # a valid Table Schema


def test_unknown_countries_and_hostile_languages(client):
    assert client.get("/insights/open-data/intake-template/XX.schema.json").status_code == 404
    assert client.get("/insights/open-data/intake-template/id.schema.json").status_code == 404
    response = client.get(reverse("insights:intake_table_schema", args=["MY"]),
                          {"lang": "<script>" * 1000})
    assert response.status_code == 200
    assert "<script>" not in response["Content-Disposition"]
    assert json.loads(response.content)["fields"][0]["name"] == "Nama Perniagaan"  # Malay


def test_the_upload_and_open_data_pages_offer_the_schema(client):
    from tests.factories import officer_of

    client.force_login(officer_of("ID-SA"))
    upload = client.get(reverse("intake:upload")).content.decode()
    assert reverse("insights:intake_table_schema", args=["ID"]) in upload
    client.logout()
    page = client.get(reverse("insights:open_data")).content.decode()
    assert reverse("insights:intake_table_schema", args=["ID"]) in page
    assert table_schema.command("etalase-template-….schema.json", "") in page
