from django.db import migrations


def load(apps, schema_editor):
    from etalase.regions import loader

    loader.load(apps.get_model("regions", "Country"), apps.get_model("regions", "Subdivision"))


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
