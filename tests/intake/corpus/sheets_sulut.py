"""North Sulawesi's (ID-SA) files: the provincial recap, CSVs in two dialects, files with
and without NIBs, a city's fisheries list, two header rows, a questionnaire, regencies as people
write them."""

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


def _kab(name: str) -> Area:
    return Area("ID-SA", name, "regency")


def _kota(name: str) -> Area:
    return Area("ID-SA", name, "city")


def hp(number: str) -> str:
    return check_phone(number, "ID")


# North Sulawesi (ID-SA)
MINAHASA = _kab("Minahasa")
MINUT = _kab("Minahasa Utara")
MINSEL = _kab("Minahasa Selatan")
MITRA = _kab("Minahasa Tenggara")
BOLMONG = _kab("Bolaang Mongondow")
BOLMUT = _kab("Bolaang Mongondow Utara")
BOLSEL = _kab("Bolaang Mongondow Selatan")
BOLTIM = _kab("Bolaang Mongondow Timur")
SANGIHE = _kab("Kepulauan Sangihe")
TALAUD = _kab("Kepulauan Talaud")
SITARO = _kab("Kep. Siau Tagulandang Biaro")
MANADO = _kota("Manado")
BITUNG = _kota("Bitung")
TOMOHON = _kota("Tomohon")
KOTAMOBAGU = _kota("Kotamobagu")

# --- 1. North Sulawesi: the provincial recap ------------------------------------------------

_NIK_SA = [
    check_nik(n)
    for n in (
        "7102014507850003", "7102031203790001", "7102052008820002", "7172011505800004",
        "7172022311880005", "7171034406900006", "7371010101850007", "7173016502950008",
    )
]  # fmt: skip

