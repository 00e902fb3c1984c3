from django.db import migrations


def load(apps, schema_editor):
    from etalase.catalog import hs_loader

    hs_loader.load(apps.get_model("catalog", "HSCode"), apps.get_model("catalog", "HSCodeTranslation"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
