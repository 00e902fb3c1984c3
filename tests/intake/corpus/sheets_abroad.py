"""Malaysian (Sabah), Philippine (Palawan, Davao Region, Northern Mindanao) and Brunei offices'
files."""

from __future__ import annotations

from build import (
    IDENTITY,
    NOT_USED,
    ROW_NUMBER,
    Area,
    Column,
    Sheet,
    check_nric,
    check_phone,
    row,
    total,
)


def tel_my(number: str) -> str:
    return check_phone(number, "MY")


def tel_ph(number: str) -> str:
    return check_phone(number, "PH")


def tel_bn(number: str) -> str:
    return check_phone(number, "BN")


def _district(subdivision: str, name: str) -> Area:
    return Area(subdivision, name, "district")


def _city(subdivision: str, name: str) -> Area:
    return Area(subdivision, name, "city")


def _municipality(subdivision: str, name: str) -> Area:
    return Area(subdivision, name, "municipality")


# Sabah's districts (MY-12)
KOTA_KINABALU = _district("MY-12", "Kota Kinabalu")
SANDAKAN = _district("MY-12", "Sandakan")
TAWAU = _district("MY-12", "Tawau")
SEMPORNA = _district("MY-12", "Semporna")
TENOM = _district("MY-12", "Tenom")
RANAU = _district("MY-12", "Ranau")
KOTA_BELUD = _district("MY-12", "Kota Belud")
LAHAD_DATU = _district("MY-12", "Lahad Datu")
TUARAN = _district("MY-12", "Tuaran")
KUDAT = _district("MY-12", "Kudat")
KENINGAU = _district("MY-12", "Keningau")
PENAMPANG = _district("MY-12", "Penampang")
# Palawan (PH-PLW)
PUERTO_PRINCESA = _city("PH-PLW", "Puerto Princesa")
CORON = _municipality("PH-PLW", "Coron")
EL_NIDO = _municipality("PH-PLW", "El Nido")
BROOKES_POINT = _municipality("PH-PLW", "Brooke's Point")
ROXAS_PLW = _municipality("PH-PLW", "Roxas")
TAYTAY_PLW = _municipality("PH-PLW", "Taytay")
NARRA = _municipality("PH-PLW", "Narra")
# Davao Region (PH-11)
DAVAO_CITY = _city("PH-DAS", "Davao")
DIGOS = _city("PH-DAS", "Digos")
SANTA_CRUZ_DAS = _municipality("PH-DAS", "Santa Cruz")
TAGUM = _city("PH-DAV", "Tagum")
SAMAL = _city("PH-DAV", "Island Garden City of Samal")
MATI = _city("PH-DAO", "Mati")
NABUNTURAN = _municipality("PH-COM", "Nabunturan")
# Northern Mindanao (PH-10)
MALAYBALAY = _city("PH-BUK", "Malaybalay")
VALENCIA = _city("PH-BUK", "Valencia")
MANOLO_FORTICH = _municipality("PH-BUK", "Manolo Fortich")
CAGAYAN_DE_ORO = _city("PH-MSR", "Cagayan de Oro")
EL_SALVADOR = _city("PH-MSR", "El Salvador")
VILLANUEVA = _municipality("PH-MSR", "Villanueva")
MAMBAJAO = _municipality("PH-CAM", "Mambajao")
# Brunei's areas are its four districts (ISO 3166-2:BN); a mukim is finer than any area.
BRUNEI_MUARA = _district("BN-BM", "Brunei-Muara")


# --- 17. Sabah: a state agency's list in Malay ---------------------------------------------------

_NRIC = [check_nric(n) for n in ("850705-12-5523", "790312-12-6011", "880214-12-5137")]

