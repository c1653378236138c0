"""A Dutch and an English column for each text the beheerder edits (django-modeltranslation); the texts stored so far become the Dutch ones."""

import django.core.validators
from django.db import migrations, models


APP = "partnerships"
TRANSLATED = {
    "healththeme": ("name",),
    "historicalhealththeme": ("name",),
    "phase": ("name", "purpose", "tips", "pitfalls"),
    "historicalphase": ("name", "purpose", "tips", "pitfalls"),
    "checklistitem": ("text", "help_text"),
    "historicalchecklistitem": ("text", "help_text"),
}

def copy_dutch(apps, schema_editor):
    """The texts stored so far are Dutch: they become the Dutch texts (also in
    the history, so that it shows no change where there was none)."""
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model(APP, model_name)
        for field in fields:
            model.objects.filter(**{f"{field}_nl__isnull": True}).update(
                **{f"{field}_nl": models.F(field)}
            )


class Migration(migrations.Migration):

    dependencies = [
        ('partnerships', '0008_checklist_facts_and_closing'),
    ]

    operations = [
        migrations.AddField(
            model_name='checklistitem',
            name='help_text_en',
            field=models.TextField(blank=True, max_length=1000, null=True, validators=[django.core.validators.MaxLengthValidator(1000)], verbose_name='toelichting'),
        ),
        migrations.AddField(
            model_name='checklistitem',
            name='help_text_nl',
            field=models.TextField(blank=True, max_length=1000, null=True, validators=[django.core.validators.MaxLengthValidator(1000)], verbose_name='toelichting'),
        ),
        migrations.AddField(
            model_name='checklistitem',
            name='text_en',
            field=models.CharField(max_length=300, null=True, verbose_name='tekst'),
        ),
        migrations.AddField(
            model_name='checklistitem',
            name='text_nl',
            field=models.CharField(max_length=300, null=True, verbose_name='tekst'),
        ),
        migrations.AddField(
            model_name='healththeme',
            name='name_en',
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name='naam'),
        ),
        migrations.AddField(
            model_name='healththeme',
            name='name_nl',
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name='naam'),
        ),
        migrations.AddField(
            model_name='historicalchecklistitem',
            name='help_text_en',
            field=models.TextField(blank=True, max_length=1000, null=True, validators=[django.core.validators.MaxLengthValidator(1000)], verbose_name='toelichting'),
        ),
        migrations.AddField(
            model_name='historicalchecklistitem',
            name='help_text_nl',
            field=models.TextField(blank=True, max_length=1000, null=True, validators=[django.core.validators.MaxLengthValidator(1000)], verbose_name='toelichting'),
        ),
        migrations.AddField(
            model_name='historicalchecklistitem',
            name='text_en',
            field=models.CharField(max_length=300, null=True, verbose_name='tekst'),
        ),
        migrations.AddField(
            model_name='historicalchecklistitem',
            name='text_nl',
            field=models.CharField(max_length=300, null=True, verbose_name='tekst'),
        ),
        migrations.AddField(
            model_name='historicalhealththeme',
            name='name_en',
            field=models.CharField(max_length=100, null=True, verbose_name='naam'),
        ),
        migrations.AddField(
            model_name='historicalhealththeme',
            name='name_nl',
            field=models.CharField(max_length=100, null=True, verbose_name='naam'),
        ),
        migrations.AddField(
            model_name='historicalphase',
            name='name_en',
            field=models.CharField(max_length=100, null=True, verbose_name='naam'),
        ),
        migrations.AddField(
            model_name='historicalphase',
            name='name_nl',
            field=models.CharField(max_length=100, null=True, verbose_name='naam'),
        ),
        migrations.AddField(
            model_name='historicalphase',
            name='pitfalls_en',
            field=models.TextField(blank=True, help_text='Eén valkuil per regel.', max_length=5000, null=True, validators=[django.core.validators.MaxLengthValidator(5000)], verbose_name='valkuilen'),
        ),
        migrations.AddField(
            model_name='historicalphase',
            name='pitfalls_nl',
            field=models.TextField(blank=True, help_text='Eén valkuil per regel.', max_length=5000, null=True, validators=[django.core.validators.MaxLengthValidator(5000)], verbose_name='valkuilen'),
        ),
        migrations.AddField(
            model_name='historicalphase',
            name='purpose_en',
            field=models.TextField(max_length=2000, null=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='doel van deze fase'),
        ),
        migrations.AddField(
            model_name='historicalphase',
            name='purpose_nl',
            field=models.TextField(max_length=2000, null=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='doel van deze fase'),
        ),
        migrations.AddField(
            model_name='historicalphase',
            name='tips_en',
            field=models.TextField(blank=True, help_text='Eén tip per regel.', max_length=5000, null=True, validators=[django.core.validators.MaxLengthValidator(5000)], verbose_name='tips'),
        ),
        migrations.AddField(
            model_name='historicalphase',
            name='tips_nl',
            field=models.TextField(blank=True, help_text='Eén tip per regel.', max_length=5000, null=True, validators=[django.core.validators.MaxLengthValidator(5000)], verbose_name='tips'),
        ),
        migrations.AddField(
            model_name='phase',
            name='name_en',
            field=models.CharField(max_length=100, null=True, verbose_name='naam'),
        ),
        migrations.AddField(
            model_name='phase',
            name='name_nl',
            field=models.CharField(max_length=100, null=True, verbose_name='naam'),
        ),
        migrations.AddField(
            model_name='phase',
            name='pitfalls_en',
            field=models.TextField(blank=True, help_text='Eén valkuil per regel.', max_length=5000, null=True, validators=[django.core.validators.MaxLengthValidator(5000)], verbose_name='valkuilen'),
        ),
        migrations.AddField(
            model_name='phase',
            name='pitfalls_nl',
            field=models.TextField(blank=True, help_text='Eén valkuil per regel.', max_length=5000, null=True, validators=[django.core.validators.MaxLengthValidator(5000)], verbose_name='valkuilen'),
        ),
        migrations.AddField(
            model_name='phase',
            name='purpose_en',
            field=models.TextField(max_length=2000, null=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='doel van deze fase'),
        ),
        migrations.AddField(
            model_name='phase',
            name='purpose_nl',
            field=models.TextField(max_length=2000, null=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='doel van deze fase'),
        ),
        migrations.AddField(
            model_name='phase',
            name='tips_en',
            field=models.TextField(blank=True, help_text='Eén tip per regel.', max_length=5000, null=True, validators=[django.core.validators.MaxLengthValidator(5000)], verbose_name='tips'),
        ),
        migrations.AddField(
            model_name='phase',
            name='tips_nl',
            field=models.TextField(blank=True, help_text='Eén tip per regel.', max_length=5000, null=True, validators=[django.core.validators.MaxLengthValidator(5000)], verbose_name='tips'),
        ),
        migrations.RunPython(copy_dutch, migrations.RunPython.noop),
    ]
