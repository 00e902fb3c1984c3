"""In Chromium, on a phone: a regency recap without registration numbers — every column
accounted for, the row from another province refused naming it, a probable duplicate confirmed
as the registered enterprise, then every owner's paper consent recorded at once."""

import pytest

from etalase.enterprises.models import Enterprise
from tests.browser.test_intake import sign_in, upload
from tests.factories import make_enterprise, officer_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECAP = (
    "REKAP UMKM EKSPOR KABUPATEN/KOTA\n"
    "No.;Nama UMKM;NIK Pemilik;Kab/Kota;No. Telp/HP;Omzet (Rp juta);Negara Tujuan Ekspor\n"
    "1;CV. Maju Jaya Kopra;7102015505800001;Kab. Minahasa;0812-4300-1111;150;"
    "Jepang; Korea Selatan\n"
    "2;UD Pala Siau;7109016606900002;Kab. Kep. Siau Tagulandang Biaro;0813 4300 2222;90;Tiongkok\n"
    "3;Ikan Asap Makassar;7371017707850003;Kota Makassar;0812 4300 3333;75;\n"
)


def test_officer_reads_columns_confirms_a_duplicate_and_records_consent(page, tmp_path,
                                                                       screenshot_dir):
    officer = officer_of("ID-SA", full_name="Officer Sulut", email="officer@sulut.test")
    registered = make_enterprise("ID-SA", legal_name="Maju Jaya Kopra", registration_id="",
                                 regency="Minahasa", phone="+6281200000000")
    path = tmp_path / "rekap-tanpa-nib.csv"
    # A quoted market list: the separator ';' is also the file's delimiter.
    path.write_text(RECAP.replace("Jepang; Korea Selatan", '"Jepang; Korea Selatan"'),
                    encoding="utf-8")
    sign_in(page, officer, "/submissions/")
    upload(page, path)

    columns = page.get_by_test_id("columns").inner_text()
    assert "NIK Pemilik" in columns and "Omzet (Rp juta)" in columns
    rejected = page.get_by_test_id("section-rejected").inner_text()
    assert "Kota Makassar" in rejected and "ID-SN" in rejected
    page.screenshot(path=str(screenshot_dir / "intake-columns.png"), full_page=True)

    page.get_by_role("link", name="To create").first.click()
    form = page.get_by_test_id("identity-3")
    assert "Maju Jaya Kopra" in form.inner_text()
    form.screenshot(path=str(screenshot_dir / "intake-identity-choice.png"))
    form.get_by_label("Maju Jaya Kopra", exact=False).first.check()
    form.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    counts = page.get_by_test_id("counts")
    assert counts.locator("[data-section=update] strong").inner_text() == "1"
    assert counts.locator("[data-section=create] strong").inner_text() == "1"
    page.screenshot(path=str(screenshot_dir / "intake-duplicate.png"), full_page=True)
    assert Enterprise.objects.count() == 1  # nothing written before review
    assert registered.pk
