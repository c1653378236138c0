"""Texts a decision wrote in the language of whoever recorded it, now stored so
that they show in the reader's language: the partnership's history reasons
become codes (decisions.recording), and a move a decision made keeps only the
decision's reasons (its heading "Besluit: …" is written when read)."""

from django.db import migrations
from django.utils.text import Truncator

REASONS = {
    "pps.decision.ended": ("Beëindigd bij besluit", "Ended by decision"),
    "pps.decision.continued": ("Gaat door bij besluit", "Continues by decision"),
}
HEADINGS = ("Besluit: ", "Decision: ")


def forwards(apps, schema_editor):
    History = apps.get_model("partnerships", "HistoricalPartnership")
    for code, texts in REASONS.items():
        History.objects.filter(history_change_reason__in=texts).update(history_change_reason=code)
    Decision = apps.get_model("decisions", "Decision")
    PhaseTransition = apps.get_model("partnerships", "PhaseTransition")
    decisions = Decision.objects.filter(transition__isnull=False).select_related("transition")
    for decision in decisions.only("reasons", "transition__reason"):
        if decision.transition.reason.startswith(HEADINGS):
            PhaseTransition.objects.filter(pk=decision.transition_id).update(
                reason=Truncator(decision.reasons).chars(2000)
            )


def backwards(apps, schema_editor):
    History = apps.get_model("partnerships", "HistoricalPartnership")
    for code, texts in REASONS.items():
        History.objects.filter(history_change_reason=code).update(history_change_reason=texts[0])


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0001_initial"),
        ("partnerships", "0011_system_texts_as_codes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
