"""The notifications of assessments move to the portal-wide inbox
(accounts.Notification): each becomes a notification with the same text,
time and read state, linking to its assessment."""

from django.db import migrations


def forwards(apps, schema_editor):
    Old = apps.get_model("assessment", "Notification")
    New = apps.get_model("accounts", "Notification")
    for old in Old.objects.order_by("pk").iterator():
        new = New.objects.create(
            recipient_id=old.recipient_id,
            text=old.message,
            link=f"/afwegingen/{old.assessment_id}/",
            read_at=old.read_at,
        )
        # auto_now_add set the time of the copy; keep the original one.
        New.objects.filter(pk=new.pk).update(created_at=old.created_at)


def backwards(apps, schema_editor):
    Old = apps.get_model("assessment", "Notification")
    New = apps.get_model("accounts", "Notification")
    for new in New.objects.filter(link__regex=r"^/afwegingen/[0-9]+/$").iterator():
        assessment_id = int(new.link.strip("/").split("/")[1])
        old = Old.objects.create(
            recipient_id=new.recipient_id,
            assessment_id=assessment_id,
            message=new.text[:300],
            read_at=new.read_at,
        )
        Old.objects.filter(pk=old.pk).update(created_at=new.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_notification"),
        ("assessment", "0003_drop_status_submitted_index"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="Notification"),
    ]
