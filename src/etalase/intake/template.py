"""The downloadable template of a country's offices: XLSX (with drop-downs) and CSV.

Layout of the data sheet (and of the CSV, line for line):

1. a title carrying the version mark (`etalase-template-v1`): the importer refuses
   files made from another version;
2. each column's name in English with a hint (worded so that it is *not* taken for a
   header: the importer picks the row matching the most known headers, first one wins);
3. one example row, above the header, so that it is never imported by mistake;
4. the header in the officer's language, spelled as the alias table knows it;
5. and below: the office's rows.

Header spellings are fixed strings, not translations: a translator rewording one would
make the importer stop recognising the template.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from etalase.intake.pipeline import CURRENT_TEMPLATE_VERSION, TEMPLATE_VERSION_MARK
from etalase.regions.models import Country, Subdivision
from etalase.spreadsheets import csv_safe, guard

TEMPLATE_LANGUAGES = ("en", "id", "ms", "fil")
COUNTRY_LANGUAGE = {"ID": "id", "MY": "ms", "BN": "ms", "PH": "en"}
HEADER_ROW = 4
FIRST_DATA_ROW = 5
LAST_VALIDATED_ROW = 5000


@dataclass(frozen=True)
class Column:
    field: str
    headers: dict[str, str]  # language -> header, as the alias table spells it
    english: str  # row 2: English name and hint (never a known alias)
    width: int = 18
    as_text: bool = False  # identifiers and phone numbers: keep leading zeros and digits


COLUMNS = [
    Column("legal_name", {"en": "Business name", "id": "Nama Usaha", "ms": "Nama Perniagaan",
                          "fil": "Pangalan ng Negosyo"}, "Business name · required", 32),
    Column("trade_name", {"en": "Trade name", "id": "Nama Merek", "ms": "Jenama", "fil": "Tatak"},
           "Trade name / brand · optional", 22),
    Column("registration_id", {"en": "Registration number", "id": "NIB",
                               "ms": "No Pendaftaran", "fil": "Registration number"},
           "Registration number · required", 20, as_text=True),
    Column("subdivision", {"en": "Province", "id": "Provinsi", "ms": "Negeri",
                           "fil": "Lalawigan"}, "Province or state · from the list", 24),
    Column("regency", {"en": "City/Municipality", "id": "Kabupaten/Kota", "ms": "Bandar",
                       "fil": "Lungsod"}, "Regency or city · as written locally", 22),
    Column("address", {"en": "Address", "id": "Alamat", "ms": "Alamat", "fil": "Tirahan"},
           "Street address · optional", 30),
    Column("contact_person", {"en": "Contact person", "id": "Nama Pemilik",
                              "ms": "Nama Pengurus", "fil": "Pangalan ng may-ari"},
           "Owner or contact person · optional", 22),
    Column("phone", {"en": "Phone", "id": "Telepon", "ms": "Telefon",
                     "fil": "Numero ng telepono"}, "Phone number · any local style", 18,
           as_text=True),
    Column("whatsapp", {"en": "WhatsApp", "id": "Nomor WhatsApp", "ms": "No WhatsApp",
                        "fil": "WhatsApp"}, "WhatsApp number · mobile", 18, as_text=True),
    Column("email", {"en": "Email", "id": "Alamat Email", "ms": "Emel", "fil": "Email"},
           "E-mail address · for the consent link", 26),
    Column("website", {"en": "Website", "id": "Situs", "ms": "Laman Web", "fil": "Website"},
           "Web site · optional", 24),
    Column("year_established", {"en": "Year established", "id": "Tahun Berdiri",
                                "ms": "Tahun Penubuhan", "fil": "Taon ng pagkakatatag"},
           "Year the business started · e.g. 2015", 14),
    Column("employees", {"en": "Number of employees", "id": "Jumlah Tenaga Kerja",
                         "ms": "Bilangan Pekerja", "fil": "Bilang ng manggagawa"},
           "Workers incl. the owner · whole number", 14),
    Column("annual_turnover", {"en": "Annual turnover", "id": "Omzet per Tahun",
                               "ms": "Jualan Tahunan", "fil": "Benta kada taon"},
           "Sales per year · in the country's money", 18),
    Column("assets", {"en": "Total assets", "id": "Aset", "ms": "Jumlah Aset",
                      "fil": "Ari-arian"}, "Assets excl. land and buildings · amount", 18),
    Column("sector", {"en": "Sector", "id": "Sektor", "ms": "Sektor Perniagaan",
                      "fil": "Uri ng negosyo"}, "Sector · from the list", 18),
    Column("product", {"en": "Main product", "id": "Produk Utama", "ms": "Produk Keluaran",
                       "fil": "Pangunahing produkto"}, "Main product · name", 26),
    Column("hs_code", {"en": "HS code", "id": "Kode HS", "ms": "Kod HS", "fil": "HS code"},
           "HS 2022 code of the product · 6 digits", 12, as_text=True),
    Column("certifications", {"en": "Certifications", "id": "Sertifikasi", "ms": "Pensijilan",
                              "fil": "Sertipikasyon"},
           "Certifications · from the list; several with ;", 22),
    Column("export_status", {"en": "Export status", "id": "Status Ekspor",
                             "ms": "Status Eksport", "fil": "Katayuan ng pag-export"},
           "Export status · from the list", 18),
    Column("export_markets", {"en": "Export markets", "id": "Negara Tujuan Ekspor",
                              "ms": "Pasaran Eksport", "fil": "Export markets"},
           "Countries it sells to · names or codes, with ;", 22),
    Column("description", {"en": "Description", "id": "Deskripsi", "ms": "Penerangan",
                           "fil": "Paglalarawan"}, "Short description of the business", 40),
]

# Words the importer reads (etalase.intake.vocab), offered in the officer's language.
EXPORT_WORDS = {
    "en": ["not yet", "ready", "exporting"],
    "id": ["belum ekspor", "siap ekspor", "sudah ekspor"],
    "ms": ["belum eksport", "sedia eksport", "sudah eksport"],
    "fil": ["hindi pa", "handa", "nag-e-export"],
}
SECTOR_WORDS = {
    "en": ["manufacturing", "services", "agriculture"],
    "id": ["industri pengolahan", "jasa", "pertanian"],
    "ms": ["pembuatan", "perkhidmatan", "pertanian"],
    "fil": ["pagmamanupaktura", "serbisyo", "agrikultura"],
}
CERTIFICATION_WORDS = ["halal", "PIRT", "BPOM", "HACCP", "organic", "ISO 9001", "ISO 22000",
                       "fair trade", "rainforest", "SNI", "GMP"]
SHEET_NAMES = {  # the importer skips these sheets by name (readers.SKIP_SHEETS)
    "instructions": {"en": "instructions", "id": "petunjuk", "ms": "arahan", "fil": "panuto"},
}
_EXAMPLE = {
    "ID": {"legal_name": "UD Contoh Kakao Minahasa", "trade_name": "Kakao Contoh",
           "registration_id": "9120000000001", "regency": "Kabupaten Minahasa",
           "address": "Jl. Contoh No. 1, Tondano", "contact_person": "Ibu Contoh",
           "phone": "0812-3456-7890", "whatsapp": "0812-3456-7890",
           "email": "contoh@example.com", "year_established": 2015, "employees": 12,
           "annual_turnover": "Rp 1.500.000.000", "assets": "Rp 400.000.000",
           "product": "Biji kakao fermentasi", "hs_code": "180100",
           "certifications": "halal; PIRT", "export_markets": "Malaysia; Singapura",
           "description": "Pengolahan biji kakao fermentasi dari petani Minahasa."},
    "MY": {"legal_name": "Contoh Rumpai Laut Sdn Bhd", "registration_id": "201901012345",
           "regency": "Semporna", "phone": "012-345 6789", "email": "contoh@example.com",
           "year_established": 2019, "employees": 6, "annual_turnover": "RM 300k",
           "product": "Rumpai laut kering", "hs_code": "121221", "certifications": "halal",
           "export_markets": "Singapore; China"},
}
_EXAMPLE_DEFAULT = {"legal_name": "Sample Coconut Trading", "registration_id": "",
                    "regency": "", "phone": "", "email": "sample@example.com",
                    "year_established": 2018, "employees": 8, "annual_turnover": "1,500,000",
                    "product": "Desiccated coconut", "hs_code": "080111",
                    "certifications": "halal; HACCP", "export_markets": "Japan"}


def template_language(country: str, requested: str | None) -> str:
    """The officer's language when the template knows it, else the country's usual one."""
    if requested in TEMPLATE_LANGUAGES and requested != "en":
        return requested
    return requested if requested == "en" else COUNTRY_LANGUAGE.get(country, "en")


def subdivision_choices(country: str) -> list[Subdivision]:
    """The country's focus areas and the provinces inside them, by name."""
    focus = Subdivision.objects.filter(country_id=country, is_focus_area=True)
    inside = Subdivision.objects.filter(country_id=country, parent__in=focus)
    return sorted({*focus, *inside}, key=lambda s: s.name)