SA_RECAP = Sheet(
    name="id_sa_rekap_kabkota_2025.xlsx",
    office="ID-SA",
    about="North Sulawesi's provincial recap: a title block, Kab/Kota merged down over the "
    "rows of one regency, an NIK column, NIBs for some rows, HS codes of 6, 8 and 4 digits and "
    "an unknown one, amounts as offices type them, a row from Makassar, a JUMLAH row.",
    title=[
        "REKAPITULASI DATA UMKM BERORIENTASI EKSPOR",
        "DINAS KOPERASI DAN UKM PROVINSI SULAWESI UTARA",
        "Keadaan s.d. 31 Desember 2025",
    ],
    columns=[
        Column("No", ROW_NUMBER, width=5),
        Column("Kab/Kota", "regency", width=22),
        Column("Nama Usaha", "legal_name", width=30),
        Column("Nama Pemilik", "contact_person", width=22),
        Column("NIK", IDENTITY, width=20),
        Column("NIB", "registration_id", width=16),
        Column("Alamat", "address", width=30),
        Column("No. HP", "phone"),
        Column("Produk Unggulan", "product", width=26),
        Column("Kode HS", "hs_code", width=12),
        Column("Omzet per Tahun (Rp)", "annual_turnover", width=18),
        Column("Tgl Berdiri", "year_established", width=14),
        Column("Negara Tujuan Ekspor", "export_markets", width=22),
        Column("Keterangan", ["description", NOT_USED], width=20),
    ],
    merged=[("Kab/Kota", 0, 2), ("Kab/Kota", 3, 4)],
    identity_numbers=_NIK_SA,
    rows=[
        row(1, "KAB. MINAHASA", "UD Kakao Tondano Lestari", "Ibu Meiske Rumengan", _NIK_SA[0],
            "9120301456781", "Jl. Raya Tondano No. 12, Tondano", hp("0812-4410-2231"),
            "Biji kakao fermentasi", "1801.00", "Rp 1.250.000.000", "12/03/2019",
            "Belanda; Malaysia", "Binaan Dinas 2024",
            area=MINAHASA, turnover=1250000000, markets=["NL", "MY"],
            product=("Biji kakao fermentasi", "180100"), status="exporting", year=2019,
            reg="9120301456781"),
        row(2, "KAB. MINAHASA", "CV Cengkeh Kakas", "Johny Pangemanan", _NIK_SA[1], None,
            "Desa Kakas Pasar, Kec. Kakas", hp("0813-5621-7788"), "Cengkeh kering", "0907.10",
            "850 jt", "12 Maret 2019", "Tiongkok", None,
            area=MINAHASA, turnover=850000000, markets=["CN"],
            product=("Cengkeh kering", "090710"), status="exporting", year=2019),
        row(3, "KAB. MINAHASA", "Kopi Bubuk Kawangkoan", "Frangky Lumowa", _NIK_SA[2],
            "9120301456783", "Kel. Kinali, Kawangkoan", hp("0852-9870-1122"),
            "Kopi bubuk robusta", "09.01.21.20", "Rp 480.000.000", "2016", None, None,
            area=MINAHASA, turnover=480000000,
            product=("Kopi bubuk robusta", "090121", "09012120"), status="not_yet", year=2016),
        row(4, "KOTA BITUNG", "PT Samudera Cakalang Bitung", "Hendra Tumbelaka", _NIK_SA[3],
            "9120301456784", "Jl. Yos Sudarso, Madidir", hp("0811-4320-998"), "Cakalang asap",
            "1604.14", "Rp 4.750.000.000", "05/08/2011", "Jepang; Korea Selatan", None,
            area=BITUNG, turnover=4750000000, markets=["JP", "KR"],
            product=("Cakalang asap", "160414"), status="exporting", year=2011),
        row(5, "KOTA BITUNG", "UD Kelapa Lembeh", "Stevie Lengkong", _NIK_SA[4], None,
            "Pulau Lembeh Selatan", hp("0821-9334-5678"), "Minyak kelapa murni (VCO)",
            "1513.19", "1,5 M", "2020", "Korea", None,
            warnings=[("Negara Tujuan Ekspor", "ambiguous_country")],
            area=BITUNG, turnover=1500000000, markets=[],
            product=("Minyak kelapa murni (VCO)", "151319"), year=2020),
        row(6, "KOTA MANADO", "Manado Rica Roa Snack", "Grace Sumampouw", _NIK_SA[5],
            "9120301456786", "Jl. Sam Ratulangi 45, Wanea", hp("0812-4455-6677"),
            "Sambal roa botolan", "2103.90", "Rp 360.000.000", "1 Juni 2018", "Singapura", None,
            area=MANADO, turnover=360000000, markets=["SG"],
            product=("Sambal roa botolan", "210390"), status="exporting", year=2018),
        row(7, "KOTA MAKASSAR", "UD Rumput Laut Takalar", "Andi Baso", _NIK_SA[6],
            "9120301456787", "Jl. Perintis Kemerdekaan", hp("0812-4200-3300"),
            "Rumput laut kering", "1212.21", "Rp 900.000.000", "2017", "Tiongkok", None,
            errors=[("Kab/Kota", "area_outside_office")], ok=False, outside="ID-SN"),
        row(8, "KAB. MINAHASA UTARA", "UD Pala Likupang", "Yohanis Mamesah", None, None,
            "Likupang Timur", hp("0813-4000-1212"), "Pala biji", "0908", "Rp 275.000.000",
            "2021", None, None,
            warnings=[("Kode HS", "hs_heading_only")],
            area=MINUT, turnover=275000000, product=("Pala biji", "0908"), year=2021),
        row(9, "KOTA TOMOHON", "Tomohon Flower Craft", "Rinny Kalalo", _NIK_SA[7],
            "9120301456789", "Kakaskasen, Tomohon Utara", hp("0852-4100-7788"),
            "Bunga potong krisan", "999999", "Rp 150.000.000", "2019", None, None,
            errors=[("Kode HS", "unknown_hs_code")], ok=False),
        row(10, "KAB. KEPULAUAN SANGIHE", "Sangihe Pala Sejahtera", "Nofri Makahanap", None,
            "9120301456790", "Tahuna", hp("0812-4300-5566"), "Fuli pala", "0908.21",
            "satu juta", "2015", "Amerika Serikat", None,
            errors=[("Omzet per Tahun (Rp)", "amount_in_words")], ok=False),
        total(None, "JUMLAH", None, None, None, None, None, None, None, None,
              "Rp 11.315.000.000", None, None, None),
    ],
)


# --- 2. North Sulawesi: ';' CSV saved by Excel in cp1252 ------------------------------------

