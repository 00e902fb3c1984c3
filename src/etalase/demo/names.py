"""Word lists the demo builds names, places and texts from, per country and language.

Everything here is invented for demo data: the enterprises, people and streets do not exist.
Towns and regencies are real places of each focus area, so the gallery reads plausibly.
"""

from __future__ import annotations

# --- Enterprise names ----------------------------------------------------------------------
# Patterns per language. {good} is the good's short word, {flourish} a word of good omen,
# {place} a town or region of the enterprise, {maker} who makes the good (cooperatives).
# Each pattern carries its registration kind: "company", "business" or "cooperative".
NAME_PATTERNS: dict[str, tuple[tuple[str, str], ...]] = {
    "id": (
        ("UD {good} {flourish}", "business"),
        ("CV {good} {flourish}", "business"),
        ("CV {flourish} {place}", "business"),
        ("PT {good} {place} {flourish}", "company"),
        ("Koperasi {good} {flourish}", "cooperative"),
        ("Koperasi Produsen {good} {place}", "cooperative"),
        ("KUB {good} {flourish}", "business"),
    ),
    "ms": (
        ("Syarikat {good} {place} Enterprise", "business"),
        ("{flourish} {good} Enterprise", "business"),
        ("{flourish} {good} Sdn. Bhd.", "company"),
        ("{good} {place} Trading", "business"),
        ("Koperasi {good} {place} Berhad", "company"),
        ("Perusahaan {good} {flourish}", "business"),
    ),
    "en": (
        ("{place} {maker} Cooperative", "cooperative"),
        ("{flourish} {good} Trading", "business"),
        ("{flourish} {good} Corporation", "company"),
        ("{place} {good} Products Inc.", "company"),
        ("{flourish} {good} Enterprises", "business"),
    ),
    "fil": (
        ("Samahan ng mga {maker} ng {good} sa {place}", "cooperative"),
        ("Kooperatiba ng mga {maker} ng {place}", "cooperative"),
        ("{flourish} {good} Trading", "business"),
        ("{flourish} {good} Enterprises", "business"),
    ),
}
# English enterprises of Malaysia and Brunei are companies in the local style.
EN_MY_BN_PATTERNS: tuple[tuple[str, str], ...] = (
    ("{flourish} {good} Sdn. Bhd.", "company"),
    ("{place} {good} Enterprise", "business"),
    ("{flourish} {good} Trading", "business"),
)

FLOURISHES: dict[str, tuple[str, ...]] = {
    "id": ("Lestari", "Makmur", "Jaya", "Sejahtera", "Mandiri", "Abadi", "Sentosa",
           "Maju Bersama", "Sinar Bahari", "Berkah", "Bintang Timur", "Cahaya Baru",
           "Karya Utama", "Mitra Tani", "Tunas Harapan", "Sumber Rejeki", "Putra Daerah",
           "Nusantara", "Bumi Hijau", "Anugerah", "Amanah", "Sinar Harapan", "Mekar Sari",
           "Harapan Baru", "Tiga Saudara", "Samudra Biru", "Mutiara Timur", "Rimba Raya",
           "Sehati", "Citra Mandiri", "Surya Abadi", "Sinar Pagi", "Bahari Jaya", "Tani Makmur"),
    "ms": ("Maju", "Jaya", "Sinar", "Cahaya", "Mutiara", "Bestari", "Gemilang", "Murni",
           "Sentosa", "Harmoni", "Puncak", "Seri", "Indah", "Permata", "Warisan", "Wawasan",
           "Teguh", "Setia", "Bumi Kenyalang", "Tanah Borneo", "Bayu", "Delima", "Nur",
           "Intan", "Kemuncak", "Pelangi"),
    "en": ("Golden Harvest", "Green Valley", "Blue Ocean", "Sunrise", "Island Pride",
           "Highland", "Heritage", "Evergreen", "Pacific", "Eastern Star", "Rising Sun",
           "Summit", "Tropical", "Coastal", "Rainforest", "Silver Bay", "Coral Reef",
           "Mountain View", "Royal Palm", "First Light", "Bright Harvest", "Seaside"),
    "fil": ("Bayanihan", "Bagong Pag-asa", "Masagana", "Maunlad", "Pagkakaisa", "Liwanag",
            "Kaunlaran", "Sikat", "Mabuhay", "Tagumpay", "Biyaya", "Ginintuang Ani",
            "Luntian", "Sinag", "Tanglaw"),
}

