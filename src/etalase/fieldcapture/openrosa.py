"""OpenRosa 1.0 as ODK Collect, KoboCollect and Enketo speak it: responses and the instance.

Specifications followed (docs.getodk.org, OpenRosa section): the HTTP Request API (every
response carries `X-OpenRosa-Version: 1.0` and `Date`), the Form List API (an `<xforms>`
document in the `http://openrosa.org/xforms/xformsList` namespace, each form with its
`hash` as "md5:…" and a `downloadUrl`), and the Form Submission API (HEAD answered 204 with
`X-OpenRosa-Accept-Content-Length`; a multipart POST with the instance as
`xml_submission_file` and each attachment under its file name; 201 with an
`<OpenRosaResponse xmlns="http://openrosa.org/http/response">` message, errors with a 4xx
status and the same document, which ODK Collect shows to the officer).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, SubElement, tostring

from defusedxml import ElementTree as SafeTree
from defusedxml.common import DefusedXmlException
from django.http import HttpResponse
from django.utils.http import http_date

FORM_LIST_NS = "http://openrosa.org/xforms/xformsList"
RESPONSE_NS = "http://openrosa.org/http/response"
XML_TYPE = "text/xml; charset=utf-8"
# The instance XML alone is small; a record whose XML is larger is not one of our forms.
MAX_INSTANCE_BYTES = 512 * 1024


class OpenRosaError(Exception):
    """A refusal told to the phone: HTTP status, a stable code and the sentence shown."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def with_headers(response: HttpResponse) -> HttpResponse:
    response["X-OpenRosa-Version"] = "1.0"
    response["Date"] = http_date()
    return response


def message_response(status: int, message: str, *, nature: str = "") -> HttpResponse:
    root = Element("OpenRosaResponse", xmlns=RESPONSE_NS)
    node = SubElement(root, "message")
    if nature:
        node.set("nature", nature)
    node.text = message
    body = b"<?xml version='1.0' encoding='UTF-8' ?>" + tostring(root, encoding="utf-8",
                                                                 xml_declaration=False)
    return with_headers(HttpResponse(body, status=status, content_type=XML_TYPE))


def error_response(error: OpenRosaError) -> HttpResponse:
    response = message_response(error.status, error.message, nature=error.code)
    if error.status == 401:
        response["WWW-Authenticate"] = 'Basic realm="Etalase", charset="UTF-8"'
    return response


def form_list(forms: list[dict]) -> HttpResponse:
    """forms: [{"formID", "name", "version", "hash", "downloadUrl"}]."""
    root = Element("xforms", xmlns=FORM_LIST_NS)
    for form in forms:
        node = SubElement(root, "xform")
        for key in ("formID", "name", "version", "hash", "downloadUrl"):
            SubElement(node, key).text = form[key]
    body = b"<?xml version='1.0' encoding='UTF-8' ?>" + tostring(root, encoding="utf-8",
                                                                 xml_declaration=False)
    return with_headers(HttpResponse(body, content_type=XML_TYPE))


@dataclass
class Instance:
    """A filled form as the phone sends it: its form, identity and answers by name."""

    form_id: str
    form_version: str
    instance_id: str
    deprecated_id: str
    answers: dict[str, str] = field(default_factory=dict)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_instance(content: bytes) -> Instance:
    """The instance's form id, instanceID, deprecatedID and leaf answers; OpenRosaError for
    XML that is malformed, hostile (entities) or not a form instance."""
    if len(content) > MAX_INSTANCE_BYTES:
        raise OpenRosaError(413, "instance_too_large",
                            "The form's XML is larger than a record of this form can be.")
    try:
        root = SafeTree.fromstring(content)
    except (SafeTree.ParseError, DefusedXmlException, ValueError):
        raise OpenRosaError(400, "malformed_xml",
                            "The submission is not well-formed XML.") from None
    form_id = root.get("id") or ""
    answers: dict[str, str] = {}
    meta: dict[str, str] = {}

    def walk(element, in_meta: bool) -> None:
        for child in element:
            name = _local(child.tag)
            if len(child):
                walk(child, in_meta or name == "meta")
            else:
                (meta if in_meta else answers)[name] = (child.text or "").strip()

    walk(root, False)
    instance_id = meta.get("instanceID") or root.get("instanceID") or ""
    if not form_id or not instance_id:
        raise OpenRosaError(400, "not_an_instance",
                            "The submission names no form id or no instanceID.")
    return Instance(form_id=form_id, form_version=root.get("version") or "",
                    instance_id=instance_id[:100], deprecated_id=meta.get("deprecatedID", "")[:100],
                    answers=answers)
