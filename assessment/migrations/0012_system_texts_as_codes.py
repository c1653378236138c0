"""The reason a correction's copied answers and notes carry in the audit trail
was stored in the language of whoever corrected; now it is the code
``pps.copied`` (assessment.history), shown in the reader's language."""

from django.db import migrations

COPIED = (
    "antwoorden en notities overgenomen uit de vastgestelde afweging",
    "answers and notes copied from the finalised assessment",
)


def forwards(apps, schema_editor):
    for name in ("HistoricalAnswer", "HistoricalThemeNote"):
        History = apps.get_model("assessment", name)
        History.objects.filter(history_change_reason__in=COPIED).update(
            history_change_reason="pps.copied"
        )


def backwards(apps, schema_editor):
    for name in ("HistoricalAnswer", "HistoricalThemeNote"):
        History = apps.get_model("assessment", name)
        History.objects.filter(history_change_reason="pps.copied").update(
            history_change_reason=COPIED[0]
        )


class Migration(migrations.Migration):
    dependencies = [("assessment", "0011_english_seed")]

    operations = [migrations.RunPython(forwards, backwards)]
