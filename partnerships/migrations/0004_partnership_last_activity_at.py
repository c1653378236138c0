"""Partnership.last_activity_at: the last real change to the partnership's own work.

Until now ``updated_at`` was also renewed by cache bookkeeping (a change to a
partner organisation or its contact persons touched every partnership of that
organisation), so it cannot tell when anyone last worked on a partnership.
The new field is filled from what the records themselves say: the audit trail
of the partnership and of its own records, its phase moves, the last change to
its assessments, and its creation. A partnership without an audit trail of its
own (loaded in bulk) keeps its ``updated_at``, the best that is known."""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import Max

# model (app, name), path to the partnership's id, the time of the change
SOURCES = [
    ("partnerships", "HistoricalParticipation", "partnership_id", "history_date"),
    ("partnerships", "HistoricalContribution", "participation__partnership_id", "history_date"),
    ("partnerships", "HistoricalGoal", "partnership_id", "history_date"),
    ("partnerships", "HistoricalIndicator", "goal__partnership_id", "history_date"),
    ("partnerships", "HistoricalMeasurement", "indicator__goal__partnership_id", "history_date"),
    ("partnerships", "HistoricalAgreement", "partnership_id", "history_date"),
    ("partnerships", "HistoricalActivity", "partnership_id", "history_date"),
    ("partnerships", "HistoricalChecklistTick", "partnership_id", "history_date"),
    ("partnerships", "HistoricalPhaseNote", "partnership_id", "history_date"),
    ("partnerships", "PhaseTransition", "partnership_id", "moved_at"),
    ("assessment", "Assessment", "participation__partnership_id", "updated_at"),
]


def _latest(model, path, moment) -> dict:
    return dict(
        model.objects.filter(**{f"{path}__isnull": False})
        .values_list(path)
        .annotate(latest=Max(moment))
        .order_by()
    )


def fill_last_activity(apps, schema_editor):
    Partnership = apps.get_model("partnerships", "Partnership")
    own_history = _latest(
        apps.get_model("partnerships", "HistoricalPartnership"), "id", "history_date"
    )
    sources = [_latest(apps.get_model(app, name), path, moment) for app, name, path, moment in SOURCES]
    changed = []
    for partnership in Partnership.objects.only("pk", "created_at", "updated_at").iterator():
        if partnership.pk not in own_history:
            latest = partnership.updated_at
        else:
            times = [own_history[partnership.pk], partnership.created_at]
            times += [source[partnership.pk] for source in sources if partnership.pk in source]
            latest = max(time for time in times if time is not None)
        partnership.last_activity_at = latest
        changed.append(partnership)
    Partnership.objects.bulk_update(changed, ["last_activity_at"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0003_partnership_revision"),
        ("assessment", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="partnership",
            name="last_activity_at",
            field=models.DateTimeField(
                db_index=True,
                default=django.utils.timezone.now,
                editable=False,
                verbose_name="laatste activiteit",
            ),
        ),
        migrations.RunPython(fill_last_activity, migrations.RunPython.noop, elidable=True),
    ]
