"""Indonesian offices' files beyond North Sulawesi: East Kalimantan, South Sulawesi, Maluku,
Papua. Each sheet is what a Dinas Koperasi dan UKM (or a statistics office) really sends; the
facts beside each row are what its officer expects the platform to read from it."""

from __future__ import annotations

import datetime as dt

from build import (
    IDENTITY,
    NOT_USED,
    ROW_NUMBER,
    Area,
    Column,
    Sheet,
    check_nik,
    check_phone,
    row,
    total,
)


def _kab(subdivision: str, name: str) -> Area:
    return Area(subdivision, name, "regency")


def _kota(subdivision: str, name: str) -> Area:
    return Area(subdivision, name, "city")


def hp(number: str) -> str:
    return check_phone(number, "ID")


# East Kalimantan (ID-KI)
SAMARINDA = _kota("ID-KI", "Samarinda")
BALIKPAPAN = _kota("ID-KI", "Balikpapan")
BONTANG = _kota("ID-KI", "Bontang")
KUKAR = _kab("ID-KI", "Kutai Kartanegara")
KUBAR = _kab("ID-KI", "Kutai Barat")
KUTIM = _kab("ID-KI", "Kutai Timur")
BERAU = _kab("ID-KI", "Berau")
PASER = _kab("ID-KI", "Paser")
PPU = _kab("ID-KI", "Penajam Paser Utara")
MAHULU = _kab("ID-KI", "Mahakam Ulu")
# South Sulawesi (ID-SN)
MAKASSAR = _kota("ID-SN", "Makassar")
PAREPARE = _kota("ID-SN", "Parepare")
PALOPO = _kota("ID-SN", "Palopo")
GOWA = _kab("ID-SN", "Gowa")
TAKALAR = _kab("ID-SN", "Takalar")
BONE = _kab("ID-SN", "Bone")
WAJO = _kab("ID-SN", "Wajo")
TORUT = _kab("ID-SN", "Toraja Utara")
PINRANG = _kab("ID-SN", "Pinrang")
ENREKANG = _kab("ID-SN", "Enrekang")
BULUKUMBA = _kab("ID-SN", "Bulukumba")
SELAYAR = _kab("ID-SN", "Kepulauan Selayar")
MAROS = _kab("ID-SN", "Maros")
PANGKEP = _kab("ID-SN", "Pangkajene dan Kepulauan")
BARRU = _kab("ID-SN", "Barru")
SIDRAP = _kab("ID-SN", "Sidenreng Rappang")
# Maluku (ID-MA)
AMBON = _kota("ID-MA", "Ambon")
TUAL = _kota("ID-MA", "Tual")
MALTENG = _kab("ID-MA", "Maluku Tengah")
ARU = _kab("ID-MA", "Kepulauan Aru")
SBB = _kab("ID-MA", "Seram Bagian Barat")
BURU = _kab("ID-MA", "Buru")
# Papua (ID-PA), as it is since the 2022 division
JAYAPURA_KOTA = _kota("ID-PA", "Jayapura")
JAYAPURA_KAB = _kab("ID-PA", "Jayapura")
BIAK = _kab("ID-PA", "Biak Numfor")
YAPEN = _kab("ID-PA", "Kepulauan Yapen")
KEEROM = _kab("ID-PA", "Keerom")
SARMI = _kab("ID-PA", "Sarmi")


# --- 7. East Kalimantan: census-style export --------------------------------------------------

_NIK_KI = [check_nik(n) for n in ("6472011203750009", "6403025507880010", "6471031010700015",
                                   "6411024303900016")]

