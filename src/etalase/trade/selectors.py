"""The export checklist for (HS subheading, origin, destination), read from the trade tables.

Nothing here knows a rule, a rate or an office: every fact comes from data/*.json with its
source. Where the tables hold nothing for a part of the checklist, the part says so and
points to the official finder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pycountry
from babel import Locale
from django.utils.translation import gettext as _

from etalase.trade import tables

MAX_INPUT = 64
# Destinations of issue 14: ASEAN, ASEAN Plus Three, and the region's other main markets.
OTHER_DESTINATIONS = ("CN", "JP", "KR", "AU", "NZ", "IN", "EU", "US")
HS_RE = re.compile(r"^\d{6}$")


class ChecklistError(ValueError):
    """Bad input, with a field and a code a client can act on."""

    def __init__(self, field: str, code: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.code = code
        self.message = message

    def as_dict(self) -> dict:
        return {"field": self.field, "code": self.code, "message": self.message}


def destinations() -> list[str]:
    return tables.asean() + list(OTHER_DESTINATIONS)


def origins() -> list[str]:
    return tables.asean()


def country_name(code: str, language: str) -> str:
    try:
        name = Locale.parse(language.replace("-", "_")).territories.get(code)
    except (ValueError, LookupError):
        name = None
    if name:
        return name
    found = pycountry.countries.get(alpha_2=code)
    return found.name if found else code


def clean_hs(raw: str | None) -> str:
    text = (raw or "").strip()
    if not text:
        raise ChecklistError("hs", "required", _("Give the product's HS code (6 digits)."))
    if len(text) > MAX_INPUT:
        raise ChecklistError("hs", "too_long", _("The HS code is too long: give 6 digits."))
    digits = re.sub(r"[\s.\-]", "", text)
    if not HS_RE.match(digits):
        raise ChecklistError("hs", "invalid", _("An HS code is 6 digits, for example 1801.00."))
    from etalase.catalog.models import HSCode

    if not HSCode.objects.filter(code=digits, level=6).exists():
        raise ChecklistError("hs", "unknown", _("%(code)s is not an HS 2022 subheading.")
                             % {"code": digits})
    return digits


def clean_country(field: str, raw: str | None, allowed: list[str]) -> str:
    text = (raw or "").strip().upper()
    if not text:
        raise ChecklistError(field, "required", _("Choose a country."))
    if len(text) > MAX_INPUT:
        raise ChecklistError(field, "too_long", _("Give the country as a two-letter code."))
    known = text == "EU" or (len(text) == 2 and pycountry.countries.get(alpha_2=text))
    if not known:
        raise ChecklistError(field, "unknown_country",
                             _("%(code)s is not a known country code.") % {"code": text[:8]})
    if text not in allowed:
        message = _("Export checklists cover these countries only: %(list)s.")
        raise ChecklistError(field, "not_covered", message % {"list": ", ".join(allowed)})
    return text


def clean_value(raw: str | None) -> Decimal | None:
    text = (raw or "").strip().replace(",", "")
    if not text:
        return None
    try:
        value = Decimal(text[:32])
    except InvalidOperation:
        message = _("The declared value must be a number.")
        raise ChecklistError("value", "not_a_number", message) from None
    if not value.is_finite() or value < 0 or value > Decimal("1e15") or len(text) > 32:
        raise ChecklistError("value", "out_of_range", _("The declared value is out of range."))
    return value


@dataclass
class Query:
    hs: str
    origin: str
    destination: str
    value: Decimal | None = None


def parse(params, *, default_origin: str = "") -> Query:
    """Validate a request's query (GET params or any mapping); raise ChecklistError."""
    hs = clean_hs(params.get("hs"))
    origin = clean_country("origin", params.get("origin") or default_origin, origins())
    destination = clean_country("destination", params.get("destination"), destinations())
    if origin == destination:
        raise ChecklistError("destination", "same_country",
                             _("The destination must be another country than the origin."))
    return Query(hs, origin, destination, clean_value(params.get("value")))


def _pick(texts: dict, language: str) -> str:
    return texts.get(language) or texts.get(language.split("-")[0]) or texts["en"]


def _src(ref):
    found = tables.source(ref)
    return found.as_dict() if found else None


def _terms(codes: list[str], language: str) -> list[dict]:
    terms = tables.load()["rules"]["terms"]
    return [{"code": code, "label": _pick(terms[code]["label"], language),
             "plain": _pick(terms[code]["plain"], language),
             "source": _src(terms[code]["source"])} for code in codes]


def applicable_agreements(origin: str, destination: str) -> list[dict]:
    pair = {origin, destination}
    return [a for a in tables.load()["agreements"]["agreements"]
            if pair <= tables.expand(a["parties"])
            and (not a.get("partners") or pair & set(a["partners"]))]


def _psr(agreement: str, hs: str) -> dict | None:
    best, found = 0, None
    for entry in tables.load()["rules"]["psr"]:
        if entry["agreement"] == agreement:
            score = tables.hs_match(entry["hs"], hs)
            if score > best:
                best, found = score, entry
    return found


