"""Disclosure control: an attacker reads every published file of the open-data release (and,
to be safe, the true country and regional totals, which other pages show) and tries to
work out each withheld figure — by differencing totals, by linear algebra over all the
tables' sums at once, and by bounds (record-level files, rows that exist, a sector's
enterprises at most its products). A figure counts as recovered when it is pinned to one
value and that value says more than the record-level files list.

The attacker here is written apart from `insights.suppression` (which computes the same
kind of bounds to choose complements): it reads CSVs, not the release's cells.
"""

from __future__ import annotations

import csv
import io
import math
from collections import defaultdict
from fractions import Fraction

import pytest
from django.urls import reverse

from etalase.catalog.models import Product
from etalase.enterprises.models import Enterprise
from etalase.insights import suppression
from etalase.regions.models import Area
from tests.factories import make_enterprise, make_product

pytestmark = pytest.mark.django_db


def _area(code: str, subdivision: str, name: str) -> str:
    Area.objects.get_or_create(code=code, defaults=dict(
        country_id=subdivision[:2], subdivision_id=subdivision, name=name, kind="district",
        official_code=code, source="test"))
    return code


def _enterprises(n: int, subdivision: str, *, area: str | None = None, listed: int = 0,
                 products: int = 1, hs: str = "180100") -> list[Enterprise]:
    made = []
    for i in range(n):
        enterprise = make_enterprise(subdivision, area_id=area, open_data_consent=i < listed)
        for _ in range(products):
            make_product(enterprise, hs_code_id=hs)
        made.append(enterprise)
    return made


@pytest.fixture
def release():
    """The issue's cases: Belait (one enterprise, three products), Agusan del Sur (two, one
    listed in the open data), neighbours whose records are all listed (their figures hide
    nothing), a province whose area is not known, a small sector."""
    belait = _area("BN-BE", "BN-BE", "Belait")
    _enterprises(1, "BN-BE", area=belait, listed=0, products=3)
    _enterprises(4, "BN-TU", area=_area("BN-TU", "BN-TU", "Tutong"), listed=4)
    _enterprises(6, "BN-BM", area=_area("BN-BM", "BN-BM", "Brunei-Muara"), listed=2,
                 products=2)
    _enterprises(2, "PH-AGS", listed=1)
    _enterprises(5, "PH-DAS", listed=0, hs="090111")
    _enterprises(3, "PH-BUK", listed=3)
    minahasa = _area("ID-71.02", "ID-SA", "Kabupaten Minahasa")
    manado = _area("ID-71.71", "ID-SA", "Kota Manado")
    _enterprises(1, "ID-SA", area=minahasa, products=2)
    _enterprises(5, "ID-SA", area=manado, listed=2)
    _enterprises(1, "ID-SA", listed=1)  # its area is not known
    _enterprises(3, "ID-GO", listed=1, hs="090111")
    _enterprises(7, "ID-KI", listed=3)
    _enterprises(4, "MY-12", listed=0)
    _enterprises(1, "MY-13", listed=0, hs="460121")  # alone in its sector too
    make_enterprise("MY-12", consent="pending", open_data_consent=True)  # not public


def _csv(client, dataset: str) -> list[dict]:
    response = client.get(reverse("insights:open_data_export", args=[dataset, "csv"]))
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _published(client) -> dict:
    return {name: _csv(client, name) for name in
            ("by_subdivision", "by_area", "by_sector", "enterprises", "products")}


def _true_totals() -> dict:
    """What the attacker may know from elsewhere: each country's and the region's totals."""
    totals = defaultdict(int)
    for country in Enterprise.objects.public().values_list("country_id", flat=True):
        totals[("enterprises", "country", country)] += 1
        totals[("enterprises", "region")] += 1
    for country in Product.objects.published().values_list("enterprise__country_id", flat=True):
        totals[("products", "country", country)] += 1
        totals[("products", "region")] += 1
    return dict(totals)