KI_CENSUS = Sheet(
    name="id_ki_sensus_c106.csv",
    office="ID-KI",
    about="A census-style export (c106_nama_lengkap_usaha …) with the owner's NIK, "
    "coordinates, a regency of West Sulawesi, and the same NIB twice.",
    columns=[
        Column("id", [NOT_USED, ROW_NUMBER]),
        Column("c102_provinsi", "subdivision"),
        Column("c103_kabupaten_or_kota", "regency"),
        Column("c104_kecamatan_or_distrik", ["district", NOT_USED]),
        Column("c106_nama_lengkap_usaha", "legal_name"),
        Column("c107_nama_usaha_komersial_or_populer", "trade_name"),
        Column("c108_alamat_lengkap_usaha", "address"),
        Column("c110_nama_pemilik", "contact_person"),
        Column("c111_nik_pemilik", IDENTITY),
        Column("c109_alamat_kontak_telepon", "phone"),
        Column("c204_nib", "registration_id"),
        Column("c207_tahun_mulai_operasi", "year_established"),
        Column("c501_produk_utama", "product"),
        Column("c502_kode_hs", "hs_code"),
        Column("c601_omzet_setahun_rupiah", "annual_turnover"),
        Column("c602_negara_tujuan_ekspor", "export_markets"),
        Column("c801_TK_total_total", "employees"),
        Column("c901_latitude", ["latitude", NOT_USED]),
        Column("c902_longitude", ["longitude", NOT_USED]),
    ],
    identity_numbers=_NIK_KI,
    rows=[
        row("KT-000101", "Kalimantan Timur", "KOTA SAMARINDA", "SAMARINDA ULU",
            "CV AMPLANG MAHAKAM JAYA", "Amplang Mahakam", "JL. P. ANTASARI NO 8",
            "H. MUHAMMAD ARSYAD", _NIK_KI[0], hp("0541-742233"), "9120701004001", "2014",
            "Amplang ikan pipih", "1905.90", "780000000", "Malaysia;Brunei Darussalam", "9",
            "-0.4948", "117.1436",
            area=SAMARINDA, turnover=780000000, markets=["BN", "MY"], status="exporting",
            year=2014, employees=9, product=("Amplang ikan pipih", "190590"),
            reg="9120701004001"),
        row("KT-000102", "Kalimantan Timur", "KABUPATEN KUTAI KARTANEGARA", "TENGGARONG",
            "UD MADU KELULUT KUKAR", "", "JL. PANJAITAN, TENGGARONG", "SITI AMINAH", _NIK_KI[1],
            hp("0812-5500-3344"), "9120701004002", "2019", "Madu kelulut", "0409.00",
            "240000000", "", "4", "-0.4192", "116.9856",
            area=KUKAR, turnover=240000000, year=2019, employees=4,
            product=("Madu kelulut", "040900")),
        row("KT-000103", "Kalimantan Timur", "KOTA BALIKPAPAN", "BALIKPAPAN BARAT",
            "KERUPUK BALIKPAPAN SEJAHTERA", "Kerupuk Kepiting Bpn", "JL. LETJEN SUPRAPTO 21",
            "YULIANA SARI", _NIK_KI[2], hp("0812-5500-4455"), "9120701004003", "2010",
            "Kerupuk udang", "1905.90", "1250000000", "Singapura", "12", "-1.2417", "116.8286",
            area=BALIKPAPAN, turnover=1250000000, markets=["SG"], status="exporting",
            employees=12, product=("Kerupuk udang", "190590")),
        row("KT-000104", "Kalimantan Timur", "KABUPATEN BERAU", "TANJUNG REDEB",
            "UD KOPI BERAU", "", "JL. DURIAN III", "ABDUL RAHMAN", "", hp("0554-21234"), "",
            "2021", "Kopi liberika", "0901.11", "95000000", "", "2", "", "",
            area=BERAU, turnover=95000000, year=2021, product=("Kopi liberika", "090111")),
        row("KT-000105", "Kalimantan Timur", "KABUPATEN MAHAKAM ULU", "LONG BAGUN",
            "KERAJINAN MANIK DAYAK", "", "KAMPUNG LONG BAGUN ILIR", "MARIA HUVANG",
            _NIK_KI[3], hp("0813-4700-1234"), "", "2008", "Tas manik", "4202.22", "45000000",
            "", "3", "", "",
            area=MAHULU, turnover=45000000, year=2008, product=("Tas manik", "420222")),
        row("KT-000106", "Kalimantan Timur", "KABUPATEN MAMUJU", "SIMBORO",
            "UD KAKAO MAMUJU", "", "JL. ARTERI", "MUHAMMAD ILHAM", "", hp("0812-4200-7788"),
            "9120701004006", "2016", "Biji kakao", "1801.00", "300000000", "", "5", "", "",
            errors=[("c103_kabupaten_or_kota", "area_outside_office")], ok=False,
            outside="ID-SR"),
        row("KT-000107", "Kalimantan Timur", "KOTA BONTANG", "BONTANG UTARA",
            "CV AMPLANG MAHAKAM JAYA", "", "JL. MH THAMRIN", "H. MUHAMMAD ARSYAD", "",
            hp("0812-5500-6677"), "9120701004001", "2014", "Amplang", "1905.90", "150000000",
            "", "3", "", "",
            errors=[("c204_nib", "duplicate_in_file")], ok=False),
    ],
)


# --- 8. East Kalimantan: BPS register style ---------------------------------------------------

