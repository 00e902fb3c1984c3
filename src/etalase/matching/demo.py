"""Demo sourcing requests for `etalase seed_demo` (the lead calls `seed(rng)`).

A few open requests of the demo's verified buyer companies — cocoa (20 t/month, halal),
seaweed, coffee, rattan, and a private one — so that the match lists, the MSMEs'
"requests for my products" and the digest have something to show. Idempotent: a request
whose title exists already is left alone. Uses the same code path as the site for the
derived fields (HS links, the title's synonyms).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from etalase.accounts.models import Organisation
from etalase.matching import terms
from etalase.matching.models import RequestHSCode, SourcingRequest


@dataclass(frozen=True)
class DemoRequest:
    buyer: str  # name of a demo buyer organisation (demo/users.py BUYERS)
    title: str
    description: str
    hs_codes: tuple[str, ...]
    unit: str
    per_month: int
    per_delivery: int
    price: tuple[int, int] | None
    currency: str
    incoterm: str
    destination: str
    certifications: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    subdivisions: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    visibility: str = "public"


REQUESTS = (
    DemoRequest("PT Cokelat Nusantara", "Fermented cocoa beans, 20 t/month, halal",
                "Well-fermented, sun-dried cocoa beans for our chocolate line; bean count "
                "≤ 100/100 g, moisture ≤ 7.5%. Monthly deliveries, one-year contract.",
                ("180100",), "t", 20, 20, (2800, 3400), "USD", "FOB", "ID",
                certifications=("halal",), countries=("ID",), subdivisions=("ID-SA", "ID-ST")),
    DemoRequest("Lion City Provisions Pte. Ltd.", "Dried seaweed (Eucheuma cottonii)",
                "Dried seaweed for carrageenan extraction, moisture ≤ 35%, clean.",
                ("121221",), "t", 40, 20, (900, 1300), "USD", "CIF", "SG",
                countries=("PH", "ID", "MY")),
    DemoRequest("Kansai Specialty Imports K.K.", "Green coffee beans, arabica",
                "Specialty-grade green arabica for roasting in Osaka; samples first.",
                ("090111",), "kg", 3000, 3000, (6, 9), "USD", "CIF", "JP",
                certifications=("organic",), visibility="private"),
    DemoRequest("Borneo Fine Foods Sdn. Bhd.", "Rattan furniture and baskets",
                "Hand-woven rattan chairs and baskets for our retail stores in Sabah.",
                ("9403", "460212"), "pc", 400, 200, None, "MYR", "DAP", "MY",
                countries=("ID", "MY", "PH"), sizes=("micro", "small")),
    DemoRequest("Davao Premium Exports Inc.", "Cacao nibs and cocoa butter",
                "Roasted cacao nibs and cocoa butter for export to Korea.",
                ("1804", "180100"), "kg", 5000, 2500, None, "USD", "FCA", "PH",
                certifications=("food_safety",), countries=("PH",)),
)


def seed(rng: random.Random | None = None, *, today: dt.date | None = None) -> int:
    """Create the demo requests that are missing; returns how many were made."""
    rng = rng or random.Random(1)
    today = today or timezone.localdate()
    buyers = {o.name: o for o in Organisation.objects.filter(kind=Organisation.Kind.BUYER)}
    made = 0
    with transaction.atomic():
        for spec in REQUESTS:
            organisation = buyers.get(spec.buyer)
            if organisation is None or SourcingRequest.objects.filter(
                    organisation=organisation, title=spec.title).exists():
                continue
            published = timezone.make_aware(dt.datetime.combine(
                today - dt.timedelta(days=rng.randint(0, 6)), dt.time(rng.randint(8, 16))))
            request = SourcingRequest.objects.create(
                organisation=organisation, title=spec.title, description=spec.description,
                unit=spec.unit, quantity_per_month=Decimal(spec.per_month),
                quantity_per_delivery=Decimal(spec.per_delivery),
                price_min=Decimal(spec.price[0]) if spec.price else None,
                price_max=Decimal(spec.price[1]) if spec.price else None,
                currency=spec.currency, incoterm=spec.incoterm,
                destination_country_id=spec.destination,
                required_certifications=list(spec.certifications),
                preferred_countries=list(spec.countries),
                preferred_subdivisions=list(spec.subdivisions),
                size_classes=list(spec.sizes), visibility=spec.visibility,
                deadline=today + dt.timedelta(days=rng.randint(20, 60)),
                status="open", published_at=published, match_terms=terms.expand(spec.title))
            RequestHSCode.objects.bulk_create([
                RequestHSCode(request=request, hs_code_id=code, chapter=code[:2])
                for code in spec.hs_codes])
            made += 1
    return made