class Attack:
    """Unknowns (withheld figures and the never-published 'area not known' remainders),
    equations sum(coefficient * unknown) = constant, and lower bounds."""

    def __init__(self, files: dict, totals: dict):
        self.values: dict = {}  # published figures
        self.unknown: set = set()
        self.low: dict = defaultdict(int)
        self.listed: dict = defaultdict(int)  # what the record-level files list
        self.equations: list[tuple[dict, int]] = []
        self.at_most: list[tuple] = []
        listed = {row["id"]: row for row in files["enterprises"]}
        for row in files["enterprises"]:
            for key in (("subdivision", row["subdivision_id"]), ("area", row["area_id"])
                        if row["area_id"] else ("unknown", row["subdivision_id"])):
                self.listed[("enterprises", *key)] += 1
        makers = defaultdict(set)
        for row in files["products"]:
            owner = listed[row["enterprise_id"]]  # no product of an unlisted enterprise
            chapter = row["hs_code_id"][:2]
            self.listed[("products", "subdivision", owner["subdivision_id"])] += 1
            self.listed[("products", "area" if owner["area_id"] else "unknown",
                         owner["area_id"] or owner["subdivision_id"])] += 1
            self.listed[("products", "sector", chapter)] += 1
            makers[chapter].add(row["enterprise_id"])
        for chapter, ids in makers.items():
            self.listed[("enterprises", "sector", chapter)] = len(ids)
        self.low.update(self.listed)
        self.values.update(totals)
        areas_of = defaultdict(list)
        for row in files["by_area"]:
            areas_of[row["subdivision"]].append(row["area"])
            self._read(row, "area", row["area"])
        by_country = defaultdict(list)
        for row in files["by_subdivision"]:
            by_country[row["subdivision"][:2]].append(row["subdivision"])
            self._read(row, "subdivision", row["subdivision"])
        for row in files["by_sector"]:
            self._read(row, "sector", row["hs_chapter"])
            self.at_most.append((("enterprises", "sector", row["hs_chapter"]),
                                 ("products", "sector", row["hs_chapter"])))
        for measure in ("enterprises", "products"):
            for country, subdivisions in by_country.items():
                self._sum((measure, "country", country),
                          [(measure, "subdivision", s) for s in subdivisions])
                for s in subdivisions:
                    self.unknown.add((measure, "unknown", s))
                    self._sum((measure, "subdivision", s),
                              [(measure, "area", a) for a in areas_of[s]]
                              + [(measure, "unknown", s)])
            self._sum((measure, "region"), [(measure, "country", c) for c in by_country])
        self._sum(("products", "region"),
                  [("products", "sector", row["hs_chapter"]) for row in files["by_sector"]])

    def _read(self, row: dict, kind: str, code: str) -> None:
        for measure in ("enterprises", "products"):
            key = (measure, kind, code)
            if row[measure] == "":
                self.unknown.add(key)
                if measure == "enterprises":  # the row exists: at least one enterprise
                    self.low[key] = max(self.low[key], 1)
            else:
                self.values[key] = int(row[measure])

    def _sum(self, total, parts) -> None:
        """total = sum(parts), with the published figures moved to the constant side."""
        coefficients, constant = defaultdict(int), 0
        for key, sign in [(total, 1), *((p, -1) for p in parts)]:
            if key in self.values:
                constant -= sign * self.values[key]
            else:
                self.unknown.add(key)
                coefficients[key] += sign
        self.equations.append((dict(coefficients), constant))

    def by_differencing(self) -> dict:
        """Equations with a single unknown, solved and substituted until none is left."""
        found, changed = {}, True
        while changed:
            changed = False
            for coefficients, constant in self.equations:
                rest = {k: c for k, c in coefficients.items() if k not in found}
                if len(rest) == 1:
                    (key, coefficient), = rest.items()
                    known = sum(c * found[k] for k, c in coefficients.items() if k in found)
                    found[key] = Fraction(constant - known, coefficient)
                    changed = True
        return found

    def by_linear_algebra(self) -> set:
        """Unknowns that every solution of all the equations together gives one value."""
        names = sorted(self.unknown, key=repr)
        index = {k: i for i, k in enumerate(names)}
        rows = []
        for coefficients, constant in self.equations:
            row = [Fraction(0)] * (len(names) + 1)
            for key, c in coefficients.items():
                row[index[key]] = Fraction(c)
            row[-1] = Fraction(constant)
            rows.append(row)
        pivots, r = [], 0
        for column in range(len(names)):
            pivot = next((i for i in range(r, len(rows)) if rows[i][column] != 0), None)
            if pivot is None:
                continue
            rows[r], rows[pivot] = rows[pivot], rows[r]
            rows[r] = [v / rows[r][column] for v in rows[r]]
            for i in range(len(rows)):
                if i != r and rows[i][column] != 0:
                    factor = rows[i][column]
                    rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r], strict=True)]
            pivots.append(column)
            r += 1
        return {names[column] for i, column in enumerate(pivots)
                if sum(1 for v in rows[i][:-1] if v != 0) == 1}

    def by_bounds(self) -> dict:
        """Each unknown's range from the equations, lower bounds and sector inequalities."""
        low = {k: Fraction(self.low.get(k, 0)) for k in self.unknown}
        high = {k: math.inf for k in self.unknown}
        for _ in range(100):
            changed = False
            for coefficients, constant in self.equations:
                for key, c in coefficients.items():
                    others = [(k, v) for k, v in coefficients.items() if k != key]
                    # c*key = constant - sum(others): the extremes of the others.
                    most = sum(v * (high[k] if v > 0 else low[k]) for k, v in others)
                    least = sum(v * (low[k] if v > 0 else high[k]) for k, v in others)
                    bounds = sorted([(constant - most) / c, (constant - least) / c])
                    if bounds[0] > low[key]:
                        low[key], changed = bounds[0], True
                    if bounds[1] < high[key]:
                        high[key], changed = bounds[1], True
            for small, large in self.at_most:  # small <= large
                large_high = high[large] if large in high else self.values[large]
                small_low = low[small] if small in low else self.values[small]
                if small in high and large_high < high[small]:
                    high[small], changed = large_high, True
                if large in low and small_low > low[large]:
                    low[large], changed = small_low, True
            if not changed:
                break
        return {k: (low[k], high[k]) for k in self.unknown}


