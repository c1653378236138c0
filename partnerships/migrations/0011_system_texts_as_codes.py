"""Texts the system wrote in the language of whoever acted, now stored so that
they show in the reader's language: the start of a partnership's timeline
carries no reason (the page says "gestart in fase 1"), and a move's reason in
the partnership's history is the code ``pps.phase:N`` (partnerships.phases)."""

import re

from django.db import migrations

CREATED = ("Samenwerking aangemaakt.", "Partnership created.")
MOVED = re.compile(r"^(?:Naar fase|To phase) (\d+)$")


def forwards(apps, schema_editor):
    PhaseTransition = apps.get_model("partnerships", "PhaseTransition")
    PhaseTransition.objects.filter(from_phase__isnull=True, reason__in=CREATED).update(reason="")
    History = apps.get_model("partnerships", "HistoricalPartnership")
    rows = History.objects.filter(history_change_reason__regex=r"^(Naar fase|To phase) [0-9]+$")
    for row in rows.only("history_id", "history_change_reason"):
        number = MOVED.match(row.history_change_reason).group(1)
        History.objects.filter(history_id=row.history_id).update(
            history_change_reason=f"pps.phase:{number}"
        )


def backwards(apps, schema_editor):
    History = apps.get_model("partnerships", "HistoricalPartnership")
    for row in History.objects.filter(history_change_reason__startswith="pps.phase:"):
        number = row.history_change_reason.partition(":")[2]
        History.objects.filter(history_id=row.history_id).update(
            history_change_reason=f"Naar fase {number}"
        )


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0010_english_seed")]

    operations = [migrations.RunPython(forwards, backwards)]