def _title(country: Country, language: str) -> str:
    with translation.override(language):
        title = _("Etalase — enterprises of %(country)s") % {"country": country.display_name}
    return f"{title} · {TEMPLATE_VERSION_MARK}{CURRENT_TEMPLATE_VERSION}"


def _example(country: Country, language: str) -> list:
    values = dict(_EXAMPLE.get(country.code, _EXAMPLE_DEFAULT))
    subs = [s for s in subdivision_choices(country.code) if s.children.count() == 0]
    values.setdefault("subdivision", subs[0].name if subs else "")
    values["sector"] = SECTOR_WORDS[language][0]
    values["export_status"] = EXPORT_WORDS[language][1]
    return [values.get(column.field, "") for column in COLUMNS]


def headers(language: str) -> list[str]:
    return [column.headers.get(language) or column.headers["en"] for column in COLUMNS]


def _instructions(country: Country, language: str) -> list[str]:
    with translation.override(language):
        return [
            _("How to fill in this template"),
            "",
            _("1. Type one enterprise per row, under the header row (row %(row)d of the sheet "
              "“enterprises”). Do not change the header or the title row: the title carries the "
              "template's version.") % {"row": HEADER_ROW},
            _("2. The grey row above the header is an example. It is never imported; you may "
              "leave it."),
            _("3. Required: the business name and the registration number (%(scheme)s). Rows "
              "without them are rejected with a reason.") % {"scheme": _scheme(country.code)},
            _("4. Province, sector, certification and export status have drop-down lists. "
              "Several certifications or export markets: separate them with “;”."),
            _("5. Numbers may be written as you usually do (e.g. Rp 1.500.000, 1,5 M, RM 300k). "
              "Phone numbers in any local style are converted to international form."),
            _("6. Never add identity-card numbers (NIK, MyKad): such columns are dropped and not "
              "stored."),
            _("7. Save as .xlsx (not .xls, not with macros) or as CSV, and upload it on the "
              "Submissions page. You will see every problem before anything is written."),
            _("8. Enterprises sent by your office are shown publicly only after their owner "
              "agrees (a link by e-mail or WhatsApp) or you record a consent on paper."),
        ]