def _true_values() -> dict:
    truth = defaultdict(int)
    for subdivision, area in Enterprise.objects.public().values_list("subdivision_id", "area_id"):
        truth[("enterprises", "subdivision", subdivision)] += 1
        truth[("enterprises", "area", area) if area else ("enterprises", "unknown",
                                                          subdivision)] += 1
    for subdivision, area, hs in Product.objects.published().values_list(
            "enterprise__subdivision_id", "enterprise__area_id", "hs_code_id"):
        truth[("products", "subdivision", subdivision)] += 1
        truth[("products", "area", area) if area else ("products", "unknown", subdivision)] += 1
        truth[("products", "sector", hs[:2])] += 1
    makers = defaultdict(set)
    for hs, enterprise in Product.objects.published().values_list("hs_code_id", "enterprise_id"):
        makers[hs[:2]].add(enterprise)
    for chapter, ids in makers.items():
        truth[("enterprises", "sector", chapter)] = len(ids)
    return truth


def _recovered(attack: Attack) -> dict:
    """Withheld published figures the attacker pins, with more than the files list."""
    truth = _true_values()
    pinned = dict(attack.by_differencing())
    for key in attack.by_linear_algebra():
        pinned.setdefault(key, "linear algebra")
    for key, (low, high) in attack.by_bounds().items():
        if high - low < 1:
            pinned.setdefault(key, low)
    return {key: how for key, how in pinned.items()
            if key[1] != "unknown" and truth[key] > attack.listed.get(key, 0)}


def test_no_withheld_figure_can_be_recovered_from_the_published_files(release, client):
    files = _published(client)
    attack = Attack(files, _true_totals())
    withheld = {k for k in attack.unknown if k[1] not in ("unknown",)}
    # The cases are withheld, and so are their products.
    assert {("enterprises", "subdivision", "BN-BE"), ("products", "subdivision", "BN-BE"),
            ("enterprises", "subdivision", "PH-AGS"), ("products", "area", "BN-BE"),
            ("enterprises", "sector", "46"), ("products", "sector", "46")} <= withheld
    # Complements were needed: more is withheld than the small counts themselves.
    small = {k for k in withheld if _true_values()[k] < suppression_threshold()}
    assert withheld - small
    assert _recovered(attack) == {}


def test_the_attacker_does_recover_figures_from_primary_suppression_alone(release, client):
    """The same attacker on the tables as they were published before (each count below 3
    withheld on its own): it recovers Belait and Agusan del Sur — the attack is real."""
    files = _published(client)
    truth = _true_values()
    for table, kind, code_field in (("by_subdivision", "subdivision", "subdivision"),
                                    ("by_area", "area", "area"), ("by_sector", "sector",
                                                                  "hs_chapter")):
        for row in files[table]:
            for measure in ("enterprises", "products"):
                value = truth[(measure, kind, row[code_field])]
                row[measure] = "" if value < suppression_threshold() else str(value)
    recovered = _recovered(Attack(files, _true_totals()))
    assert {("enterprises", "subdivision", "BN-BE"), ("enterprises", "area", "BN-BE"),
            ("enterprises", "subdivision", "PH-AGS"), ("enterprises", "subdivision", "MY-13"),
            } <= set(recovered)
    # And Belait's three products stood there, the business of that one enterprise.
    belait = next(r for r in files["by_subdivision"] if r["subdivision"] == "BN-BE")
    assert belait["products"] == "3"


