"""Headers as offices write them: words, abbreviations, units, the four languages, the
fuzzy threshold, and what the column map records of every column (its "how")."""

from decimal import Decimal

import pytest

from etalase.intake import headers, template
from etalase.intake.columns import (
    HOW,
    ColumnMap,
    build_map,
    find_header,
    how_label,
    looks_aggregate,
    match_header,
)
from etalase.intake.headers import parse_header, recognise

# header as an office types it -> (field, how)
RECOGNISED = [
    ("Omzet per Tahun (Rp)", "annual_turnover", "exact"),
    ("Omzet (Rp juta)", "annual_turnover", "exact"),
    ("Aset (ribu)", "assets", "exact"),
    ("Sales (US$)", "annual_turnover", "exact"),
    ("No. Telp", "phone", "exact"),
    ("NO TELP.", "phone", "exact"),
    ("Tgl Berdiri", "year_established", "exact"),
    ("Thn Berdiri", "year_established", "exact"),
    ("Th. berdiri", "year_established", "exact"),
    ("Produk Unggulan", "product", "exact"),
    ("Jenis Produk", "product", "exact"),
    ("Komoditas", "product", "exact"),
    ("Produk Ekspor", "product", "exact"),
    ("Negara Tujuan Ekspor", "export_markets", "exact"),
    ("c106_nama_lengkap_usaha", "legal_name", "exact"),
    ("C204_NIB", "registration_id", "exact"),
    ("r201. Nama Usaha", "legal_name", "exact"),
    ("Nama Usaha *", "legal_name", "exact"),
    ("🍜 Nama Usaha", "legal_name", "exact"),
    ("Kab/Kota", "regency", "exact"),
    ("Jumlah Tenaga Kerja (orang)", "employees", "exact"),
    ("Modal dalam juta rupiah", "assets", "exact"),
    ("Kode Pos Tarif", "hs_code", "exact"),  # not the postal code
    ("Nama Pemilik (sesuai KTP)", "contact_person", "exact"),  # a name, not the number
    ("Alamat sesuai KTP", "address", "exact"),
    # Malay, Filipino, English
    ("Nama Perniagaan", "legal_name", "exact"),
    ("Tarikh Penubuhan", "year_established", "exact"),
    ("Bilangan Pekerja", "employees", "exact"),
    ("Pasaran Eksport", "export_markets", "exact"),
    ("Jualan Tahunan (RM)", "annual_turnover", "exact"),
    ("Pangalan ng Negosyo", "legal_name", "exact"),
    ("Numero ng Telepono", "phone", "exact"),
    ("Benta kada taon (PHP)", "annual_turnover", "exact"),
    ("Business Registration No.", "registration_id", "exact"),
    # by words: all the words of one alias, covering half of the header or more
    ("Alamat Email Pemilik", "email", "words"),
    ("Produk Utama Olahan", "product", "words"),
    ("Omzet Setahun", "annual_turnover", "words"),
    ("Nama Usaha Lengkap", "legal_name", "words"),
    # by a close spelling
    ("Nama Usha", "legal_name", "fuzzy"),
    ("Alamt Usaha", "address", "fuzzy"),
    ("Teleponn", "phone", "fuzzy"),
]

# headers that must NOT be guessed: offered for mapping instead
NOT_GUESSED = [
    "Tahun",  # the data's year in a recap, not the year established
    "Jumlah",
    "Keterangan",  # remarks ("aktif", "tutup"), not a public description
    "Kapasitas Produksi",
    "Kapasitas (kg/bulan)",
    "Omzet per Bulan",  # monthly: not a year's turnover
    "Omzet (Rp/bulan)",
    "Tenaga Kerja Perempuan",  # a part of the workers only
    "Nama",
    "Status Usaha",
    "Nomor Izin Usaha",
    "Kolom Nama",
    "Phone number · any local style",  # the template's hint row
    "",
    "=cmd|' /C calc'!A0",
    "=HYPERLINK(\"http://evil.example\",\"Nama Usaha\")",
    "🍜🍜🍜",
    "x" * 10_000,
    "Nama Usaha " * 1000,  # 11,000 characters: not a header, however it begins
]

