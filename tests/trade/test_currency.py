"""Prices in the visitor's currency: ECB rates shipped offline, BND at par with SGD, a
chooser without JavaScript, a refresh command that never runs during a request."""

import socket
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from etalase.catalog.links import product_url
from etalase.trade import currency
from tests.factories import make_enterprise, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rates_dir(settings, tmp_path):
    settings.TRADE_RATES_DIR = tmp_path / "rates"


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a request tried to reach the network")
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_region_currencies_are_supported_and_dated():
    assert {"IDR", "MYR", "PHP", "BND", "SGD", "USD", "CNY", "JPY", "KRW", "THB"} <= set(
        currency.supported())
    converted = currency.convert(Decimal("45000"), "IDR", "MYR")
    assert converted.currency == "MYR" and converted.amount > 0
    assert converted.rate_date.year >= 2025 and "European Central Bank" in converted.source


def test_bnd_is_at_par_with_sgd_and_names_the_agreement():
    bnd = currency.convert(Decimal("100"), "MYR", "BND")
    sgd = currency.convert(Decimal("100"), "MYR", "SGD")
    assert bnd.amount == sgd.amount and "Currency Interchangeability Agreement" in bnd.source
    assert currency.convert(Decimal("10"), "BND", "SGD").amount == Decimal("10.00")


def test_a_currency_the_ecb_does_not_publish_is_not_converted():
    assert currency.convert(Decimal("100"), "VND", "IDR") is None
    assert currency.convert(Decimal("100"), "IDR", "IDR") is None


def test_product_page_shows_the_chosen_currency_without_network(client, no_network):
    product = make_product(make_enterprise("ID-SA"), is_published=True)
    url = product_url(product)
    response = client.post("/trade/currency/", {"currency": "PHP", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    html = client.get(url).content.decode()
    assert 'data-testid="visitor-price"' in html and "PHP" in html and "rate of 20" in html
    assert '<option value="PHP" selected>' in html


def test_currency_chooser_refuses_unknown_codes_and_foreign_redirects(client):
    assert client.post("/trade/currency/", {"currency": "<sc"}).status_code == 400
    response = client.post("/trade/currency/", {"currency": "JPY",
                                                "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert client.get("/trade/currency/").status_code == 405


def test_refresh_command_installs_a_checked_file(tmp_path, settings):
    source = tmp_path / "eurofxref.csv"
    source.write_text(currency.BUNDLED.read_text().replace("30 October 2026", "2 November 2026"))
    call_command("refresh_rates", from_file=str(source))
    assert currency.rates_file() == settings.TRADE_RATES_DIR / "eurofxref.csv"
    assert currency.convert(Decimal("1"), "EUR", "USD").rate_date.isoformat() == "2026-11-02"
    broken = tmp_path / "broken.csv"
    broken.write_text("not, rates\n")
    with pytest.raises(CommandError):
        call_command("refresh_rates", from_file=str(broken))
    assert currency.rates_file() == settings.TRADE_RATES_DIR / "eurofxref.csv"


def test_refresh_command_refuses_a_plain_http_url():
    with pytest.raises(CommandError):
        call_command("refresh_rates", url="http://example.org/rates.zip")