SA_SEMICOLON = Sheet(
    name="id_sa_umkm_ekspor_titikkoma_cp1252.csv",
    office="ID-SA",
    about="A ';'-separated CSV in cp1252 with a title line: regencies written as Kab. / "
    "upper case / without prefix / an official abbreviation, amounts as Rp 150.000.000, 150 jt, "
    "1,5 M and in words, countries in Indonesian (Jepang; Korea Selatan, Tiongkok, Korea), a "
    "row from East Kalimantan.",
    title=["DATA UMKM BINAAN \u2013 DINAS KOPERASI DAN UKM SULAWESI UTARA 2025"],
    delimiter=";",
    encoding="cp1252",
    columns=[
        Column("No", ROW_NUMBER),
        Column("Nama Usaha", "legal_name"),
        Column("NIB", "registration_id"),
        Column("Kabupaten/Kota", "regency"),
        Column("Telp/HP", "phone"),
        Column("Produk", "product"),
        Column("HS Code", "hs_code"),
        Column("Omzet/Tahun", "annual_turnover"),
        Column("Status Ekspor", "export_status"),
        Column("Negara Tujuan Ekspor", "export_markets"),
        Column("Sertifikasi", "certifications"),
    ],
    rows=[
        row(1, "Kopi Café Tondano", "9120401001001", "Kab. Minahasa", hp("0812 4410 9001"),
            "Kopi sangrai", "0901.21", "Rp 150.000.000", "sudah ekspor", "Jepang; Korea Selatan",
            "",
            area=MINAHASA, turnover=150000000, markets=["JP", "KR"], status="exporting",
            product=("Kopi sangrai", "090121")),
        row(2, "UD Kelapa Minut", "9120401001002", "MINAHASA UTARA", hp("0813 5621 9002"),
            "Kopra", "1203.00", "150 jt", "siap ekspor", "", "PIRT",
            area=MINUT, turnover=150000000, status="ready", product=("Kopra", "120300"),
            certifications=["food_safety"]),
        row(3, "Bolmong Gula Aren", "9120401001003", "Kab Bolaang Mongondow",
            hp("0852 9870 9003"), "Gula aren cetak", "1702.90", "1,5 M", "belum", "", "halal",
            area=BOLMONG, turnover=1500000000, status="not_yet",
            product=("Gula aren cetak", "170290"), certifications=["halal"]),
        row(4, "Toko Oleh-oleh Tinutuan", "9120401001004", "Kota Manado", hp("0812 4455 9004"),
            "Abon ikan", "1604.20", "satu juta", "sudah ekspor", "Tiongkok", "",
            errors=[("Omzet/Tahun", "amount_in_words")], ok=False),
        row(5, "Nike Kering Kotamobagu", "9120401001005", "Kota Kotamobagu",
            hp("0813 4000 9005"), "Ikan nike kering", "0305.59", "Rp 95.000.000", "ya", "Korea",
            "",
            warnings=[("Negara Tujuan Ekspor", "ambiguous_country")],
            area=KOTAMOBAGU, turnover=95000000, status="exporting", markets=[],
            product=("Ikan nike kering", "030559")),
        row(6, "Amplang Samarinda Cabang Manado", "9120401001006",
            "Kabupaten Kutai Kartanegara", hp("0852 4100 9006"), "Amplang", "1905.90",
            "Rp 300.000.000", "belum", "", "",
            errors=[("Kabupaten/Kota", "area_outside_office")], ok=False, outside="ID-KI"),
        row(7, "Sitaro Pala Organik", "9120401001007", "Sitaro", hp("0812 4300 9007"), "Pala",
            "0908.11", "Rp 420.000.000", "sudah", "Belanda, Jerman", "organik",
            warnings=[("Kabupaten/Kota", "unknown_area")],
            area=None, subdivision="ID-SA", turnover=420000000, status="exporting",
            markets=["DE", "NL"],
            product=("Pala", "090811"), certifications=["organic"]),
        row(8, "Talaud Kopra Putih", "9120401001008", "Kab. Kep. Talaud", hp("0813 5621 9008"),
            "Kopra putih", "1203.00", "Rp 210.000.000", "", "Eropa", "",
            warnings=[("Negara Tujuan Ekspor", "unknown_country")],
            area=TALAUD, turnover=210000000, markets=[], product=("Kopra putih", "120300")),
    ],
)


# --- 3. North Sulawesi: micro enterprises without any NIB ------------------------------------