IDENTITY = ["NIK", "No. KTP", "NIK Pemilik", "No KTPP", "NIB/NIK", "Pemilik (NIK)",
            "Nomor KTP / NIK Pemilik Usaha", "No. Kad Pengenalan", "MyKad", "NRIC", "PhilSys",
            "No. IC"]


@pytest.mark.parametrize(("header", "field", "how"), RECOGNISED)
def test_headers_as_offices_write_them(header, field, how):
    found = recognise(header, "ID")
    assert (found.field, found.how) == (field, how)
    if how == "fuzzy":
        assert headers.FUZZY_THRESHOLD <= found.score < 100
    else:
        assert found.score is None


@pytest.mark.parametrize("header", NOT_GUESSED)
def test_doubtful_headers_are_not_guessed(header):
    found = recognise(header, "ID")
    assert found.field is None and found.how == "not_used"


@pytest.mark.parametrize("header", IDENTITY)
def test_identity_number_columns_are_recognised_as_such(header):
    assert recognise(header, "ID").how == "identity"


def test_row_number_columns():
    for header in ("No", "No.", "NO", "Nomor", "No. Urut", "#", "Bil.", "Blg."):
        assert recognise(header).how == "row_number", header
    # "No" inside a header is "number", not a row number.
    assert recognise("No HP").field == "phone"


def test_the_fuzzy_threshold_is_the_line_between_guessing_and_asking(monkeypatch):
    close = recognise("Nama Usha")
    assert close.how == "fuzzy"
    monkeypatch.setattr(headers, "FUZZY_THRESHOLD", close.score + 0.1)
    headers._recognise.cache_clear()
    try:
        assert recognise("Nama Usha").how == "not_used"
    finally:
        headers._recognise.cache_clear()


def test_abbreviations_and_prefixes_read_as_words():
    assert parse_header("Tgl Berdiri").words == ("tanggal", "berdiri")
    assert parse_header("Thn Berdiri").words == ("tahun", "berdiri")
    assert parse_header("No. Telp").words == ("no", "telepon")
    assert parse_header("c106_Nama_Usaha").words == ("nama", "usaha")
    assert parse_header("Omzet per Tahun (Rp)").words == ("omzet", "tahun")


UNITS = [
    # header, unit as written, currency, scale, period
    ("Omzet (Rp juta)", "Rp juta", "IDR", 10**6, ""),
    ("Omzet (juta Rp)", "juta Rp", "IDR", 10**6, ""),
    ("Aset (ribu)", "ribu", "", 10**3, ""),
    ("Aset (Rp rb)", "Rp rb", "IDR", 10**3, ""),
    ("Omzet (Rp.000)", "Rp.000", "IDR", 10**3, ""),
    ("Modal Usaha (Rp 000)", "Rp 000", "IDR", 10**3, ""),
    ("Omzet (miliar)", "miliar", "", 10**9, ""),
    ("Omzet (Rp M)", "Rp M", "IDR", 10**9, ""),  # M is miliar in Indonesia
    ("Sales (US$)", "US$", "USD", 1, ""),
    ("Turnover (RM)", "RM", "MYR", 1, ""),
    ("Benta kada taon (PHP)", "PHP", "PHP", 1, ""),
    ("Sales (₱)", "₱", "PHP", 1, ""),
    ("Omzet per Tahun (Rp)", "Rp", "IDR", 1, ""),
    ("Omzet Rp", "Rp", "IDR", 1, ""),
    ("Modal dalam juta rupiah", "juta rupiah", "IDR", 10**6, ""),
    ("Kapasitas (kg/bulan)", "kg/bulan", "", 1, "month"),
    ("Jualan (RM/tahun)", "RM/tahun", "MYR", 1, "year"),
]


