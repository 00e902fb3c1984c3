"""Demo programmes and information resources, for `etalase seed_demo`.

    from etalase.learning import demo
    demo.seed(random.Random(seed))

~20 programmes over the region (past, running and upcoming; every kind, mode and time
zone of BIMP-EAGA), targeted as offices would target them, and ~15 resources with
translations. Deterministic for a given generator and `today`. Runs once: when a
programme already exists it does nothing (re-running seed_demo adds no duplicates).
The demo owner (owner@demo.etalase), when present, is enrolled in one past programme
with attendance marked, so the certificate can be tried at once.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from etalase.accounts.models import Organisation, Role, RoleAssignment
from etalase.learning import resources, search
from etalase.learning.models import (
    Enrolment,
    EnrolmentStatus,
    Programme,
    ProgrammeTranslation,
    Resource,
    ResourceTranslation,
)

# (kind, mode, time zone, office (country / subdivision / "" = secretariat), language,
#  title, English title, delivery languages, eligibility {dimension: values}, capacity, cost)
PROGRAMMES = [
    ("training", "on_site", "Asia/Makassar", "ID-SA", "id",
     "Pelatihan fermentasi biji kakao untuk ekspor", "Cocoa bean fermentation for export",
     ["id"], {"subdivisions": ["ID-SA"], "hs_chapters": ["18"]}, 25, None),
    ("workshop", "on_site", "Asia/Makassar", "ID-SA", "id",
     "Lokakarya kemasan produk pangan", "Food packaging workshop",
     ["id"], {"subdivisions": ["ID-SA"], "size_classes": ["micro", "small"]}, 30, None),
    ("webinar", "online", "Asia/Jakarta", "ID", "id",
     "Webinar: memulai ekspor lewat marketplace", "Webinar: start exporting through marketplaces",
     ["id", "en"], {"countries": ["ID"]}, None, None),
    ("mentoring", "hybrid", "Asia/Pontianak", "ID-KI", "id",
     "Pendampingan sertifikasi halal", "Halal certification mentoring",
     ["id"], {"subdivisions": ["ID-KI"]}, 15, None),
    ("trade_fair", "on_site", "Asia/Jakarta", "ID", "id",
     "Pameran produk UMKM Indonesia Timur", "Eastern Indonesia MSME products fair",
     ["id", "en"], {"countries": ["ID"], "export_statuses": ["ready", "exporting"]}, 40,
     ("IDR", "1500000")),
    ("training", "online", "Asia/Jayapura", "ID", "id",
     "Pelatihan digital marketing untuk UMKM Papua", "Digital marketing for MSMEs of Papua",
     ["id"], {"subdivisions": ["ID-PP"]}, 50, None),
    ("funding", "online", "Asia/Jakarta", "ID", "id",
     "Kredit Usaha Rakyat: kenali syaratnya", "People's Business Credit (KUR): the conditions",
     ["id"], {"countries": ["ID"], "size_classes": ["micro", "small"]}, None, None),
    ("training", "on_site", "Asia/Kuching", "MY-12", "ms",
     "Latihan pemprosesan rumpai laut", "Seaweed processing training",
     ["ms", "en"], {"subdivisions": ["MY-12"]}, 20, None),
    ("webinar", "online", "Asia/Kuala_Lumpur", "MY", "ms",
     "Webinar pensijilan halal JAKIM", "JAKIM halal certification webinar",
     ["ms"], {"countries": ["MY"]}, None, None),
    ("workshop", "hybrid", "Asia/Kuching", "MY", "en",
     "Industry 4.0 for small manufacturers", "",
     ["en", "ms"], {"countries": ["MY"], "size_classes": ["small", "medium"]}, 35,
     ("MYR", "150")),
    ("scholarship", "online", "Asia/Kuala_Lumpur", "", "en",
     "BIMP-EAGA young entrepreneurs scholarship", "",
     ["en"], {}, 10, None),
    ("training", "on_site", "Asia/Manila", "PH-DAS", "en",
     "Abaca and banig weaving: design for export", "",
     ["en", "fil"], {"subdivisions": ["PH-11"], "hs_chapters": ["46", "53"]}, 25, None),
    ("mentoring", "online", "Asia/Manila", "PH", "fil",
     "Mentoring sa pag-export ng kakaw", "Cocoa export mentoring",
     ["fil", "en"], {"countries": ["PH"], "hs_chapters": ["18"]}, 12, None),
    ("trade_fair", "on_site", "Asia/Manila", "PH", "en",
     "Mindanao Trade Expo", "",
     ["en", "fil"], {"countries": ["PH"]}, 60, ("PHP", "5000")),
    ("funding", "online", "Asia/Manila", "PH", "en",
     "Small business grants: how to apply", "",
     ["en", "fil"], {"countries": ["PH"], "size_classes": ["micro"]}, None, None),
    ("webinar", "online", "Asia/Brunei", "BN", "ms",
     "Webinar eksport ke pasaran ASEAN", "Exporting to ASEAN markets",
     ["ms", "en"], {"countries": ["BN"]}, None, None),
    ("training", "on_site", "Asia/Brunei", "BN", "en",
     "Food safety and HACCP basics", "",
     ["en", "ms"], {"countries": ["BN"], "hs_chapters": ["16", "19", "20", "21"]}, 20,
     ("BND", "50")),
    ("webinar", "online", "Asia/Makassar", "", "en",
     "BIMP-EAGA cross-border QR payments for MSMEs", "",
     ["en", "id", "ms", "fil"], {}, None, None),
    ("trade_fair", "on_site", "Asia/Kuching", "", "en",
     "BIMP-EAGA Trade and Investment Fair", "",
     ["en"], {"export_statuses": ["ready", "exporting"]}, 80, ("USD", "100")),
    ("workshop", "online", "Asia/Makassar", "", "en",
     "Pricing and costing for export", "",
     ["en", "id"], {"size_classes": ["micro", "small"]}, 100, None),
]

# (category, language, title, English title, destination, tags, summary)
RESOURCES = [
    ("export", "en", "Exporting cocoa beans to the European Union", "", "DE",
     ["cocoa", "eu", "deforestation"],
     "Rules of origin, the EU deforestation regulation and cadmium limits for cocoa."),
    ("export", "id", "Prosedur ekspor kopi ke Jepang", "Exporting coffee to Japan", "JP",
     ["kopi", "jepang"], "Dokumen, standar mutu dan pemeriksaan karantina di Jepang."),
    ("export", "ms", "Eksport rumpai laut ke China", "Exporting seaweed to China", "CN",
     ["rumpai laut", "china"], "Pendaftaran GACC, label dan ujian makmal."),
    ("export", "en", "Shipping handicrafts to Singapore", "", "SG",
     ["handicraft", "singapore"], "Customs, GST and courier options for small parcels."),
    ("certification", "id", "Cara mendapatkan sertifikat halal BPJPH", "Getting BPJPH halal "
     "certification", None, ["halal"], "Langkah demi langkah, biaya dan jalur self-declare."),
    ("certification", "en", "HACCP in five steps for small food producers", "", None,
     ["haccp", "food safety"], "Hazard analysis without a consultant."),
    ("certification", "fil", "Paano kumuha ng FDA LTO", "How to get an FDA licence to operate",
     None, ["fda", "food safety"], "Mga dokumento at bayarin para sa maliliit na negosyo."),
    ("certification", "ms", "Pensijilan MeSTI untuk PKS", "MeSTI certification for SMEs", None,
     ["mesti", "food safety"], "Skim keselamatan makanan untuk industri kecil."),
    ("funding", "id", "Sumber pembiayaan UMKM: KUR, LPDB dan modal ventura",
     "Financing for MSMEs: KUR, LPDB and venture capital", None, ["kur", "financing"],
     "Perbandingan syarat, bunga dan plafon."),
    ("funding", "en", "SME Corp Malaysia grants at a glance", "", None, ["grant", "malaysia"],
     "Which grant fits which stage of a business."),
    ("funding", "en", "DTI and SB Corp loan programmes", "", None, ["loan", "philippines"],
     "Micro-loans for Filipino enterprises."),
    ("news", "en", "BIMP-EAGA ministers agree on MSME digitalisation roadmap", "", None,
     ["bimp-eaga", "digital"], "Highlights of the latest ministerial meeting."),
    ("news", "ms", "Laluan feri baharu Muara–Labuan dibuka", "New Muara–Labuan ferry route",
     None, ["logistics"], "Peluang baharu untuk penghantaran barang PKS."),
    ("guide", "en", "Writing a product description buyers trust", "", None,
     ["marketing"], "What buyers look for: specifications, capacity and certificates."),
    ("regulation", "id", "Aturan label pangan olahan BPOM", "BPOM labelling rules for processed "
     "food", None, ["bpom", "label"], "Informasi wajib pada label dan contoh."),
]


def _office(code: str) -> tuple[str | None, str | None]:
    if not code:
        return None, None
    if "-" in code:
        return code.split("-")[0], code
    return code, None


def _provider(code: str) -> Organisation:
    """The office's own organisation when the demo accounts made one, else a new one."""
    role = RoleAssignment.objects.filter(organisation__isnull=False).select_related(
        "organisation")
    if not code:
        found = role.filter(role=Role.SECRETARIAT).first()
    elif "-" in code:
        found = role.filter(role=Role.OFFICER, subdivision_id=code).first()
    else:
        found = role.filter(role=Role.FOCAL_POINT, country_id=code).first()
    if found is not None:
        return found.organisation
    name = {"": "BIMP-EAGA Facilitation Center"}.get(code, f"MSME office {code}")
    organisation, _ = Organisation.objects.get_or_create(
        name=name, defaults={"kind": Organisation.Kind.GOVERNMENT,
                             "country_id": code.split("-")[0] if code else None})
    return organisation