SA_NO_NIB = Sheet(
    name="id_sa_tanpa_nib.csv",
    office="ID-SA",
    about="Micro enterprises without registration numbers (no NIB column at all); the same "
    "enterprise twice (CV. Maju Jaya / CV Maju Jaya, same place and phone); products without "
    "HS codes. Importing it again must create nothing.",
    columns=[
        Column("No", ROW_NUMBER),
        Column("Nama Usaha", "legal_name"),
        Column("Nama Pemilik", "contact_person"),
        Column("Kecamatan", ["district", NOT_USED]),
        Column("Kab/Kota", "regency"),
        Column("No HP", "phone"),
        Column("Jenis Produk", "product"),
        Column("Omzet per Tahun (Rp)", "annual_turnover"),
        Column("Tahun Berdiri", "year_established"),
    ],
    rows=[
        row(1, "CV. Maju Jaya", "Welly Tangkudung", "Tondano Barat", "Kab. Minahasa",
            hp("0812-4410-5001"), "Kue kering kenari", "120000000", "2018",
            warnings=[("Jenis Produk", "hs_code_missing")],
            area=MINAHASA, turnover=120000000, year=2018, product=("Kue kering kenari",)),
        row(2, "UD Sinar Pagi", "Marlina Worang", "Airmadidi", "Minahasa Utara",
            hp("0813-5621-5002"), "Keripik pisang goroho", "85000000", "2020",
            warnings=[("Jenis Produk", "hs_code_missing")],
            area=MINUT, turnover=85000000, year=2020, product=("Keripik pisang goroho",)),
        row(3, "Warung Tinutuan Oma", "Oma Lien Sondakh", "Wenang", "Kota Manado",
            hp("0852-9870-5003"), "Bubur tinutuan beku", "60.000.000", "2015",
            warnings=[("Jenis Produk", "hs_code_missing")],
            area=MANADO, turnover=60000000, year=2015, product=("Bubur tinutuan beku",)),
        row(4, "Kerajinan Bambu Tomohon", "Arnold Wenas", "Tomohon Selatan", "KOTA TOMOHON",
            hp("0821-9334-5004"), "Anyaman bambu", "45000000", "2012",
            warnings=[("Jenis Produk", "hs_code_missing")],
            area=TOMOHON, turnover=45000000, year=2012, product=("Anyaman bambu",)),
        row(5, "CV Maju Jaya", "Welly Tangkudung", "Tondano Barat", "Kab. Minahasa",
            hp("0812-4410-5001"), "Kue kering kenari", "120000000", "2018",
            errors=[("Nama Usaha", "duplicate_in_file")],
            warnings=[("Jenis Produk", "hs_code_missing")], ok=False),
        row(6, "Gula Semut Bolmut", "Rahmat Pontoh", "Kaidipang",
            "Kab. Bolaang Mongondow Utara", hp("0812-4455-5006"), "Gula semut aren",
            "70000000", "2019",
            warnings=[("Jenis Produk", "hs_code_missing")],
            area=BOLMUT, turnover=70000000, year=2019, product=("Gula semut aren",)),
        row(7, "Ikan Asap Belang", "Deisy Mandagi", "Belang", "Kab. Minahasa Tenggara",
            hp("0813-4000-5007"), "Ikan cakalang fufu", "110.000.000", "2016",
            warnings=[("Jenis Produk", "hs_code_missing")],
            area=MITRA, turnover=110000000, year=2016, product=("Ikan cakalang fufu",)),
    ],
)


# --- 4. North Sulawesi: NIBs for some rows only -------------------------------------------

_NIK_IN_NIB = check_nik("7171046808920011")

SA_SOME_NIB = Sheet(
    name="id_sa_nib_sebagian.xlsx",
    office="ID-SA",
    about="NIBs for only some rows: empty, '-', one of 12 digits, a business's NPWP typed "
    "instead, and an owner's NIK typed into the NIB column (refused, and never stored).",
    sheet_title="UMKM Sulut",
    columns=[
        Column("No.", ROW_NUMBER),
        Column("Nama UMKM", "legal_name", width=28),
        Column("NIB", "registration_id"),
        Column("Alamat", "address", width=24),
        Column("Kab./Kota", "regency", width=24),
        Column("HP/WA", ["phone", "whatsapp"]),
        Column("Produk Unggulan", "product", width=22),
        Column("Kode HS", "hs_code"),
        Column("Omzet per Tahun (Rp)", "annual_turnover"),
        Column("Jumlah Tenaga Kerja", "employees"),
        Column("Status Ekspor", "export_status"),
    ],
    identity_numbers=[_NIK_IN_NIB],
    rows=[
        row(1, "Mitra Kakao Ratahan", "9120501002001", "Ratahan", "Kab. Minahasa Tenggara",
            hp("0812-4410-6001"), "Bubuk kakao", "1805.00", 650000000, 8, "sudah ekspor",
            area=MITRA, turnover=650000000, employees=8, status="exporting",
            product=("Bubuk kakao", "180500"), reg="9120501002001"),
        row(2, "UD Sagu Sangihe", None, "Tahuna", "Kab. Kepulauan Sangihe",
            hp("0813-5621-6002"), "Tepung sagu", "1106.20", 240000000, 5, "belum",
            area=SANGIHE, turnover=240000000, employees=5, status="not_yet",
            product=("Tepung sagu", "110620")),
        row(3, "Kopi Lereng Lokon", "912050100200", "Kakaskasen", "Kota Tomohon",
            hp("0852-9870-6003"), "Kopi arabika", "0901.11", 380000000, 4, "siap ekspor",
            errors=[("NIB", "invalid_length")], ok=False),
        row(4, "Souvenir Bunaken", _NIK_IN_NIB, "Bunaken", "Kota Manado", hp("0821-9334-6004"),
            "Gantungan kunci kerang", "9601.90", 90000000, 3, "belum",
            errors=[("NIB", "personal_id")], ok=False),
        row(5, "CV Bitung Fresh Tuna", "9120501002005", "Madidir", "Kota Bitung",
            hp("0812-4455-6005"), "Tuna beku", "0303.42", "Rp 3.200.000.000", 22, "sudah",
            area=BITUNG, turnover=3200000000, employees=22, status="exporting",
            product=("Tuna beku", "030342"), reg="9120501002005"),
        row(6, "Aren Sehat Minsel", None, "Amurang", "Kab. Minahasa Selatan",
            hp("0813-4000-6006"), "Gula aren cair", "1702.90", 130000000, 4, "belum",
            area=MINSEL, turnover=130000000, employees=4, status="not_yet",
            product=("Gula aren cair", "170290")),
        row(7, "UD Pangan Lokal Bolsel", "31.456.789.2-821.000", "Molibagu",
            "Kab. Bolaang Mongondow Selatan", hp("0852-4100-6007"), "Keripik ubi", "2008.99",
            60000000, 2, "belum",
            area=BOLSEL, turnover=60000000, status="not_yet", reg="0314567892821000",
            product=("Keripik ubi", "200899")),
        row(8, "UD Ikan Roa Bolmut", "-", "Boroko", "Kab. Bolaang Mongondow Utara",
            hp("0812-4300-6008"), "Ikan roa asap", "0305.49", 75000000, 3, "belum",
            area=BOLMUT, turnover=75000000, status="not_yet",
            product=("Ikan roa asap", "030549")),
    ],
)


