"""OpenRosa requests as ODK Collect sends them: Basic credentials, the OpenRosa headers,
multipart with the instance as `xml_submission_file` and each photo under its file name."""

import base64
import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.http import http_date
from PIL import Image

from etalase.fieldcapture import xlsform
from etalase.regions.models import Subdivision
from tests.factories import officer_of

PASSWORD = "correct-horse-battery"


def headers(user, password: str = PASSWORD) -> dict:
    token = base64.b64encode(f"{user.email}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}", "HTTP_X_OPENROSA_VERSION": "1.0",
            "HTTP_DATE": http_date(), "HTTP_USER_AGENT": "org.odk.collect.android/v2024.3.1"}


def jpeg(width: int = 64, height: int = 48) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (180, 120, 60)).save(out, format="JPEG", quality=80)
    return out.getvalue()


def instance_xml(office: str = "ID-SA", *, instance_id: str | None = None, deprecated: str = "",
                 start: str = "2026-12-07T09:15:02.311+08:00", **answers) -> bytes:
    """A filled form as ODK Collect writes it: the groups of the form, meta last."""
    form_id = xlsform.form_id_for(office)
    values = {
        "legal_name": "UD Kopra Talaud Sejahtera", "trade_name": "", "registration_id": "",
        "regency": "ID-71.04", "address": "Desa Beo, Kepulauan Talaud", "description": "",
        "contact_person": "Ibu Maria Mangole", "phone": "0812-4455-6677", "whatsapp": "",
        "email": "", "website": "", "year_established": "2016", "employees": "4",
        "annual_turnover": "250000000", "assets": "", "sector": "agriculture",
        "export_status": "not_yet", "certifications": "halal pirt", "export_markets": "",
        "product": "Kopra putih", "hs_code": "120300", "product_photo": "1733563012345.jpg",
    }
    values.update(answers)
    groups = {
        "group_enterprise": ["legal_name", "trade_name", "registration_id", "regency",
                             "address", "description"],
        "group_contact": ["contact_person", "phone", "whatsapp", "email", "website"],
        "group_size": ["year_established", "employees", "annual_turnover", "assets", "sector",
                       "export_status", "certifications", "export_markets"],
        "group_product": ["product", "hs_code", "product_photo"],
    }
    from xml.sax.saxutils import escape

    body = "".join(
        f"<{g}>" + "".join(f"<{n}>{escape(values[n])}</{n}>" if values[n] else f"<{n}/>"
                           for n in names) + f"</{g}>"
        for g, names in groups.items())
    meta = f"<instanceID>{instance_id or 'uuid:' + str(uuid.uuid4())}</instanceID>"
    if deprecated:
        meta += f"<deprecatedID>{deprecated}</deprecatedID>"
    return (
        f"<?xml version='1.0' ?><data id=\"{form_id}\" version=\"6a00ead81805\" "
        'xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms" '
        'xmlns:odk="http://www.opendatakit.org/xforms">'
        f"<start>{start}</start><end>2026-12-07T09:21:40.052+08:00</end>{body}"
        f"<meta>{meta}<instanceName>{escape(values['legal_name'])}</instanceName></meta></data>"
    ).encode()


def post_instance(client, user, xml: bytes, *, office: str = "ID-SA", photos=None,
                  secure: bool = False):
    photos = {"1733563012345.jpg": jpeg()} if photos is None else photos
    data = {"xml_submission_file": SimpleUploadedFile("Field_2026-12-07_09-21-40.xml", xml,
                                                      "text/xml")}
    for name, content in photos.items():
        kind = "image/jpeg" if name.endswith(".jpg") else "application/octet-stream"
        data[name] = SimpleUploadedFile(name, content, kind)
    # As Collect sends it: its device id as a query parameter (InstanceServerUploader).
    return client.post(f"/fieldcapture/{office}/submission?deviceID=collect%3AWx1Tq8bP3kLz0aE7",
                       data, secure=secure, **headers(user))


@pytest.fixture
def office():
    return Subdivision.objects.select_related("country").get(code="ID-SA")


@pytest.fixture
def officer():
    return officer_of("ID-SA", email="petugas.sulut@example.test")