# --- Places ----------------------------------------------------------------------------------
# Towns, cities and regencies of each focus area (the enterprise's regency/city field); one that
# is a second-level area (regions.Area) of its province also sets the enterprise's area.
TOWNS: dict[str, tuple[str, ...]] = {
    "ID-SA": ("Manado", "Bitung", "Tomohon", "Minahasa", "Minahasa Utara", "Kotamobagu",
              "Kepulauan Sangihe", "Bolaang Mongondow"),
    "ID-GO": ("Kota Gorontalo", "Boalemo", "Pohuwato", "Bone Bolango", "Gorontalo Utara"),
    "ID-ST": ("Palu", "Donggala", "Poso", "Parigi Moutong", "Banggai", "Tolitoli"),
    "ID-SR": ("Mamuju", "Majene", "Polewali Mandar", "Pasangkayu", "Mamasa"),
    "ID-SN": ("Makassar", "Gowa", "Bone", "Luwu", "Toraja Utara", "Tana Toraja", "Pinrang",
              "Bulukumba", "Parepare", "Sidenreng Rappang"),
    "ID-SG": ("Kendari", "Kolaka", "Konawe", "Buton", "Wakatobi", "Muna", "Baubau"),
    "ID-KB": ("Pontianak", "Singkawang", "Sambas", "Ketapang", "Sanggau", "Kapuas Hulu",
              "Sintang"),
    "ID-KT": ("Palangka Raya", "Kotawaringin Timur", "Kotawaringin Barat", "Kapuas",
              "Barito Selatan", "Katingan"),
    "ID-KS": ("Banjarmasin", "Banjarbaru", "Banjar", "Tabalong", "Hulu Sungai Selatan",
              "Kotabaru", "Tanah Laut"),
    "ID-KI": ("Samarinda", "Balikpapan", "Bontang", "Kutai Kartanegara", "Berau", "Paser",
              "Kutai Timur"),
    "ID-KU": ("Tarakan", "Bulungan", "Nunukan", "Malinau", "Tana Tidung"),
    "ID-MA": ("Ambon", "Maluku Tengah", "Seram Bagian Barat", "Kepulauan Aru",
              "Maluku Tenggara", "Buru", "Tual"),
    "ID-MU": ("Ternate", "Tidore Kepulauan", "Halmahera Utara", "Halmahera Barat",
              "Halmahera Selatan", "Kepulauan Sula"),
    "ID-PA": ("Kota Jayapura", "Keerom", "Sarmi", "Biak Numfor", "Kepulauan Yapen"),
    "ID-PB": ("Manokwari", "Fakfak", "Kaimana", "Teluk Bintuni", "Teluk Wondama"),
    "ID-PD": ("Kota Sorong", "Raja Ampat", "Sorong Selatan", "Maybrat", "Tambrauw"),
    "ID-PE": ("Jayawijaya", "Lanny Jaya", "Tolikara", "Yahukimo", "Pegunungan Bintang"),
    "ID-PS": ("Merauke", "Boven Digoel", "Mappi", "Asmat"),
    "ID-PT": ("Nabire", "Mimika", "Paniai", "Dogiyai", "Puncak Jaya"),
    "MY-12": ("Kota Kinabalu", "Sandakan", "Tawau", "Lahad Datu", "Keningau", "Semporna",
              "Kudat", "Ranau", "Beaufort", "Papar"),
    "MY-13": ("Kuching", "Sibu", "Miri", "Bintulu", "Sri Aman", "Sarikei", "Kapit", "Limbang",
              "Mukah", "Betong"),
    "MY-15": ("Labuan",),
    "BN-BM": ("Bandar Seri Begawan", "Muara", "Gadong", "Kilanas", "Sengkurong"),
    "BN-BE": ("Kuala Belait", "Seria", "Sungai Liang", "Labi"),
    "BN-TU": ("Tutong", "Lamunin", "Telisai"),
    "BN-TE": ("Bangar", "Batang Duri"),
    "PH-AGN": ("Butuan", "Cabadbaran", "Buenavista"),
    "PH-AGS": ("Bayugan", "San Francisco", "Prosperidad"),
    "PH-BAS": ("Isabela", "Lamitan", "Maluso"),
    "PH-BUK": ("Malaybalay", "Valencia", "Manolo Fortich"),
    "PH-CAM": ("Mambajao", "Catarman"),
    "PH-NCO": ("Kidapawan", "Kabacan", "Midsayap"),
    "PH-DVO": ("Malita", "Jose Abad Santos"),
    "PH-DAO": ("Mati", "Baganga", "Lupon"),
    "PH-COM": ("Nabunturan", "Monkayo", "Compostela"),
    "PH-DAV": ("Tagum", "Panabo", "Samal"),
    "PH-DAS": ("Davao City", "Digos", "Santa Cruz", "Bansalan"),
    "PH-DIN": ("San Jose", "Basilisa"),
    "PH-LAN": ("Iligan", "Tubod", "Kapatagan"),
    "PH-LAS": ("Marawi", "Malabang", "Wao"),
    "PH-MGN": ("Cotabato City", "Datu Odin Sinsuat", "Parang"),
    "PH-MGS": ("Buluan", "Shariff Aguak"),
    "PH-MSC": ("Oroquieta", "Ozamiz", "Tangub"),
    "PH-MSR": ("Cagayan de Oro", "Gingoog", "El Salvador"),
    "PH-PLW": ("Puerto Princesa", "Coron", "El Nido", "Brooke's Point", "Roxas"),
    "PH-SAR": ("Alabel", "Glan", "Kiamba"),
    "PH-SCO": ("Koronadal", "General Santos", "Polomolok", "Tupi"),
    "PH-SUK": ("Isulan", "Tacurong", "Lebak"),
    "PH-SLU": ("Jolo", "Patikul", "Indanan"),
    "PH-SUN": ("Surigao City", "General Luna", "Dapa"),
    "PH-SUR": ("Tandag", "Bislig", "Lianga"),
    "PH-TAW": ("Bongao", "Sitangkai", "Panglima Sugala"),
    "PH-ZSI": ("Ipil", "Kabasalan", "Titay"),
    "PH-ZAN": ("Dipolog", "Dapitan", "Sindangan"),
    "PH-ZAS": ("Pagadian", "Zamboanga City", "Molave"),
}
# Regional words for names ("Mindanao Cacao Growers Cooperative", "Syarikat Lada Sarawak"),
# looked up by subdivision, then its parent (Indonesia's island groups), then country.
REGION_WORDS: dict[str, tuple[str, ...]] = {
    "ID-SL": ("Celebes", "Sulawesi", "Nusantara"),
    "ID-KA": ("Borneo", "Kalimantan", "Nusantara"),
    "ID-ML": ("Maluku", "Nusantara"),
    "ID-PP": ("Papua", "Cenderawasih"),
    "MY-12": ("Sabah", "Borneo", "Kinabalu"),
    "MY-13": ("Sarawak", "Borneo", "Kenyalang"),
    "MY-15": ("Labuan", "Borneo"),
    "BN": ("Brunei", "Borneo", "Darussalam"),
    "PH": ("Mindanao", "Southern Mindanao"),
    "PH-PLW": ("Palawan",),
}

