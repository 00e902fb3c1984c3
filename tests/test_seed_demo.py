"""`etalase seed_demo`: deterministic, valid and placed where BIMP-EAGA works."""

import datetime as dt
import io
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from etalase.accounts.models import Organisation, Role, RoleAssignment, User
from etalase.catalog import search
from etalase.catalog.hs_loader import multilingual_goods
from etalase.catalog.models import HSCode, Product, ProductTranslation
from etalase.demo.builder import build_demo
from etalase.demo.goods import GOODS_BY_CODE, good_names
from etalase.demo.users import DEMO_PASSWORD
from etalase.enterprises.identifiers import validate_registration_id
from etalase.enterprises.models import Certification, Enterprise, EnterpriseTranslation
from etalase.enterprises.phones import normalize_phone
from etalase.enterprises.size_classes import classify
from etalase.enterprises.validators import size_of
from etalase.regions.models import Subdivision
from tests.factories import make_enterprise

TODAY = dt.date(2025, 6, 30)
CURRENCY = {"ID": "IDR", "MY": "MYR", "PH": "PHP", "BN": "BND"}

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # The demo hashes its one password once; a fast hasher keeps these tests quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed(enterprises: int = 50, products: int = 200, seed: int = 7, **extra):
    return build_demo(enterprises=enterprises, products=products, seed=seed, today=TODAY,
                      **extra)


def snapshot() -> list[tuple]:
    enterprises = [
        (e.legal_name, e.trade_name, e.registration_id, e.subdivision_id, e.employees,
         e.annual_turnover, e.assets, e.size_class, e.phone, e.consent, e.verified_at,
         e.export_markets, e.description)
        for e in Enterprise.objects.order_by("id")
    ]
    products = [
        (p.enterprise.registration_id, p.name, p.hs_code_id, p.min_order, p.price_min,
         p.is_published, p.description)
        for p in Product.objects.select_related("enterprise").order_by("id")
    ]
    certificates = list(Certification.objects.order_by("id")
                        .values_list("kind", "number", "valid_from", "valid_until"))
    translations = list(ProductTranslation.objects.order_by("id")
                        .values_list("language_code", "name"))
    return [enterprises, products, certificates, translations]


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    seed(seed=7)
    first = snapshot()
    Enterprise.objects.all().delete()
    seed(seed=7)
    assert snapshot() == first
    Enterprise.objects.all().delete()
    seed(seed=8)
    other = snapshot()
    assert [e[0] for e in other[0]] != [e[0] for e in first[0]]


def test_counts_are_as_asked():
    result = seed(enterprises=50, products=200)
    assert (result.enterprises, result.products) == (50, 200)
    assert Enterprise.objects.count() == 50
    assert Product.objects.count() == 200
    assert result.certifications == Certification.objects.count() > 0
    assert result.translations == (EnterpriseTranslation.objects.count()
                                   + ProductTranslation.objects.count())
    # At least one product each while there are enough products for that.
    assert not Enterprise.objects.filter(products=None).exists()


def test_fewer_products_than_enterprises():
    seed(enterprises=20, products=5)
    assert Product.objects.count() == 5
    assert Enterprise.objects.filter(products=None).count() == 15


def test_enterprises_spread_over_countries_and_sit_in_focus_areas():
    seed(enterprises=80, products=160)
    enterprises = list(Enterprise.objects.order_by("id").select_related("subdivision"))
    # The first five are placed where the demo accounts work; the rest are drawn.
    assert len({e.country_id for e in enterprises[5:]}) >= 3
    assert {e.country_id for e in enterprises} == {"ID", "MY", "PH", "BN"}
    focus = set(Subdivision.objects.focus_areas().values_list("code", flat=True))
    for e in enterprises:
        assert e.subdivision_id in focus
        assert e.subdivision.country_id == e.country_id
        assert e.currency == CURRENCY[e.country_id]
        if e.country_id == "PH":
            # Provinces (or Palawan), never a whole region.
            assert e.subdivision.type == "Province"
    assert Counter(e.country_id for e in enterprises).most_common(1)[0][0] == "ID"


