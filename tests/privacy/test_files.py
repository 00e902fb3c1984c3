"""The person's values leave offices' stored uploads too (CSV and XLSX copies)."""

import io

import openpyxl
from django.core.files.base import ContentFile

from etalase.intake.models import Submission, SubmissionRow
from etalase.privacy import files, services
from tests.factories import officer_of
from tests.privacy.conftest import PERSON


def _upload(enterprise, name: str, content: bytes) -> Submission:
    sub = Submission(office_id="ID-SA", country_id="ID", uploaded_by=officer_of("ID-SA"),
                     filename=name, sha256="2" * 64)
    sub.file.save(name, ContentFile(content), save=True)
    SubmissionRow.objects.create(submission=sub, row=2, action="update", enterprise=enterprise,
                                 values={"phone": PERSON["phone"]})
    return sub


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_csv_and_xlsx_copies_are_rewritten_cell_by_cell(owner_world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    ent = owner_world["enterprise"]
    header = ["nama_usaha", "nama_pemilik", "telepon", "email"]
    person = ["UD Kakao Siti Rahmawati", PERSON["contact_person"], PERSON["phone"],
              PERSON["email"].upper()]
    other = ["CV Pala Minahasa", "Yohanes Mandagi", "+6281399912345", "pala@minahasa.example"]
    csv_sub = _upload(ent, "sulut.csv",
                      "\n".join(",".join(r) for r in (header, person, other)).encode())
    xlsx_sub = _upload(ent, "sulut.xlsx", _xlsx([header, person, other]))
    services.erase_user(owner_world["owner"])
    text = Submission.objects.get(pk=csv_sub.pk).file.open("rb").read().decode()
    assert PERSON["phone"] not in text and "Rahmawati" not in text
    assert "siti.rahma" not in text.lower() and "Yohanes Mandagi,+6281399912345" in text
    book = openpyxl.load_workbook(Submission.objects.get(pk=xlsx_sub.pk).file.open("rb"))
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row]
    assert len(cells) == 12 and "Yohanes Mandagi" in cells
    assert not any(PERSON["phone"] in str(c) or "Rahmawati" in str(c) for c in cells)


def test_unreadable_or_foreign_files_are_left_alone():
    replace = lambda s: s.replace("x", "y")  # noqa: E731
    assert files.scrub_bytes("a.xlsx", b"not a workbook", replace) is None
    assert files.scrub_bytes("a.csv", b"\xff\xfe\x00", replace) is None
    assert files.scrub_bytes("a.pdf", b"x", replace) is None
    assert files.scrub_bytes("a.csv", b"abc", replace) is None