def _body(title: str, summary: str) -> str:
    return (f"{summary}\n\n{title}: this guide is demo content of the Etalase business centre. "
            "It explains the steps, the documents and the offices involved, with contacts.")


@transaction.atomic
def seed(rng: random.Random, *, today: dt.date | None = None) -> dict[str, int]:
    """Create the demo programmes and resources; returns how many of each were made."""
    if Programme.objects.exists():
        return {"programmes": 0, "resources": 0}
    today = today or timezone.localdate()
    made: list[Programme] = []
    for index, row in enumerate(PROGRAMMES):
        (kind, mode, zone, office, language, title, title_en, delivery, rules, capacity,
         cost) = row
        # Three in the past (certificates), one running now, the rest over the next months.
        day_offset = (-40 + index * 10) if index < 3 else rng.randint(3, 120)
        if index == 3:
            day_offset = 0
        hour = rng.choice((8, 9, 10, 13, 14))
        start_local = dt.datetime.combine(today + dt.timedelta(days=day_offset),
                                          dt.time(hour, 0), tzinfo=ZoneInfo(zone))
        days = 3 if kind == "trade_fair" else (2 if kind == "training" else 0)
        end_local = start_local + dt.timedelta(days=days, hours=3)
        country, subdivision = _office(office)
        programme = Programme.objects.create(
            kind=kind, provider=_provider(office), title=title, language=language,
            description=(f"{title_en or title}. Demo programme of the Etalase business centre: "
                         "practical sessions, case studies from the region and time for "
                         "questions."),
            delivery_languages=delivery, mode=mode,
            venue="" if mode == "online" else rng.choice(
                ("Balai Pelatihan Koperasi", "Convention Centre", "Trade Hall", "Dewan Serbaguna")),
            venue_subdivision_id=subdivision if mode != "online" else None,
            online_url="https://meet.example.invalid/etalase" if mode != "on_site" else "",
            starts_at=start_local, ends_at=end_local, time_zone=zone,
            application_deadline=(start_local - dt.timedelta(days=2)) if day_offset > 5 else None,
            capacity=capacity, cost=Decimal(cost[1]) if cost else Decimal(0),
            currency=cost[0] if cost else "",
            eligible_size_classes=rules.get("size_classes", []),
            eligible_export_statuses=rules.get("export_statuses", []),
            external_url="https://example.invalid/programme" if kind in ("scholarship", "funding")
            else "",
            accepts_enrolment=kind not in ("funding",),
            office_country_id=country, office_subdivision_id=subdivision,
            is_published=True, published_at=timezone.now(),
        )
        programme.eligible_countries.set(rules.get("countries", []))
        programme.eligible_subdivisions.set(rules.get("subdivisions", []))
        programme.eligible_hs_chapters.set(rules.get("hs_chapters", []))
        if title_en and language != "en":
            ProgrammeTranslation.objects.create(programme=programme, language_code="en",
                                                title=title_en)
        made.append(programme)
    _enrol_demo_owner(made[:3])
    count = 0
    for category, language, title, title_en, destination, tags, summary in RESOURCES:
        resource = Resource.objects.create(
            category=category, language=language, title=title, summary=summary,
            body=_body(title, summary), destination_country_id=destination,
            is_published=True, published_at=timezone.now() - dt.timedelta(days=rng.randint(0, 90)),
        )
        resource.tags.set(resources._tags(tags))
        if title_en and language != "en":
            ResourceTranslation.objects.create(resource=resource, language_code="en",
                                               title=title_en, summary=summary,
                                               body=_body(title_en, summary))
        resources.refresh_search_text(resource)
        count += 1
    search.reindex()
    return {"programmes": len(made), "resources": count}


def _enrol_demo_owner(past: list[Programme]) -> None:
    """owner@demo.etalase attended a past programme it is eligible for: a certificate."""
    from etalase.learning import eligibility, selectors

    owner = (RoleAssignment.objects.filter(role=Role.MSME_OWNER, user__email__startswith="owner@")
             .select_related("user", "enterprise__subdivision__parent").first())
    if owner is None or owner.enterprise is None:
        return
    facts = selectors.facts_of(owner.enterprise)
    for programme in past:
        if eligibility.is_eligible(selectors.criteria_of(programme), facts):
            Enrolment.objects.create(
                programme=programme, enterprise=owner.enterprise, enrolled_by=owner.user,
                status=EnrolmentStatus.CONFIRMED,
                created_at=programme.starts_at - dt.timedelta(days=7),
                confirmed_at=programme.starts_at - dt.timedelta(days=7), attended=True,
                attendance_marked_at=programme.ends_at,
            )
            return