def test_size_class_follows_the_country_rule_on_every_criterion():
    seed(enterprises=120, products=120)
    classes = set()
    for e in Enterprise.objects.all():
        result = size_of(country=e.country_id, year_established=e.year_established,
                         annual_turnover=e.annual_turnover, assets=e.assets,
                         employees=e.employees, sector_kind=e.sector_kind, today=TODAY)
        assert result.size_class == e.size_class, e.legal_name
        assert e.size_basis == str(result.basis)
        # Every figure agrees, so any reading of the rule gives the same class.
        figures = {"capital": e.assets} if e.country_id == "ID" else {"assets": e.assets}
        every = classify(country=e.country_id, annual_sales=e.annual_turnover,
                         employees=e.employees, sector=e.sector_kind, on=TODAY, **figures)
        assert set(every.by_criterion.values()) == {e.size_class}, e.legal_name
        assert e.employees >= 1 and e.annual_turnover > 0 and e.assets > 0
        classes.add(e.size_class)
    assert {"micro", "small", "medium"} <= classes


def test_registration_ids_are_valid_and_unique_per_country():
    seed(enterprises=120, products=120)
    seen: dict[str, set[str]] = {}
    for country, number, scheme in Enterprise.objects.values_list(
            "country_id", "registration_id", "registration_scheme"):
        normalized = validate_registration_id(country, number)
        assert (normalized.compact, normalized.scheme) == (number, scheme)
        assert number not in seen.setdefault(country, set())
        seen[country].add(number)
        if country == "ID":
            assert len(number) == 13 and number.isdigit()
        if country == "MY":
            assert len(number) == 12 and number[4:6] in {"01", "03"}


def test_contacts_are_valid_e164_numbers():
    seed(enterprises=60, products=60)
    for e in Enterprise.objects.all():
        assert normalize_phone(e.phone, country=e.country_id) == e.phone
        if e.whatsapp:
            assert normalize_phone(e.whatsapp, country=e.country_id, mobile_only=True) \
                == e.whatsapp
        if e.email:
            assert e.email.endswith(".example")  # a reserved domain: no mail leaves the demo
        e.full_clean(exclude=["slug"])


def test_products_are_real_goods_with_sensible_figures():
    seed(enterprises=60, products=400)
    names = good_names()
    for p in Product.objects.select_related("enterprise", "hs_code"):
        assert p.hs_code.level == 6 and p.hs_code_id in GOODS_BY_CODE
        assert p.currency == p.enterprise.currency
        assert p.language == p.enterprise.language
        assert p.unit == GOODS_BY_CODE[p.hs_code_id].unit
        assert p.min_order > 0 and p.monthly_capacity >= p.min_order
        if p.price_min is not None:
            assert Decimal(0) < p.price_min <= p.price_max
        # The name starts with the good's name in the product's language.
        options = [n[:1].upper() + n[1:] for n in names[p.hs_code_id][p.language]]
        assert any(p.name.startswith(option) for option in options), p.name
    hs_names = {row["hs_code"] for row in multilingual_goods()}
    for code in Product.objects.values_list("hs_code_id", flat=True).distinct():
        assert code in hs_names or code[:4] in hs_names
    translations = ProductTranslation.objects.select_related("product")
    assert translations.exists()
    assert all(t.language_code != t.product.language for t in translations)
    chapters = Enterprise.hs_chapters.through.objects.values_list("hscode_id", flat=True)
    assert HSCode.objects.filter(code__in=chapters).exclude(level=2).count() == 0


def test_a_share_is_hidden_pending_verified_or_expired():
    seed(enterprises=200, products=600)
    enterprises = Enterprise.objects.all()
    assert enterprises.filter(consent="pending").exists()
    assert enterprises.filter(consent="pending", consent_at__isnull=False).count() == 0
    assert 0 < enterprises.public().count() < 200
    assert enterprises.verified().exists() and enterprises.filter(verified_at=None).exists()
    assert enterprises.filter(verified_by__email="officer.sa@demo.etalase").exists()
    assert enterprises.filter(export_status="exporting").exclude(export_markets=[]).exists()
    assert not enterprises.exclude(export_status="exporting").exclude(export_markets=[]).exists()
    assert Product.objects.filter(is_published=False).exists()
    assert 0 < Product.objects.published().count() < 600
    expired = Certification.objects.filter(valid_until__lt=TODAY)
    valid = Certification.objects.exclude(valid_until__lt=TODAY)
    assert expired.exists() and valid.exists()
    assert {c.kind for c in Certification.objects.all()} >= {"halal", "organic"}
    assert Product.certifications.through.objects.exists()
    for link in Product.certifications.through.objects.select_related("product",
                                                                      "certification"):
        assert link.certification.enterprise_id == link.product.enterprise_id