KI_BPS = Sheet(
    name="id_ki_bps_register.xlsx",
    office="ID-KI",
    about="A statistics-office register: kdprov/nmprov/kdkab/nmkab/kdkec/nmkec codes and "
    "names, regency names without Kabupaten/Kota, a regency that moved to North Kalimantan.",
    sheet_title="direktori",
    columns=[
        Column("kdprov", ["subdivision", NOT_USED]),
        Column("nmprov", ["subdivision", NOT_USED]),
        Column("kdkab", ["regency", NOT_USED]),
        Column("nmkab", ["regency", NOT_USED]),
        Column("kdkec", ["district", NOT_USED]),
        Column("nmkec", ["district", NOT_USED]),
        Column("nama_usaha", "legal_name", width=30),
        Column("alamat", "address", width=26),
        Column("kbli", "sector"),
        Column("nib", "registration_id"),
        Column("tk", "employees"),
        Column("omzet_thn", "annual_turnover"),
        Column("produk", "product"),
        Column("hs", "hs_code"),
        Column("ekspor", "export_status"),
    ],
    rows=[
        row("64", "KALIMANTAN TIMUR", "72", "SAMARINDA", "010", "PALARAN", "UD TAHU TEMPE PALARAN",
            "JL. TRIKORA RT 12", "10392", "9120801009001", 6, 480000000, "Tempe kemasan",
            "2106.90", "Tidak",
            area=SAMARINDA, turnover=480000000, employees=6, status="not_yet",
            product=("Tempe kemasan", "210690")),
        row("64", "KALIMANTAN TIMUR", "71", "BALIKPAPAN", "020", "BALIKPAPAN TIMUR",
            "CV KEPITING SOKA MANGGAR", "JL. MULAWARMAN", "10213", "9120801009002", 14,
            2600000000, "Kepiting soka beku", "0306.14", "Ya",
            area=BALIKPAPAN, turnover=2600000000, employees=14, status="exporting",
            product=("Kepiting soka beku", "030614")),
        row("64", "KALIMANTAN TIMUR", "03", "KUTAI KARTANEGARA", "070", "LOA JANAN",
            "UD GULA AREN LOA JANAN", "DESA BAKUNGAN", "10721", "", 3, 90000000, "Gula aren",
            "1702.90", "Tidak",
            area=KUKAR, turnover=90000000, employees=3, status="not_yet",
            product=("Gula aren", "170290")),
        row("64", "KALIMANTAN TIMUR", "05", "BERAU", "060", "TANJUNG REDEB",
            "BERAU KRAFT ROTAN", "JL. PEMUDA", "16291", "9120801009004", 5, 150000000,
            "Anyaman rotan", "4602.12", "Ya",
            area=BERAU, turnover=150000000, employees=5, status="exporting",
            product=("Anyaman rotan", "460212")),
        row("64", "KALIMANTAN TIMUR", "09", "PENAJAM PASER UTARA", "010", "BABULU",
            "UD KERIPIK PISANG BABULU", "DESA BABULU DARAT", "10799", "", 2, 36000000,
            "Keripik pisang", "2008.99", "Tidak",
            area=PPU, turnover=36000000, employees=2, status="not_yet",
            product=("Keripik pisang", "200899")),
        row("64", "KALIMANTAN TIMUR", "74", "BONTANG", "020", "BONTANG UTARA",
            "BONTANG SEAFOOD OLAHAN", "JL. AWANG LONG", "10299", "9120801009006", 9, 870000000,
            "Bakso ikan beku", "1604.20", "Ya",
            area=BONTANG, turnover=870000000, employees=9, status="exporting",
            product=("Bakso ikan beku", "160420")),
        row("64", "KALIMANTAN TIMUR", "06", "NUNUKAN", "030", "NUNUKAN",
            "UD RUMPUT LAUT NUNUKAN", "JL. TVRI", "03221", "9120801009007", 7, 640000000,
            "Rumput laut kering", "1212.21", "Ya",
            errors=[("nmkab", "area_outside_office")], ok=False, outside="ID-KU"),
        row("64", "KALIMANTAN TIMUR", "01", "PASER", "050", "TANAH GROGOT",
            "UD KERUPUK BASAH PASER", "JL. KUSUMA BANGSA", "10799", "", 4, 120000000,
            "Kerupuk basah", "1905.90", "Tidak",
            area=PASER, turnover=120000000, employees=4, status="not_yet",
            product=("Kerupuk basah", "190590")),
    ],
)


# --- 9. East Kalimantan: dates and amounts as people type them --------------------------------

