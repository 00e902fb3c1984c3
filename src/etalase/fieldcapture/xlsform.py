"""The office's enterprise-and-product form as an XLSForm, converted to an XForm by pyxform.

The questions are the intake template's columns (etalase.intake.template.COLUMNS): their
labels are the template's headers in the four languages (the words the importer knows), the
hints are gettext messages rendered per language, and the constraints repeat the importer's
checks (etalase.intake.validation, enterprises.identifiers / validators) so that the phone
refuses what the importer would refuse. The importer still checks every row: the form's
constraints only save the officer a second visit.

The XLSForm is built in memory (the survey / choices / settings sheets as pyxform's workbook
dict) and never written as XML by hand.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from etalase.enterprises.validators import MAX_AMOUNT, MAX_EMPLOYEES, OLDEST_YEAR
from etalase.intake.template import (
    CERTIFICATION_WORDS,
    COLUMNS,
    COUNTRY_LANGUAGE,
    EXPORT_WORDS,
    SECTOR_WORDS,
)
from etalase.intake.validation import MAX_LENGTHS
from etalase.regions.models import Subdivision
from etalase.regions.selectors import area_list

# XForm itext languages: "Name (code)", as ODK Collect shows and matches them to the phone.
LANGUAGES = {"en": "English (en)", "id": "Indonesian (id)", "ms": "Malay (ms)",
             "fil": "Filipino (fil)"}
FORM_PREFIX = "etalase_"
# Registration numbers as the importer accepts them (enterprises.identifiers): the checksum
# of an NPWP is left to the importer, the lengths and characters are checked on the phone.
REGISTRATION_REGEX = {
    "ID": r"^([0-9]{13}|[0-9]{15}|0[0-9]{15})$",
    "MY": r"^((19|20)[0-9]{2}0[1-6][0-9]{6}|[A-Za-z0-9-]{1,20})$",
    "PH": r"^[A-Za-z0-9 ./-]{1,40}$",
    "BN": r"^[A-Za-z0-9 ./-]{1,40}$",
}
REGISTRATION_HINT = {
    "ID": gettext_noop("NIB: 13 digits (or the business's 15- or 16-digit NPWP). Leave empty "
                       "if the business has none."),
    "MY": gettext_noop("SSM: 12 digits, or an old number such as 1312525-A. Leave empty if "
                       "the business has none."),
}
PHONE_REGEX = r"^\+?[0-9 ()./-]{6,24}$"
EMAIL_REGEX = r"^[^@ ]+@[^@ ]+\.[^@ ]+$"
HS_REGEX = r"^[0-9]{4}[. ]?[0-9]{2}([. ]?[0-9]{2,4})?$"
EXPORT_CHOICES = ["not_yet", "ready", "exporting"]
SECTOR_CHOICES = ["manufacturing", "services", "agriculture"]

_HINTS = {
    "legal_name": gettext_noop("As on the registration, or as the business is known."),
    "subdivision": gettext_noop("The regency or city where the business works."),
    "phone": gettext_noop("Any local style; it is converted to international form."),
    "email": gettext_noop("The owner receives the consent link at this address."),
    "year_established": gettext_noop("The year the business started, e.g. 2015."),
    "employees": gettext_noop("Workers including the owner."),
    "annual_turnover": gettext_noop("Sales per year, in %(currency)s."),
    "assets": gettext_noop("Assets excluding land and buildings, in %(currency)s."),
    "hs_code": gettext_noop("HS 2022 code of the product, 6 digits (e.g. 180100)."),
    "product_photo": gettext_noop("A clear photo of the product, taken in daylight."),
}
_MESSAGES = {
    "registration_id": gettext_noop("Digits only, as on the registration (see the hint)."),
    "phone": gettext_noop("Digits, spaces and + only; at least 6 digits."),
    "email": gettext_noop("An e-mail address looks like name@example.com."),
    "year_established": gettext_noop("A year from %(min)s to this year."),
    "employees": gettext_noop("A whole number from 0 to %(max)s."),
    "amount": gettext_noop("A number from 0 upwards, without the currency sign."),
    "hs_code": gettext_noop("Six digits, e.g. 180100 or 1801.00."),
    "too_long": gettext_noop("At most %(limit)d characters."),
}
_TEXTS = {
    "title": gettext_noop("Etalase — enterprise and product (%(office)s)"),
    "group_enterprise": gettext_noop("The enterprise"),
    "group_contact": gettext_noop("Contact"),
    "group_size": gettext_noop("Size and trade"),
    "group_product": gettext_noop("Main product"),
    "product_photo": gettext_noop("Photo of the product"),
}


@dataclass(frozen=True)
class BuiltForm:
    form_id: str
    version: str
    title: str
    xml: str
    md5: str


def form_id_for(office_code: str) -> str:
    """`etalase_id_sa` for ID-SA: an XML name, stable for the office."""
    return FORM_PREFIX + re.sub(r"[^a-z0-9]+", "_", office_code.lower())


def office_of_form(form_id: str) -> str | None:
    """The office code a form id names (`etalase_id_sa` → `ID-SA`), or None."""
    if not form_id.startswith(FORM_PREFIX):
        return None
    country, _sep, rest = form_id[len(FORM_PREFIX):].partition("_")
    if len(country) != 2 or not rest:
        return None
    return f"{country}-{rest.replace('_', '-')}".upper()


def _per_language(msgid: str, **params) -> dict[str, str]:
    out = {}
    for code, name in LANGUAGES.items():
        with translation.override(code):
            text = _(msgid)
        out[name] = text % params if params else text
    return out


def _column_labels(field: str) -> dict[str, str]:
    column = next(c for c in COLUMNS if c.field == field)
    return {LANGUAGES[code]: column.headers.get(code) or column.headers["en"]
            for code in LANGUAGES}


def _cells(prefix: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}::{language}": text for language, text in texts.items()}


def _question(kind: str, name: str, *, labels: dict[str, str] | None = None,
              hint: str = "", constraint: str = "", message: str = "", **extra) -> dict:
    row = {"type": kind, "name": name, **_cells("label", labels or _column_labels(name))}
    if hint:
        row.update(_cells("hint", _per_language(hint, **extra.pop("hint_params", {}))))
    if constraint:
        row["constraint"] = constraint
        row.update(_cells("constraint_message",
                          _per_language(message, **extra.pop("message_params", {}))))
    row.update({k: v for k, v in extra.items() if v})
    return row


def _text(name: str, **kw) -> dict:
    limit = MAX_LENGTHS.get(name)
    if limit and "constraint" not in kw:
        kw.update(constraint=f"string-length(.) <= {limit}", message=_MESSAGES["too_long"],
                  message_params={"limit": limit})
    return _question("text", name, **kw)


def _group(name: str, rows: list[dict]) -> list[dict]:
    # "group_product", not "product": XLSForm names are unique across groups.
    return [{"type": "begin group", "name": f"group_{name}",
             **_cells("label", _per_language(_TEXTS[f"group_{name}"]))},
            *rows, {"type": "end group"}]


def _choices(office: Subdivision) -> list[dict]:
    rows = []
    for area in area_list(office.code).order_by("name"):
        # One name in every language: a place's name is not translated.
        rows.append({"list_name": "areas", "name": area.code,
                     **_cells("label", dict.fromkeys(LANGUAGES.values(), area.name))})
    for index, name in enumerate(SECTOR_CHOICES):
        rows.append({"list_name": "sectors", "name": name, **_cells(
            "label", {LANGUAGES[c]: SECTOR_WORDS[c][index] for c in LANGUAGES})})
    for index, name in enumerate(EXPORT_CHOICES):
        rows.append({"list_name": "export_status", "name": name, **_cells(
            "label", {LANGUAGES[c]: EXPORT_WORDS[c][index] for c in LANGUAGES})})
    for word in CERTIFICATION_WORDS:
        rows.append({"list_name": "certifications", "name": certification_name(word),
                     **_cells("label", dict.fromkeys(LANGUAGES.values(), word))})
    return rows


def certification_name(word: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", word.lower()).strip("_")


def _survey(office: Subdivision) -> list[dict]:
    country = office.country_id
    currency = office.country.currency or "USD"
    amount = f". >= 0 and . < {MAX_AMOUNT}"
    enterprise = [
        _text("legal_name", required="yes", hint=_HINTS["legal_name"]),
        _text("trade_name"),
        _text("registration_id", constraint=f"regex(., '{REGISTRATION_REGEX[country]}')",
              message=_MESSAGES["registration_id"],
              hint=REGISTRATION_HINT.get(country, "")),
        _question("select_one areas", "regency", hint=_HINTS["subdivision"],
                  appearance="autocomplete"),
        _text("address"),
        _text("description", appearance="multiline"),
    ]
    contact = [
        _text("contact_person"),
        _text("phone", constraint=f"regex(., '{PHONE_REGEX}')", message=_MESSAGES["phone"],
              hint=_HINTS["phone"], appearance="numbers"),
        _text("whatsapp", constraint=f"regex(., '{PHONE_REGEX}')", message=_MESSAGES["phone"],
              appearance="numbers"),
        _text("email", constraint=f"regex(., '{EMAIL_REGEX}')", message=_MESSAGES["email"],
              hint=_HINTS["email"]),
        _text("website", constraint="string-length(.) <= 200", message=_MESSAGES["too_long"],
              message_params={"limit": 200}),
    ]
    size = [
        _question("integer", "year_established", hint=_HINTS["year_established"],
                  constraint=(f". >= {OLDEST_YEAR} and "
                              ". <= number(format-date(today(), '%Y'))"),
                  message=_MESSAGES["year_established"], message_params={"min": OLDEST_YEAR}),
        _question("integer", "employees", hint=_HINTS["employees"],
                  constraint=f". >= 0 and . <= {MAX_EMPLOYEES}", message=_MESSAGES["employees"],
                  message_params={"max": MAX_EMPLOYEES}),
        _question("decimal", "annual_turnover", hint=_HINTS["annual_turnover"],
                  hint_params={"currency": currency}, constraint=amount,
                  message=_MESSAGES["amount"]),
        _question("decimal", "assets", hint=_HINTS["assets"], hint_params={"currency": currency},
                  constraint=amount, message=_MESSAGES["amount"]),
        _question("select_one sectors", "sector"),
        _question("select_one export_status", "export_status"),
        _question("select_multiple certifications", "certifications"),
        _text("export_markets"),
    ]
    product = [
        _text("product"),
        _text("hs_code", constraint=f"regex(., '{HS_REGEX}')", message=_MESSAGES["hs_code"],
              hint=_HINTS["hs_code"], relevant="${product} != ''"),
        _question("image", "product_photo", labels=_per_language(_TEXTS["product_photo"]),
                  hint=_HINTS["product_photo"], relevant="${product} != ''",
                  parameters="max-pixels=1600"),
    ]
    return [
        {"type": "start", "name": "start"},
        {"type": "end", "name": "end"},
        *_group("enterprise", enterprise),
        *_group("contact", contact),
        *_group("size", size),
        *_group("product", product),
    ]


def workbook(office: Subdivision) -> dict:
    """The XLSForm as pyxform's workbook dict (sheets survey / choices / settings)."""
    with translation.override(COUNTRY_LANGUAGE.get(office.country_id, "en")):
        title = _(_TEXTS["title"]) % {"office": office.name}
    sheets = {"survey": _survey(office), "choices": _choices(office)}
    version = hashlib.sha256(json.dumps(sheets, sort_keys=True).encode()).hexdigest()[:12]
    sheets["settings"] = [{
        "form_title": title,
        "form_id": form_id_for(office.code),
        "version": version,
        "default_language": LANGUAGES[COUNTRY_LANGUAGE.get(office.country_id, "en")],
        # The list of queued records on the phone names each by business and regency.
        "instance_name": "concat(${legal_name}, ' · ', jr:choice-name(${regency}, '${regency}'))",
    }]
    return sheets


def build_cached(office: Subdivision) -> BuiltForm:
    """The office's form, built once per process: it changes only with the areas (loaded by
    a migration) and the translations (a deployment), both of which restart the process."""
    return _cached(office.code)


@lru_cache(maxsize=128)
def _cached(office_code: str) -> BuiltForm:
    return build(Subdivision.objects.select_related("country").get(code=office_code))


def build(office: Subdivision, *, validate: bool = False) -> BuiltForm:
    """The XForm of the office's form; `validate` also runs ODK Validate (needs Java)."""
    from pyxform.xls2xform import convert

    sheets = workbook(office)
    settings = sheets["settings"][0]
    result = convert(sheets, validate=validate, form_name="data")
    xml = result.xform
    return BuiltForm(
        form_id=settings["form_id"],
        version=settings["version"],
        title=settings["form_title"],
        xml=xml,
        md5=hashlib.md5(xml.encode("utf-8"), usedforsecurity=False).hexdigest(),
    )
