"""POST /api/v1/submissions: a province's own system sends its file with a token and gets
the CLI's JSON summary back (and a Submission awaiting review)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etalase.accounts.models import ApiToken
from etalase.enterprises.models import Enterprise
from etalase.intake.models import Submission
from tests.factories import buyer, focal_point_of, officer_of

pytestmark = pytest.mark.django_db

URL = "/api/v1/submissions"
CSV = (
    b"Nama Usaha;NIB;Kabupaten/Kota;Email\n"
    b"UD Satu;9120000002001;Minahasa;satu@example.test\n"
    b"UD Dua;12345;Bitung;dua-at-example\n"
)
SUMMARY_KEYS = {"rows", "created", "updated", "unchanged", "rejected", "errors", "warnings",
                "columns"}


def _token(user) -> str:
    return ApiToken.issue(user=user, name="provincial system")[1]


def _post(token: str | None, content=CSV, name="sulut.csv", subdivision="ID-SA", query=""):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return Client().post(URL + query, {"file": SimpleUploadedFile(name, content),
                                       "subdivision": subdivision}, **headers)


@pytest.fixture
def token():
    return _token(officer_of("ID-SA"))


def test_officer_token_gets_the_cli_summary_and_a_validated_submission(token):
    response = _post(token)
    assert response.status_code == 201
    data = response.json()
    assert set(data) >= SUMMARY_KEYS
    assert {k: data[k] for k in SUMMARY_KEYS - {"errors", "warnings", "columns"}} == {
        "rows": 2, "created": 1, "updated": 0, "unchanged": 0, "rejected": 1}
    assert {e["code"] for e in data["errors"]} == {"invalid_length", "invalid_email"}
    assert all(set(e) == {"row", "column", "field", "code", "message"} for e in data["errors"])
    assert {e["row"] for e in data["errors"]} == {3}
    assert {e["column"] for e in data["errors"]} == {"NIB", "Email"}
    submission = Submission.objects.get(pk=data["id"])
    assert data["status"] == submission.status == "validated"
    assert data["url"].endswith(f"/submissions/{submission.pk}/")
    assert not Enterprise.objects.exists()  # the review is not skipped


def test_summary_equals_the_cli_json(token, tmp_path, capsys):
    path = tmp_path / "sulut.csv"
    path.write_bytes(CSV)
    call_command("import_enterprises", str(path), "--subdivision", "ID-SA", "--format", "json")
    cli = json.loads(capsys.readouterr().out)
    api = _post(token).json()
    assert {k: api[k] for k in cli} == cli


def test_summary_accounts_for_every_column_and_warns_of_a_foreign_currency(token, tmp_path,
                                                                          capsys):
    content = b"No;Nama Usaha;Aset (US$);Keterangan;NIK\n1;UD Dolar;5000;aktif;7171010101800001\n"
    data = _post(token, content=content).json()
    assert [(c["letter"], c["header"], c["field"], c["how"]) for c in data["columns"]] == [
        ("A", "No", None, "row_number"), ("B", "Nama Usaha", "legal_name", "exact"),
        ("C", "Aset (US$)", "assets", "exact"), ("D", "Keterangan", None, "not_used"),
        ("E", "NIK", None, "identity")]
    assert data["columns"][2]["currency"] == "USD"
    [currency] = [w for w in data["warnings"] if w["code"] == "foreign_currency"]
    assert currency["row"] is None and currency["column"] == "Aset (US$)"
    assert all(set(w) == {"row", "column", "field", "code", "message"} for w in data["warnings"])
    # the status endpoint derives the same from the stored submission
    again = Client().get(f"{URL}/{data['id']}", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert again["columns"] == data["columns"] and again["warnings"] == data["warnings"]
    # and the CLI says the same
    path = tmp_path / "dolar.csv"
    path.write_bytes(content)
    call_command("import_enterprises", str(path), "--subdivision", "ID-SA", "--format", "json")
    cli = json.loads(capsys.readouterr().out)
    assert cli["columns"] == data["columns"] and cli["warnings"] == data["warnings"]


def test_a_file_refused_for_its_columns_still_lists_them(token):
    data = _post(token, content=b"Pemilik;NIB\nIbu Rina;9120000002201\n").json()
    assert [e["code"] for e in data["errors"]] == ["missing_columns"]
    assert "business name" in data["errors"][0]["message"]
    assert [(c["header"], c["how"]) for c in data["columns"]] == [
        ("Pemilik", "exact"), ("NIB", "exact")]


def test_submit_true_submits_for_review(token):
    data = _post(token, query="?submit=true").json()
    assert data["status"] == "submitted"
    assert Submission.objects.get(pk=data["id"]).events.filter(action="submitted").exists()


def test_refused_file_answers_422_with_one_error(token):
    response = _post(token, content=b"", name="empty.csv")
    assert response.status_code == 422
    data = response.json()
    assert [e["code"] for e in data["errors"]] == ["empty_file"]
    assert data["rows"] == 0 and data["status"] == "refused"
    fake = _post(token, content=b"nama_usaha,nib\n", name="fake.xlsx").json()
    assert [e["code"] for e in fake["errors"]] == ["not_a_spreadsheet"]


def test_oversized_file_is_refused_before_it_is_kept(token, settings):
    settings.INTAKE_MAX_UPLOAD_BYTES = 100
    response = _post(token)
    assert response.status_code == 422
    assert [e["code"] for e in response.json()["errors"]] == ["file_too_large"]
    assert not Submission.objects.exists()


def test_other_province_buyer_and_focal_point_are_refused():
    for user in (officer_of("ID-KI"), buyer(), focal_point_of("ID")):
        assert _post(_token(user)).status_code == 403
    assert not Submission.objects.exists()


@pytest.mark.parametrize("subdivision", ["XX-99", "", "ID-SA" * 5, "<script>"])
def test_unknown_or_hostile_subdivision(token, subdivision):
    response = _post(token, subdivision=subdivision)
    assert response.status_code == 422
    assert not Submission.objects.exists()


def test_no_wrong_or_session_credentials_are_401(token):
    assert _post(None).status_code == 401
    assert _post("et_not-a-real-token").status_code == 401
    session = Client()
    session.force_login(officer_of("ID-SA"))
    response = session.post(URL, {"file": SimpleUploadedFile("a.csv", CSV),
                                  "subdivision": "ID-SA"})
    assert response.status_code == 401  # no cookie-authenticated POST (CSRF)
    assert not Submission.objects.exists()


def test_status_endpoint_is_scoped(token):
    created = _post(token).json()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    found = Client().get(f"{URL}/{created['id']}", **headers)
    assert found.status_code == 200 and found.json()["rejected"] == 1
    other = {"HTTP_AUTHORIZATION": f"Bearer {_token(officer_of('ID-KI'))}"}
    assert Client().get(f"{URL}/{created['id']}", **other).status_code == 404
    assert Client().get(f"{URL}/{created['id']}").status_code == 401


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(content=st.binary(max_size=2000),
       name=st.sampled_from(["a.csv", "a.xlsx", "a.txt", "a", "a.xlsm", "../../a.csv"]))
def test_random_bytes_never_crash_the_api(token, content, name):
    response = _post(token, content=content, name=name)
    assert response.status_code in (201, 422), response.content[:300]
    data = response.json()
    assert set(data) >= SUMMARY_KEYS
    if response.status_code == 422:
        assert len(data["errors"]) == 1 and data["errors"][0]["code"]