@pytest.mark.parametrize(("header", "text", "currency", "scale", "period"), UNITS)
def test_a_unit_in_the_header_is_a_separate_fact(header, text, currency, scale, period):
    unit = recognise(header, "ID").unit
    assert (unit.text, unit.currency, unit.scale, unit.period) == (text, currency, scale, period)


def test_m_means_million_outside_indonesia_and_a_bare_dollar_sign_is_ambiguous():
    assert recognise("Sales (RM m)", "MY").unit.scale == 10**6
    assert recognise("Sales ($)", "BN").unit.currency == "BND"  # Brunei's own dollar
    ambiguous = recognise("Sales ($)", "ID").unit
    assert ambiguous.currency == "" and ambiguous.ambiguous_currency


def test_a_bracketed_note_that_is_not_a_unit_does_not_change_the_field():
    found = recognise("Nama Usaha (sesuai NIB)")
    assert (found.field, found.unit) == ("legal_name", None)
    assert recognise("Kecamatan (Distrik)").field == "district"


def test_every_template_header_in_the_four_languages_is_a_whole_alias():
    for column in template.COLUMNS:
        for language in template.TEMPLATE_LANGUAGES:
            header = column.headers[language]
            assert recognise(header).field == column.field, header
            assert recognise(header).how == "exact", header


def test_no_alias_names_two_fields():
    vocabulary = headers.vocabulary()
    owner: dict[str, str] = {}
    for field, aliases in headers.alias_data()["fields"].items():
        for alias in [field, *aliases]:
            key = " ".join(vocabulary.words(alias))
            if key:
                assert owner.setdefault(key, field) == field, (alias, owner[key], field)


# --- the column map ------------------------------------------------------------------------


def _map(*names, aliases=None, country="ID") -> ColumnMap:
    return build_map(3, list(names), aliases, country)


def test_the_map_records_how_every_column_was_recognised():
    column_map = _map(
        "No", "Nama Usaha", "Nama Usha", "NIK", "Kolom Rahasia", "Omzet (Rp juta)",
        "Telpon Kantor", "Alamat Email Pemilik", "Nama Toko",
        aliases={"kolom rahasia": "description", "telpon kantor": ""},
    )
    hows = [(c["letter"], c["field"], c["how"]) for c in column_map.describe()]
    assert hows == [
        ("A", None, "row_number"),
        ("B", "legal_name", "exact"),
        ("C", None, "duplicate"),  # a close spelling loses to the whole alias
        ("D", None, "identity"),
        ("E", "description", "remembered"),
        ("F", "annual_turnover", "exact"),
        ("G", None, "remembered"),  # the office set it aside before
        ("H", "email", "words"),
        ("I", None, "duplicate"),  # a second business-name column: the first one wins
    ]
    described = column_map.describe()
    assert described[2]["of"] == "B" and described[8]["of"] == "B"
    assert described[5]["unit"] == "Rp juta" and described[5]["scale"] == 10**6
    assert described[5]["currency"] == "IDR"
    assert column_map.dropped_identity_columns == ["NIK"]
    assert set(c.how for c in column_map.columns) <= set(HOW)


def test_a_fuzzy_column_carries_its_score():
    described = _map("Nama Usha", "NIB").describe()[0]
    assert described["how"] == "fuzzy" and headers.FUZZY_THRESHOLD <= described["score"] < 100


def test_the_office_memory_cannot_read_an_identity_column():
    column_map = _map("Nama Usaha", "NIK", aliases={"nik": "description"})
    assert column_map.fields[1] is None and column_map.columns[1].how == "identity"


def test_a_hand_mapping_is_recorded_as_such_and_survives_storage():
    stored = _map("Nama Usaha", "Kolom X", "Alamat").as_json()
    stored["fields"] = {"0": "legal_name", "1": "description", "2": None}  # the mapping page
    again = ColumnMap.from_json(stored)
    assert [c.how for c in again.columns] == ["exact", "remapped", "remapped"]
    assert [c["field"] for c in again.describe()] == ["legal_name", "description", None]
    # and stored again, it stays "chosen by hand"
    assert [c.how for c in ColumnMap.from_json(again.as_json()).columns][1] == "remapped"


