"""Stored copies of uploads and their checked rows without identity numbers (issue 13).

Runs the cleaning of `etalase scrub_identity_columns` over the submissions stored before the
upload removed them (etalase.intake.scrub). Idempotent; nothing to undo (the numbers are
gone, which is the point).
"""

from django.db import migrations


def scrub_stored_originals(apps, schema_editor):
    from etalase.intake.management.commands.scrub_identity_columns import clean_all

    submissions = apps.get_model("intake", "Submission").objects
    if not submissions.exists():
        return
    for _found in clean_all(submissions=submissions,
                            mappings=apps.get_model("intake", "OfficeMapping").objects):
        pass


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0002_row_matches"),
    ]

    operations = [
        migrations.RunPython(scrub_stored_originals, migrations.RunPython.noop, elidable=True),
    ]
