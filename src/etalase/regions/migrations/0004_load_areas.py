"""Second-level areas (Indonesia, the Philippines, Malaysia, Brunei) from regions/data/areas."""

from django.db import migrations


def load(apps, schema_editor):
    from etalase.regions.areas import load_areas

    load_areas(apps.get_model("regions", "Area"), apps.get_model("regions", "Subdivision"))


class Migration(migrations.Migration):
    dependencies = [("regions", "0003_area")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