KI_DATES = Sheet(
    name="id_ki_tanggal_dan_omzet.csv",
    office="ID-KI",
    about="Dates of founding as 12/03/2019, 12 Maret 2019, Maret 2019, 05/2016, a year, and "
    "'tidak tahu'; amounts as Rp 150.000.000, 150 jt, 1,5 M, Rp. 75.000.000,-, Rp 300 rb and "
    "in words.",
    columns=[
        Column("Nama Usaha", "legal_name"),
        Column("NIB", "registration_id"),
        Column("Kab/Kota", "regency"),
        Column("Tgl Berdiri", "year_established"),
        Column("Omzet per Tahun (Rp)", "annual_turnover"),
        Column("Aset (Rp)", "assets"),
        Column("Produk Unggulan", "product"),
        Column("Kode HS", "hs_code"),
    ],
    rows=[
        row("UD Amplang Tepian", "9120801005001", "Kota Samarinda", "12/03/2019",
            "Rp 150.000.000", "Rp 50.000.000", "Amplang", "1905.90",
            area=SAMARINDA, year=2019, turnover=150000000, assets=50000000,
            product=("Amplang", "190590")),
        row("Kue Bingka Kukar", "9120801005002", "Kab. Kutai Kartanegara", "12 Maret 2019",
            "150 jt", "40 jt", "Kue bingka", "1905.90",
            area=KUKAR, year=2019, turnover=150000000, assets=40000000,
            product=("Kue bingka", "190590")),
        row("CV Lempok Durian Balikpapan", "9120801005003", "Kota Balikpapan", "Maret 2019",
            "1,5 M", "500 jt", "Lempok durian", "2007.99",
            area=BALIKPAPAN, year=2019, turnover=1500000000, assets=500000000,
            product=("Lempok durian", "200799")),
        row("UD Terasi Paser", "9120801005004", "Kab. Paser", "2019", "satu juta", "",
            "Terasi udang", "2103.90",
            errors=[("Omzet per Tahun (Rp)", "amount_in_words")], ok=False),
        row("Tenun Ulap Doyo Kubar", "9120801005005", "Kab. Kutai Barat", "tidak tahu",
            "Rp 60.000.000", "", "Kain tenun ulap doyo", "",
            errors=[("Tgl Berdiri", "not_a_year")],
            warnings=[("Kode HS", "hs_code_missing")], ok=False),
        row("Keripik Pisang Kutim", "9120801005006", "Kab. Kutai Timur", "03-05-2017",
            "Rp. 75.000.000,-", "Rp 20 juta", "Keripik pisang", "2008.99",
            area=KUTIM, year=2017, turnover=75000000, assets=20000000,
            product=("Keripik pisang", "200899")),
        row("Sarung Samarinda Ibu Hj. Aisyah", "9120801005007", "Kota Samarinda",
            "1 Januari 1998", "Rp 2,4 M", "", "Sarung tenun samarinda", "",
            warnings=[("Kode HS", "hs_code_missing")],
            area=SAMARINDA, year=1998, turnover=2400000000,
            product=("Sarung tenun samarinda",)),
        row("Madu Hutan Mahulu", "9120801005008", "Kab. Mahakam Ulu", "1/7/2020", "25.000.000",
            "", "Madu hutan", "0409.00",
            area=MAHULU, year=2020, turnover=25000000, product=("Madu hutan", "040900")),
        row("Ampau Bontang", "9120801005009", "Kota Bontang", "2018", "dua ratus juta rupiah",
            "", "Kerupuk ampau", "1905.90",
            errors=[("Omzet per Tahun (Rp)", "amount_in_words")], ok=False),
        row("UD Ikan Asin PPU", "9120801005010", "Kab. Penajam Paser Utara", "05/2016",
            "Rp 300 rb", "", "Ikan asin", "0305.59",
            area=PPU, year=2016, turnover=300000, product=("Ikan asin", "030559")),
    ],
)


# --- 10. South Sulawesi: two header rows and units --------------------------------------------

