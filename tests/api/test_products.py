import pytest

from etalase.catalog.models import ProductTranslation
from etalase.enterprises.models import Consent
from tests.api.conftest import bearer
from tests.factories import buyer, make_certification, make_enterprise, make_product, officer_of

pytestmark = pytest.mark.django_db


def names(page: dict) -> set[str]:
    return {item["name"] for item in page["items"]}


@pytest.fixture
def catalogue():
    sa = make_enterprise("ID-SA", legal_name="Kakao Minahasa")
    pending = make_enterprise("ID-SA", consent=Consent.PENDING)
    hidden_ki = make_enterprise("ID-KI", is_published=False)
    sabah = make_enterprise("MY-12")
    agusan = make_enterprise("PH-AGN")
    return {
        "cocoa": make_product(sa, name="Cocoa beans"),
        "draft": make_product(sa, name="Draft nibs", is_published=False),
        "pending": make_product(pending, name="Pending beans"),
        "hidden_ki": make_product(hidden_ki, name="Hidden KI beans"),
        "seaweed": make_product(sabah, name="Dried seaweed", hs_code_id="121221"),
        "coconut": make_product(agusan, name="Virgin coconut oil", hs_code_id="151311"),
    }


def test_anonymous_sees_only_published_products_of_public_enterprises(get_json, catalogue):
    page = get_json("/api/v1/products?page_size=100")
    assert names(page) == {"Cocoa beans", "Dried seaweed", "Virgin coconut oil"}
    for key in ("draft", "pending", "hidden_ki"):
        get_json(f"/api/v1/products/{catalogue[key].pk}", status=404)


def test_product_detail_shape(get_json, catalogue):
    product = catalogue["cocoa"]
    make_certification(product.enterprise, kind="organic")
    product.certifications.set(product.enterprise.certifications.all())
    body = get_json(f"/api/v1/products/{product.pk}")
    assert body["enterprise"] == {
        "id": product.enterprise_id,
        "name": "Kakao Minahasa",
        "country": "ID",
        "subdivision": "ID-SA",
        "subdivision_name": "Sulawesi Utara",
        "area": None,  # none given; tests/api/test_areas.py gives some
    }
    assert body["hs_code"]["code"] == "180100" and body["hs_code"]["dotted"] == "1801.00"
    assert body["price_min"] == "45000.00" and body["currency"] == "IDR"
    assert [c["kind"] for c in body["certifications"]] == ["organic"]
    assert "phone" not in str(body) and "+62" not in str(body)


def test_officer_sees_own_province_drafts_not_another_province(get_json, catalogue):
    headers = bearer(officer_of("ID-SA"))
    listed = names(get_json("/api/v1/products?page_size=100", headers=headers))
    assert {"Draft nibs", "Pending beans"} <= listed
    assert "Hidden KI beans" not in listed
    get_json(f"/api/v1/products/{catalogue['draft'].pk}", headers=headers)
    get_json(f"/api/v1/products/{catalogue['hidden_ki'].pk}", status=404, headers=headers)


def test_buyer_sees_no_more_products_than_anonymous(get_json, catalogue):
    listed = names(get_json("/api/v1/products?page_size=100", headers=bearer(buyer())))
    assert listed == {"Cocoa beans", "Dried seaweed", "Virgin coconut oil"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hs_code=18", {"Cocoa beans"}),
        ("hs_code=1212.21", {"Dried seaweed"}),
        ("country=MY", {"Dried seaweed"}),
        ("subdivision=PH-13", {"Virgin coconut oil"}),  # region includes PH-AGN
        ("subdivision=ID-SA", {"Cocoa beans"}),
        ("q=COCONUT", {"Virgin coconut oil"}),
        ("q=kadar air", {"Cocoa beans", "Dried seaweed", "Virgin coconut oil"}),
    ],
)
def test_filters(get_json, catalogue, query, expected):
    assert names(get_json(f"/api/v1/products?{query}")) == expected


def test_filter_by_enterprise_does_not_reveal_hidden_products(get_json, catalogue):
    sa = catalogue["cocoa"].enterprise_id
    assert names(get_json(f"/api/v1/products?enterprise={sa}")) == {"Cocoa beans"}
    hidden = catalogue["hidden_ki"].enterprise_id
    assert get_json(f"/api/v1/products?enterprise={hidden}")["count"] == 0


def test_product_text_follows_language(get_json, catalogue):
    product = catalogue["cocoa"]  # written in Indonesian by its factory
    ProductTranslation.objects.create(
        product=product, language_code="ms", name="Biji koko", description="Biji koko kering."
    )
    malay = get_json(f"/api/v1/products/{product.pk}", headers={"Accept-Language": "ms"})
    assert (malay["name"], malay["description"]) == ("Biji koko", "Biji koko kering.")
    assert malay["hs_code"]["name"] == "biji koko"
    assert get_json(f"/api/v1/products/{product.pk}?lang=fil")["name"] == "Cocoa beans"
    listed = get_json("/api/v1/products?lang=ms&hs_code=18")
    assert names(listed) == {"Biji koko"}


@pytest.mark.parametrize(
    "query", ["enterprise=abc", "enterprise=0", "hs_code=18ab", "country=M", "q=" + "q" * 101]
)
def test_invalid_filters_are_422(get_json, query):
    get_json(f"/api/v1/products?{query}", status=422)