STREETS: dict[str, tuple[str, ...]] = {
    "ID": ("Jl. Sam Ratulangi", "Jl. Ahmad Yani", "Jl. Diponegoro", "Jl. Pattimura",
           "Jl. Merdeka", "Jl. Sudirman", "Jl. Hasanuddin", "Jl. Pelabuhan", "Jl. Pasar Lama",
           "Jl. Kelapa Dua", "Jl. Poros", "Jl. Trans Sulawesi", "Jl. Pahlawan"),
    "MY": ("Jalan Tun Razak", "Jalan Merdeka", "Jalan Pasar", "Jalan Pantai", "Jalan Bunga Raya",
           "Lorong Kenanga", "Jalan Bakau", "Jalan Kebun"),
    "BN": ("Jalan Tutong", "Jalan Muara", "Jalan Gadong", "Jalan Jerudong", "Simpang 88",
           "Jalan Kota Batu"),
    "PH": ("Rizal St.", "Mabini St.", "Bonifacio St.", "Quezon Ave.", "National Highway",
           "Magsaysay Ave.", "Roxas Blvd.", "Luna St."),
}
BARANGAYS = ("Poblacion", "San Isidro", "Santo Niño", "Bagong Silang", "San Roque",
             "Mabuhay", "Santa Cruz")