MY_MALAY = Sheet(
    name="my_12_sabah_daerah_melayu.xlsx",
    office="MY-12",
    about="Sabah's list in Malay: 'Daerah' is the district (not the state), MyKad numbers in "
    "'No. Kad Pengenalan', SSM numbers new, old (002345678-K) and side by side, RM amounts with "
    "'juta' and 'k', an 8-digit AHTN code, a bird's-nest code of an older HS edition, Labuan "
    "(a federal territory), 'Jumlah'.",
    title=["SENARAI PKS BERORIENTASIKAN EKSPORT", "NEGERI SABAH 2025"],
    columns=[
        Column("Bil.", ROW_NUMBER),
        Column("Nama Perniagaan", "legal_name", width=30),
        Column("No. Pendaftaran SSM", "registration_id", width=26),
        Column("No. Kad Pengenalan", IDENTITY, width=18),
        Column("Daerah", "regency"),
        Column("Alamat", "address", width=26),
        Column("No. Telefon", "phone"),
        Column("Produk Utama", "product", width=22),
        Column("Kod HS", "hs_code"),
        Column("Jualan Tahunan (RM)", "annual_turnover"),
        Column("Bilangan Pekerja", "employees"),
        Column("Pasaran Eksport", "export_markets"),
        Column("Pensijilan", "certifications"),
    ],
    identity_numbers=_NRIC,
    rows=[
        row(1, "Sabah Rumpai Laut Sdn Bhd", "201901012345", _NRIC[0], "Semporna",
            "Lot 12, Jalan Kastam", tel_my("089-781234"), "Rumpai laut kering", "1212.21",
            "RM 1,250,000", 25, "China; Jepun", "Halal, HACCP",
            area=SEMPORNA, turnover=1250000, employees=25, markets=["CN", "JP"],
            status="exporting", certifications=["haccp", "halal"], reg="201901012345",
            product=("Rumpai laut kering", "121221")),
        row(2, "Kopi Tenom Enterprise", "002345678-K", _NRIC[1], "Tenom", "Jalan Datuk Yassin",
            tel_my("087-735123"), "Kopi serbuk", "0901.21.20", "RM 380,000", 8, "Brunei",
            "MeSTI",
            area=TENOM, turnover=380000, employees=8, markets=["BN"], status="exporting",
            certifications=["food_safety"], reg="002345678K",
            product=("Kopi serbuk", "090121", "09012120")),
        row(3, "Kundasang Highland Veggie", "202003054321", None, "Ranau", "Kundasang",
            tel_my("019-876 5432"), "Sayur segar", "0709.99", "RM 2.5 juta", 40, "Singapura",
            None,
            area=RANAU, turnover=2500000, employees=40, markets=["SG"], status="exporting",
            reg="202003054321", product=("Sayur segar", "070999")),
        row(4, "Sandakan Bird's Nest Trading", "201801023456 (1312525-A)", None, "Sandakan",
            "Batu 4, Jalan Utara", tel_my("089-212345"), "Sarang burung walit", "0410.00",
            "RM 3,400,000", 18, "China; Hong Kong", "Halal",
            errors=[("Kod HS", "unknown_hs_code")], ok=False),
        row(5, "Tawau Cocoa Craft", "201701034567", _NRIC[2], "Tawau", "Jalan Chen Fook",
            tel_my("089-771234"), "Coklat", "1806.90", "RM 650k", 12, "Korea", None,
            warnings=[("Pasaran Eksport", "ambiguous_country")],
            area=TAWAU, turnover=650000, employees=12, markets=[], reg="201701034567",
            product=("Coklat", "180690")),
        row(6, "Kota Belud Tenunan Dastar", None, None, "Kota Belud", "Kampung Siasai",
            tel_my("011-2345 6789"), "Kain dastar", None, "RM 45,000", 2, None, None,
            warnings=[("Kod HS", "hs_code_missing")],
            area=KOTA_BELUD, turnover=45000, employees=2, product=("Kain dastar",)),
        row(7, "Labuan Seafood Products", "201601045678", None, "Labuan", "Jalan Merdeka",
            tel_my("087-412345"), "Udang beku", "0306.17", "RM 900,000", 10, "Singapura", None,
            errors=[("Daerah", "area_outside_office")], ok=False, outside="MY-15"),
        row(8, "KK Kraftangan Manik", "202101056789", None, "Kota Kinabalu",
            "Kompleks Kraftangan, Jalan Tuaran", tel_my("088-234567"), "Manik-manik",
            "7117.90", "RM 120,000", 4, "Brunei Darussalam, Filipina", None,
            area=KOTA_KINABALU, turnover=120000, employees=4, markets=["BN", "PH"],
            status="exporting", reg="202101056789", product=("Manik-manik", "711790")),
        total(None, "Jumlah", None, None, None, None, None, None, None, "RM 8,765,000", 119,
              None, None),
    ],
)


# --- 18. Sabah: an English CSV from a development agency ----------------------------------------

_NRIC_EN = [check_nric(n) for n in ("900101-12-5071", "820515-12-5233")]

