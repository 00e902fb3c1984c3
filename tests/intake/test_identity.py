"""Enterprises without a registration number, probable duplicates, and the Kab/Kota cell's area."""

import pytest
from django.test import Client

from etalase.enterprises.identity import fingerprint, normalised_name
from etalase.enterprises.models import Enterprise
from etalase.intake.models import Submission, SubmissionRow
from etalase.intake.services import import_run
from etalase.regions.models import Subdivision
from tests.factories import make_enterprise, officer_of

pytestmark = pytest.mark.django_db

NO_NUMBERS = (
    "Nama Usaha;Kab/Kota;No. HP;Omzet per Tahun (Rp)\n"
    "CV. Maju Jaya;Kab. Minahasa;081234567801;150000000\n"
    "UD Sinar Laut;MINAHASA UTARA;081234567802;90000000\n"
    "Toko Kopi Kawanua;Kota Manado;;25000000\n"
)


def _run(path, office="ID-SA", *, commit=True, decisions=None):
    with path.open("rb") as stream:
        return import_run(stream=stream, filename=path.name,
                          office=Subdivision.objects.get(code=office), commit=commit,
                          decisions=decisions)


@pytest.mark.parametrize("a, b", [
    ("CV. Maju Jaya", "CV Maju Jaya"), ("C.V. MAJU JAYA", "maju jaya, cv"),
    ("PT Kopi Toraja", "Kopi  Toraja"), ("Usaha Dagang Café Ñusa", "usaha dagang cafe nusa"),
])
def test_names_that_differ_only_in_form_normalise_alike(a, b):
    assert normalised_name(a) == normalised_name(b)


def test_different_names_places_or_phones_are_different_fingerprints():
    base = {"country": "ID", "name": "CV Maju Jaya", "place": "ID-71.02", "phone": "+62812"}
    assert fingerprint(**base) == fingerprint(**{**base, "name": "cv. maju jaya"})
    assert fingerprint(**base) != fingerprint(**{**base, "place": "ID-71.06"})
    assert fingerprint(**base) != fingerprint(**{**base, "phone": ""})
    assert fingerprint(**base) != fingerprint(**{**base, "name": "Maju Jaya Abadi"})


def test_a_file_without_a_number_column_is_imported_and_a_second_time_creates_nothing(tmp_path):
    path = tmp_path / "rekap_tanpa_nib.csv"
    path.write_text(NO_NUMBERS, encoding="utf-8")
    first = _run(path)
    assert (first.created, first.rejected) == (3, 0), first.errors
    maju = Enterprise.objects.get(legal_name="CV. Maju Jaya")
    assert maju.registration_id == "" and maju.area_id == "ID-71.02"
    assert maju.identity_fingerprint == fingerprint(
        country="ID", name="CV Maju Jaya", place="ID-71.02", phone="+6281234567801")
    assert Enterprise.objects.get(legal_name="UD Sinar Laut").area_id == "ID-71.06"
    second = _run(path)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
    assert Enterprise.objects.count() == 3


def test_a_re_import_with_a_changed_figure_updates_the_same_record(tmp_path):
    path = tmp_path / "rekap.csv"
    path.write_text(NO_NUMBERS, encoding="utf-8")
    _run(path)
    path.write_text(NO_NUMBERS.replace("150000000", "175000000"), encoding="utf-8")
    again = _run(path)
    assert (again.created, again.updated) == (0, 1)
    assert str(Enterprise.objects.get(legal_name="CV. Maju Jaya").annual_turnover) == "175000000.00"


def test_the_same_enterprise_twice_in_a_file_is_refused_on_the_second_row(tmp_path):
    path = tmp_path / "dobel.csv"
    path.write_text(NO_NUMBERS + "CV Maju Jaya;Kabupaten Minahasa;0812-3456-7801;150000000\n")
    summary = _run(path, commit=False)
    [error] = summary.errors
    assert (error["row"], error["code"]) == (5, "duplicate_in_file")
    assert "row 2" in error["message"]


def test_a_row_without_a_number_after_the_same_numbered_business_is_its_duplicate(tmp_path):
    """Name, regency and phone of a numbered row above: the same business, refused once; a
    numbered row below an unnumbered one is a record of its own (no crash writing both)."""
    path = tmp_path / "campur.csv"
    path.write_text(
        "Nama Usaha;NIB;Kab/Kota;No. HP\n"
        "CV Maju Jaya;9120000000101;Kab. Minahasa;081234567801\n"
        "CV. Maju Jaya;;Kab. Minahasa;0812-3456-7801\n"
        "UD Sinar Laut;;Kota Bitung;081234567802\n"
        "UD Sinar Laut;9120000000102;Kota Bitung;081234567802\n",
        encoding="utf-8",
    )
    summary = _run(path)
    assert [(e["row"], e["code"]) for e in summary.errors] == [(3, "duplicate_in_file")]
    assert summary.created == 3
    assert Enterprise.objects.filter(legal_name__icontains="Sinar Laut").count() == 2