def test_a_map_stored_before_columns_were_recorded_still_loads():
    old = {"header_row": 1, "headers": ["Nama Usaha", "NIB", "NIK", "Kolom X", "No"],
           "fields": {"0": "legal_name", "1": "registration_id", "2": None, "3": "regency",
                      "4": None},
           "constants": {}, "dropped_identity_columns": ["NIK"]}
    column_map = ColumnMap.from_json(old)
    assert [c["how"] for c in column_map.describe()] == [
        "exact", "exact", "identity", "remapped", "row_number"]
    assert column_map.scale_of("legal_name") == Decimal(1)


def test_scale_of_a_field():
    column_map = _map("Nama Usaha", "Omzet (Rp juta)", "Aset (ribu)")
    assert column_map.scale_of("annual_turnover") == Decimal(10**6)
    assert column_map.scale_of("assets") == Decimal(1000)
    assert column_map.scale_of("legal_name") == 1 and column_map.scale_of("employees") == 1


def test_column_warnings_name_a_foreign_or_doubtful_currency():
    column_map = _map("Nama Usaha", "Sales (US$)", "Tenaga Kerja (ribu)", "Modal ($)")
    warnings = [p.as_dict() for p in column_map.warnings("IDR")]
    assert [(w["row"], w["column"], w["field"], w["code"]) for w in warnings] == [
        (None, "Sales (US$)", "annual_turnover", "foreign_currency"),
        (None, "Tenaga Kerja (ribu)", "employees", "unit_not_applied"),
        (None, "Modal ($)", "assets", "ambiguous_currency"),
    ]
    assert "USD" in warnings[0]["message"] and "IDR" in warnings[0]["message"]
    assert _map("Jualan (RM)").warnings("MYR") == []
    assert _map("Omzet (Rp juta)", "Aset (Rp)").warnings("IDR") == []


def test_letters_go_past_z():
    column_map = _map(*[f"Kolom {i}" for i in range(30)])
    assert [c["letter"] for c in column_map.describe()][25:28] == ["Z", "AA", "AB"]


def test_hostile_headers_are_listed_as_written_and_not_used():
    hostile = ["", "x" * 10_000, "=cmd|' /C calc'!A0", "🍜", None, 42, "Nama Usaha"]
    column_map = build_map(1, hostile)
    described = column_map.describe()
    assert [c["how"] for c in described] == ["not_used"] * 6 + ["exact"]
    assert described[1]["header"] == "x" * 10_000
    assert described[2]["header"] == "=cmd|' /C calc'!A0"
    assert described[5]["header"] == "42"
    assert ColumnMap.from_json(column_map.as_json()).describe() == described


def test_how_labels_are_words_for_every_how():
    for how in HOW:
        entry = {"how": how, "field": "legal_name", "score": 91.0, "of": "B"}
        assert how_label(entry) and how_label(entry) != how


# --- the header row ------------------------------------------------------------------------


def test_the_template_header_row_wins_over_its_hint_row():
    for language in template.TEMPLATE_LANGUAGES:
        rows = [
            (1, ["Formulir etalase-template-v1"]),
            (2, [c.english for c in template.COLUMNS]),
            (3, ["UD Contoh", "", "9120000000001"]),
            (4, [c.headers[language] for c in template.COLUMNS]),
        ]
        assert find_header(rows)[0] == 4, language


def test_a_title_and_data_rows_are_not_taken_for_the_header():
    rows = [
        (1, ["DATA UMKM PROVINSI SULAWESI UTARA TAHUN 2026"]),
        (2, []),
        (3, ["No", "Nama Usha", "No. Telp", "Omzet (Rp juta)"]),
        (4, [1, "Kopi Halal", "0812", 150]),
    ]
    assert find_header(rows)[0] == 3
    assert find_header([(1, ["x" * 10_000, "Nama Usaha"]), (2, ["a", "b"])]) is None