def _rule(agreement: dict, hs: str, language: str, gaps: list[str]) -> dict:
    code = agreement["code"]
    # Wholly obtained goods qualify under every line where the agreement says so (a fact with
    # its own article), whatever the product-specific rule.
    wholly = None
    if agreement.get("wholly_obtained"):
        wholly = _terms(["WO"], language)[0] | {"source": _src(agreement["wholly_obtained"])}
    entry = _psr(code, hs)
    if entry:
        return {"kind": "product_specific", "terms": _terms(entry["rule"], language),
                "source": _src(entry["source"]), "wholly_obtained": wholly, "note": ""}
    if agreement.get("general_rule"):
        note = ""
        if agreement.get("psr_annex"):
            note = _("Unless the product is listed with its own rule in the agreement's "
                     "product-specific annex, which Etalase does not hold for this code: "
                     "check the rule in the official finder.")
            gaps.append(_("%(agreement)s: the product-specific annex is not in Etalase's data "
                          "for this code; the general rule is shown.") % {"agreement": code})
        return {"kind": "general", "terms": _terms(agreement["general_rule"], language),
                "source": _src(agreement["general_rule_source"]), "wholly_obtained": wholly,
                "note": note}
    gaps.append(_("%(agreement)s: the rule of origin for this product is not in Etalase's "
                  "data.") % {"agreement": code})
    return {"kind": "not_covered", "terms": [], "source": _src(agreement.get("psr_annex")),
            "wholly_obtained": wholly, "note": ""}


def _offices(origin: str, code: str, language: str) -> list[dict]:
    return [{"office": o["office"], "system": o["system"], "how": _pick(o["how"], language),
             "source": _src(o["source"])}
            for o in tables.load()["offices"]["offices"]
            if o["country"] == origin and ("*" in o["agreements"] or code in o["agreements"])]


def requirements(destination: str, hs: str, language: str) -> list[dict]:
    return [{"kind": r["kind"], "agency": r["agency"], "text": _pick(r["text"], language),
             "source": _src(r["source"])}
            for r in tables.load()["requirements"]["requirements"]
            if r["destination"] == destination and tables.hs_match(r["hs"], hs)]


def finders(destination: str) -> list[dict]:
    return [{"name": f["name"], "source": _src(f["source"])}
            for f in tables.load()["tariffs"]["finders"]
            if destination in tables.expand(f["destinations"])]


def duty(destination: str, hs: str, agreements: list[str], value: Decimal | None) -> dict | None:
    rows = [t for t in tables.load()["tariffs"]["tariffs"]
            if t["destination"] == destination and hs.startswith(t["hs"])]
    if not rows:
        return None
    row = max(rows, key=lambda t: len(t["hs"]))
    mfn = Decimal(row["mfn"])
    preferential = [{"agreement": code, "rate": str(Decimal(rate))}
                    for code, rate in row["preferential"].items() if code in agreements]
    best = min([Decimal(p["rate"]) for p in preferential], default=None)
    saving_rate = mfn - best if best is not None else (Decimal(0) if mfn == 0 else None)
    saving = None
    if value is not None and saving_rate is not None:
        saving = str((value * saving_rate / 100).quantize(Decimal("0.01")))
    return {"mfn": str(mfn), "preferential": preferential, "schedule_year": row["schedule_year"],
            "saving_rate": None if saving_rate is None else str(saving_rate),
            "saving": saving, "already_free": mfn == 0, "source": _src(row["source"])}


def hs_label(hs: str, language: str) -> str:
    from etalase.catalog.models import HSCode

    found = HSCode.objects.prefetch_related("translations").filter(code=hs).first()
    return found.name_in(language) if found else hs


def export_checklist(query: Query, *, language: str) -> dict:
    gaps: list[str] = []
    agreements = []
    for agreement in applicable_agreements(query.origin, query.destination):
        offices = _offices(query.origin, agreement["code"], language)
        if not offices:
            gaps.append(_("%(agreement)s: the issuing office in %(country)s is not in Etalase's "
                          "data.") % {"agreement": agreement["code"],
                                      "country": country_name(query.origin, language)})
        agreements.append({
            "code": agreement["code"], "name": agreement["name"],
            "parties_source": _src(agreement["parties_source"]),
            "rule": _rule(agreement, query.hs, language, gaps),
            "rvc_formula": _src(agreement.get("rvc_formula")),
            "documents": [{"name": d["name"], "how": _pick(d["how"], language),
                           "source": _src(d["source"])} for d in agreement["documents"]],
            "offices": offices,
        })
    if not agreements:
        gaps.append(_("No preferential agreement in Etalase's data covers this pair of "
                      "countries: the most-favoured-nation duty applies."))
    needs = requirements(query.destination, query.hs, language)
    if not needs:
        gaps.append(_("The destination's import requirements for this product are not in "
                      "Etalase's data."))
    duty_row = duty(query.destination, query.hs, [a["code"] for a in agreements], query.value)
    if duty_row is None:
        gaps.append(_("Duty rates for this product and destination are not in Etalase's data."))
    return {
        "hs": {"code": query.hs, "dotted": f"{query.hs[:4]}.{query.hs[4:]}",
               "label": hs_label(query.hs, language)},
        "origin": {"code": query.origin, "name": country_name(query.origin, language)},
        "destination": {"code": query.destination,
                        "name": country_name(query.destination, language)},
        "declared_value": None if query.value is None else str(query.value),
        "agreements": agreements,
        "requirements": needs,
        "duty": duty_row,
        "finders": finders(query.destination),
        "gaps": gaps,
        "complete": not gaps,
        "versions": tables.versions(),
    }


def brief(hs: str | None, origin: str | None, destination: str | None, *,
          language: str) -> dict | None:
    """One line for a matched supplier: origin documents and duty situation, or None."""
    # The product's HS code is a foreign key to the nomenclature: no lookup needed per row.
    if not HS_RE.match(hs or ""):
        return None
    try:
        query = Query(hs, clean_country("origin", origin, origins()),
                      clean_country("destination", destination, destinations()))
    except ChecklistError:
        return None
    if query.origin == query.destination:
        return None
    agreements = applicable_agreements(query.origin, query.destination)
    duty_row = duty(query.destination, query.hs, [a["code"] for a in agreements], None)
    return {"query": query,
            "documents": [f"{a['code']}: {d['name']}" for a in agreements for d in a["documents"]],
            "duty": duty_row}