SN_UNITS = Sheet(
    name="id_sn_dua_header_satuan.xlsx",
    office="ID-SN",
    about="Two header rows (Alamat over Kab/Kota, Kecamatan, Jalan; Kinerja Usaha over "
    "Omzet (Rp juta), Aset (ribu), Tenaga Kerja), dates of founding as Excel dates and as text, "
    "a probable duplicate without NIB (another phone), a regency of East Kalimantan, JUMLAH.",
    title=["DATA UMKM PROVINSI SULAWESI SELATAN", "Tahun 2025"],
    date_cells=True,
    columns=[
        Column("No", ROW_NUMBER, tall=True),
        Column("Nama Usaha", "legal_name", tall=True, width=30),
        Column("NIB", "registration_id", tall=True),
        Column("Kab/Kota", "regency", group="Alamat", width=24),
        Column("Kecamatan", ["district", NOT_USED], group="Alamat"),
        Column("Jalan", "address", group="Alamat", width=26),
        Column("Tgl Berdiri", "year_established", tall=True),
        Column("Komoditas", "product", tall=True, width=22),
        Column("Kode HS", "hs_code", tall=True),
        Column("Omzet (Rp juta)", "annual_turnover", group="Kinerja Usaha"),
        Column("Aset (ribu)", "assets", group="Kinerja Usaha"),
        Column("Tenaga Kerja", "employees", group="Kinerja Usaha"),
        Column("Negara Tujuan Ekspor", "export_markets", tall=True, width=24),
        Column("No. HP", "phone", tall=True),
    ],
    rows=[
        row(1, "CV. Maju Jaya", None, "Kab. Gowa", "Tinggimoncong", "Jl. Poros Malino km 3",
            dt.date(2019, 3, 12), "Kopi arabika Malino", "0901.11", 150, 250000, 6, "Jepang",
            hp("0812-4100-2001"),
            area=GOWA, year=2019, turnover=150000000, assets=250000000, employees=6,
            markets=["JP"], status="exporting", product=("Kopi arabika Malino", "090111")),
        row(2, "UD Rumput Laut Takalar", "9120901006002", "Kabupaten Takalar", "Mangarabombang",
            "Desa Laikang", "12 Maret 2019", "Rumput laut kering", "1212.21", 850, 400000, 15,
            "Tiongkok; Korea Selatan", hp("0813-4200-2002"),
            area=TAKALAR, year=2019, turnover=850000000, assets=400000000, employees=15,
            markets=["CN", "KR"], status="exporting", product=("Rumput laut kering", "121221")),
        row(3, "Kopi Toraja Utara Sejahtera", "9120901006003", "Toraja Utara", "Rantepao",
            "Jl. Ahmad Yani 10", "12/03/2019", "Kopi arabika Toraja", "09.01.11.10", 2750,
            1500000, 20, "Jepang; Amerika Serikat; Taiwan", hp("0852-4200-2003"),
            area=TORUT, year=2019, turnover=2750000000, assets=1500000000, employees=20,
            markets=["JP", "TW", "US"], status="exporting",
            product=("Kopi arabika Toraja", "090111", "09011110")),
        row(4, "Minyak Kemiri Bone", None, "Kab. Bone", "Tanete Riattang", "Jl. Jend. Sudirman",
            2010, "Minyak kemiri", "1515.90", 96, 80000, 3, None, hp("0821-4200-2004"),
            area=BONE, year=2010, turnover=96000000, assets=80000000, employees=3,
            product=("Minyak kemiri", "151590")),
        row(5, "Sirup Markisa Makassar", "9120901006005", "Kota Makassar", "Panakkukang",
            "Jl. Pengayoman", dt.date(2005, 8, 17), "Sirup markisa", "2106.90", 2.75, 45000, 2,
            "Malaysia", hp("0811-4200-2005"),
            area=MAKASSAR, year=2005, turnover=2750000, assets=45000000, employees=2,
            markets=["MY"], status="exporting", product=("Sirup markisa", "210690")),
        row(6, "CV Maju Jaya", None, "Kab. Gowa", "Tinggimoncong", "Jl. Poros Malino km 3",
            dt.date(2019, 3, 12), "Kopi arabika Malino", "0901.11", 150, 250000, 6, "Jepang",
            hp("0813-4100-2006"),
            like=0,
            area=GOWA, turnover=150000000, product=("Kopi arabika Malino", "090111")),
        row(7, "Amplang Kukar Cabang Makassar", None, "Kabupaten Kutai Kartanegara",
            "Tenggarong", "Jl. Wolter Monginsidi", 2012, "Amplang", "1905.90", 120, 60000, 3,
            None, hp("0812-4100-2007"),
            errors=[("Kab/Kota", "area_outside_office")], ok=False, outside="ID-KI"),
        row(8, "Kerajinan Sutera Wajo", "9120901006008", "Kab. Wajo", "Tempe",
            "Jl. Veteran, Sengkang", 1998, "Sarung sutera", "5007.20", 540, 300000, 12, "Brunei",
            hp("0852-4100-2008"),
            area=WAJO, year=1998, turnover=540000000, assets=300000000, employees=12,
            markets=["BN"], status="exporting", product=("Sarung sutera", "500720")),
        total(None, "JUMLAH", None, None, None, None, None, None, None, 4658.75, 2535000, 67,
              None, None),
    ],
)


# --- 11. South Sulawesi: English and Indonesian headers, UTF-8 with BOM ------------------------

