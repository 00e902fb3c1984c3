"""Template filters that format money, figures and dates with Babel in the active language.

    {% load etalase_format %}
    {{ product.price_min|money:product.currency }}     Rp45.000 / IDR45,000 / ₱45,000
    {% money_range product.price_min product.price_max product.currency %}
    {{ product_count|number }}                         12,345 / 12.345
    {{ enterprise_count|compact_number }}              1.2M / 1,2 jt / 1.2J
    {{ programme.starts_on|date_local }}               17 Agu 2025 / Ago 17, 2025
    {{ programme.starts_on|date_local:"long" }}

All of them return "" for missing or malformed values instead of raising.
"""

from django import template

from etalase.web import formatting

register = template.Library()


@register.filter
def money(amount: object, currency: str | None) -> str:
    return formatting.money(amount, currency)


@register.simple_tag
def money_range(low: object, high: object, currency: str | None) -> str:
    return formatting.money_range(low, high, currency)


@register.filter
def number(value: object) -> str:
    return formatting.number(value)


@register.filter
def compact_number(value: object) -> str:
    return formatting.compact_number(value)


@register.filter
def date_local(value: object, fmt: str = "medium") -> str:
    return formatting.date_local(value, fmt)