# --- 5. Bitung: fisheries with sub-totals per kecamatan -------------------------------------

SA_BITUNG = Sheet(
    name="id_sa_bitung_perikanan_subtotal.xlsx",
    office="ID-SA",
    about="A city's fisheries list grouped by kecamatan with 'Jumlah Kec. …' and 'Sub Total' "
    "rows and a TOTAL; turnover in millions (Omzet (Rp juta)); a capacity column no field "
    "holds; 'AS' for the United States.",
    title=[
        "DATA UMKM PENGOLAHAN HASIL PERIKANAN KOTA BITUNG",
        "Sumber: Dinas Perikanan Kota Bitung, diolah",
    ],
    columns=[
        Column("No", ROW_NUMBER),
        Column("Kecamatan", ["district", NOT_USED]),
        Column("Kab/Kota", "regency"),
        Column("Nama Usaha", "legal_name", width=30),
        Column("NIB", "registration_id"),
        Column("No. Telp", "phone"),
        Column("Komoditas", "product", width=20),
        Column("Kode HS", "hs_code"),
        Column("Kapasitas Produksi (kg/bulan)", NOT_USED),
        Column("Omzet (Rp juta)", "annual_turnover"),
        Column("Negara Tujuan Ekspor", "export_markets"),
    ],
    rows=[
        row(1, "Madidir", "Bitung", "UD Cakalang Fufu Madidir", "9120601003001",
            hp("0438-21234"), "Cakalang fufu", "1604.14", 2000, 960, "Jepang",
            area=BITUNG, turnover=960000000, markets=["JP"], status="exporting",
            product=("Cakalang fufu", "160414")),
        row(2, "Madidir", "Bitung", "CV Abon Tuna Bitung", "9120601003002",
            hp("0812-4410-7002"), "Abon tuna", "1604.14", 500, 420.5, "-",
            area=BITUNG, turnover=420500000, markets=[], product=("Abon tuna", "160414")),
        total(None, "Jumlah Kec. Madidir", None, None, None, None, None, None, 2500, 1380.5,
              None),
        row(3, "Girian", "Bitung", "UD Ikan Kering Girian", None, hp("0813-5621-7003"),
            "Ikan asin kering", "0305.59", 800, 150, None,
            area=BITUNG, turnover=150000000, product=("Ikan asin kering", "030559")),
        row(4, "Girian", "Bitung", "Kerupuk Ikan Ibu Nona", None, hp("0852-9870-7004"),
            "Kerupuk ikan", "1905.90", 300, 75, "Malaysia",
            area=BITUNG, turnover=75000000, markets=["MY"], status="exporting",
            product=("Kerupuk ikan", "190590")),
        total(None, "Sub Total", None, None, None, None, None, None, 1100, 225, None),
        row(5, "Lembeh Utara", "Bitung", "PT Lembeh Seafood Mandiri", "9120601003005",
            hp("0821-9334-7005"), "Udang beku", "0306.17", 12000, 7500,
            "Amerika Serikat; Jepang",
            area=BITUNG, turnover=7500000000, markets=["JP", "US"], status="exporting",
            product=("Udang beku", "030617")),
        row(6, "Aertembaga", "Bitung", "UD Tuna Loin Aertembaga", "9120601003006",
            hp("0812-4455-7006"), "Tuna loin beku", "0304.87", 6000, 3250, "AS",
            area=BITUNG, turnover=3250000000, markets=["US"], status="exporting",
            product=("Tuna loin beku", "030487")),
        total("TOTAL", None, None, None, None, None, None, None, 21600, 12355.5, None),
    ],
)