SN_MIXED = Sheet(
    name="id_sn_campur_bahasa_bom.csv",
    office="ID-SN",
    about="UTF-8 with a byte-order mark; English and Indonesian headers side by side; "
    "countries in both languages; certifications as offices write them; an HS code of an older "
    "edition (4419.00); an amount in US dollars; 'belum' beside an export market.",
    encoding="utf-8-sig",
    columns=[
        Column("No", ROW_NUMBER),
        Column("Business Name", "legal_name"),
        Column("Nama Pemilik", "contact_person"),
        Column("Regency/City", "regency"),
        Column("Phone", "phone"),
        Column("Main Product", "product"),
        Column("HS Code", "hs_code"),
        Column("Annual Turnover (IDR)", "annual_turnover"),
        Column("Export Destination", "export_markets"),
        Column("Export Status", "export_status"),
        Column("Certification", "certifications"),
    ],
    rows=[
        row(1, "PT Sulawesi Seaweed Makassar", "Andi Faisal", "Makassar", hp("0411-872345"),
            "Dried seaweed", "1212.21", "IDR 1,500,000,000", "Japan, Tiongkok", "Exporting",
            "Halal MUI",
            area=MAKASSAR, turnover=1500000000, markets=["CN", "JP"], status="exporting",
            product=("Dried seaweed", "121221"), certifications=["halal"]),
        row(2, "Parepare Coconut Sugar", "Hj. Nurhayati", "Kota Parepare", hp("0812-4300-1102"),
            "Gula kelapa", "1702.90", "Rp 2.1 M", "Malaysia; Singapore", "sudah ekspor",
            "PIRT; Halal",
            area=PAREPARE, turnover=2100000000, markets=["MY", "SG"], status="exporting",
            product=("Gula kelapa", "170290"), certifications=["food_safety", "halal"]),
        row(3, "Palopo Sagu Lestari", "Rusdi Tandiarrang", "Kota Palopo", hp("0813-4300-1103"),
            "Sago flour", "1106.20", "350000000", "Arab Saudi", "siap", "BPOM MD",
            area=PALOPO, turnover=350000000, markets=["SA"], status="ready",
            product=("Sago flour", "110620"), certifications=["food_safety"]),
        row(4, "Pinrang Shrimp Crackers", "Suriani", "Kab. Pinrang", hp("0852-4300-1104"),
            "Kerupuk udang", "1905.90", "Rp 480.000.000", "Korea", "Exporting", "",
            warnings=[("Export Destination", "ambiguous_country")],
            area=PINRANG, turnover=480000000, markets=[], status="exporting",
            product=("Kerupuk udang", "190590")),
        row(5, "Enrekang Dangke Cheese", "Muh. Arif", "Kab. Enrekang", hp("0821-4300-1105"),
            "Dangke (keju kerbau)", "0406.10", "Rp 120.000.000", "", "not yet", "SNI",
            area=ENREKANG, turnover=120000000, status="not_yet",
            product=("Dangke (keju kerbau)", "040610"), certifications=["sni"]),
        row(6, "Bulukumba Wooden Crafts", "Daeng Nai", "Kab. Bulukumba", hp("0812-4300-1106"),
            "Wooden tableware", "4419.00", "Rp 260.000.000", "Australia", "exporting", "",
            errors=[("HS Code", "unknown_hs_code")], ok=False),
        row(7, "Selayar Kenari Jaya", "Andi Besse", "Kab. Kepulauan Selayar",
            hp("0813-4300-1107"), "Kacang kenari", "0802.99", "Rp 90.000.000", "", "belum", "",
            area=SELAYAR, turnover=90000000, status="not_yet",
            product=("Kacang kenari", "080299")),
        row(8, "Gowa Markisa Segar", "Hj. Sitti Rahma", "Kab. Gowa", hp("0852-4300-1108"),
            "Sari buah markisa", "2009.89", "USD 85,000", "Malaysia", "belum", "",
            errors=[("Annual Turnover (IDR)", "other_currency")],
            warnings=[("Export Status", "export_status_contradiction")], ok=False),
        row(9, "Takalar Ikan Asin Galesong", "Dg. Kebo", "Kab. Takalar", hp("0813-4300-1109"),
            "Ikan asin", "0305.59", "Rp 150.000.000", "Malaysia", "belum", "",
            warnings=[("Export Status", "export_status_contradiction")],
            area=TAKALAR, turnover=150000000, markets=["MY"], status="not_yet",
            product=("Ikan asin", "030559")),
    ],
)


# --- 12. South Sulawesi: an instructions sheet first, Excel errors -----------------------------

