"""The export checklist as a printable PDF (fpdf2, DejaVu font as the insights report uses),
in the language the caller activated; data texts come in that language from the tables."""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from etalase.trade import coverage

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
NEXT_LINE = {"new_x": "LMARGIN", "new_y": "NEXT"}


class _Doc(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.unicode = DEJAVU.exists()
        if self.unicode:
            self.add_font("DejaVu", "", str(DEJAVU))
        self.set_auto_page_break(auto=True, margin=15)
        self.add_page()

    def write_line(self, text: str, size: int = 10, height: float = 5.5) -> None:
        self.set_font("DejaVu" if self.unicode else "Helvetica", size=size)
        value = str(text) if self.unicode else str(text).encode("latin-1", "replace").decode(
            "latin-1")
        self.multi_cell(0, height, value, **NEXT_LINE)

    def heading(self, text: str) -> None:
        self.ln(3)
        self.write_line(text, size=13, height=7)


def _source(source: dict | None) -> str:
    if not source:
        return ""
    return (f"{_('Source:')} {source['document']}, {source['article']} ({source['year']})"
            + (f" — {source['url']}" if source.get("url") else ""))


def render(result: dict, *, language: str) -> bytes:
    doc = _Doc()
    doc.write_line(_("Export %(hs)s (%(label)s) from %(origin)s to %(country)s") % {
        "hs": result["hs"]["dotted"], "label": result["hs"]["label"],
        "origin": result["origin"]["name"], "country": result["destination"]["name"]},
        size=16, height=8)
    doc.write_line(f"{_('Generated')}: {timezone.now():%Y-%m-%d %H:%M %Z}", size=8)
    doc.heading("1. " + _("Trade agreements that apply"))
    if not result["agreements"]:
        doc.write_line(_("No preferential agreement in Etalase's data covers this pair of "
                         "countries: the most-favoured-nation duty applies."))
    for agreement in result["agreements"]:
        doc.write_line(f"{agreement['code']} — {agreement['name']}", size=11, height=6)
        rule = agreement["rule"]
        for term in rule["terms"]:
            doc.write_line(f"• {term['label']}: {term['plain']}")
        if rule["terms"]:
            doc.write_line(_source(rule["source"]), size=8, height=4.5)
        else:
            doc.write_line(_("The rule of origin of this agreement for this product is not in "
                             "Etalase's data."))
        if rule["note"]:
            doc.write_line(rule["note"], size=9)
        if rule["wholly_obtained"]:
            wo = rule["wholly_obtained"]
            doc.write_line(f"• {_('Always possible:')} {wo['label']}: {wo['plain']}")
            doc.write_line(_source(wo["source"]), size=8, height=4.5)
        for document in agreement["documents"]:
            doc.write_line(f"• {document['name']}: {document['how']}")
            doc.write_line(_source(document["source"]), size=8, height=4.5)
        for office in agreement["offices"]:
            doc.write_line(f"• {office['office']} ({office['system']}): {office['how']}")
            doc.write_line(_source(office["source"]), size=8, height=4.5)
        doc.ln(2)
    doc.heading("2. " + _("Regional value content calculator"))
    doc.write_line(_("From your own figures, in one currency, by the formulas of ATIGA Article "
                     "29: build-down (indirect) = (FOB − non-originating materials) ÷ FOB × 100; "
                     "build-up (direct) = (regional materials + direct labour + direct overhead "
                     "+ other costs + profit) ÷ FOB × 100."), size=9)
    doc.heading("3. " + _("Import requirements of %(country)s") % {
        "country": result["destination"]["name"]})
    for need in result["requirements"]:
        doc.write_line(f"• {need['agency']}: {need['text']}")
        doc.write_line(_source(need["source"]), size=8, height=4.5)
    if not result["requirements"]:
        doc.write_line(_("Not in Etalase's data for this product."))
    doc.heading("4. " + _("Duty"))
    duty = result["duty"]
    if duty:
        doc.write_line(_("Most-favoured-nation duty: %(rate)s %% (schedule of %(year)s).") % {
            "rate": duty["mfn"], "year": duty["schedule_year"]})
        doc.write_line(_source(duty["source"]), size=8, height=4.5)
    else:
        doc.write_line(_("Duty rates for this product and destination are not in Etalase's "
                         "data."))
    doc.heading("5. " + _("What this checklist does not cover"))
    for gap in result["gaps"]:
        doc.write_line(f"• {gap}")
    for finder in result["finders"]:
        url = (finder["source"] or {}).get("url", "")
        doc.write_line(f"→ {finder['name']} {url}", size=9)
    summary = coverage.summary()
    doc.heading(_("What Etalase's trade data covers"))
    doc.write_line(f"{_('Agreements:')} {'; '.join(summary['agreements'])}.", size=8, height=4.5)
    doc.write_line(f"{_('Product-specific rules held:')} {'; '.join(summary['psr'])}.", size=8,
                   height=4.5)
    versions = ", ".join(f"{name} {v['version']}" for name, v in summary["versions"].items())
    doc.write_line(f"{_('Table versions:')} {versions}.", size=8, height=4.5)
    return bytes(doc.output())
