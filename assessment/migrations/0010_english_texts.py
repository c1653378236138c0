"""A Dutch and an English column for each text the beheerder edits (django-modeltranslation); the texts stored so far become the Dutch ones."""

import django.core.validators
from django.db import migrations, models


APP = "assessment"
TRANSLATED = {
    "questionnaire": ("name", "description"),
    "questionnairetheme": ("title", "description"),
    "question": ("text", "help_text"),
    "answeroption": ("label",),
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
        ('assessment', '0009_download_format'),
    ]

    operations = [
        migrations.AddField(
            model_name='answeroption',
            name='label_en',
            field=models.CharField(max_length=50, null=True, verbose_name='antwoord'),
        ),
        migrations.AddField(
            model_name='answeroption',
            name='label_nl',
            field=models.CharField(max_length=50, null=True, verbose_name='antwoord'),
        ),
        migrations.AddField(
            model_name='question',
            name='help_text_en',
            field=models.TextField(blank=True, max_length=2000, null=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='hulptekst'),
        ),
        migrations.AddField(
            model_name='question',
            name='help_text_nl',
            field=models.TextField(blank=True, max_length=2000, null=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='hulptekst'),
        ),
        migrations.AddField(
            model_name='question',
            name='text_en',
            field=models.TextField(max_length=1000, null=True, validators=[django.core.validators.MaxLengthValidator(1000)], verbose_name='vraag'),
        ),
        migrations.AddField(
            model_name='question',
            name='text_nl',
            field=models.TextField(max_length=1000, null=True, validators=[django.core.validators.MaxLengthValidator(1000)], verbose_name='vraag'),
        ),
        migrations.AddField(
            model_name='questionnaire',
            name='description_en',
            field=models.TextField(blank=True, max_length=2000, null=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='omschrijving'),
        ),
        migrations.AddField(
            model_name='questionnaire',
            name='description_nl',
            field=models.TextField(blank=True, max_length=2000, null=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='omschrijving'),
        ),
        migrations.AddField(
            model_name='questionnaire',
            name='name_en',
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name='naam'),
        ),
        migrations.AddField(
            model_name='questionnaire',
            name='name_nl',
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name='naam'),
        ),
        migrations.AddField(
            model_name='questionnairetheme',
            name='description_en',
            field=models.TextField(blank=True, max_length=2000, null=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='toelichting'),
        ),
        migrations.AddField(
            model_name='questionnairetheme',
            name='description_nl',
            field=models.TextField(blank=True, max_length=2000, null=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='toelichting'),
        ),
        migrations.AddField(
            model_name='questionnairetheme',
            name='title_en',
            field=models.CharField(max_length=200, null=True, verbose_name='titel'),
        ),
        migrations.AddField(
            model_name='questionnairetheme',
            name='title_nl',
            field=models.CharField(max_length=200, null=True, verbose_name='titel'),
        ),
        migrations.RunPython(copy_dutch, migrations.RunPython.noop),
    ]