SN_SHEETS = Sheet(
    name="id_sn_petunjuk_multisheet.xlsx",
    office="ID-SN",
    about="The data on the second sheet after a 'Petunjuk' sheet; cells showing Excel errors "
    "(#N/A, #REF!); an invalid e-mail; regencies by their common short names (Pangkep, Sidrap: "
    "no published list holds them, so a warning each) and in full.",
    sheets_before=[
        ("Petunjuk", [
            ["PETUNJUK PENGISIAN"],
            ["1. Isi satu baris untuk setiap UMKM."],
            ["2. Kode HS diisi 6 digit, contoh 0901.21."],
            ["3. Omzet diisi dalam rupiah tanpa titik."],
        ]),
    ],
    sheet_title="Data UMKM",
    columns=[
        Column("No", ROW_NUMBER),
        Column("Nama Usaha", "legal_name", width=28),
        Column("NIB", "registration_id"),
        Column("Kabupaten/Kota", "regency", width=22),
        Column("Produk Utama", "product", width=22),
        Column("Kode HS", "hs_code"),
        Column("Omzet Tahunan", "annual_turnover"),
        Column("Status Ekspor", "export_status"),
        Column("Negara Tujuan", "export_markets"),
        Column("Email", "email", width=26),
    ],
    rows=[
        row(1, "Maros Roti Maros", "9121101010001", "Kab. Maros", "Roti maros", "1905.90",
            320000000, "belum", None, "rotimaros@gmail.com",
            area=MAROS, turnover=320000000, status="not_yet", product=("Roti maros", "190590")),
        row(2, "Pangkep Ikan Bandeng Presto", "9121101010002", "Kab. Pangkep",
            "Bandeng presto", "1604.19", "#N/A", "belum", None, "bandeng.pangkep@yahoo.co.id",
            errors=[("Omzet Tahunan", "excel_error")],
            warnings=[("Kabupaten/Kota", "unknown_area")], ok=False),
        row(3, "Barru Minyak Kelapa", "9121101010003", "Kab. Barru", "Minyak kelapa", "#REF!",
            180000000, "siap ekspor", None, "",
            errors=[("Kode HS", "excel_error")], maybe=[("Kode HS", "hs_code_missing")],
            ok=False),
        row(4, "Soppeng Sutera Alam", "9121101010004", "Kab. Soppeng", "Benang sutera",
            "5004.00", 640000000, "sudah ekspor", "Jepang", "sutera.soppeng@gmail.com",
            area=_kab("ID-SN", "Soppeng"), turnover=640000000, status="exporting",
            markets=["JP"], product=("Benang sutera", "500400")),
        row(5, "Sidrap Beras Organik", "9121101010005", "Sidrap", "Beras organik", "1006.30",
            1100000000, "sudah ekspor", "Malaysia", "beras sidrap @gmail",
            errors=[("Email", "invalid_email")],
            warnings=[("Kabupaten/Kota", "unknown_area")], ok=False),
        row(6, "Pangkep Rumput Laut Lestari", "9121101010006", "Kab. Pangkajene dan Kepulauan",
            "Rumput laut", "1212.21", 560000000, "sudah ekspor", "Tiongkok", "",
            area=PANGKEP, turnover=560000000, status="exporting", markets=["CN"],
            product=("Rumput laut", "121221")),
        row(7, "Sidrap Telur Asin", "9121101010007", "Kab. Sidenreng Rappang", "Telur asin",
            "0408.99", 75000000, "belum", None, "",
            area=SIDRAP, turnover=75000000, status="not_yet", product=("Telur asin", "040899")),
    ],
)


# --- 13. Maluku: nutmeg and cloves with a Total row --------------------------------------------

MA_SPICES = Sheet(
    name="id_ma_pala_cengkeh_total.xlsx",
    office="ID-MA",
    about="Maluku's spice traders: a volume column no field holds, an 8-digit national tariff "
    "code, a 4-digit heading, a regency with one typo, a local abbreviation (SBB), 'Uni "
    "Eropa', 'Timor Leste', a Total row.",
    title=["DAFTAR UMKM KOMODITAS PALA DAN CENGKEH", "PROVINSI MALUKU"],
    columns=[
        Column("No", ROW_NUMBER),
        Column("Nama Usaha", "legal_name", width=28),
        Column("NIB", "registration_id"),
        Column("Kabupaten/Kota", "regency", width=24),
        Column("Komoditas", "product"),
        Column("HS", "hs_code"),
        Column("Volume (ton)", NOT_USED),
        Column("Omzet per Tahun (Rp)", "annual_turnover"),
        Column("Negara Tujuan Ekspor", "export_markets"),
        Column("Sertifikat", "certifications"),
    ],
    rows=[
        row(1, "CV Pala Banda Naira", "9121001007001", "Kab. Maluku Tengah", "Pala biji",
            "0908.11.00", 12, "Rp 2.100.000.000", "Belanda; Jerman", "organik",
            area=MALTENG, turnover=2100000000, markets=["DE", "NL"], status="exporting",
            product=("Pala biji", "090811", "09081100"), certifications=["organic"]),
        row(2, "UD Cengkeh Saparua", None, "Kab. Maluku Tengha", "Cengkeh", "0907.10", 8,
            "Rp 640.000.000", "India", None,
            warnings=[("Kabupaten/Kota", "area_guessed")],
            area=MALTENG, turnover=640000000, markets=["IN"], status="exporting",
            product=("Cengkeh", "090710")),
        row(3, "Koperasi Fuli Ambon", "9121001007003", "Kota Ambon", "Fuli pala", "0908.21", 3,
            "Rp 900.000.000", "Vietnam", None,
            area=AMBON, turnover=900000000, markets=["VN"], status="exporting",
            product=("Fuli pala", "090821")),
        row(4, "Kenari Aru Jaya", None, "Kabupaten Kepulauan Aru", "Kenari", "0802.99", 1,
            "Rp 120.000.000", None, None,
            area=ARU, turnover=120000000, product=("Kenari", "080299")),
        row(5, "SBB Minyak Kayu Putih", "9121001007005", "SBB", "Minyak kayu putih", "3301.29",
            2, "Rp 480.000.000", "Uni Eropa", "halal",
            warnings=[("Negara Tujuan Ekspor", "unknown_country"),
                      ("Kabupaten/Kota", "unknown_area")],
            area=None, subdivision="ID-MA", turnover=480000000, markets=[],
            certifications=["halal"],
            product=("Minyak kayu putih", "330129")),
        row(6, "Cengkeh Buru Makmur", None, "Kab. Buru", "Cengkeh", "0907", 5,
            "Rp 350.000.000", None, None,
            warnings=[("HS", "hs_heading_only")],
            area=BURU, turnover=350000000, product=("Cengkeh", "0907")),
        row(7, "Tual Ikan Asin", "9121001007007", "Kota Tual", "Ikan asin", "0305.59", 4,
            "Rp 200.000.000", "Timor Leste", None,
            area=TUAL, turnover=200000000, markets=["TL"], status="exporting",
            product=("Ikan asin", "030559")),
        total(None, "Total", None, None, None, None, 35, "Rp 4.790.000.000", None, None),
    ],
)