def _scheme(country: str) -> str:
    return {"ID": "NIB, 13 digits", "MY": "SSM, 12 digits", "PH": "SEC / DTI",
            "BN": "ROCBN"}.get(country, "registration number")


def build_xlsx(country: Country, language: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "enterprises"
    last = get_column_letter(len(COLUMNS))
    sheet["A1"] = _title(country, language)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.merge_cells(f"A1:{last}1")
    grey = Font(italic=True, color="666666")
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        english = sheet.cell(row=2, column=index, value=column.english)
        english.font = Font(size=9, color="444444")
        english.alignment = Alignment(wrap_text=True, vertical="top")
        head = sheet.cell(row=HEADER_ROW, column=index, value=headers(language)[index - 1])
        head.font = Font(bold=True)
        head.fill = PatternFill("solid", fgColor="DCE9F5")
        sheet.column_dimensions[letter].width = column.width
        if column.as_text:
            # Text cells keep a NIB's 13 digits and a phone's leading zero as typed.
            sheet.column_dimensions[letter].number_format = "@"
            for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + 200):
                sheet.cell(row=row, column=index).number_format = "@"
    for index, value in enumerate(_example(country, language), start=1):
        cell = guard(sheet.cell(row=3, column=index, value=value))
        cell.font = grey
        cell.fill = PatternFill("solid", fgColor="F2F2F2")
    sheet["A3"].comment = Comment(_instructions(country, language)[3], "Etalase")
    sheet.row_dimensions[2].height = 30
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"

    lists = workbook.create_sheet("lists")
    lists.sheet_state = "hidden"
    named = {
        "subdivision": [s.name for s in subdivision_choices(country.code)],
        "sector": SECTOR_WORDS[language],
        "certifications": CERTIFICATION_WORDS,
        "export_status": EXPORT_WORDS[language],
    }
    for list_index, (field, values) in enumerate(named.items(), start=1):
        letter = get_column_letter(list_index)
        lists.cell(row=1, column=list_index, value=field)
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=list_index, value=value)
        column = next(i for i, c in enumerate(COLUMNS, start=1) if c.field == field)
        target = get_column_letter(column)
        validation = DataValidation(
            type="list", formula1=f"=lists!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True, showDropDown=False)
        # Several certifications are typed with ";": a list entry is advice there, not a rule.
        validation.showErrorMessage = field != "certifications"
        validation.errorStyle = "stop" if field in ("subdivision", "export_status") else "warning"
        validation.add(f"{target}{FIRST_DATA_ROW}:{target}{LAST_VALIDATED_ROW}")
        sheet.add_data_validation(validation)
    _size_validations(sheet, language)

    notes = workbook.create_sheet(SHEET_NAMES["instructions"][language])
    notes.column_dimensions["A"].width = 110
    for row, line in enumerate(_instructions(country, language), start=1):
        cell = notes.cell(row=row, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True)
        if row == 1:
            cell.font = Font(bold=True, size=13)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _size_validations(sheet, language: str) -> None:
    """Size figures: a warning (not a refusal) for text, since offices write `Rp 1,5 M`."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    rules = {
        "year_established": ("whole", "1800", str(dt.date.today().year)),
        "employees": ("whole", "0", "1000000"),
        "annual_turnover": ("decimal", "0", "1000000000000000"),
        "assets": ("decimal", "0", "1000000000000000"),
    }
    for index, column in enumerate(COLUMNS, start=1):
        if column.field not in rules:
            continue
        kind, low, high = rules[column.field]
        validation = DataValidation(type=kind, operator="between", formula1=low, formula2=high,
                                    allow_blank=True)
        validation.errorStyle = "warning"
        with translation.override(language):
            validation.error = _("A number between %(low)s and %(high)s is expected.") % {
                "low": low, "high": high}
        letter = get_column_letter(index)
        validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_VALIDATED_ROW}")
        sheet.add_data_validation(validation)


def build_csv(country: Country, language: str) -> bytes:
    """The same rows as the XLSX data sheet, UTF-8 with a BOM so that Excel reads it right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    width = len(COLUMNS)
    writer.writerow([_title(country, language), *[""] * (width - 1)])
    writer.writerow([column.english for column in COLUMNS])
    writer.writerow([csv_safe(value) for value in _example(country, language)])
    writer.writerow(headers(language))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def filename(country: Country, language: str, fmt: str) -> str:
    return f"etalase-template-v{CURRENT_TEMPLATE_VERSION}-{country.code}-{language}.{fmt}"