MY_ENGLISH = Sheet(
    name="my_12_sabah_english.csv",
    office="MY-12",
    about="An English CSV with District and State: an IC column, a MyKad number typed as the "
    "SSM number, enterprises without SSM numbers, RM 1.2 mil / RM 85k, Labuan as the state.",
    columns=[
        Column("No.", ROW_NUMBER),
        Column("Company Name", "legal_name"),
        Column("SSM No.", "registration_id"),
        Column("IC No.", IDENTITY),
        Column("District", "regency"),
        Column("State", "subdivision"),
        Column("Contact No.", "phone"),
        Column("Product", "product"),
        Column("HS Code", "hs_code"),
        Column("Annual Sales (RM)", "annual_turnover"),
        Column("Export Markets", "export_markets"),
        Column("Export Status", "export_status"),
    ],
    identity_numbers=_NRIC_EN,
    rows=[
        row(1, "Sabah Tea Garden Sdn Bhd", "199501012345", "", "Ranau", "Sabah",
            tel_my("088-889123"), "Black tea", "0902.30", "RM 1.2 mil", "Japan; Taiwan",
            "Exporting",
            area=RANAU, turnover=1200000, markets=["JP", "TW"], status="exporting",
            reg="199501012345", product=("Black tea", "090230")),
        row(2, "Tawau Palm Products", "200801023456", "", "Tawau", "Sabah",
            tel_my("089-762345"), "Crude palm oil", "1511.10", "RM 3,500,000", "India",
            "exporting",
            area=TAWAU, turnover=3500000, markets=["IN"], status="exporting",
            product=("Crude palm oil", "151110")),
        row(3, "Tuaran Kelulut Honey", "", "", "Tuaran", "Sabah", tel_my("013-876 2345"),
            "Kelulut honey", "0409.00", "RM 85k", "", "not yet",
            area=TUARAN, turnover=85000, status="not_yet",
            product=("Kelulut honey", "040900")),
        row(4, "Lahad Datu Fishery", "201301034567", _NRIC_EN[0], "Lahad Datu", "Sabah",
            tel_my("089-881234"), "Frozen prawns", "0306.17", "RM 2,400,000",
            "China, Hong Kong", "Exporting",
            area=LAHAD_DATU, turnover=2400000, markets=["CN", "HK"], status="exporting",
            product=("Frozen prawns", "030617")),
        row(5, "Beaufort Sago Enterprise", _NRIC_EN[1], "", "Beaufort", "Sabah",
            tel_my("087-211234"), "Sago flour", "1106.20", "RM 60,000", "", "not yet",
            errors=[("SSM No.", "personal_id")], ok=False),
        row(6, "Labuan Pearl Crafts", "201901056789", "", "Labuan", "Labuan",
            tel_my("087-423456"), "Pearl jewellery", "7116.10", "RM 300,000", "Japan",
            "Exporting",
            errors=[("State", "outside_office")], maybe=[("District", "area_outside_office")],
            ok=False),
        row(7, "Kudat Virgin Coconut Oil", "202201067890", "", "Kudat", "Sabah",
            tel_my("088-613456"), "Virgin coconut oil", "1513.19", "RM 150,000", "Brunei",
            "Exporting",
            area=KUDAT, turnover=150000, markets=["BN"], status="exporting",
            product=("Virgin coconut oil", "151319")),
        row(8, "Keningau Ginger Farm", "", "", "Keningau", "Sabah", tel_my("087-331234"),
            "Fresh ginger", "0910.11", "RM 40,000", "", "not yet",
            area=KENINGAU, turnover=40000, status="not_yet",
            product=("Fresh ginger", "091011")),
    ],
)


# --- 19. Sabah: a handicraft list with a heading-only code and 'Jumlah' -------------------------

