"""An officer downloads the meeting report from the insights page in Chromium (issue 19)."""

import shutil
import subprocess

import pytest

from tests.factories import make_enterprise, make_product, officer_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")


@pytest.mark.parametrize(("link", "magic"), [("PDF", b"%PDF"), ("XLSX", b"PK")])
def test_an_officer_downloads_the_report_from_the_insights_page(page, tmp_path, link, magic):
    first = make_enterprise("ID-SA", size_class="micro", export_status="exporting",
                            export_markets=["JP"])
    make_enterprise("ID-SA", size_class="small")
    make_enterprise("ID-KI", size_class="medium")  # another province: not in the report
    make_product(first, hs_code_id="180100")
    officer = officer_of("ID-SA", email="officer@report.test")
    _sign_in(page, officer.email)
    page.goto("/insights/")
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Download report ({link})").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"etalase-ID-SA.{link.lower()}"
    assert saved.read_bytes().startswith(magic)
    if link == "PDF" and shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(saved), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "Sulawesi Utara" in text and "Kalimantan Timur" not in text
        assert "Page 1 of" in text