def test_record_files_list_only_enterprises_that_agreed(release, client):
    files = _published(client)
    listed = {int(row["id"]) for row in files["enterprises"]}
    agreed = set(Enterprise.objects.public().filter(open_data_consent=True)
                 .values_list("id", flat=True))
    assert listed == agreed and len(listed) < Enterprise.objects.public().count()
    assert not Enterprise.objects.filter(id__in=listed, consent="pending").exists()
    owners = {int(row["enterprise_id"]) for row in files["products"]}
    assert owners <= listed
    assert len(files["products"]) == Product.objects.published().filter(
        enterprise__open_data_consent=True).count()


def test_a_new_enterprise_is_not_in_the_open_data_until_its_owner_agrees():
    assert Enterprise._meta.get_field("open_data_consent").default is False
    assert make_enterprise("ID-SA").open_data_consent is False


def suppression_threshold() -> int:
    from etalase.insights.opendata import SUPPRESS_BELOW

    return SUPPRESS_BELOW


def test_protect_adds_a_complement_where_a_total_gives_a_lone_withheld_cell():
    cells = {"t": suppression.Cell(6, fixed=True), "a": suppression.Cell(1, sensitive=True),
             "b": suppression.Cell(5), "c": suppression.Cell(9)}
    withheld = suppression.protect(cells, [suppression.Sum("t", ("a", "b"))])
    assert withheld == {"a", "b"}
    # Both listed in full: nothing hidden, so no complement helps, and none is forced.
    cells = {"t": suppression.Cell(6, 6, fixed=True), "a": suppression.Cell(1, 1, sensitive=True),
             "b": suppression.Cell(5, 5)}
    assert suppression.protect(cells, [suppression.Sum("t", ("a", "b"))]) == {"a"}


def test_the_page_says_withheld_not_below_three(release, client):
    """A complement is not a small count: the page must not call it "<3"."""
    page = client.get(reverse("insights:open_data")).content.decode()
    belait = page[page.index("Belait (BN-BE)"):][:200]
    assert "withheld" in belait
    assert "&lt;3" not in page and "<3" not in page


def test_the_owner_agrees_and_the_record_appears_in_the_open_data(client):
    from etalase.enterprises.services import enterprise_update
    from tests.factories import owner_of

    enterprise = make_enterprise("ID-SA", trade_name="Kakao Tondano")
    make_product(enterprise)
    listed = reverse("insights:open_data_export", args=["enterprises", "csv"])
    assert "Kakao Tondano" not in client.get(listed).content.decode()
    enterprise_update(actor=owner_of(enterprise), enterprise=enterprise,
                      data={"open_data_consent": True})
    assert Enterprise.objects.get(pk=enterprise.pk).open_data_consent is True
    assert "Kakao Tondano" in client.get(listed).content.decode()
    products = reverse("insights:open_data_export", args=["products", "csv"])
    assert str(enterprise.pk) in {row["enterprise_id"] for row in _csv(client, "products")}
    assert client.get(products).status_code == 200
    # Withdrawn: gone from the next download.
    enterprise_update(actor=owner_of(enterprise), enterprise=enterprise,
                      data={"open_data_consent": False})
    assert "Kakao Tondano" not in client.get(listed).content.decode()


def test_the_api_publishes_the_same_release_as_the_files(release, client):
    """The API's tables are part of the release: the same figures withheld, no more shown."""
    body = client.get("/api/v1/insights/open-data").json()
    files = _published(client)
    for table, code in (("by_subdivision", "subdivision"), ("by_area", "area"),
                        ("by_sector", "hs_chapter")):
        from_api = {(r[code], m): r[m] for r in body[table] for m in ("enterprises", "products")}
        from_csv = {(r[code], m): int(r[m]) if r[m] else None
                    for r in files[table] for m in ("enterprises", "products")}
        assert from_api == from_csv, table