MY_CRAFT = Sheet(
    name="my_12_kraftangan_jumlah.csv",
    office="MY-12",
    about="A handicraft list: 4-digit headings, no SSM numbers for most rows, a blank line "
    "before 'Jumlah', amounts as 'RM12,500.00'.",
    title=["Senarai Usahawan Kraf Negeri Sabah"],
    columns=[
        Column("Bil", ROW_NUMBER),
        Column("Nama Perniagaan", "legal_name"),
        Column("No. SSM", "registration_id"),
        Column("Daerah", "regency"),
        Column("Produk Kraf", "product"),
        Column("Kod HS", "hs_code"),
        Column("Jualan Tahunan", "annual_turnover"),
    ],
    rows=[
        row(1, "Penampang Gong Craft", "201501012222", "Penampang", "Gong tembaga", "8306",
            "RM12,500.00",
            warnings=[("Kod HS", "hs_heading_only")],
            area=PENAMPANG, turnover=12500, product=("Gong tembaga", "8306")),
        row(2, "Tenunan Rungus Kudat", "", "Kudat", "Manik Rungus", "7117.90", "RM 8,000",
            area=KUDAT, turnover=8000, product=("Manik Rungus", "711790")),
        row(3, "Sandakan Rattan Works", "", "Sandakan", "Bakul rotan", "4602",
            "RM 36,000",
            warnings=[("Kod HS", "hs_heading_only")],
            area=SANDAKAN, turnover=36000, product=("Bakul rotan", "4602")),
        row(4, "Semporna Perahu Lepa Miniatur", "201801033333", "Semporna",
            "Miniatur perahu kayu", "4420.19", "RM 22,000",
            area=SEMPORNA, turnover=22000, product=("Miniatur perahu kayu", "442019")),
        total(None, None, None, None, None, None, None),
        total("Jumlah", None, None, None, None, None, "RM 78,500"),
    ],
)


# --- 20. Palawan: DTI provincial office, Filipino headers ---------------------------------------

PH_PALAWAN = Sheet(
    name="ph_plw_dti_palawan.xlsx",
    office="PH-PLW",
    about="DTI Palawan's list in Filipino: PSGC-style 'City of Puerto Princesa', municipalities "
    "whose names other provinces share (Roxas, Taytay), ₱ and PHP amounts and '1.2M', markets "
    "as Hapon, Tsina, Estados Unidos, Korea, a Davao City row, KABUUAN.",
    title=["Department of Trade and Industry \u2013 Palawan Provincial Office",
           "Listahan ng mga MSME na may potensyal sa pag-export (2025)"],
    columns=[
        Column("Blg.", ROW_NUMBER),
        Column("Pangalan ng Negosyo", "legal_name", width=30),
        Column("DTI Business Name No.", "registration_id"),
        Column("Pangalan ng May-ari", "contact_person"),
        Column("Lungsod/Bayan", "regency", width=24),
        Column("Barangay", ["district", NOT_USED]),
        Column("Telepono", "phone"),
        Column("Produkto", "product", width=20),
        Column("HS Code", "hs_code"),
        Column("Taunang Benta (₱)", "annual_turnover"),
        Column("Export Markets", "export_markets"),
        Column("Katayuan ng pag-export", "export_status"),
    ],
    rows=[
        row(1, "Palawan Cashew Delights", "3456789", "Maria Santos", "City of Puerto Princesa",
            "San Pedro", tel_ph("0917 123 4567"), "Roasted cashew", "2008.19",
            "₱2,500,000.00", "Hapon; Tsina", "handa",
            area=PUERTO_PRINCESA, turnover=2500000, markets=["CN", "JP"], status="ready",
            reg="3456789", product=("Roasted cashew", "200819")),
        row(2, "Coron Dried Fish Trading", "4567890", "Jose Dela Cruz", "Coron", "Poblacion 1",
            tel_ph("0918 234 5678"), "Dried danggit", "0305.59", "PHP 850,000", None, "hindi pa",
            area=CORON, turnover=850000, status="not_yet", product=("Dried danggit", "030559")),
        row(3, "El Nido Seaweed Growers Association", None, "Ana Reyes", "El Nido",
            "Buena Suerte", tel_ph("0919 345 6789"), "Dried seaweed", "1212.21", "1.2M", "Korea",
            "oo",
            warnings=[("Export Markets", "ambiguous_country")],
            area=EL_NIDO, turnover=1200000, markets=[], status="exporting",
            product=("Dried seaweed", "121221")),
        row(4, "Brooke's Point Coco Sugar", "5678901", "Ramon Villanueva", "Brooke's Point",
            "Poblacion", tel_ph("(048) 434 5678"), "Coconut sugar", "1702.90", "₱ 600,000",
            "Estados Unidos", "oo",
            area=BROOKES_POINT, turnover=600000, markets=["US"], status="exporting",
            product=("Coconut sugar", "170290")),
        row(5, "Roxas Wild Honey Farm", None, "Lorna Bautista", "Roxas", "Tumarbong",
            tel_ph("0920 456 7890"), "Wild honey", "0409.00", "₱180,000", None, "hindi pa",
            area=ROXAS_PLW, turnover=180000, status="not_yet", product=("Wild honey", "040900")),
        row(6, "Taytay Cashew Processors", "6789012", "Eduardo Garcia", "Taytay", "Poblacion",
            tel_ph("0921 567 8901"), "Cashew nuts", "0801.32.00", "₱1,100,000", "Singapore", "oo",
            area=TAYTAY_PLW, turnover=1100000, markets=["SG"], status="exporting",
            product=("Cashew nuts", "080132", "08013200")),
        row(7, "Davao Durian Express", "7890123", "Carlos Tan", "Davao City", "Buhangin",
            tel_ph("(082) 221 3456"), "Durian candy", "1704.90", "₱ 400,000", None, "hindi pa",
            errors=[("Lungsod/Bayan", "area_outside_office")], ok=False,
            outside=["PH-DAS", "PH-11"]),
        row(8, "Narra Rice Crackers", None, "Gloria Mendoza", "Narra", "Poblacion",
            tel_ph("0922 678 9012"), "Rice crackers", "1905.90", "₱ 95,000.00", None, "hindi pa",
            area=NARRA, turnover=95000, status="not_yet", product=("Rice crackers", "190590")),
        total(None, "KABUUAN", None, None, None, None, None, None, None, "₱6,725,000.00",
              None, None),
    ],
)