# --- 6. North Sulawesi: two header rows ------------------------------------------------------

_NIK_TWO = [check_nik(n) for n in ("7174014401870012", "7110025210910013", "7105031708840014")]

SA_TWO_ROWS = Sheet(
    name="id_sa_dua_baris_header.xlsx",
    office="ID-SA",
    about="Two header rows: groups (IDENTITAS USAHA, LOKASI, PEMILIK, PRODUK) above the "
    "columns, 'No' and the turnover spanning both rows; the owner's 'Nama' and 'NIK' under "
    "PEMILIK.",
    title=["FORMULIR PENDATAAN UMKM EKSPOR SULAWESI UTARA"],
    columns=[
        Column("No", ROW_NUMBER, tall=True),
        Column("Nama Usaha", "legal_name", group="IDENTITAS USAHA", width=28),
        Column("NIB", "registration_id", group="IDENTITAS USAHA"),
        Column("Kab/Kota", "regency", group="LOKASI", width=24),
        Column("Alamat", "address", group="LOKASI", width=24),
        Column("Nama", "contact_person", group="PEMILIK", width=20),
        Column("NIK", IDENTITY, group="PEMILIK", width=20),
        Column("No. HP", "phone", group="PEMILIK"),
        Column("Nama Produk", "product", group="PRODUK", width=20),
        Column("Kode HS", "hs_code", group="PRODUK"),
        Column("Omzet per Tahun (Rp)", "annual_turnover", tall=True),
        Column("Negara Tujuan Ekspor", "export_markets", tall=True, width=24),
    ],
    identity_numbers=_NIK_TWO,
    rows=[
        row(1, "UD Kopi Kotamobagu", "9120701008001", "Kota Kotamobagu", "Jl. Adampe Dolot",
            "Sofyan Mokoginta", _NIK_TWO[0], hp("0812-4410-8001"), "Kopi robusta sangrai",
            "0901.21", "Rp 540.000.000", "Korea Selatan, Tiongkok, Eropa",
            warnings=[("Negara Tujuan Ekspor", "unknown_country")],
            area=KOTAMOBAGU, turnover=540000000, markets=["CN", "KR"], status="exporting",
            product=("Kopi robusta sangrai", "090121")),
        row(2, "Boltim Kelapa Terpadu", None, "Kab. Bolaang Mongondow Timur", "Tutuyan",
            "Hasna Damopolii", _NIK_TWO[1], hp("0813-5621-8002"), "Santan kelapa", "2106.90",
            "Rp 210.000.000", None,
            area=BOLTIM, turnover=210000000, product=("Santan kelapa", "210690")),
        row(3, "Minsel Cengkeh Jaya", "9120701008003", "Kab. Minahasa Selatan", "Amurang",
            "Jefry Rumondor", _NIK_TWO[2], hp("0852-9870-8003"), "Cengkeh", "0907.10",
            "1,2 M", "India",
            area=MINSEL, turnover=1200000000, markets=["IN"], status="exporting",
            product=("Cengkeh", "090710")),
        row(4, "Talaud Pala Mandiri", "9120701008004", "Kab. Kepulauan Talaud", "Melonguane",
            "Ester Lalamentik", None, hp("0821-9334-8004"), "Pala kering", "0908.11",
            "Rp 330.000.000", "Belanda",
            area=TALAUD, turnover=330000000, markets=["NL"], status="exporting",
            product=("Pala kering", "090811")),
        row(5, "Manado Bakery Klapertart", None, "Kota Manado", "Jl. Piere Tendean",
            "Vonny Tambuwun", None, hp("0812-4455-8005"), "Klapertart beku", "1905.90",
            "Rp 720.000.000", None,
            area=MANADO, turnover=720000000, product=("Klapertart beku", "190590")),
        row(6, "Bolsel Gula Aren", "9120701008006", "Kab. Bolaang Mongondow Selatan",
            "Bolaang Uki", "Ramli Mokodompit", None, hp("0813-4000-8006"), "Gula aren",
            "1702.90", "95 jt", None,
            area=BOLSEL, turnover=95000000, product=("Gula aren", "170290")),
    ],
)


# --- 15. North Sulawesi: a wide questionnaire ----------------------------------------------------

_NIK_WIDE = [check_nik(n) for n in ("7105014112860017", "7108022502930018", "7111035009810019")]

