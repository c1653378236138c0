"""A Dutch and an English column for each text the beheerder edits (django-modeltranslation); the texts stored so far become the Dutch ones."""

import django.core.validators
from django.db import migrations, models


APP = "evaluation"
TRANSLATED = {
    "instrumentversion": ("title", "introduction"),
    "category": ("title", "short_title", "description"),
    "statement": ("text",),
    "openquestion": ("text",),
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
        ('evaluation', '0002_default_instrument'),
    ]

    operations = [
        migrations.AddField(
            model_name='category',
            name='description_en',
            field=models.TextField(blank=True, max_length=2000, null=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='toelichting'),
        ),
        migrations.AddField(
            model_name='category',
            name='description_nl',
            field=models.TextField(blank=True, max_length=2000, null=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='toelichting'),
        ),
        migrations.AddField(
            model_name='category',
            name='short_title_en',
            field=models.CharField(help_text='Voor de as van het radardiagram.', max_length=40, null=True, verbose_name='korte titel'),
        ),
        migrations.AddField(
            model_name='category',
            name='short_title_nl',
            field=models.CharField(help_text='Voor de as van het radardiagram.', max_length=40, null=True, verbose_name='korte titel'),
        ),
        migrations.AddField(
            model_name='category',
            name='title_en',
            field=models.CharField(max_length=200, null=True, verbose_name='titel'),
        ),
        migrations.AddField(
            model_name='category',
            name='title_nl',
            field=models.CharField(max_length=200, null=True, verbose_name='titel'),
        ),
        migrations.AddField(
            model_name='instrumentversion',
            name='introduction_en',
            field=models.TextField(blank=True, max_length=2000, null=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='inleiding voor wie antwoordt'),
        ),
        migrations.AddField(
            model_name='instrumentversion',
            name='introduction_nl',
            field=models.TextField(blank=True, max_length=2000, null=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='inleiding voor wie antwoordt'),
        ),
        migrations.AddField(
            model_name='instrumentversion',
            name='title_en',
            field=models.CharField(max_length=200, null=True, verbose_name='titel'),
        ),
        migrations.AddField(
            model_name='instrumentversion',
            name='title_nl',
            field=models.CharField(max_length=200, null=True, verbose_name='titel'),
        ),
        migrations.AddField(
            model_name='openquestion',
            name='text_en',
            field=models.CharField(max_length=300, null=True, verbose_name='vraag'),
        ),
        migrations.AddField(
            model_name='openquestion',
            name='text_nl',
            field=models.CharField(max_length=300, null=True, verbose_name='vraag'),
        ),
        migrations.AddField(
            model_name='statement',
            name='text_en',
            field=models.TextField(max_length=500, null=True, validators=[django.core.validators.MaxLengthValidator(500)], verbose_name='stelling'),
        ),
        migrations.AddField(
            model_name='statement',
            name='text_nl',
            field=models.TextField(max_length=500, null=True, validators=[django.core.validators.MaxLengthValidator(500)], verbose_name='stelling'),
        ),
        migrations.RunPython(copy_dutch, migrations.RunPython.noop),
    ]