# --- 21. Davao Region: an English CSV with province and city/municipality ----------------------

PH_DAVAO = Sheet(
    name="ph_11_davao_region.csv",
    office="PH-11",
    about="Davao Region's list: province and city/municipality columns, 'Davao City' and "
    "PSGC 'City of …' names, 'Island Garden City of Samal', 'Sta. Cruz', a Bukidnon row.",
    columns=[
        Column("No", ROW_NUMBER),
        Column("Business Name", "legal_name"),
        Column("DTI/SEC Registration No.", "registration_id"),
        Column("Province", "subdivision"),
        Column("City/Municipality", "regency"),
        Column("Contact Number", "phone"),
        Column("Product", "product"),
        Column("HS Code", "hs_code"),
        Column("Annual Sales (PHP)", "annual_turnover"),
        Column("Export Markets", "export_markets"),
    ],
    rows=[
        row(1, "Davao Cacao Growers Cooperative", "CN201912345", "Davao del Sur", "Davao City",
            tel_ph("0917 222 3344"), "Cacao beans", "1801.00", "PHP 2,500,000",
            "Japan; Malaysia",
            area=DAVAO_CITY, subdivision="PH-DAS", turnover=2500000, markets=["JP", "MY"],
            status="exporting", reg="CN201912345", product=("Cacao beans", "180100")),
        row(2, "Tagum Banana Chips", "DTI-2018-11111", "Davao del Norte", "City of Tagum",
            tel_ph("0918 333 4455"), "Banana chips", "2008.99", "₱850,000.00", "China",
            area=TAGUM, subdivision="PH-DAV", turnover=850000, markets=["CN"],
            status="exporting", reg="DTI201811111", product=("Banana chips", "200899")),
        row(3, "Mati Coconut Products", "", "Davao Oriental", "City of Mati",
            tel_ph("0919 444 5566"), "Desiccated coconut", "0801.11", "1,200,000.00", "Korea",
            warnings=[("Export Markets", "ambiguous_country")],
            area=MATI, subdivision="PH-DAO", turnover=1200000, markets=[],
            product=("Desiccated coconut", "080111")),
        row(4, "Nabunturan Robusta Coffee", "", "Davao de Oro", "Nabunturan",
            tel_ph("0920 555 6677"), "Robusta coffee beans", "0901.11", "PHP 450,000", "",
            area=NABUNTURAN, subdivision="PH-COM", turnover=450000,
            product=("Robusta coffee beans", "090111")),
        row(5, "Digos Mango Puree", "CS201811111", "Davao del Sur", "City of Digos",
            tel_ph("0921 666 7788"), "Mango puree", "2007.99", "PHP 1.5M", "United States",
            area=DIGOS, subdivision="PH-DAS", turnover=1500000, markets=["US"],
            status="exporting", product=("Mango puree", "200799")),
        row(6, "Bukidnon Pineapple Growers", "", "Bukidnon", "City of Malaybalay",
            tel_ph("0922 777 8899"), "Fresh pineapple", "0804.30", "PHP 900,000", "",
            errors=[("Province", "outside_office")],
            maybe=[("City/Municipality", "area_outside_office")], ok=False),
        row(7, "Samal Seaweed Farmers", "", "Davao del Norte", "Island Garden City of Samal",
            tel_ph("0923 888 9900"), "Dried seaweed", "1212.21", "PHP 300,000", "",
            area=SAMAL, subdivision="PH-DAV", turnover=300000,
            product=("Dried seaweed", "121221")),
        row(8, "Sta. Cruz Durian Candy", "", "Davao del Sur", "Sta. Cruz",
            tel_ph("0917 999 1122"), "Durian candy", "1704.90", "PHP 200,000", "",
            area=SANTA_CRUZ_DAS, subdivision="PH-DAS", turnover=200000,
            product=("Durian candy", "170490")),
    ],
)