SA_WIDE = Sheet(
    name="id_sa_kuesioner_lebar.xlsx",
    office="ID-SA",
    about="A field questionnaire: survey date, enumerator, sex, village, coordinates, photo, "
    "verification note and initials beside the enterprise's data; WhatsApp and e-mail; "
    "certifications, 'belum ada' for none.",
    sheet_title="Kuesioner",
    columns=[
        Column("No", ROW_NUMBER),
        Column("Tanggal Pendataan", NOT_USED),
        Column("Petugas Pendata", NOT_USED),
        Column("Nama Usaha", "legal_name", width=26),
        Column("Nama Pemilik", "contact_person"),
        Column("NIK Pemilik", IDENTITY, width=20),
        Column("Jenis Kelamin", NOT_USED),
        Column("Kab/Kota", "regency"),
        Column("Kecamatan", ["district", NOT_USED]),
        Column("Kelurahan/Desa", [NOT_USED, "district"]),
        Column("Alamat", "address"),
        Column("Latitude", ["latitude", NOT_USED]),
        Column("Longitude", ["longitude", NOT_USED]),
        Column("No. WA", "whatsapp"),
        Column("Email", "email"),
        Column("Jenis Produk", "product"),
        Column("Kode HS", "hs_code"),
        Column("Kapasitas Produksi (kg/bulan)", NOT_USED),
        Column("Omzet per Tahun (Rp)", "annual_turnover"),
        Column("Aset (Rp)", "assets"),
        Column("Tenaga Kerja", "employees"),
        Column("Sertifikasi", "certifications"),
        Column("Status Ekspor", "export_status"),
        Column("Negara Tujuan Ekspor", "export_markets"),
        Column("Foto Usaha", NOT_USED),
        Column("Catatan Verifikasi", [NOT_USED, "description"]),
        Column("Paraf", NOT_USED),
    ],
    identity_numbers=_NIK_WIDE,
    date_cells=True,
    rows=[
        row(1, dt.date(2025, 9, 3), "Rio Sumual", "Amurang Coconut Crafts", "Femmy Kaunang",
            _NIK_WIDE[0], "P", "Kab. Minahasa Selatan", "Amurang", "Bitung Amurang",
            "Jaga III", "1.1850", "124.5870", hp("0812-4410-9101"), "femmy.kaunang@gmail.com",
            "Kerajinan batok kelapa", "4602.19", 150, "Rp 96.000.000", "Rp 30.000.000", 4,
            "belum ada", "belum", None, "foto_001.jpg", "Terverifikasi", "RS",
            area=MINSEL, turnover=96000000, assets=30000000, employees=4, status="not_yet",
            certifications=[], product=("Kerajinan batok kelapa", "460219")),
        row(2, dt.date(2025, 9, 3), "Rio Sumual", "Sitaro Sagu Baruk", "Yakob Tamarol",
            _NIK_WIDE[1], "L", "Kab. Kepulauan Siau Tagulandang Biaro", "Siau Barat",
            "Ondong", "Lingkungan I", "2.7320", "125.3810", hp("0813-5621-9102"), "",
            "Tepung sagu baruk", "1106.20", 400, "Rp 144.000.000", "Rp 50.000.000", 5,
            "PIRT", "siap ekspor", None, "foto_002.jpg", "", "RS",
            area=SITARO, turnover=144000000, assets=50000000, employees=5, status="ready",
            certifications=["food_safety"], product=("Tepung sagu baruk", "110620")),
        row(3, dt.date(2025, 9, 4), "Meity Lumingkewas", "Boltim Kopi Modayag",
            "Arifin Mamonto", _NIK_WIDE[2], "L", "Kab. Bolaang Mongondow Timur", "Modayag",
            "Purworejo", "Desa Purworejo", "0.7380", "124.5500", hp("0852-9870-9103"),
            "kopi.modayag@gmail.com", "Kopi bubuk", "0901.21", 600, "Rp 720.000.000",
            "Rp 250.000.000", 9, "Halal; BPOM", "sudah ekspor", "Malaysia; Brunei Darussalam",
            "foto_003.jpg", "Perlu cek NIB", "ML",
            area=BOLTIM, turnover=720000000, assets=250000000, employees=9,
            status="exporting", markets=["BN", "MY"], certifications=["food_safety", "halal"],
            product=("Kopi bubuk", "090121")),
        row(4, dt.date(2025, 9, 5), "Meity Lumingkewas", "Tomohon Dodol Nasi Jaha",
            "Olvie Rengkung", None, "P", "Kota Tomohon", "Tomohon Tengah", "Talete",
            "Jl. Raya Tomohon", "1.3240", "124.8380", hp("0821-9334-9104"), "", "Nasi jaha beku",
            "1904.90", 80, "Rp 54.000.000", "", 2, "-", "belum", None, "", "", "ML",
            area=TOMOHON, turnover=54000000, employees=2, status="not_yet",
            product=("Nasi jaha beku", "190490")),
    ],
)


