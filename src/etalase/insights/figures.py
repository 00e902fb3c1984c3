"""The registry's stored derived figures, recomputed from the rows and compared.

Two columns of an enterprise are derived from other rows and stored so that the dashboards
read them from an index instead of recomputing them for 20k records a page:

- ``has_published_product``: one of its products is published (kept by
  etalase.insights.published on ORM writes, and by ``published.refresh`` after bulk SQL:
  the intake writer, the demo seed);
- ``size_class``: the class the country's rule gives the record's figures (set by the
  enterprise form — web, admin, API — and by the intake comparison).

The data-quality score's other inputs (contact, verification, consent, last update) are the
record's own columns, counted live: nothing to keep. ``differences()`` lists every stored
value that is not what the rows give; ``fix()`` writes the recomputed ones. The command
``etalase check_figures`` runs both.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import translation

from etalase.catalog.models import Product
from etalase.enterprises import validators
from etalase.enterprises.models import Enterprise
from etalase.enterprises.size_classes import SizeFigureError
from etalase.insights import published

_SIZE_INPUTS = (
    "id", "country_id", "year_established", "annual_turnover", "assets", "employees",
    "sector_kind", "size_class",
)


@dataclass(frozen=True)
class Difference:
    enterprise_id: int
    figure: str  # the column: "has_published_product" or "size_class"
    stored: object
    expected: object
    basis: str = ""  # for a size class: the rule's reason, in English as the form stores it

    def as_dict(self) -> dict:
        return asdict(self)


def published_differences(enterprises=None) -> list[Difference]:
    """Enterprises whose flag is not "one of its products is published" (NULL reads False)."""
    enterprises = Enterprise.objects.all() if enterprises is None else enterprises
    actual = Exists(Product.objects.filter(enterprise=OuterRef("pk"), is_published=True))
    wrong = (
        enterprises.annotate(actual=actual)
        .filter(
            (Q(actual=True) & ~Q(has_published_product=True))
            | (Q(actual=False) & Q(has_published_product=True))
        )
        .values_list("id", "has_published_product", "actual")
        .order_by("id")
    )
    return [
        Difference(pk, "has_published_product", bool(stored), bool(expected))
        for pk, stored, expected in wrong
    ]


def size_differences(enterprises=None) -> list[Difference]:
    """Enterprises whose size class is not the one their figures give today.

    A record whose figures the rule refuses (an impossible value stored before the rule
    checked it) has no class to compare: it is left to the data-quality pages."""
    enterprises = Enterprise.objects.all() if enterprises is None else enterprises
    found: list[Difference] = []
    remembered: dict[tuple, tuple[str, str] | None] = {}
    rows = enterprises.order_by("id").values_list(*_SIZE_INPUTS)
    for pk, country, year, turnover, assets, employees, sector, stored in rows.iterator(2000):
        key = (country, year, turnover, assets, employees, sector)
        if key not in remembered:
            remembered[key] = _size_of(*key)
        expected = remembered[key]
        if expected is not None and expected[0] != stored:
            found.append(Difference(pk, "size_class", stored, expected[0], expected[1]))
    return found


def _size_of(country, year, turnover, assets, employees, sector) -> tuple[str, str] | None:
    try:
        result = validators.size_of(
            country=country, year_established=year, annual_turnover=turnover,
            assets=assets, employees=employees, sector_kind=sector or "services",
        )
    except SizeFigureError:
        return None
    # As EnterpriseForm stores it: in English, prefixed with the rule's name.
    with translation.override("en"):
        basis = str(result.basis)
        if result.rule:
            basis = f"{result.rule}: {basis}"
    return result.size_class or "", basis[:200]


def differences(enterprises=None) -> list[Difference]:
    return [*published_differences(enterprises), *size_differences(enterprises)]


@transaction.atomic
def fix(found: list[Difference]) -> int:
    """Write the recomputed values; returns how many records were repaired.

    Queryset updates: no save(), so updated_at (the "stale" check) and the record's history
    stay as they were — the owner's data did not change, only what is derived from it."""
    flags = {d.enterprise_id for d in found if d.figure == "has_published_product"}
    published.refresh(flags)
    for d in found:
        if d.figure == "size_class":
            Enterprise.objects.filter(pk=d.enterprise_id).update(
                size_class=d.expected, size_basis=d.basis
            )
    return len({d.enterprise_id for d in found})
