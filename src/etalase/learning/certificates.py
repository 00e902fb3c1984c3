"""Certificate of attendance as a PDF (fpdf2), in the owner's language.

The wording lives here per language rather than in the gettext catalogues: it is a
fixed document text (like a form letter) that must come out in Indonesian, Malay or
Filipino even where a catalogue lacks a line, and whose four versions are reviewed
together. Dates are written by Babel in the same language.

Font: DejaVu Sans (Debian's fonts-dejavu-core) when installed — it covers every letter
of the four languages and most others; otherwise fpdf2's built-in Helvetica, whose
Latin-1 covers Indonesian, Malay, Filipino and English (other letters become "?").
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone
from fpdf import FPDF

from etalase.learning.models import Enrolment
from etalase.learning.notifications import site_url
from etalase.web.formatting import date_local

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "heading": "Certificate of attendance",
        "certifies": "This certifies that",
        "represented": "represented by {name}",
        "attended": "attended the {kind}",
        "organised": "organised by {provider}",
        "on": "on {date}",
        "from_to": "from {start} to {end}",
        "issued": "Issued on {date}",
        "code": "Verification code: {code}",
        "verify": "Check it at {url}",
    },
    "id": {
        "heading": "Sertifikat Kehadiran",
        "certifies": "Dengan ini menerangkan bahwa",
        "represented": "diwakili oleh {name}",
        "attended": "telah mengikuti {kind}",
        "organised": "yang diselenggarakan oleh {provider}",
        "on": "pada {date}",
        "from_to": "dari {start} sampai {end}",
        "issued": "Diterbitkan pada {date}",
        "code": "Kode verifikasi: {code}",
        "verify": "Periksa di {url}",
    },
    "ms": {
        "heading": "Sijil Kehadiran",
        "certifies": "Dengan ini disahkan bahawa",
        "represented": "diwakili oleh {name}",
        "attended": "telah menghadiri {kind}",
        "organised": "anjuran {provider}",
        "on": "pada {date}",
        "from_to": "dari {start} hingga {end}",
        "issued": "Dikeluarkan pada {date}",
        "code": "Kod pengesahan: {code}",
        "verify": "Semak di {url}",
    },
    "fil": {
        "heading": "Sertipiko ng Pagdalo",
        "certifies": "Pinatutunayan nito na ang",
        "represented": "sa pamamagitan ni {name}",
        "attended": "ay dumalo sa {kind}",
        "organised": "na inorganisa ng {provider}",
        "on": "noong {date}",
        "from_to": "mula {start} hanggang {end}",
        "issued": "Inilabas noong {date}",
        "code": "Code ng beripikasyon: {code}",
        "verify": "Suriin sa {url}",
    },
}

KINDS: dict[str, dict[str, str]] = {
    "en": {"training": "training", "workshop": "workshop", "webinar": "webinar",
           "scholarship": "scholarship programme", "mentoring": "mentoring programme",
           "trade_fair": "trade fair", "funding": "programme"},
    "id": {"training": "pelatihan", "workshop": "lokakarya", "webinar": "webinar",
           "scholarship": "program beasiswa", "mentoring": "program pendampingan",
           "trade_fair": "pameran dagang", "funding": "program"},
    "ms": {"training": "latihan", "workshop": "bengkel", "webinar": "webinar",
           "scholarship": "program biasiswa", "mentoring": "program bimbingan",
           "trade_fair": "pameran perdagangan", "funding": "program"},
    "fil": {"training": "pagsasanay", "workshop": "workshop", "webinar": "webinar",
            "scholarship": "programa ng iskolarsip", "mentoring": "programa ng mentoring",
            "trade_fair": "trade fair", "funding": "programa"},
}


def language_of(code: str | None) -> str:
    base = (code or "en").split("-")[0].lower()
    return base if base in TEXTS else "en"


class _Pdf(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.set_auto_page_break(False)
        self._unicode_font = (DEJAVU_DIR / "DejaVuSans.ttf").exists()
        if self._unicode_font:
            self.add_font("dejavu", "", str(DEJAVU_DIR / "DejaVuSans.ttf"))
            self.add_font("dejavu", "B", str(DEJAVU_DIR / "DejaVuSans-Bold.ttf"))
            self._family = "dejavu"
        else:
            self._family = "helvetica"

    def text_line(self, text: str, size: float, *, bold: bool = False, gap: float = 4) -> None:
        if not self._unicode_font:  # the core fonts are Latin-1 only
            text = text.encode("latin-1", "replace").decode("latin-1")
        self.set_font(self._family, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)


def _dates(enrolment: Enrolment, language: str) -> str:
    programme = enrolment.programme
    zone = ZoneInfo(programme.time_zone)
    first = programme.starts_at.astimezone(zone).date()
    last = programme.ends_at.astimezone(zone).date()
    texts = TEXTS[language]
    if first == last:
        return texts["on"].format(date=date_local(first, "long", language))
    return texts["from_to"].format(start=date_local(first, "long", language),
                                   end=date_local(last, "long", language))


def certificate_pdf(enrolment: Enrolment, *, language: str, holder_name: str = "",
                    compress: bool = True) -> bytes:
    """The certificate of an attended enrolment (the caller checks attendance and access).

    `compress=False` leaves the page text readable in the file (tests)."""
    language = language_of(language)
    texts = TEXTS[language]
    programme = enrolment.programme
    title = programme.text_in(language)[0]
    kind = KINDS[language].get(programme.kind, KINDS[language]["funding"])
    pdf = _Pdf()
    pdf.set_compression(compress)
    pdf.set_title(f"{texts['heading']} — {title}")
    pdf.set_creator("Etalase")
    pdf.add_page()
    pdf.set_draw_color(11, 93, 87)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    pdf.set_y(30)
    pdf.set_text_color(11, 93, 87)
    pdf.text_line(texts["heading"], 30, bold=True, gap=10)
    pdf.set_text_color(27, 31, 35)
    pdf.text_line(texts["certifies"], 14)
    pdf.text_line(enrolment.enterprise.display_name, 22, bold=True, gap=2)
    if holder_name:
        pdf.text_line(texts["represented"].format(name=holder_name), 13)
    pdf.text_line(texts["attended"].format(kind=kind), 14, gap=2)
    pdf.text_line(title, 20, bold=True, gap=2)
    pdf.text_line(texts["organised"].format(provider=programme.provider.name), 13, gap=2)
    pdf.text_line(_dates(enrolment, language), 13, gap=12)
    pdf.text_line(texts["issued"].format(date=date_local(timezone.localdate(), "long", language)),
                  11, gap=2)
    pdf.text_line(texts["code"].format(code=enrolment.certificate_code), 10, gap=1)
    url = site_url() + reverse("learning:certificate_verify", args=[enrolment.certificate_code])
    pdf.text_line(texts["verify"].format(url=url), 9)
    return bytes(pdf.output())
