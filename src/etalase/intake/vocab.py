"""Words offices use for export status, certifications and sectors, mapped to our choices."""

from __future__ import annotations

import re
from functools import lru_cache

from etalase.enterprises.models import CertificationKind, ExportStatus, SectorKind

EXPORT_STATUS = {
    ExportStatus.EXPORTING: [
        "exporting",
        "sudah ekspor",
        "sudah",
        "ekspor",
        "ya",
        "yes",
        "y",
        "eksport",
        "sudah eksport",
        "nag-e-export",
        "oo",
        "aktif ekspor",
    ],
    ExportStatus.READY: [
        "ready",
        "export ready",
        "export-ready",
        "siap ekspor",
        "siap",
        "sedia eksport",
        "handa",
        "handang mag-export",
        "potensial",
    ],
    ExportStatus.NOT_YET: [
        "not yet",
        "not_yet",
        "no",
        "n",
        "belum",
        "belum ekspor",
        "tidak",
        "tidak ekspor",
        "belum eksport",
        "hindi pa",
        "hindi",
        "lokal",
    ],
}

CERTIFICATIONS = {
    CertificationKind.HALAL: [
        "halal",
        "mui halal",
        "sertifikat halal",
        "jakim",
        "halal jakim",
        "bpjph",
        "halal bpjph",
    ],
    CertificationKind.FOOD_SAFETY: [
        "pirt",
        "p-irt",
        "spp-irt",
        "bpom",
        "md",
        "ml",
        "fda",
        "food safety",
        "mesti",
        "keamanan pangan",
        "lto",
    ],
    CertificationKind.HACCP: ["haccp"],
    CertificationKind.ORGANIC: ["organic", "organik", "organiko", "myorganic"],
    CertificationKind.ISO9001: ["iso 9001", "iso9001"],
    CertificationKind.ISO22000: ["iso 22000", "iso22000", "fssc 22000"],
    CertificationKind.FAIR_TRADE: ["fair trade", "fairtrade"],
    CertificationKind.RAINFOREST: ["rainforest", "rainforest alliance", "utz"],
    CertificationKind.SNI: ["sni", "ms", "pns", "standard nasional"],
    CertificationKind.GMP: ["gmp", "cppb", "cpmb", "cppob"],
}

SECTORS = {
    SectorKind.MANUFACTURING: [
        "manufacturing",
        "manufaktur",
        "industri",
        "pengolahan",
        "industri pengolahan",
        "pembuatan",
        "pagmamanupaktura",
        "kerajinan",
        "craft",
        "handicraft",
        "makanan olahan",
        "food processing",
    ],
    SectorKind.SERVICES: [
        "services",
        "jasa",
        "perkhidmatan",
        "serbisyo",
        "perdagangan",
        "trade",
        "dagang",
        "kuliner",
    ],
    SectorKind.AGRICULTURE: [
        "agriculture",
        "pertanian",
        "perkebunan",
        "perikanan",
        "peternakan",
        "fisheries",
        "agrikultura",
        "pangingisda",
        "kehutanan",
    ],
}


def _index(table: dict) -> dict[str, str]:
    return {_key(word): str(choice) for choice, words in table.items() for word in words}


def _key(word: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", word.lower()).strip()


_EXPORT = _index(EXPORT_STATUS)
_CERTS = _index(CERTIFICATIONS)
_SECTORS = _index(SECTORS)
for _choice in ExportStatus:
    _EXPORT.setdefault(_key(_choice.value), _choice.value)
for _choice in CertificationKind:
    _CERTS.setdefault(_key(_choice.value), _choice.value)


@lru_cache(maxsize=4096)  # a file repeats a few words on every row
def export_status(word: str) -> str | None:
    return _EXPORT.get(_key(word))


@lru_cache(maxsize=4096)  # a file repeats a few words on every row
def certification(word: str) -> str | None:
    key = _key(word)
    if key in _CERTS:
        return _CERTS[key]
    # "Halal MUI No. 123" → halal: the first known word wins.
    for token in key.split():
        if token in _CERTS:
            return _CERTS[token]
    return None


@lru_cache(maxsize=4096)  # a file repeats a few words on every row
def sector(word: str) -> str | None:
    key = _key(word)
    if key.isdigit() and len(key) in (2, 5):
        # A KBLI 2020 / MSIC / PSIC code: divisions 01–03 are agriculture, 10–33 manufacturing.
        division = int(key[:2])
        if 1 <= division <= 3:
            return SectorKind.AGRICULTURE.value
        if 10 <= division <= 33:
            return SectorKind.MANUFACTURING.value
        return SectorKind.SERVICES.value
    return _SECTORS.get(key) or next(
        (value for token in key.split() if (value := _SECTORS.get(token))), None
    )