def test_names_alike_are_shown_as_probable_duplicates_never_merged(tmp_path):
    registered = make_enterprise("ID-SA", legal_name="CV Maju Jayaa", registration_id="",
                                 regency="Minahasa", phone="+6281299999999")
    path = tmp_path / "mirip.csv"
    path.write_text(NO_NUMBERS, encoding="utf-8")
    rows = []
    from etalase.intake import runs
    original = runs.Summary.add

    def keep(self, result):
        rows.append(result)
        return original(self, result)

    runs.Summary.add = keep
    try:
        summary = _run(path, commit=False)
    finally:
        runs.Summary.add = original
    assert summary.created == 3  # nothing merged without the officer's word
    maju = next(r for r in rows if r.values["legal_name"] == "CV. Maju Jaya")
    assert maju.matches == [{"kind": "registry", "enterprise_id": registered.pk,
                             "name": "CV Maju Jayaa", "score": maju.matches[0]["score"]}]
    assert maju.matches[0]["score"] >= 88
    other = next(r for r in rows if r.values["legal_name"] == "UD Sinar Laut")
    assert other.matches == []
    # The officer says "same": the row updates the registered record.
    decided = _run(path, commit=True,
                   decisions={str(maju.row): {"identity": f"same:{registered.pk}"}})
    assert (decided.created, decided.updated) == (2, 1)
    registered.refresh_from_db()
    assert registered.legal_name == "CV. Maju Jaya" and registered.phone == "+6281234567801"


def test_officer_confirms_a_probable_duplicate_in_the_preview(tmp_path):
    officer = officer_of("ID-SA")
    client = Client()
    client.force_login(officer)
    content = NO_NUMBERS + "CV Maju Jaya Abadi;Kab. Minahasa;081234567809;150000000\n"
    registered = make_enterprise("ID-SA", legal_name="Maju Jaya", registration_id="",
                                 regency="Minahasa", phone="+6281200000000")
    from django.core.files.uploadedfile import SimpleUploadedFile
    client.post("/submissions/upload/", {
        "office": "ID-SA", "file": SimpleUploadedFile("rekap.csv", content.encode())})
    submission = Submission.objects.latest("pk")
    row = SubmissionRow.objects.get(submission=submission, row=2)
    assert row.action == "create" and row.matches[0]["enterprise_id"] == registered.pk
    page = client.get(f"/submissions/{submission.pk}/?section=create").content.decode()
    assert f'value="same:{registered.pk}"' in page and 'value="different"' in page
    # A choice that is not among the row's candidates is ignored.
    client.post(f"/submissions/{submission.pk}/decisions/", {"d-2-identity": "same:999999"})
    assert SubmissionRow.objects.get(submission=submission, row=2).action == "create"
    client.post(f"/submissions/{submission.pk}/decisions/",
                {"d-2-identity": f"same:{registered.pk}"})
    row = SubmissionRow.objects.get(submission=Submission.objects.get(pk=submission.pk), row=2)
    assert row.action == "update" and row.enterprise_id == registered.pk


AREAS = (
    "Nama Usaha;Kab/Kota\n"
    "UD Satu;Kab. Minahasa\n"
    "UD Dua;Kota Makassar\n"
    "UD Tiga;Kabupaten Kutai Kartanegara\n"
    "UD Empat;Minahsa Utara\n"
    "UD Lima;Kampung Entah\n"
    "UD Enam;\n"
)


def test_the_regency_cell_resolves_to_an_area_of_the_office(tmp_path):
    path = tmp_path / "wilayah.csv"
    path.write_text(AREAS, encoding="utf-8")
    summary = _run(path, commit=True)
    errors = {e["row"]: e for e in summary.errors}
    warnings = {(w["row"], w["code"]) for w in summary.warnings}
    assert errors[3]["code"] == "area_outside_office" and "ID-SN" in errors[3]["message"]
    assert errors[4]["code"] == "area_outside_office" and "ID-KI" in errors[4]["message"]
    assert (5, "area_guessed") in warnings and (6, "unknown_area") in warnings
    areas = dict(Enterprise.objects.values_list("legal_name", "area_id"))
    assert areas == {"UD Satu": "ID-71.02", "UD Empat": "ID-71.06", "UD Lima": None,
                     "UD Enam": None}
    lima = Enterprise.objects.get(legal_name="UD Lima")
    assert (lima.subdivision_id, lima.regency) == ("ID-SA", "Kampung Entah")  # kept as written


@pytest.mark.parametrize("value", ["'; DROP TABLE regions_area; --", "🙂" * 50, "x" * 5000,
                                   "=HYPERLINK(\"http://evil\")", "71.99"])
def test_hostile_locality_cells_are_warned_or_refused_never_stored_as_an_area(tmp_path, value):
    path = tmp_path / "jahat.csv"
    path.write_text(f"Nama Usaha;Kab/Kota\nUD Uji;{value}\n", encoding="utf-8")
    summary = _run(path, commit=True)
    codes = {p["code"] for p in summary.errors + summary.warnings}
    assert codes & {"unknown_area", "too_long", "formula"} or summary.rejected, codes
    assert not Enterprise.objects.exclude(area=None).exists()
