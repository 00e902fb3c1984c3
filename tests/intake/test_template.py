"""The downloadable template: its layout, drop-downs and words, and that a filled copy
imports cleanly through the engine (XLSX and CSV)."""

import io

import pytest
from openpyxl import load_workbook

from etalase.enterprises.models import Enterprise
from etalase.intake import template, vocab
from etalase.intake.columns import match_header
from etalase.intake.readers import FileRefused
from etalase.intake.services import import_run
from etalase.regions.models import Country, Subdivision

pytestmark = pytest.mark.django_db

ROWS = [
    ["UD Kakao Tondano", "", "9120000000101", "Sulawesi Utara", "Kabupaten Minahasa",
     "Jl. Raya 1", "Ibu Rina", "0812-3456-7890", "0812 3456 7890", "rina@example.test", "",
     2015, 12, "Rp 1.500.000.000", "", "industri pengolahan", "Biji kakao fermentasi", "180100",
     "halal; PIRT", "sudah ekspor", "Malaysia; Singapura", "Kakao fermentasi."],
    ["CV Kelapa Bitung", "Kelapa Emas", "9120000000102", "ID-SA", "Kota Bitung", "", "",
     "+62 813 4567 8901", "", "", "kelapa.example.test", 2010, 25, "1,5 M", "", "jasa", "", "",
     "", "siap ekspor", "", ""],
    ["Pala Sangihe", "", "9120000000103", "Sulawesi Utara", "Kepulauan Sangihe", "", "", "",
     "", "", "", "", 4, "", "", "pertanian", "", "", "organic", "belum ekspor", "", ""],
]


def _country(code="ID"):
    return Country.objects.get(code=code)