def test_a_table_of_counts_is_recognised():
    assert looks_aggregate(_map("kode_provinsi", "nama_kabupaten_kota", "jumlah_umkm", "tahun"))
    assert not looks_aggregate(_map("Nama Usaha", "Tahun"))


def test_match_header_is_a_whole_alias_only():
    assert match_header("Nama Usaha") == "legal_name"
    assert match_header("Nama Usha") is None  # a close spelling is build_map's call
    assert match_header("NIK") == "nik"
    assert match_header("Kolom Nama", {"kolom nama": "legal_name"}) == "legal_name"


# --- two header rows, countries, problems without a column -----------------------------------


def test_a_header_under_a_group_label_is_read_with_it():
    above = ["No", "IDENTITAS USAHA", "IDENTITAS USAHA", "PEMILIK", "PEMILIK", "Alamat",
             "Alamat", "Omzet (Rp juta)"]
    cells = ["No", "Nama Usaha", "NIB", "Nama", "NIK", "Kab/Kota", "Jalan", "Omzet (Rp juta)"]
    described = build_map(4, cells, country="ID", above=above).describe()
    assert [(c["header"], c["field"], c["how"]) for c in described] == [
        ("No", None, "row_number"),
        ("Nama Usaha", "legal_name", "exact"),  # recognised alone: the group is not added
        ("NIB", "registration_id", "exact"),
        ("PEMILIK Nama", "contact_person", "words"),
        ("NIK", None, "identity"),
        ("Kab/Kota", "regency", "exact"),
        ("Alamat Jalan", "address", "words"),
        ("Omzet (Rp juta)", "annual_turnover", "exact"),  # spans both rows
    ]


def test_a_title_above_the_header_is_not_a_group_label():
    title = ["DATA UMKM PROVINSI SULAWESI UTARA"] * 3
    described = build_map(2, ["Nama Usaha", "Nama", "Jalan"], above=title).describe()
    assert [c["header"] for c in described] == ["Nama Usaha", "Nama", "Jalan"]
    assert [c["how"] for c in described] == ["exact", "not_used", "not_used"]


def test_a_merged_group_label_counts_once_when_finding_the_header():
    rows = [(3, ["No", "PEMILIK", "PEMILIK", "PEMILIK", "PEMILIK", "PRODUK", "PRODUK"]),
            (4, ["No", "Nama Usaha", "NIB", "Nama", "NIK", "Nama Produk", "Kode HS"])]
    assert find_header(rows)[0] == 4


def test_daerah_and_district_mean_the_area_in_malaysia_and_brunei():
    assert recognise("Daerah", "MY").field == "regency"
    assert recognise("District", "MY").field == "regency"
    assert recognise("Daerah", "BN").field == "regency"
    assert recognise("Mukim", "BN").field == "district"  # finer than any area: not kept
    assert recognise("District", "ID").field == "district"
    assert recognise("Kecamatan", "MY").field == "district"


def test_a_census_header_with_an_underscored_unit():
    found = recognise("c601_omzet_setahun_rupiah", "ID")
    assert (found.field, found.unit.currency) == ("annual_turnover", "IDR")


def test_a_problem_of_a_field_without_a_column_is_shown_under_its_companion():
    column_map = _map("Nama Usaha", "Produk Unggulan")
    assert column_map.header_of("hs_code") == "Produk Unggulan"
    assert column_map.header_of("legal_name") == "Nama Usaha"
    assert column_map.header_of("email") == "email"  # no column, no companion


def test_a_column_the_registry_cannot_keep_says_so():
    described = _map("Nama Usaha", "Kecamatan", "NPWP").describe()
    assert [c["stored"] for c in described] == [True, False, False]
    assert "no place" in how_label(described[1])
