import pytest
from django.utils import timezone

from tests.factories import make_enterprise

pytestmark = pytest.mark.django_db


def names(page: dict) -> set[str]:
    return {item["legal_name"] for item in page["items"]}


@pytest.fixture
def spread():
    make_enterprise("ID-SA", legal_name="Micro SA", size_class="micro", export_status="not_yet")
    make_enterprise(
        "ID-KI",
        legal_name="Small KI",
        size_class="small",
        export_status="exporting",
        verified_at=timezone.now(),
    )
    make_enterprise("MY-12", legal_name="Sabah Medium", size_class="medium", export_status="ready")
    make_enterprise("PH-AGN", legal_name="Agusan Coco", size_class="micro", export_status="ready")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=MY", {"Sabah Medium"}),
        ("country=id", {"Micro SA", "Small KI"}),
        ("subdivision=ID-KI", {"Small KI"}),
        # A Philippine region includes its provinces.
        ("subdivision=PH-13", {"Agusan Coco"}),
        ("size_class=micro", {"Micro SA", "Agusan Coco"}),
        ("export_status=ready", {"Sabah Medium", "Agusan Coco"}),
        ("verified=true", {"Small KI"}),
        ("verified=false", {"Micro SA", "Sabah Medium", "Agusan Coco"}),
        ("q=coco", {"Agusan Coco"}),
        ("country=ID&size_class=small", {"Small KI"}),
        ("country=BN", set()),
    ],
)
def test_filters(get_json, spread, query, expected):
    assert names(get_json(f"/api/v1/enterprises?{query}")) == expected


@pytest.mark.parametrize(
    "query",
    [
        "size_class=huge",
        "export_status=maybe",
        "verified=perhaps",
        "country=IDN",
        "subdivision=ID_SA",
        "q=" + "x" * 101,
    ],
)
def test_invalid_filters_are_422(get_json, query):
    body = get_json(f"/api/v1/enterprises?{query}", status=422)
    assert body["detail"][0]["loc"][0] == "query"


def test_description_follows_language(get_json):
    from etalase.enterprises.models import EnterpriseTranslation

    ent = make_enterprise(description="Produsen biji kakao fermentasi.", language="id")
    EnterpriseTranslation.objects.create(
        enterprise=ent, language_code="en", description="Producer of fermented cocoa beans."
    )
    assert get_json(f"/api/v1/enterprises/{ent.pk}")["description"] == (
        "Producer of fermented cocoa beans."
    )
    indonesian = get_json(f"/api/v1/enterprises/{ent.pk}?lang=id")
    assert indonesian["description"] == "Produsen biji kakao fermentasi."
    # No Malay text: the original language is the fallback.
    assert (
        get_json(f"/api/v1/enterprises/{ent.pk}", headers={"Accept-Language": "ms"})["description"]
        == "Produsen biji kakao fermentasi."
    )