# Goods families an area is known for; their weight is raised for enterprises there.
SPECIALTIES: dict[str, tuple[str, ...]] = {
    "ID-SA": ("spices", "coconut", "fish"), "ID-GO": ("coconut", "fish"),
    "ID-ST": ("cocoa", "coconut", "seaweed"), "ID-SR": ("cocoa",),
    "ID-SN": ("cocoa", "coffee", "seaweed"), "ID-SG": ("seaweed", "fruit", "cocoa"),
    "ID-KB": ("rattan", "birdnest", "spices"), "ID-KT": ("rattan", "birdnest", "honey"),
    "ID-KS": ("rattan", "weaving", "fish"), "ID-KI": ("fish", "woodcraft", "birdnest"),
    "ID-KU": ("fish", "seaweed"), "ID-MA": ("spices", "fish", "seaweed"),
    "ID-MU": ("spices", "coconut"), "ID-PA": ("cocoa", "fish"), "ID-PB": ("spices", "fish"),
    "ID-PD": ("fish", "seaweed"), "ID-PE": ("coffee", "honey"), "ID-PS": ("woodcraft", "fish"),
    "ID-PT": ("coffee", "fish"), "MY-12": ("seaweed", "fish", "cocoa", "honey"),
    "MY-13": ("spices", "birdnest", "weaving", "rattan"), "MY-15": ("fish",),
    "BN-BM": ("fish", "batik"), "BN-BE": ("fruit", "honey"), "BN-TU": ("fruit", "weaving"),
    "BN-TE": ("honey", "spices"), "PH-DAS": ("cocoa", "fruit"), "PH-DAV": ("fruit", "cocoa"),
    "PH-COM": ("cocoa", "fruit"), "PH-DAO": ("coconut",), "PH-BUK": ("coffee", "fruit"),
    "PH-SLU": ("seaweed", "coffee", "fish"), "PH-TAW": ("seaweed", "fish"),
    "PH-BAS": ("coconut", "seaweed"), "PH-PLW": ("fruit", "seaweed", "honey", "weaving"),
    "PH-ZAS": ("fish", "seaweed"), "PH-ZAN": ("coconut", "fish"), "PH-LAS": ("weaving",),
    "PH-AGN": ("coconut",), "PH-SUN": ("coconut", "fish"), "PH-SCO": ("fish", "fruit"),
}

# --- People --------------------------------------------------------------------------------
# Naming traditions per country: (given names, family names or patronymics); a person is
# drawn from one group, so a "binti" never follows a man's name.
PEOPLE: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = {
    "ID": (
        (("Budi", "Siti", "Agus", "Dewi", "Yohanis", "Maria", "Rahmat", "Nurhayati", "Stevanus",
          "Fransiska", "Andi", "Wulan", "Hendrik", "Marlina", "Abdul", "Fitri", "Daniel",
          "Yuliana", "Muhammad", "Ratna", "Ferdinand", "Sri"),
         ("Santoso", "Rahmawati", "Lumowa", "Pangemanan", "Wenas", "Tumbelaka", "Hidayat",
          "Syamsuddin", "Rumbiak", "Latuconsina", "Pattiasina", "Baso", "Simanjuntak", "Kambu",
          "Lakoro", "Saleh", "Mandagi")),
    ),
    "MY": (
        (("Ahmad", "Mohd Faizal", "Azman", "Hafiz", "Ismail"),
         ("bin Ismail", "bin Abdullah", "bin Osman", "bin Hassan")),
        (("Nurul Aina", "Siti Aminah", "Rosnah", "Dayang Salmah"),
         ("binti Hassan", "binti Ahmad", "binti Abdullah", "binti Osman")),
        (("Wong", "Lim", "Chong", "Tan", "Chin"), ("Mei Ling", "Siew Hua", "Wei Ming", "Ah Kow")),
        (("Jimmy", "Juliana", "Mary", "Peter", "Agnes"),
         ("anak Jugah", "Majinbon", "Gumbang", "Lajim", "anak Nyaling")),
    ),
    "BN": (
        (("Haji Abdul Rahman", "Awang Hamzah", "Pengiran Azlan", "Mohd Khairul"),
         ("bin Haji Othman", "bin Pengiran Yusof", "bin Haji Salleh")),
        (("Dayang Nurul", "Siti Hajar", "Norhayati", "Hajah Rosmah"),
         ("binti Haji Ali", "binti Abdullah", "binti Awang Kassim")),
    ),
    "PH": (
        (("Maria", "Jose", "Ana", "Ramon", "Liza", "Nestor", "Rowena", "Carlito", "Grace",
          "Edgardo", "Jocelyn", "Rodel"),
         ("Santos", "dela Cruz", "Reyes", "Bautista", "Macaraeg", "Villanueva", "Garcia",
          "Lumbos", "Tan")),
        (("Datu Amir", "Normina", "Fatima", "Abdulrahman", "Bai Sittie"),
         ("Mangudadatu", "Abdullah", "Ampatuan", "Dimaporo", "Omar")),
    ),
}

