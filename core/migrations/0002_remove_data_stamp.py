"""The stamp of all data (row 1) gave way to ``core.freshness.state_of``;
only the reference stamp (row 2) is kept."""

from django.db import migrations


def remove_data_stamp(apps, schema_editor):
    apps.get_model("core", "DataStamp").objects.filter(pk=1).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(remove_data_stamp, migrations.RunPython.noop)]