# --- 22. Northern Mindanao: merged province cells, Taglish -------------------------------------

PH_NORTH = Sheet(
    name="ph_10_northern_mindanao_taglish.xlsx",
    office="PH-10",
    about="Northern Mindanao in Taglish: 'Lalawigan' merged down over each province's rows, "
    "'Lungsod/Bayan' with PSGC city names, 'Bansang Pinag-e-exportan', KABUUAN.",
    title=["DTI Region 10 \u2013 Listahan ng Export-Ready MSMEs"],
    columns=[
        Column("Blg", ROW_NUMBER),
        Column("Lalawigan", "subdivision", width=20),
        Column("Lungsod/Bayan", "regency", width=22),
        Column("Pangalan ng Negosyo", "legal_name", width=28),
        Column("SEC/DTI No.", "registration_id"),
        Column("Telepono", "phone"),
        Column("Pangunahing Produkto", "product", width=20),
        Column("HS Code", "hs_code"),
        Column("Benta kada taon", "annual_turnover"),
        Column("Bansang Pinag-e-exportan", "export_markets", width=22),
        Column("Katayuan", ["export_status", NOT_USED]),
    ],
    merged=[("Lalawigan", 0, 2), ("Lalawigan", 3, 5)],
    rows=[
        row(1, "Bukidnon", "City of Malaybalay", "Malaybalay Coffee Roasters", "DTI 1234567",
            tel_ph("0917 111 2233"), "Roasted coffee", "0901.21", "₱1,300,000", "Hapon", "oo",
            area=MALAYBALAY, subdivision="PH-BUK", turnover=1300000, markets=["JP"],
            status="exporting", reg="DTI1234567", product=("Roasted coffee", "090121")),
        row(2, "Bukidnon", "Manolo Fortich", "Fortich Pineapple Jam", None,
            tel_ph("0918 222 3344"), "Pineapple jam", "2007.99", "₱250,000", None, "hindi pa",
            area=MANOLO_FORTICH, subdivision="PH-BUK", turnover=250000, status="not_yet",
            product=("Pineapple jam", "200799")),
        row(3, "Bukidnon", "City of Valencia", "Valencia Rubber Crafts", "2345678",
            tel_ph("0919 333 4455"), "Rubber mats", "4016.91", "₱600,000", "Tsina", "oo",
            area=VALENCIA, subdivision="PH-BUK", turnover=600000, markets=["CN"],
            status="exporting", product=("Rubber mats", "401691")),
        row(4, "Misamis Oriental", "Cagayan de Oro City", "CDO Dried Mangoes", "3456780",
            tel_ph("0920 444 5566"), "Dried mangoes", "0804.50", "PHP 3,200,000",
            "Hong Kong; Singapore", "oo",
            area=CAGAYAN_DE_ORO, subdivision="PH-MSR", turnover=3200000, markets=["HK", "SG"],
            status="exporting", product=("Dried mangoes", "080450")),
        row(5, "Misamis Oriental", "City of El Salvador", "El Salvador Seaweed", None,
            tel_ph("0921 555 6677"), "Seaweed", "1212.21", "₱140,000", None, "hindi pa",
            area=EL_SALVADOR, subdivision="PH-MSR", turnover=140000, status="not_yet",
            product=("Seaweed", "121221")),
        row(6, "Misamis Oriental", "Villanueva", "Villanueva Cacao Nibs", "4567801",
            tel_ph("0922 666 7788"), "Cacao nibs", "1801.00", "₱420,000", "Korea", "oo",
            warnings=[("Bansang Pinag-e-exportan", "ambiguous_country")],
            area=VILLANUEVA, subdivision="PH-MSR", turnover=420000, markets=[],
            status="exporting", product=("Cacao nibs", "180100")),
        row(7, "Camiguin", "Mambajao", "Camiguin Pastel Haus", None, tel_ph("0923 777 8899"),
            "Pastel (baked)", "1905.90", "₱90,000", None, "hindi pa",
            area=MAMBAJAO, subdivision="PH-CAM", turnover=90000, status="not_yet",
            product=("Pastel (baked)", "190590")),
        total(None, "KABUUAN", None, None, None, None, None, None, "₱6,000,000", None, None),
    ],
)


