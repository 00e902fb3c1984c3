"""From a file to its summary: every column accounted for (the CLI's JSON `columns` and
`warnings`), units that scale the values, and only the business name required."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from etalase.enterprises.models import Enterprise
from etalase.intake import pipeline
from etalase.intake.columns import ColumnMap, build_map
from etalase.intake.readers import FileRefused

pytestmark = pytest.mark.django_db

KEYS = {"rows", "created", "updated", "unchanged", "rejected", "errors", "warnings", "columns"}
PROBLEM_KEYS = {"row", "column", "field", "code", "message"}

# A regency recap typed the way a Dinas Koperasi dan UKM types it.
RECAP = (
    "No;Nama Usaha;NIB;Omzet (Rp juta);Aset (US$);NIK Pemilik;Keterangan;Nama Usha;"
    "Tgl Berdiri;Produk Unggulan;Kapasitas (kg/bulan);No. Telp\n"
    "1;UD Kopi Minahasa;9120000003001;150;2000;7171010101800001;aktif;Kopi;2015;Kopi bubuk;"
    "500;0812-3456-7890\n"
)


def _write(tmp_path, content: str, name: str = "rekap.csv"):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_cli_json_accounts_for_every_column(run_import, tmp_path):
    code, summary = run_import(_write(tmp_path, RECAP), "ID-SA")
    assert code == 0 and set(summary) == KEYS
    columns = summary["columns"]
    assert [c["header"] for c in columns] == RECAP.splitlines()[0].split(";")
    assert [(c["letter"], c["field"], c["how"]) for c in columns] == [
        ("A", None, "row_number"),
        ("B", "legal_name", "exact"),
        ("C", "registration_id", "exact"),
        ("D", "annual_turnover", "exact"),
        ("E", "assets", "exact"),
        ("F", None, "identity"),
        ("G", None, "not_used"),
        ("H", None, "duplicate"),
        ("I", "year_established", "exact"),
        ("J", "product", "exact"),
        ("K", None, "not_used"),
        ("L", "phone", "exact"),
    ]
    assert columns[3]["unit"] == "Rp juta" and columns[3]["scale"] == 1_000_000
    assert columns[3]["currency"] == "IDR"
    assert columns[7]["of"] == "B"
    assert columns[10]["unit"] == "kg/bulan" and columns[10]["scale"] == 1
    assert all(c["score"] is None for c in columns)


def test_cli_json_warnings_have_the_shape_of_errors(run_import, tmp_path):
    _code, summary = run_import(_write(tmp_path, RECAP), "ID-SA")
    warnings = summary["warnings"]
    assert warnings, "the US$ column must be warned about"
    assert all(set(w) == PROBLEM_KEYS for w in warnings)
    assert all(set(e) == PROBLEM_KEYS for e in summary["errors"])
    currency = [w for w in warnings if w["code"] == "foreign_currency"]
    assert currency == [{"row": None, "column": "Aset (US$)", "field": "assets",
                         "code": "foreign_currency", "message": currency[0]["message"]}]
    assert "USD" in currency[0]["message"] and "IDR" in currency[0]["message"]
    assert "7171010101800001" not in json.dumps(summary)


def test_a_unit_in_the_header_scales_the_values(run_import, tmp_path):
    content = ("Nama Usaha;NIB;Omzet (Rp juta);Aset (ribu)\n"
               "UD Skala;9120000003101;150;2.500\n")
    code, summary = run_import(_write(tmp_path, content), "ID-SA", commit=True)
    assert code == 0 and summary["created"] == 1, summary
    enterprise = Enterprise.objects.get(legal_name="UD Skala")
    assert enterprise.annual_turnover == Decimal("150000000")
    assert enterprise.assets == Decimal("2500000")


def test_a_fuzzy_column_has_its_score_in_the_json(run_import, tmp_path):
    content = "Nama Usha;NIB\nUD Satu;9120000003201\n"
    _code, summary = run_import(_write(tmp_path, content), "ID-SA")
    first = summary["columns"][0]
    assert first["how"] == "fuzzy" and first["field"] == "legal_name"
    assert 88 <= first["score"] < 100


def test_a_file_without_a_registration_number_column_is_not_refused(run_import, tmp_path):
    content = "Nama Usaha;Kabupaten/Kota;No. HP\nUD Tanpa NIB;Minahasa;0812-3456-7890\n"
    code, summary = run_import(_write(tmp_path, content), "ID-SA")
    assert code == 0 and summary["rows"] == 1
    assert "missing_columns" not in {e["code"] for e in summary["errors"]}


def test_a_file_without_a_name_column_is_refused_in_the_officers_words(run_import, tmp_path):
    content = "Pemilik;NIB;Wilayah\nIbu Rina;9120000003301;Minahasa\n"
    code, summary = run_import(_write(tmp_path, content), "ID-SA")
    assert code == 2
    [error] = summary["errors"]
    assert error["code"] == "missing_columns"
    assert "business name" in error["message"] and "Nama Usaha" in error["message"]
    assert "legal_name" not in error["message"] and "registration_id" not in error["message"]
    # the refusal still accounts for the columns it saw
    assert [(c["header"], c["how"]) for c in summary["columns"]] == [
        ("Pemilik", "exact"), ("NIB", "exact"), ("Wilayah", "not_used")]
    assert summary["warnings"] == []


def test_a_refusal_before_the_columns_has_the_same_keys(run_import, tmp_path):
    code, summary = run_import(_write(tmp_path, ""), "ID-SA")
    assert code == 2 and set(summary) == KEYS and summary["columns"] == []


def test_hostile_headers_are_listed_as_written(run_import, tmp_path):
    hostile = ["=cmd|' /C calc'!A0", "🍜🍜", "x" * 10_000, "", "Nama Usaha", "NIB"]
    content = ";".join(hostile) + "\n" + ";".join(["1", "2", "3", "4", "UD Aman",
                                                   "9120000003401"]) + "\n"
    code, summary = run_import(_write(tmp_path, content), "ID-SA")
    assert code == 0
    assert [c["header"] for c in summary["columns"]] == hostile
    assert [c["how"] for c in summary["columns"]] == ["not_used"] * 4 + ["exact", "exact"]


def test_text_output_lists_the_columns(tmp_path, capsys):
    call_command("import_enterprises", str(_write(tmp_path, RECAP)), "--subdivision", "ID-SA")
    out = capsys.readouterr().out
    assert "'Keterangan': not recognised — map it" in out
    assert "'NIK Pemilik': identity number: dropped, never stored" in out
    assert "'Omzet (Rp juta)': annual_turnover — recognised [Rp juta]" in out
    assert "Aset (US$)" in out and "[foreign_currency]" in out


def test_prepare_gives_the_column_warnings_and_summary_of_takes_them(tmp_path):
    path = _write(tmp_path, RECAP)
    with path.open("rb") as stream:
        prepared = pipeline.prepare(stream, path.name, office=None, country="ID")
        summary = pipeline.Summary.of(prepared)
    assert [p.code for p in prepared.warnings] == ["foreign_currency"]
    assert summary.columns == prepared.column_map.describe()
    assert summary.counts() == {"rows": 0, "created": 0, "updated": 0, "unchanged": 0,
                                "rejected": 0}


def test_a_stored_map_keeps_how_each_column_was_recognised(tmp_path):
    path = _write(tmp_path, RECAP)
    with path.open("rb") as stream:
        first = pipeline.prepare(stream, path.name, office=None, country="ID").column_map
    stored = json.loads(json.dumps(first.as_json()))  # as Submission.column_map keeps it
    with path.open("rb") as stream:
        again = pipeline.prepare(stream, path.name, office=None, country="ID",
                                 saved_map=stored).column_map
    assert again.describe() == first.describe()
    assert again.scale_of("annual_turnover") == Decimal(1_000_000)


def test_sample_values_are_the_first_non_empty_values_and_never_an_identity_number(tmp_path):
    content = ("Nama Usaha;NIK;Omzet\n" "UD Satu;7171010101800001;\n" ";7171010101800002;\n"
               "UD Dua;7171010101800003;5\n" "UD Tiga;;6\n" "UD Empat;;7\n" "UD Lima;;8\n")
    path = _write(tmp_path, content)
    column_map = build_map(1, ["Nama Usaha", "NIK", "Omzet"], country="ID")
    with path.open("rb") as stream:
        samples = pipeline.sample_values(stream, path.name, column_map)
    assert samples == {0: ["UD Satu", "UD Dua", "UD Tiga"], 2: ["5", "6", "7"]}


def test_sample_values_stop_reading_when_they_have_enough(tmp_path, monkeypatch):
    path = _write(tmp_path, "Nama Usaha;Omzet\n" + "".join(f"UD {n};{n}\n" for n in range(5000)))
    read = []
    real_open = pipeline.readers.open_table

    def counting(stream, filename):
        table = real_open(stream, filename)
        table.rows = (read.append(number) or (number, cells) for number, cells in table.rows)
        return table

    monkeypatch.setattr(pipeline.readers, "open_table", counting)
    column_map = ColumnMap(header_row=1, headers=["Nama Usaha", "Omzet"],
                           fields={0: "legal_name", 1: "annual_turnover"})
    with path.open("rb") as stream:
        samples = pipeline.sample_values(stream, path.name, column_map)
    assert samples == {0: ["UD 0", "UD 1", "UD 2"], 1: ["0", "1", "2"]}
    assert read == [1, 2, 3, 4]  # the header and three rows, not the 5,000


def test_prepare_refuses_a_file_without_a_name_with_its_column_map(tmp_path):
    path = _write(tmp_path, "Pemilik;NIB\nIbu Rina;9120000003501\n")
    with path.open("rb") as stream, pytest.raises(FileRefused) as refused:
        pipeline.prepare(stream, path.name, office=None, country="MY")
    assert refused.value.code == "missing_columns"
    assert "Nama Perniagaan" in refused.value.message  # the Malay template's header
    assert refused.value.column_map.headers == ["Pemilik", "NIB"]
