"""The generated XForm: converted by pyxform from the intake's fields, parsed back."""

import shutil

import pytest
from defusedxml import ElementTree as ET
from django.utils import timezone

from etalase.fieldcapture import xlsform
from etalase.regions.models import Subdivision
from etalase.regions.selectors import area_list

pytestmark = pytest.mark.django_db
NS = {"h": "http://www.w3.org/1999/xhtml", "x": "http://www.w3.org/2002/xforms",
      "jr": "http://openrosa.org/javarosa", "orx": "http://openrosa.org/xforms"}


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        office = Subdivision.objects.select_related("country").get(code="ID-SA")
        return xlsform.build(office)


def _model(built):
    return ET.fromstring(built.xml.encode()).find("h:head/x:model", NS)


def test_four_languages_as_itext(built):
    languages = [t.get("lang") for t in _model(built).findall("x:itext/x:translation", NS)]
    assert sorted(languages) == sorted(xlsform.LANGUAGES.values())
    default = _model(built).find("x:itext/x:translation[@default='true()']", NS)
    assert default.get("lang") == "Indonesian (id)"  # the country's language
    label = default.find("x:text[@id='/data/group_enterprise/legal_name:label']/x:value", NS)
    assert label.text == "Nama Usaha"  # the template's header, as the importer knows it
    fil = _model(built).find("x:itext/x:translation[@lang='Filipino (fil)']", NS)
    assert fil.find("x:text[@id='/data/group_enterprise/legal_name:label']/x:value",
                    NS).text == "Pangalan ng Negosyo"


def test_every_template_column_is_a_question(built):
    instance = _model(built).find("x:instance/x:data", NS)
    leaves = {e.tag.rsplit("}", 1)[-1] for e in instance.iter() if not len(e)}
    from etalase.intake.template import COLUMNS

    missing = {c.field for c in COLUMNS} - leaves - {"subdivision"}  # from the area
    assert not missing
    assert instance.get("id") == "etalase_id_sa" and instance.get("version") == built.version


def test_the_office_areas_are_the_choices(built):
    items = _model(built).findall("x:instance[@id='areas']/x:root/x:item", NS)
    codes = {i.findtext("x:name", namespaces=NS) for i in items}
    assert codes == set(area_list("ID-SA").values_list("code", flat=True))
    assert "ID-71.04" in codes  # Kabupaten Kepulauan Talaud
    assert not any(code.startswith("ID-75") for code in codes)  # Gorontalo's are not offered


def test_constraints_repeat_the_importer_checks(built):
    binds = {b.get("nodeset").rsplit("/", 1)[-1]: b for b in _model(built).findall("x:bind", NS)}
    assert "[0-9]{13}" in binds["registration_id"].get("constraint")
    assert "1800" in binds["year_established"].get("constraint")
    assert "today()" in binds["year_established"].get("constraint")
    assert "1000000" in binds["employees"].get("constraint")
    assert binds["legal_name"].get("required") == "true()"
    assert "regex" in binds["phone"].get("constraint")
    assert binds["legal_name"].get(f"{{{NS['jr']}}}constraintMsg").startswith("jr:itext(")


def test_the_product_photo_question(built):
    body = ET.fromstring(built.xml.encode()).find("h:body", NS)
    upload = body.find(".//x:upload[@ref='/data/group_product/product_photo']", NS)
    assert upload is not None and upload.get("mediatype") == "image/*"
    bind = next(b for b in _model(built).findall("x:bind", NS)
                if b.get("nodeset").endswith("product_photo"))
    assert bind.get("type") == "binary" and "product" in bind.get("relevant")


def test_meta_instance_id(built):
    bind = next(b for b in _model(built).findall("x:bind", NS)
                if b.get("nodeset") == "/data/meta/instanceID")
    assert bind.get(f"{{{NS['jr']}}}preload") == "uid"


def test_form_ids_round_trip():
    for code in ("ID-SA", "PH-14", "MY-12", "BN-TE", "ID-PA"):
        assert xlsform.office_of_form(xlsform.form_id_for(code)) == code
    assert xlsform.office_of_form("bird_survey") is None


def test_year_bound_is_not_fixed_at_generation(built):
    assert str(timezone.localdate().year) not in _model(built).find(
        "x:bind[@nodeset='/data/group_size/year_established']", NS).get("constraint")


@pytest.mark.skipif(shutil.which("java") is None, reason="ODK Validate needs Java")
@pytest.mark.django_db
@pytest.mark.parametrize("code", ["ID-SA", "PH-14"])
def test_odk_validate_accepts_the_form(code):
    """pyxform's bundled ODK Validate (JavaRosa) parses the form; without Java it is skipped
    and pyxform's own checks (every build) are what stands."""
    office = Subdivision.objects.select_related("country").get(code=code)
    xlsform.build(office, validate=True)  # raises ODKValidateError on a refused form
