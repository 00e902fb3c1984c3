import json
import subprocess
import sys

import pytest
from django.core.management import call_command

from etalase.payments import emv

QRIS = (
    "00020101021226610014COM.GO-JEK.WWW01189360091432343267810210G2343267810303UBE51440014"
    "ID.CO.QRIS.WWW0215ID20190143816000303UBE5204581253033605802ID5910Starbucks 6013JAKARTA "
    "PUSAT610510210540839000.006239502801202104130502044NMWVA6P4CID0703A0363049A04"
)


def test_validate_endpoint_answers_the_documented_shape(client):
    response = client.post(
        "/api/v1/payments/qr/validate", {"payload": QRIS}, content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "valid": True,
        "scheme": "QRIS",
        "merchant_name": "Starbucks ",  # exactly as encoded, trailing space kept
        "merchant_city": "JAKARTA PUSAT",
        "country_code": "ID",
        "currency": "360",
        "amount": "39000.00",
        "point_of_initiation": "12",
        "errors": [],
        "warnings": [],
    }


def test_validate_endpoint_names_the_broken_crc(client):
    broken = QRIS[:-4] + "0000"
    body = client.post(
        "/api/v1/payments/qr/validate", {"payload": broken}, content_type="application/json"
    ).json()
    assert body["valid"] is False
    assert [(e["tag"], e["code"]) for e in body["errors"]] == [("63", "crc_mismatch")]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"payload": 12},
        {"payload": None},
        {"payload": ["x"]},
        {"other": "x"},
    ],
)
def test_validate_endpoint_refuses_malformed_bodies_with_422(client, body):
    response = client.post("/api/v1/payments/qr/validate", body, content_type="application/json")
    assert response.status_code == 422


@pytest.mark.parametrize("text", ["", "0", "6304", "00020101" * 80, "\x00\ud7ff", "<script>"])
def test_validate_endpoint_never_fails_on_odd_text(client, text):
    response = client.post(
        "/api/v1/payments/qr/validate", {"payload": text}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["valid"] is False


def test_validate_endpoint_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/payments/qr/validate" in paths


def test_cli_prints_the_same_object_as_the_api(client, capsys):
    call_command("qr_validate", QRIS, "--format", "json")
    printed = json.loads(capsys.readouterr().out)
    api = client.post(
        "/api/v1/payments/qr/validate", {"payload": QRIS}, content_type="application/json"
    ).json()
    assert printed == api


def test_cli_exits_non_zero_on_an_invalid_payload(capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("qr_validate", QRIS[:-1] + "5", "--format", "json")
    assert exit_info.value.code == 1
    assert json.loads(capsys.readouterr().out)["valid"] is False


def test_console_entry_point_runs_the_command():
    completed = subprocess.run(
        [sys.executable, "-m", "etalase", "qr_validate", QRIS, "--format", "json"],
        capture_output=True,
        text=True,
        env={"ETALASE_DEV": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == emv.parse(QRIS).as_dict()