# --- 23. Brunei-Muara: district and mukim, ROCBN numbers ----------------------------------------

_BN_IC = ["01-087341", "00-562193"]

BN_MUARA = Sheet(
    name="bn_bm_brunei_muara.xlsx",
    office="BN-BM",
    about="Brunei-Muara's list in Malay: 'Daerah' is the district (Brunei's subdivisions and "
    "areas both), 'Mukim' finer than any area the platform knows; ROCBN numbers RC… and P/…, an "
    "invalid one, identity-card numbers, B$ amounts, a Tutong row.",
    columns=[
        Column("Bil", ROW_NUMBER),
        Column("Nama Syarikat", "legal_name", width=30),
        Column("No. Pendaftaran (ROCBN)", "registration_id"),
        Column("No. Kad Pengenalan", IDENTITY),
        Column("Daerah", ["subdivision", "regency"]),
        Column("Mukim", [NOT_USED, "district"]),
        Column("No. Telefon", "phone"),
        Column("Keluaran Utama", "product", width=20),
        Column("Kod HS", "hs_code"),
        Column("Jualan Tahunan (B$)", "annual_turnover"),
        Column("Pasaran Eksport", "export_markets"),
    ],
    identity_numbers=_BN_IC,
    rows=[
        row(1, "Syarikat Kuih Cincin Berakas", "RC20001234", _BN_IC[0], "Brunei-Muara",
            "Berakas A", tel_bn("223 4567"), "Kuih cincin", "1905.90", "B$ 180,000",
            "Malaysia",
            area=BRUNEI_MUARA, subdivision="BN-BM", turnover=180000, markets=["MY"],
            status="exporting", reg="RC20001234", product=("Kuih cincin", "190590")),
        row(2, "Madu Kelulut Kilanas", "P/12345678", _BN_IC[1], "Brunei Muara", "Kilanas",
            tel_bn("871 2345"), "Madu kelulut", "0409.00", "B$45,000", None,
            area=BRUNEI_MUARA, subdivision="BN-BM", turnover=45000, reg="P12345678",
            product=("Madu kelulut", "040900")),
        row(3, "Gadong Sambal Enterprise", "RC20005678", None, "Brunei-Muara", "Gadong B",
            tel_bn("245 6789"), "Sambal udang", "2103.90", "BND 96,000", "Singapura",
            area=BRUNEI_MUARA, subdivision="BN-BM", turnover=96000, markets=["SG"],
            status="exporting", reg="RC20005678", product=("Sambal udang", "210390")),
        row(4, "Tutong Beras Hitam", "RC20009012", None, "Tutong", "Pekan Tutong",
            tel_bn("422 1234"), "Beras hitam", "1006.30", "B$ 120,000", None,
            errors=[("Daerah", "outside_office|area_outside_office")],
            maybe=[("Mukim", "area_outside_office")],
            ok=False),
        row(5, "Kota Batu Ikan Masin", None, None, "Brunei-Muara", "Kota Batu",
            tel_bn("873 4567"), "Ikan masin", "0305.59", "B$ 30,000", None,
            area=BRUNEI_MUARA, subdivision="BN-BM", turnover=30000,
            product=("Ikan masin", "030559")),
        row(6, "Sengkurong Kraf Tangan", "ROC 2001", None, "Brunei-Muara", "Sengkurong",
            tel_bn("266 1234"), "Anyaman", "4602.19", "B$ 15,000", None,
            errors=[("No. Pendaftaran (ROCBN)", "invalid_rocbn")], ok=False),
    ],
)


SHEETS = [MY_MALAY, MY_ENGLISH, MY_CRAFT, PH_PALAWAN, PH_DAVAO, PH_NORTH, BN_MUARA]