def test_demo_accounts_have_their_roles_and_password():
    result = seed(enterprises=10, products=20)
    expected = {
        "secretariat@demo.etalase": (Role.SECRETARIAT, {}),
        "officer.sa@demo.etalase": (Role.OFFICER, {"subdivision_id": "ID-SA"}),
        "officer.ki@demo.etalase": (Role.OFFICER, {"subdivision_id": "ID-KI"}),
        "officer.sabah@demo.etalase": (Role.OFFICER, {"subdivision_id": "MY-12"}),
        "focal.id@demo.etalase": (Role.FOCAL_POINT, {"country_id": "ID"}),
        "focal.my@demo.etalase": (Role.FOCAL_POINT, {"country_id": "MY"}),
        "focal.ph@demo.etalase": (Role.FOCAL_POINT, {"country_id": "PH"}),
    }
    for email, (role, scope) in expected.items():
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD)
        assert RoleAssignment.objects.filter(user=user, role=role, **scope).exists(), email
    first_sa = Enterprise.objects.filter(subdivision_id="ID-SA").order_by("id").first()
    owner = User.objects.get(email="owner@demo.etalase")
    assert RoleAssignment.objects.filter(user=owner, role=Role.MSME_OWNER,
                                         enterprise=first_sa).exists()
    assert first_sa.is_public
    buyer_role = RoleAssignment.objects.get(user__email="buyer@demo.etalase", role=Role.BUYER)
    assert buyer_role.organisation.kind == Organisation.Kind.BUYER
    assert buyer_role.organisation.verified_at is not None
    for assignment in RoleAssignment.objects.all():
        assignment.full_clean()  # every scope is what the role requires
    buyers = Organisation.objects.filter(kind=Organisation.Kind.BUYER)
    assert {"ID", "MY", "PH", "SG", "JP"} <= set(buyers.values_list("country_id", flat=True))
    assert Organisation.objects.filter(kind=Organisation.Kind.GOVERNMENT,
                                       subdivision_id="ID-SA").exists()
    assert {a.email for a in result.accounts} >= set(expected) | {"owner@demo.etalase"}
    assert not User.objects.get(email="officer.ki@demo.etalase").check_password("wrong")


def test_if_empty_is_a_no_op_the_second_time():
    out = io.StringIO()
    call_command("seed_demo", "--enterprises", "6", "--products", "12", "--if-empty",
                 "--today", TODAY.isoformat(), stdout=out)
    assert Enterprise.objects.count() == 6
    assert "etalase-demo" in out.getvalue() and "owner@demo.etalase" in out.getvalue()
    names = list(Enterprise.objects.values_list("legal_name", flat=True))
    out = io.StringIO()
    call_command("seed_demo", "--enterprises", "6", "--products", "12", "--if-empty",
                 stdout=out)
    assert "not loaded" in out.getvalue()
    assert "officer.sabah@demo.etalase" in out.getvalue()  # the accounts are shown again
    assert list(Enterprise.objects.values_list("legal_name", flat=True)) == names
    assert Product.objects.count() == 12
    assert User.objects.filter(email="secretariat@demo.etalase").count() == 1


def test_seeding_again_adds_data_without_clashing_identifiers():
    seed(enterprises=30, products=30, seed=1)
    seed(enterprises=30, products=30, seed=1)
    assert Enterprise.objects.count() == 60
    assert User.objects.filter(email__endswith="@demo.etalase").count() == 11
    # Ids were assigned by the seed: the database's own sequence must continue after them.
    enterprise = make_enterprise()
    assert enterprise.pk > 60


def test_users_only_creates_accounts_and_no_registry():
    out = io.StringIO()
    call_command("seed_demo", "--users-only", stdout=out)
    assert Enterprise.objects.count() == 0
    assert User.objects.filter(email="focal.ph@demo.etalase").exists()
    assert not User.objects.filter(email="owner@demo.etalase").exists()
    assert "no enterprise in ID-SA" in out.getvalue()


def test_search_index_is_rebuilt_and_kept_in_sync():
    seed(enterprises=40, products=120)
    public = Product.objects.published().count()
    assert search.search_products(query="", per_page=1).total == public
    # The triggers paused for the bulk load are back: a new product is found at once.
    enterprise = Enterprise.objects.public().first()
    Product.objects.create(enterprise=enterprise, name="Zebrawood sculpture", hs_code_id="442011",
                           currency=enterprise.currency, language="en")
    assert search.search_products(query="zebrawood").total == 1


@pytest.mark.parametrize("argv", [
    ["--enterprises", "-1"],
    ["--products", "lots"],
    ["--batch-size", "0"],
    ["--today", "2025-13-40"],
    ["--enterprises", "99999999999"],
])
def test_bad_arguments_are_refused(argv):
    with pytest.raises(CommandError):
        call_command("seed_demo", *argv, stdout=io.StringIO())
    assert Enterprise.objects.count() == 0
