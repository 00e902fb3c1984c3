"""The fixed data set of the matching tests: cocoa, coffee, seaweed and rattan suppliers.

Dates are relative to today (certificates valid for a year more, or expired 100 days ago),
so the pinned orders hold on any day. Scores expected for the cocoa request (HS 1801.00,
"cocoa beans", 20 t/month, halal, preferred ID-SA) — see scoring.WEIGHTS:

    A  UD Kakao Minahasa (ID-SA)  40 + 25 + 15 + 10 + 8 + 6 + 5 = 109
    D  Kakao Sulsel (ID-SN)       40 + 25 + 15 +  3 + 5 + 6 + 2 =  96  (15 t < 20 t)
    C  CV Coklat Lama (ID-SA)     40 + 25 +  0 + 10 + 8 + 6 + 5 =  94  (halal expired)
    B  Koperasi Bolmong (ID-SA)   40 + 25 + 15 +  2 + 8 + 0 + 0 =  90  (8 t < 20 t)
    E  Davao Cacao (PH-DAS)       10 +  0 +  0 + 10 + 0 + 6 + 5 =  31  (chapter 18 only)
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from etalase.accounts.models import Role
from etalase.catalog.models import ProductTranslation
from etalase.catalog.search import synonyms
from etalase.matching import services
from tests.factories import (
    grant,
    make_buyer_org,
    make_certification,
    make_enterprise,
    make_product,
    make_user,
    owner_of,
)

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _fresh_synonyms():
    synonyms.reset()
    yield
    synonyms.reset()


def _supplier(subdivision: str, name: str, *, verified: bool = True, office: str = "",
              export: str = "not_yet", markets=(), size: str = "micro", **fields):
    return make_enterprise(
        subdivision, legal_name=name, size_class=size, export_status=export,
        export_markets=list(markets), verified_at=timezone.now() if verified else None,
        verified_by_office=office, **fields)


def build_world() -> SimpleNamespace:
    today = timezone.localdate()
    valid = today + dt.timedelta(days=400)
    expired = today - dt.timedelta(days=100)
    w = SimpleNamespace(today=today, valid_until=valid, expired_on=expired)

    # Cocoa.
    w.a = _supplier("ID-SA", "UD Kakao Minahasa", export="exporting", markets=["CN"])
    make_certification(w.a, kind="halal", valid_until=valid)
    w.a_product = make_product(w.a, name="Biji kakao fermentasi",
                               description="Biji kakao fermentasi kering, kadar air 7%.",
                               hs_code_id="180100", unit="kg", monthly_capacity=Decimal(25000))
    w.b = _supplier("ID-SA", "Koperasi Kakao Bolmong", verified=False)
    make_certification(w.b, kind="halal", valid_until=valid)
    w.b_product = make_product(w.b, name="Biji kakao kering", hs_code_id="180100", unit="t",
                               monthly_capacity=Decimal(8), description="Dari Bolaang "
                               "Mongondow.")
    w.c = _supplier("ID-SA", "CV Coklat Lama", export="exporting", markets=["MY"],
                    size="small")
    make_certification(w.c, kind="halal", valid_from=today - dt.timedelta(days=1600),
                       valid_until=expired)
    w.c_product = make_product(w.c, name="Biji kakao fermentasi premium", hs_code_id="180100",
                               unit="kg", monthly_capacity=Decimal(30000))
    w.d = _supplier("ID-SN", "Kakao Sulsel", export="ready", language="en",
                    office="Dinas Koperasi Sulawesi Selatan")
    make_certification(w.d, kind="halal", valid_until=valid)
    w.d_product = make_product(w.d, name="Cocoa beans (fermented)", language="en",
                               description="Sun-dried fermented cocoa beans.",
                               hs_code_id="180100", unit="t", monthly_capacity=Decimal(15))
    w.e = _supplier("PH-DAS", "Davao Cacao Growers", export="exporting", markets=["KR"],
                    language="en")
    w.e_product = make_product(w.e, name="Cacao nibs", language="en", hs_code_id="180310",
                               unit="kg", monthly_capacity=Decimal(50000),
                               description="Roasted cacao nibs.")

    # Coffee.
    w.f = _supplier("ID-SN", "Kopi Toraja Sejahtera", export="exporting", markets=["JP"])
    w.f_product = make_product(w.f, name="Kopi arabika Toraja", hs_code_id="090111",
                               unit="kg", monthly_capacity=Decimal(5000),
                               description="Biji kopi hijau arabika.")
    ProductTranslation.objects.create(product=w.f_product, language_code="en",
                                      name="Toraja arabica coffee beans",
                                      description="Green arabica coffee beans.")
    w.g = _supplier("PH-DAS", "Tawi-Tawi Seaweed Farmers", export="exporting",
                    markets=["SG"], language="en")
    w.g_product = make_product(w.g, name="Dried seaweed (Eucheuma cottonii)", language="en",
                               hs_code_id="121221", unit="t", monthly_capacity=Decimal(40))
    w.h = _supplier("ID-SA", "UD Rumput Laut Bunaken")
    w.h_product = make_product(w.h, name="Rumput laut kering", hs_code_id="121221", unit="t",
                               monthly_capacity=Decimal(12))

    # Rattan.
    w.i = _supplier("ID-KT", "CV Rotan Katingan", export="exporting", markets=["NL"])
    w.i_product = make_product(w.i, name="Keranjang rotan", hs_code_id="460212", unit="pc",
                               monthly_capacity=Decimal(900),
                               description="Keranjang anyaman rotan alam.")
    w.j = _supplier("MY-12", "Sabah Rattan Works", language="en")
    w.j_product = make_product(w.j, name="Rattan chair", language="en", hs_code_id="940383",
                               unit="pc", monthly_capacity=Decimal(60))

    # People.
    w.buyer_org = make_buyer_org("PT Cokelat Nusantara")
    w.buyer_org.verified_at = timezone.now()
    w.buyer_org.save()
    w.buyer = make_user(email="buyer@cokelat.test", full_name="Buyer One")
    grant(w.buyer, Role.BUYER, organisation=w.buyer_org)
    w.other_org = make_buyer_org("Lion City Provisions", country="SG")
    w.other_org.verified_at = timezone.now()
    w.other_org.save()
    w.other_buyer = make_user(email="buyer@lioncity.test", full_name="Buyer Two")
    grant(w.other_buyer, Role.BUYER, organisation=w.other_org)
    w.owner_a = owner_of(w.a, email="owner@kakao-minahasa.test", full_name="Owner A")
    w.owner_c = owner_of(w.c, email="owner@coklat-lama.test", full_name="Owner C")
    w.owner_f = owner_of(w.f, email="owner@kopi-toraja.test", full_name="Owner F")
    return w


def cocoa_request(w, **overrides):
    fields = dict(title="cocoa beans", unit="t", quantity_per_month=Decimal(20),
                  required_certifications=["halal"], preferred_subdivisions=["ID-SA"])
    hs_codes = overrides.pop("hs_codes", ["1801.00"])
    fields.update(overrides)
    actor = overrides.pop("actor", None) or w.buyer
    fields.pop("actor", None)
    return services.sourcing_request_create(actor=actor, organisation=w.buyer_org,
                                            hs_codes=hs_codes, **fields)


def open_request(w, sourcing_request, actor=None):
    return services.sourcing_request_set_status(actor=actor or w.buyer,
                                                sourcing_request=sourcing_request,
                                                status="open")


@pytest.fixture
def world(db) -> SimpleNamespace:
    return build_world()