# --- 14. Papua: export products, two regencies now in the new provinces ------------------------

PA_EXPORT = Sheet(
    name="id_pa_papua_produk_ekspor.xlsx",
    office="ID-PA",
    about="Papua after the 2022 division: no NIB column, 'Produk Ekspor', a 10-digit tariff "
    "code, a bare 'Status' column, and Jayawijaya and Merauke, which now lie in Papua "
    "Pegunungan and Papua Selatan.",
    columns=[
        Column("No", ROW_NUMBER),
        Column("Nama Usaha", "legal_name", width=26),
        Column("Kab/Kota", "regency", width=22),
        Column("Produk Ekspor", "product", width=22),
        Column("HS Code", "hs_code", width=16),
        Column("Omzet per Tahun (Rp)", "annual_turnover"),
        Column("Status", ["export_status", NOT_USED]),
        Column("Negara Tujuan", "export_markets"),
    ],
    rows=[
        row(1, "Kopi Baliem Jayapura", "Kota Jayapura", "Kopi arabika", "0901.11.10.00",
            "Rp 650.000.000", "Ekspor", "Jepang",
            area=JAYAPURA_KOTA, turnover=650000000, markets=["JP"], status="exporting",
            product=("Kopi arabika", "090111", "0901111000")),
        row(2, "Sagu Sentani", "Kab. Jayapura", "Tepung sagu", "1106.20", "Rp 180.000.000",
            "Belum", None,
            area=JAYAPURA_KAB, turnover=180000000, status="not_yet",
            product=("Tepung sagu", "110620")),
        row(3, "Biak Ikan Asap", "Kab. Biak Numfor", "Ikan asap", "0305.49", "Rp 240.000.000",
            "Belum", None,
            area=BIAK, turnover=240000000, status="not_yet", product=("Ikan asap", "030549")),
        row(4, "Kerajinan Noken Yapen", "Kab. Kepulauan Yapen", "Noken", "4602.19",
            "Rp 60.000.000", "Belum", None,
            area=YAPEN, turnover=60000000, status="not_yet", product=("Noken", "460219")),
        row(5, "Kakao Keerom", "Kab. Keerom", "Biji kakao", "1801.00", "Rp 420.000.000",
            "Ekspor", "Malaysia",
            area=KEEROM, turnover=420000000, markets=["MY"], status="exporting",
            product=("Biji kakao", "180100")),
        row(6, "Kopi Wamena Asli", "Kab. Jayawijaya", "Kopi arabika", "0901.11",
            "Rp 800.000.000", "Ekspor", "Amerika Serikat",
            errors=[("Kab/Kota", "area_outside_office")], ok=False, outside="ID-PE"),
        row(7, "Beras Merauke Jaya", "Kab. Merauke", "Beras", "1006.30", "Rp 1.200.000.000",
            "Belum", None,
            errors=[("Kab/Kota", "area_outside_office")], ok=False, outside="ID-PS"),
        row(8, "Buah Merah Sarmi", "Kab. Sarmi", "Minyak buah merah", "1515.90",
            "Rp 90.000.000", "Belum", None,
            area=SARMI, turnover=90000000, status="not_yet",
            product=("Minyak buah merah", "151590")),
    ],
)


SHEETS = [KI_CENSUS, KI_BPS, KI_DATES, SN_UNITS, SN_MIXED, SN_SHEETS, MA_SPICES, PA_EXPORT]
