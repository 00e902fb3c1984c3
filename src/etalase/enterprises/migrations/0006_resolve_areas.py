"""The regency text enterprises already have, resolved to its second-level area (issue 13).

Only an unambiguous match lying in the enterprise's own province (or in one inside it) is
taken; anything else keeps area NULL and its text, for an officer to settle."""

from collections import defaultdict

from django.db import migrations

BATCH = 500


def resolve(apps, schema_editor):
    from etalase.regions.areas import AreaResolver, rows_of, stored_area_code

    Area = apps.get_model("regions", "Area")
    Enterprise = apps.get_model("enterprises", "Enterprise")
    pending = defaultdict(list)
    stored = (Enterprise.objects.filter(area__isnull=True).exclude(regency="")
              .values_list("pk", "country_id", "subdivision_id", "regency"))
    for pk, country, subdivision, regency in stored.iterator(chunk_size=2000):
        pending[country].append((pk, subdivision, regency))
    for country, enterprises in pending.items():
        rows = rows_of(Area, country)
        if not rows:
            continue  # no areas known for this country
        resolver = AreaResolver(country, rows)
        chosen = defaultdict(list)
        for pk, subdivision, regency in enterprises:
            code = stored_area_code(resolver, regency, subdivision)
            if code:
                chosen[code].append(pk)
        for code, pks in chosen.items():
            for start in range(0, len(pks), BATCH):
                Enterprise.objects.filter(pk__in=pks[start:start + BATCH]).update(area_id=code)


class Migration(migrations.Migration):
    dependencies = [
        ("enterprises", "0005_area_and_identity"),
        ("regions", "0004_load_areas"),
    ]
    operations = [migrations.RunPython(resolve, migrations.RunPython.noop)]
