"""Over a real HTTP connection, as a phone's HTTP stack sends it (requests stands in for
ODK Collect's OkHttp): HEAD for the size, then the multipart POST, Basic credentials."""

import pytest
import requests
from django.utils.http import http_date

from tests.factories import officer_of
from tests.fieldcapture.conftest import PASSWORD, instance_xml, jpeg


@pytest.mark.django_db(transaction=True)
def test_head_then_post_over_http(live_server):
    from etalase.fieldcapture.models import FieldRecord

    officer = officer_of("ID-SA", email="petugas.http@example.test")
    url = f"{live_server.url}/fieldcapture/ID-SA/submission?deviceID=collect%3Aabc123"
    session = requests.Session()
    session.auth = (officer.email, PASSWORD)
    session.headers.update({"X-OpenRosa-Version": "1.0", "Date": http_date(),
                            "User-Agent": "org.odk.collect.android/v2024.3.1 okhttp/4.12.0"})
    head = session.head(url, timeout=30)
    assert head.status_code == 204
    limit = int(head.headers["X-OpenRosa-Accept-Content-Length"])
    files = [
        ("xml_submission_file", ("Field_2026-12-07.xml", instance_xml(), "text/xml")),
        ("1733563012345.jpg", ("1733563012345.jpg", jpeg(), "image/jpeg")),
    ]
    response = session.post(head.headers["Location"], files=files, timeout=60)
    assert response.status_code == 201, response.text
    assert len(response.request.body) < limit
    assert response.headers["X-OpenRosa-Version"] == "1.0" and response.headers["Date"]
    assert 'nature="submit_success"' in response.text
    assert FieldRecord.objects.filter(office_id="ID-SA").count() == 1
    unauthenticated = requests.head(url, headers={"X-OpenRosa-Version": "1.0"}, timeout=30)
    assert unauthenticated.status_code == 401
    assert unauthenticated.headers["WWW-Authenticate"].startswith("Basic")
