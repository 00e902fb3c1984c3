"""`etalase check_figures`: the derived figures recomputed from the rows, reported and fixed."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from etalase.catalog.models import Product
from etalase.demo.builder import build_demo
from etalase.enterprises.models import Enterprise
from etalase.insights import figures, selectors
from etalase.insights.scope import resolve_area
from tests.factories import make_enterprise, make_product, secretariat

pytestmark = pytest.mark.django_db

HEADER = "Nama Usaha;NIB;Provinsi;Kabupaten/Kota;No. HP;Omzet per Tahun;Tenaga Kerja;" \
    "Tahun Berdiri;Produk Utama;Kode HS\n"


def _check(capsys, *extra) -> tuple[int, dict]:
    code = 0
    try:
        call_command("check_figures", "--format", "json", *extra)
    except SystemExit as exc:
        code = exc.code
    return code, json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def import_file(tmp_path, rows: int, with_code_every: int = 1) -> None:
    """A provincial file as offices send it: products with an HS code (published) and,
    every so often, without one (kept unpublished until a code is chosen)."""
    lines = [HEADER]
    for i in range(rows):
        code = "0901.21" if i % with_code_every == 0 else ""
        lines.append(
            f"UD Kopi Minahasa {i};{9120001000000 + i};Sulawesi Utara;KOTA MANADO;"
            f"0812{10000000 + i};Rp {100 + i}.000.000;{1 + i % 40};{1990 + i % 30};"
            f"Kopi sangrai {i};{code}\n"
        )
    path = tmp_path / "sulut.csv"
    path.write_text("".join(lines), encoding="utf-8")
    call_command("import_enterprises", str(path), "--subdivision", "ID-SA", "--commit",
                 "--format", "json")


def test_a_bulk_import_sets_the_published_product_flag(tmp_path, capsys):
    import_file(tmp_path, 30, with_code_every=3)
    capsys.readouterr()
    assert Enterprise.objects.count() == 30
    with_published = Enterprise.objects.filter(has_published_product=True).count()
    assert with_published == Product.objects.filter(is_published=True).count() == 10
    # The dashboards' "no published product" check counts the other 20, not all 30.
    quality = selectors.data_quality(resolve_area(secretariat(), None))
    assert quality[0]["failures"]["products"] == 20
    assert _check(capsys) == (0, {"count": 0, "differences": [], "fixed_records": 0,
                                  "remaining": 0})


def test_a_second_import_of_the_same_file_keeps_the_figures(tmp_path, capsys):
    import_file(tmp_path, 12, with_code_every=2)
    import_file(tmp_path, 12, with_code_every=2)
    capsys.readouterr()
    assert _check(capsys)[0] == 0


def test_the_demo_data_has_no_difference(settings, capsys):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    build_demo(enterprises=40, products=120, seed=3, today=dt.date(2025, 6, 30))
    capsys.readouterr()
    code, report = _check(capsys)
    assert (code, report["count"]) == (0, 0)


# Without figures: no size class to recompute, only the flag is checked.
NO_FIGURES = {"employees": None, "annual_turnover": None}


def test_a_stale_flag_is_reported_then_fixed(capsys):
    flagged_wrongly = make_enterprise("ID-SA", **NO_FIGURES)
    with_product = make_enterprise("ID-SA", **NO_FIGURES)
    make_product(with_product)
    # Bulk SQL that bypasses every path: both flags wrong.
    Enterprise.objects.filter(pk=flagged_wrongly.pk).update(has_published_product=True)
    Enterprise.objects.filter(pk=with_product.pk).update(has_published_product=None)
    code, report = _check(capsys)
    assert code == 1
    assert {(d["enterprise_id"], d["figure"], d["stored"], d["expected"])
            for d in report["differences"]} == {
        (flagged_wrongly.pk, "has_published_product", True, False),
        (with_product.pk, "has_published_product", False, True),
    }
    code, report = _check(capsys, "--fix")
    assert (code, report["fixed_records"], report["remaining"]) == (0, 2, 0)
    assert _check(capsys)[1]["count"] == 0


def test_a_size_class_that_does_not_follow_the_figures_is_reported_then_fixed(capsys):
    # 8 employees and Rp 500 million a year: micro under PP 7/2021 (sales up to Rp 2 billion).
    enterprise = make_enterprise("ID-SA", year_established=2015)
    Enterprise.objects.filter(pk=enterprise.pk).update(size_class="large", size_basis="")
    [difference] = figures.size_differences()
    assert (difference.stored, difference.expected) == ("large", "micro")
    code, _report = _check(capsys, "--fix")
    assert code == 0
    enterprise.refresh_from_db()
    assert enterprise.size_class == "micro"
    # The basis as the enterprise form writes it: the rule's name, then its reason in English.
    assert enterprise.size_basis.startswith("PP 7/2021 art. 35: Annual sales")


def test_text_output_names_each_difference(capsys):
    enterprise = make_enterprise("PH-14", **NO_FIGURES)
    Enterprise.objects.filter(pk=enterprise.pk).update(has_published_product=True)
    with pytest.raises(SystemExit) as exit_:
        call_command("check_figures")
    out = capsys.readouterr().out
    assert exit_.value.code == 1
    assert f"enterprise {enterprise.pk}: has_published_product stored True" in out
    assert out.strip().endswith("1 difference(s)")


@pytest.mark.parametrize("language", ["en", "id", "ms", "fil"])
def test_the_dashboard_labels_what_each_figure_counts(client, settings, language):
    """An import's products are published while their enterprises wait for consent: the two
    product counts stand side by side, each saying what it counts."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    shown = make_enterprise("ID-SA", consent="self", **NO_FIGURES)
    make_product(shown)
    waiting = make_enterprise("ID-SA", consent="pending", **NO_FIGURES)
    for _n in range(3):
        make_product(waiting)
    make_product(shown, is_published=False)
    client.force_login(secretariat())
    page = client.get(reverse("insights:dashboard"), {"area": "ID-SA"},
                      HTTP_ACCEPT_LANGUAGE=language).content.decode()
    figures_shown = {
        key: page.split(f'data-figure="{key}">')[1].split("<")[0]
        for key in ("total", "public", "products_published", "products_public")
    }
    assert figures_shown == {"total": "2", "public": "1", "products_published": "4",
                             "products_public": "1"}
    assert page.count('class="figure-note"') == 4