# --- Offices that verify -------------------------------------------------------------------
OFFICE_TEMPLATES = {
    "ID": "Dinas Koperasi dan UKM Provinsi {name}",
    "MY": "SME Corp. Malaysia, {name} office",
    "PH": "DTI {name} Provincial Office",
    "BN": "Darussalam Enterprise (DARe), {name}",
}
NATIONAL_OFFICES = {
    "ID": "Kementerian Koperasi dan UKM",
    "MY": "SME Corporation Malaysia",
    "PH": "Department of Trade and Industry, BMSMED",
    "BN": "Darussalam Enterprise (DARe)",
}

# --- Texts ---------------------------------------------------------------------------------
ENTERPRISE_TEXTS: dict[str, tuple[str, ...]] = {
    "id": ("{name} adalah usaha dari {town}, {province}, yang memproduksi {goods} sejak {year}. "
           "Kami bekerja sama dengan petani dan perajin setempat.",
           "Usaha keluarga di {town} yang mengolah {goods}. Berdiri tahun {year}, melayani "
           "pembeli dalam negeri dan ekspor."),
    "ms": ("{name} ialah perusahaan dari {town}, {province}, yang mengeluarkan {goods} sejak "
           "{year}. Kami bekerjasama dengan pekebun dan pengusaha tempatan.",
           "Perniagaan keluarga di {town} yang memproses {goods} sejak tahun {year}."),
    "en": ("{name} is an enterprise from {town}, {province}, producing {goods} since {year}. "
           "We work with local farmers and artisans.",
           "A family business in {town} processing {goods}, established in {year} and "
           "supplying domestic and export buyers."),
    "fil": ("Ang {name} ay negosyo mula sa {town}, {province}, na gumagawa ng {goods} mula pa "
            "noong {year}. Katuwang namin ang mga lokal na magsasaka at manlilikha.",
            "Negosyong pampamilya sa {town} na nagpoproseso ng {goods} mula {year}."),
}
PRODUCT_TEXTS: dict[str, tuple[str, ...]] = {
    "id": ("{name} dari {town}, {province}. Kapasitas {capacity} {unit} per bulan; pesanan "
           "minimal {min_order} {unit}.",
           "{name} produksi {enterprise}. Dikemas rapi, siap kirim; minimal order {min_order} "
           "{unit}."),
    "ms": ("{name} dari {town}, {province}. Kapasiti {capacity} {unit} sebulan; pesanan "
           "minimum {min_order} {unit}.",
           "{name} keluaran {enterprise}. Dibungkus kemas dan sedia dihantar; pesanan minimum "
           "{min_order} {unit}."),
    "en": ("{name} from {town}, {province}. Capacity {capacity} {unit} a month; minimum order "
           "{min_order} {unit}.",
           "{name} made by {enterprise}. Carefully packed and ready to ship; minimum order "
           "{min_order} {unit}."),
    "fil": ("{name} mula sa {town}, {province}. Kapasidad na {capacity} {unit} bawat buwan; "
            "pinakamababang order {min_order} {unit}.",
            "{name} gawa ng {enterprise}. Maayos ang pagkakaimpake at handang ipadala."),
}
# How numbers are written in each language (thousands separator).
THOUSANDS = {"id": ".", "ms": ",", "en": ",", "fil": ","}