# --- 16. North Sulawesi: how regencies are really written ------------------------------------

SA_NAMES = Sheet(
    name="id_sa_minahasa_singkatan.csv",
    office="ID-SA",
    about="Regencies as people write them: lower case, a typo (Kota Tomohn: read, with a "
    "warning), a kecamatan instead of a regency, and local abbreviations (Minut, Bolmong, "
    "Minsel, Mitra, Bolmut) that no published list holds: unresolved, a warning each, the row "
    "keeps the province; countries as RRT, Hong Kong, Filipina, Arab Saudi, Uni Emirat Arab; "
    "products without HS codes.",
    columns=[
        Column("Nama Usaha", "legal_name"),
        Column("NIB", "registration_id"),
        Column("Kab/Kota", "regency"),
        Column("Produk", "product"),
        Column("Omzet", "annual_turnover"),
        Column("Negara Tujuan Ekspor", "export_markets"),
    ],
    rows=[
        row("Minut Kelapa Parut Kering", "9121201011001", "Minut", "Kelapa parut kering",
            "Rp 640.000.000", "RRT",
            warnings=[("Produk", "hs_code_missing"), ("Kab/Kota", "unknown_area")],
            area=None, subdivision="ID-SA", turnover=640000000, markets=["CN"], status="exporting",
            product=("Kelapa parut kering",)),
        row("Bolmong Beras Dumoga", "9121201011002", "Bolmong", "Beras", "Rp 1.100.000.000",
            "",
            warnings=[("Produk", "hs_code_missing"), ("Kab/Kota", "unknown_area")],
            area=None, subdivision="ID-SA", turnover=1100000000, product=("Beras",)),
        row("Minsel Cap Tikus Olahan", "9121201011003", "Minsel", "Gula merah",
            "Rp 90.000.000", "Filipina",
            warnings=[("Produk", "hs_code_missing"), ("Kab/Kota", "unknown_area")],
            area=None, subdivision="ID-SA", turnover=90000000, markets=["PH"], status="exporting",
            product=("Gula merah",)),
        row("Mitra Kopi Ratahan", "9121201011004", "Mitra", "Kopi robusta", "Rp 210.000.000",
            "Hong Kong",
            warnings=[("Produk", "hs_code_missing"), ("Kab/Kota", "unknown_area")],
            area=None, subdivision="ID-SA", turnover=210000000, markets=["HK"], status="exporting",
            product=("Kopi robusta",)),
        row("Bolmut Ikan Roa", "9121201011005", "Bolmut", "Ikan roa asap", "Rp 130.000.000",
            "Arab Saudi; Uni Emirat Arab",
            warnings=[("Produk", "hs_code_missing"), ("Kab/Kota", "unknown_area")],
            area=None, subdivision="ID-SA", turnover=130000000, markets=["AE", "SA"],
            status="exporting",
            product=("Ikan roa asap",)),
        row("Tomohon Sayur Organik", "9121201011006", "Kota Tomohn", "Sayur organik",
            "Rp 75.000.000", "",
            warnings=[("Produk", "hs_code_missing"), ("Kab/Kota", "area_guessed")],
            area=TOMOHON, turnover=75000000, product=("Sayur organik",)),
        row("Minahasa Kacang Tore", "9121201011007", "MINAHASA", "Kacang tore",
            "Rp 55.000.000", "",
            warnings=[("Produk", "hs_code_missing")],
            area=MINAHASA, turnover=55000000, product=("Kacang tore",)),
        row("Tondano Ikan Mujair Asap", "9121201011008", "Kec. Tondano Barat",
            "Ikan mujair asap", "Rp 48.000.000", "",
            warnings=[("Produk", "hs_code_missing"), ("Kab/Kota", "unknown_area")],
            area=None, subdivision="ID-SA", turnover=48000000, product=("Ikan mujair asap",)),
        row("Kotamobagu Kue Bagea", "9121201011009", "kotamobagu", "Kue bagea",
            "Rp 66.000.000", "",
            warnings=[("Produk", "hs_code_missing")],
            area=KOTAMOBAGU, turnover=66000000, product=("Kue bagea",)),
    ],
)


SHEETS = [SA_RECAP, SA_SEMICOLON, SA_NO_NIB, SA_SOME_NIB, SA_BITUNG, SA_TWO_ROWS, SA_WIDE, SA_NAMES]
