"""Resolving a locality as offices write it to a second-level area (regions.area_names)."""

import pytest

from etalase.regions.area_names import (
    AreaResolver,
    AreaRow,
    fold,
    split_designation,
    stored_area_code,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def indonesia():
    return AreaResolver("ID")


@pytest.fixture
def philippines():
    return AreaResolver("PH")


@pytest.fixture
def malaysia():
    return AreaResolver("MY")


def resolved(resolver, text, within=None):
    match = resolver.resolve(text, within=within)
    assert match is not None, text
    assert match.area is not None, (text, match.ambiguous)
    return match.area.code, match.how


def test_a_resolver_reads_its_areas_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        resolver = AreaResolver("id")
    assert len(resolver.refs) == 514


@pytest.mark.parametrize(
    ("text", "code", "how"),
    [
        ("Kabupaten Minahasa", "ID-71.02", "exact"),
        ("Kab. Minahasa", "ID-71.02", "variant"),
        ("KAB.MINAHASA", "ID-71.02", "variant"),
        ("MINAHASA UTARA", "ID-71.06", "variant"),
        ("Kab Bolaang Mongondow", "ID-71.01", "variant"),
        ("Kabupaten Kutai Kartanegara", "ID-64.02", "exact"),
        ("Kota Makassar", "ID-73.71", "exact"),
        ("Makassar", "ID-73.71", "variant"),
        ("Kep. Sangihe", "ID-71.03", "variant"),
        ("Kepulauan Sangihe", "ID-71.03", "variant"),
        ("Sangihe", "ID-71.03", "variant"),
        ("Kab. Kep. Talaud", "ID-71.04", "variant"),
        ("Kotamobagu", "ID-71.74", "variant"),
        ("Kota Mobagu", "ID-71.74", "variant"),
        ("Kota Kotamobagu", "ID-71.74", "exact"),
        ("Kab. Kep. Siau Tagulandang Biaro", "ID-71.09", "variant"),
        ("Tolitoli", "ID-72.04", "variant"),  # Kabupaten Toli-Toli
        ("Kota Adm. Jakarta Pusat", "ID-31.71", "variant"),
        ("Kodya Manado", "ID-71.71", "variant"),
        ("  kota   bitung  ", "ID-71.72", "exact"),
        ("Banggai", "ID-72.01", "variant"),  # not Banggai Kepulauan
        ("Banggai Kepulauan", "ID-72.07", "variant"),
        ("Minahsa Utara", "ID-71.06", "fuzzy"),
        ("Minahasa Utra", "ID-71.06", "fuzzy"),
        ("Kab. Minahas", "ID-71.02", "fuzzy"),
        ("71.02", "ID-71.02", "exact"),
        ("7102", "ID-71.02", "exact"),
        (" 71 02 ", "ID-71.02", "exact"),
        ("ID-71.02", "ID-71.02", "exact"),
    ],
)
def test_indonesian_spellings(indonesia, text, code, how):
    assert resolved(indonesia, text) == (code, how)


def test_fuzzy_matches_carry_their_score(indonesia):
    match = indonesia.resolve("Minahsa Utara")
    assert match.how == "fuzzy" and 90 <= match.score < 100
    assert indonesia.resolve("Kab. Minahasa").score == 100


@pytest.mark.parametrize(
    ("text", "code", "how"),
    [
        ("City of Puerto Princesa", "PH-1731500000", "exact"),
        ("Puerto Princesa City", "PH-1731500000", "variant"),
        ("PUERTO PRINCESA", "PH-1731500000", "variant"),
        ("Roxas, Palawan", "PH-1705318000", "exact"),
        ("Mun. of Roxas, Palawan", "PH-1705318000", "variant"),
        ("Davao City", "PH-1130700000", "variant"),
        ("Quezon City", "PH-1381300000", "exact"),
        ("Cotabato City", "PH-1908703000", "variant"),  # not the province of Cotabato
        ("Samal City", "PH-1102317000", "variant"),  # Island Garden City of Samal
        ("Brookes Point", "PH-1705306000", "exact"),  # Brooke's Point
        ("Las Pinas", "PH-1380200000", "variant"),  # City of Las Piñas
        ("Palawan", "PH-1705300000", "exact"),
        ("1731500000", "PH-1731500000", "exact"),
        ("330100000", "PH-0330100000", "exact"),  # a spreadsheet dropped the leading zero
    ],
)
def test_philippine_spellings(philippines, text, code, how):
    assert resolved(philippines, text) == (code, how)


def test_a_name_in_several_provinces_takes_the_province_hint(philippines):
    match = philippines.resolve("Mun. of Roxas")
    assert match.area is None
    assert [a.subdivision_id for a in match.ambiguous] == ["PH-ISA", "PH-MDR", "PH-PLW"]
    assert resolved(philippines, "Mun. of Roxas", within="PH-PLW") == ("PH-1705318000",
                                                                        "variant")
    # In Capiz, "Roxas" is the City of Roxas, although municipalities elsewhere are called
    # exactly Roxas.
    assert resolved(philippines, "Roxas", within="PH-CAP") == ("PH-0601914000", "variant")


def test_abbreviated_saints_are_the_same_name(philippines):
    match = philippines.resolve("Sto. Tomas")
    assert match.area is None and len(match.ambiguous) >= 4
    assert {a.name for a in match.ambiguous} >= {"Sto. Tomas", "Santo Tomas"}
    assert resolved(philippines, "Santo Tomas City", within="PH-BTG") == ("PH-0401028000",
                                                                           "variant")


@pytest.mark.parametrize(
    ("text", "code", "how"),
    [
        ("Kota Kinabalu", "MY-12-kota-kinabalu", "exact"),
        ("Daerah Kota Kinabalu", "MY-12-kota-kinabalu", "variant"),
        ("Kota Kinabalu District", "MY-12-kota-kinabalu", "variant"),
        ("Kota Kinabalu, Sabah", "MY-12-kota-kinabalu", "exact"),
        ("Jajahan Kota Bharu", "MY-03-kota-bharu", "variant"),
        ("Kuching", "MY-13-kuching", "exact"),
        ("Meradong", "MY-13-maradong", "fuzzy"),  # DOSM spells it Maradong
        ("MY-07-seberang-perai-sel", "MY-07-seberang-perai-sel", "exact"),
    ],
)
def test_malaysian_spellings(malaysia, text, code, how):
    assert resolved(malaysia, text) == (code, how)


@pytest.mark.parametrize("text", ["Bahagian Kuching", "Kuching Division", "Bahagian Pedalaman"])
def test_a_division_of_sarawak_or_sabah_is_no_district(malaysia, text):
    assert malaysia.resolve(text) is None


@pytest.mark.parametrize(("text", "code"), [("Belait", "BN-BE"), ("Daerah Brunei-Muara", "BN-BM"),
                                            ("Brunei Muara", "BN-BM"), ("Tutong District", "BN-TU"),
                                            ("BN-TE", "BN-TE")])
def test_brunei_districts(text, code):
    assert resolved(AreaResolver("BN"), text)[0] == code


def test_two_areas_of_one_name_are_not_guessed(indonesia):
    match = indonesia.resolve("Tangerang")
    assert match.area is None and match.how == "variant"
    assert [(a.code, a.name, a.subdivision_id) for a in match.ambiguous] == [
        ("ID-36.03", "Kabupaten Tangerang", "ID-BT"), ("ID-36.71", "Kota Tangerang", "ID-BT")]
    # Both lie in Banten: the province does not settle it, the designation does.
    assert indonesia.resolve("Tangerang", within="ID-BT").area is None
    assert resolved(indonesia, "Kab. Tangerang") == ("ID-36.03", "variant")
    assert resolved(indonesia, "Kota Tangerang") == ("ID-36.71", "exact")


def test_the_province_hint_prefers_its_own_area_but_finds_one_elsewhere(indonesia):
    # Kabupaten Banjar (South Kalimantan) and Kota Banjar (West Java).
    assert indonesia.resolve("Banjar").area is None
    assert resolved(indonesia, "Banjar", within="ID-KS") == ("ID-63.03", "variant")
    assert resolved(indonesia, "Banjar", within="ID-JB") == ("ID-32.79", "variant")
    assert resolved(indonesia, "Banjar", within="id-jb") == ("ID-32.79", "variant")
    # "Kota" names the city even in the other province's file.
    assert resolved(indonesia, "Kota Banjar", within="ID-KS") == ("ID-32.79", "exact")
    # Found elsewhere: the caller can say where it lies.
    match = indonesia.resolve("Kota Makassar", within="ID-SA")
    assert match.area.code == "ID-73.71"
    assert (match.area.subdivision_id, match.area.subdivision_name) == ("ID-SN",
                                                                        "Sulawesi Selatan")
    assert not match.lies_within("ID-SA", indonesia.parent_of)
    assert match.lies_within("ID-SN", indonesia.parent_of)
    assert match.lies_within("ID-SL", indonesia.parent_of)  # the Sulawesi island group


@pytest.mark.parametrize(
    "text",
    ["", "   ", "x" * 10_000, "Minahasa" * 30, "'; DROP TABLE regions_area; --",
     "Robert'); DELETE FROM enterprises_enterprise;--", "🏝️🌋", "Kab. 🏝️", "%", "_",
     "Kabupaten", "Kota", "Kab.", "99.99", "0", "1234567890123", "Provinsi Sulawesi Utara",
     "<script>alert(1)</script>", "Kampung Baru"],
)
def test_hostile_or_meaningless_text_resolves_to_nothing(indonesia, text):
    assert indonesia.resolve(text) is None


@pytest.mark.parametrize("text", ["\x00Minahasa", "Minahasa\t\r\n", "«Minahasa»", "Minahasa 🏝️"])
def test_control_characters_and_symbols_around_a_name_are_ignored(indonesia, text):
    assert resolved(indonesia, text) == ("ID-71.02", "variant")


def test_each_distinct_text_is_resolved_once(indonesia):
    first = indonesia.resolve("Minahsa Utara")
    assert indonesia.resolve("Minahsa Utara") is first
    assert indonesia.resolve.cache_info().hits == 1


def test_rows_without_a_database():
    rows = [AreaRow("ID-71.02", "Kabupaten Minahasa", "regency", "71.02", "ID-SA",
                    "Sulawesi Utara", "ID-SL")]
    resolver = AreaResolver("ID", rows)
    assert resolver.resolve("Kab. Minahasa").area.code == "ID-71.02"
    assert stored_area_code(resolver, "MINAHASA", "ID-SA") == "ID-71.02"
    assert stored_area_code(resolver, "MINAHASA", "ID-SL") == "ID-71.02"  # inside it
    assert stored_area_code(resolver, "MINAHASA", "ID-GO") is None
    assert stored_area_code(resolver, "Tondano", "ID-SA") is None


@pytest.mark.parametrize(
    ("text", "country", "core", "kind"),
    [
        ("Kab. Kep. Talaud", "ID", "kepulauan talaud", "regency"),
        ("KOTA ADMINISTRASI JAKARTA PUSAT", "ID", "jakarta pusat", "city"),
        ("Kotawaringin Barat", "ID", "kotawaringin barat", None),
        ("City of Sto. Tomas", "PH", "santo tomas", "city"),
        ("Tuguegarao City", "PH", "tuguegarao", "city"),
        ("Kota Kinabalu", "MY", "kota kinabalu", None),  # "Kota" is part of the name there
        ("Daerah Kota Kinabalu", "MY", "kota kinabalu", "district"),
    ],
)
def test_split_designation(text, country, core, kind):
    from etalase.regions.area_names import expand

    assert split_designation(expand(fold(text), country), country) == (core, kind)


def test_fold():
    assert fold("  Kab. Parañaque—City ") == "kab paranaque city"
    assert fold("Brooke’s Point") == "brookes point"
    assert fold("🏝️") == ""