def _fill_xlsx(content: bytes, rows) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["enterprises"]
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            if value != "":
                sheet.cell(row=template.FIRST_DATA_ROW + offset, column=column, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_xlsx_has_title_mark_two_header_languages_example_lists_and_instructions():
    workbook = load_workbook(io.BytesIO(template.build_xlsx(_country(), "id")))
    assert workbook.sheetnames == ["enterprises", "lists", "petunjuk"]
    sheet = workbook["enterprises"]
    assert sheet["A1"].value.endswith("etalase-template-v1")
    assert sheet["A2"].value == "Business name · required"  # English
    assert sheet["A4"].value == "Nama Usaha"  # the officer's language: the real header
    assert sheet["C4"].value == "NIB"
    assert sheet["A3"].value == "UD Contoh Kakao Minahasa"  # the example, above the header
    assert workbook["lists"].sheet_state == "hidden"
    lists = [c.value for c in workbook["lists"]["A"]][1:]
    assert "Sulawesi Utara" in lists and "Kalimantan Timur" in lists
    assert "Jawa Barat" not in lists  # not a focus area
    assert "Aceh" not in lists
    instructions = "\n".join(str(c.value or "") for c in workbook["petunjuk"]["A"])
    assert "NIB" in instructions and "NIK" in instructions


def test_xlsx_drop_downs_point_at_the_lists():
    sheet = load_workbook(io.BytesIO(template.build_xlsx(_country(), "id")))["enterprises"]
    by_column = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            by_column[cell_range.coord.split(":")[0].rstrip("0123456789")] = validation
    letters = {c.field: chr(ord("A") + i) for i, c in enumerate(template.COLUMNS)}
    for field in ("subdivision", "sector", "certifications", "export_status"):
        validation = by_column[letters[field]]
        assert validation.type == "list"
        assert validation.formula1.startswith("=lists!$")
    assert by_column[letters["subdivision"]].showErrorMessage  # a province must be from the list
    assert by_column[letters["employees"]].type == "whole"
    assert by_column[letters["annual_turnover"]].type == "decimal"
    assert letters["regency"] not in by_column  # free text: no list of regencies exists


@pytest.mark.parametrize("language", template.TEMPLATE_LANGUAGES)
def test_every_header_is_recognised_and_no_english_hint_is(language):
    for column, header in zip(template.COLUMNS, template.headers(language), strict=True):
        assert match_header(header) == column.field, header
        assert match_header(column.english) is None, column.english


@pytest.mark.parametrize("language", template.TEMPLATE_LANGUAGES)
def test_list_words_are_read_by_the_importer(language):
    assert [vocab.export_status(w) for w in template.EXPORT_WORDS[language]] == [
        "not_yet", "ready", "exporting"]
    assert [vocab.sector(w) for w in template.SECTOR_WORDS[language]] == [
        "manufacturing", "services", "agriculture"]
    assert all(vocab.certification(w) for w in template.CERTIFICATION_WORDS)


def test_filled_xlsx_template_imports_three_enterprises():
    content = _fill_xlsx(template.build_xlsx(_country(), "id"), ROWS)
    office = Subdivision.objects.get(code="ID-SA")

    summary = import_run(stream=io.BytesIO(content), filename="template.xlsx", office=office,
                         commit=True)

    assert summary.counts() == {"rows": 3, "created": 3, "updated": 0, "unchanged": 0,
                                "rejected": 0}
    assert summary.errors == []
    assert [c["how"] for c in summary.columns] == ["exact"] * len(template.COLUMNS)
    kakao = Enterprise.objects.get(registration_id="9120000000101")
    assert kakao.subdivision_id == "ID-SA"
    assert kakao.phone == "+6281234567890"
    assert kakao.export_status == "exporting"
    assert kakao.annual_turnover == 1_500_000_000
    assert sorted(kakao.certifications.values_list("kind", flat=True)) == ["food_safety",
                                                                           "halal"]
    assert kakao.products.get().hs_code_id == "180100"
    assert kakao.consent == "pending"  # an office's data waits for the owner
    assert not Enterprise.objects.filter(registration_id="9120000000001").exists()  # example


def test_filled_csv_template_imports_three_enterprises():
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows(ROWS)
    content = template.build_csv(_country(), "id") + buffer.getvalue().encode("utf-8")
    office = Subdivision.objects.get(code="ID-SA")

    checked = import_run(stream=io.BytesIO(content), filename="t.csv", office=office,
                         commit=False)
    assert (checked.created, checked.rejected) == (3, 0)
    assert Enterprise.objects.count() == 0
    written = import_run(stream=io.BytesIO(content), filename="t.csv", office=office,
                         commit=True)
    assert written.created == 3 and Enterprise.objects.count() == 3


def test_a_template_of_another_version_is_refused():
    workbook = load_workbook(io.BytesIO(_fill_xlsx(template.build_xlsx(_country(), "id"),
                                                   ROWS[:1])))
    sheet = workbook["enterprises"]
    sheet["A1"] = sheet["A1"].value.replace("template-v1", "template-v2")
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(FileRefused) as refused:
        import_run(stream=out, filename="old.xlsx", office=Subdivision.objects.get(code="ID-SA"),
                   commit=True)
    assert refused.value.code == "wrong_template_version"
    assert Enterprise.objects.count() == 0


def test_malaysian_template_in_malay_imports_through_the_engine():
    sheet_rows = [["Sabah Seaweed Sdn Bhd", "", "201901012345", "Sabah", "Semporna", "", "",
                   "012-345 6789"]]
    content = _fill_xlsx(template.build_xlsx(_country("MY"), "ms"), sheet_rows)
    workbook = load_workbook(io.BytesIO(content))
    assert workbook["enterprises"]["A4"].value == "Nama Perniagaan"
    assert "arahan" in workbook.sheetnames
    summary = import_run(stream=io.BytesIO(content), filename="my.xlsx",
                         office=Subdivision.objects.get(code="MY-12"), commit=True)
    assert (summary.created, summary.rejected) == (1, 0), summary.errors
    assert Enterprise.objects.get().phone == "+60123456789"


def test_template_language_prefers_the_officer_then_the_country():
    assert template.template_language("ID", "ms") == "ms"
    assert template.template_language("ID", "en") == "en"
    assert template.template_language("ID", "xx") == "id"
    assert template.template_language("PH", None) == "en"


# --- the download page ------------------------------------------------------------------


def test_download_xlsx_and_csv(client):
    response = client.get("/submissions/template/ID.xlsx?lang=id")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="etalase-template-v1-ID-id.xlsx"' in response["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.content))["enterprises"]["A4"].value == "Nama Usaha"

    response = client.get("/submissions/template/MY.csv?lang=ms")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "etalase-template-v1" in text.splitlines()[0]
    assert text.splitlines()[3].startswith("Nama Perniagaan,")


@pytest.mark.parametrize("path", ["/submissions/template/US.xlsx", "/submissions/template/XX.csv",
                                  "/submissions/template/ID.xls", "/submissions/template/id.xlsx"])
def test_download_of_unknown_country_or_format_is_404(client, path):
    assert client.get(path).status_code == 404


def test_hostile_lang_parameter_falls_back(client):
    response = client.get("/submissions/template/ID.csv?lang=<script>")
    assert response.status_code == 200
    assert "<script>" not in response["Content-Disposition"]
    assert response.content.decode("utf-8-sig").splitlines()[3].startswith("Nama Usaha,")
