"""Facet counts with labels in the viewer's language."""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import override

from etalase.catalog.search.types import FACETS, FacetValue, SearchFilters
from etalase.enterprises.models import CertificationKind, ExportStatus, SizeClass

_CHOICES = {
    "certification": CertificationKind,
    "size_class": SizeClass,
    "export_status": ExportStatus,
}


@lru_cache(maxsize=32)
def _reference_names(kind: str, language: str) -> dict[str, str]:
    """Names of countries, subdivisions or HS chapters in `language`: reference data that
    only migrations change, read once per process and language."""
    from etalase.catalog.models import HSCode
    from etalase.regions.models import Country, Subdivision
    from etalase.regions.names import country_name, subdivision_name

    if kind == "country":
        return {code: country_name(code, name, language)
                for code, name in Country.objects.values_list("code", "name")}
    if kind == "subdivision":
        return {code: subdivision_name(code, name, language)
                for code, name in Subdivision.objects.values_list("code", "name")}
    return {hs.code: f"{hs.code} · {hs.name_in(language)}"
            for hs in HSCode.objects.filter(level=2).prefetch_related("translations")}


def label_facets(raw: dict[str, dict[str, int]], filters: SearchFilters, language: str
                 ) -> dict[str, list[FacetValue]]:
    selected = filters.as_dict()
    labels: dict[str, dict[str, str]] = {name: {} for name in FACETS}
    labels["country"] = _reference_names("country", language)
    labels["subdivision"] = _reference_names("subdivision", language)
    labels["hs_chapter"] = _reference_names("hs_chapter", language)
    with override(language):
        for name, choices in _CHOICES.items():
            labels[name] = {value: str(label) for value, label in choices.choices}
        labels["verified"] = {"1": _("Verified enterprises only")}

    out: dict[str, list[FacetValue]] = {}
    for name in FACETS:
        counts = dict(raw.get(name, {}))
        if name == "verified":
            counts = {"1": counts.get("1", 0)}
        if name in selected:
            counts.setdefault(selected[name], 0)
        values = [
            FacetValue(value=value, label=labels[name].get(value, value), count=count,
                       selected=selected.get(name) == value)
            for value, count in counts.items()
            if value and (count or selected.get(name) == value)
        ]
        values.sort(key=lambda v: (not v.selected, -v.count, v.label))
        out[name] = values
    return out


_FACET_NAMES = ("country", "subdivision", "hs_chapter", "size_class", "export_status", "verified")


@lru_cache(maxsize=65536)
def _decode(fkey: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """"ID|ID-SA|18|micro|ready|1| halal organic " -> (six values, certifications)."""
    *values, certs = (fkey or "||||||").split("|")
    return tuple(str(v) for v in values), tuple(certs.split())


def sum_facet_groups(rows) -> dict[str, dict[str, int]]:
    """Rows of (fkey, count); fkey is "country|subdivision|chapter|size|export|verified|certs"."""
    buckets = [{} for _ in _FACET_NAMES]
    certifications: dict[str, int] = {}
    for fkey, count in rows:
        values, certs = _decode(fkey)
        for bucket, value in zip(buckets, values, strict=True):
            bucket[value] = bucket.get(value, 0) + count
        for kind in certs:
            certifications[kind] = certifications.get(kind, 0) + count
    facets = dict(zip(_FACET_NAMES, buckets, strict=True))
    facets["certification"] = certifications
    return facets


def sum_split_groups(by_place, by_profile) -> dict[str, dict[str, int]]:
    """Counts of "country|subdivision|chapter" and of "size|export|verified|certs" keys
    (each a mapping key -> count; a None key is a product without one)."""
    facets: dict[str, dict[str, int]] = {name: {} for name in (*_FACET_NAMES, "certification")}
    country, subdivision, chapter = facets["country"], facets["subdivision"], facets["hs_chapter"]
    for key, count in by_place.items():
        c, s, h = (key or "||").split("|")
        country[c] = country.get(c, 0) + count
        subdivision[s] = subdivision.get(s, 0) + count
        chapter[h] = chapter.get(h, 0) + count
    size, export, verified = facets["size_class"], facets["export_status"], facets["verified"]
    certifications = facets["certification"]
    for key, count in by_profile.items():
        z, e, v, certs = (key or "|||").split("|")
        size[z] = size.get(z, 0) + count
        export[e] = export.get(e, 0) + count
        verified[v] = verified.get(v, 0) + count
        for kind in certs.split():
            certifications[kind] = certifications.get(kind, 0) + count
    return facets
