"""The demo data in tests that commit for real (transactional tests)."""

import importlib
import os
from contextlib import ExitStack
from unittest import mock

from django.core.management import call_command

# Models renamed since the data migrations were written: their code asks for
# the names of its time.
RENAMED = {("partnerships", "theme"): "HealthTheme", ("assessment", "theme"): "QuestionnaireTheme"}


class _AppsAsAtMigration:
    """The app registry, answering the data migrations' old model names."""

    def __init__(self, apps):
        self.apps = apps

    def get_model(self, app_label, model_name):
        name = RENAMED.get((app_label, model_name.lower()), model_name)
        return self.apps.get_model(app_label, name)


def ensure_reference_data():
    """The data migrations' content (phases, themes, the questionnaire, the
    evaluation instrument). A
    transactional test flushes the database afterwards; serialized rollback
    should bring it back, but does not under every fixture order, so install
    it again where it is missing, with the migrations' own code."""
    from django.apps import apps

    from assessment.models import Questionnaire
    from evaluation.models import InstrumentVersion
    from partnerships.models import Phase

    if not Phase.objects.exists():
        importlib.import_module("partnerships.migrations.0002_seed_reference_data").install(
            _AppsAsAtMigration(apps), None
        )
        importlib.import_module(
            "partnerships.migrations.0008_checklist_facts_and_closing"
        ).set_facts(_AppsAsAtMigration(apps), None)
    if not Questionnaire.objects.exists():
        importlib.import_module("assessment.migrations.0002_default_afwegingskader").install(
            _AppsAsAtMigration(apps), None
        )
    if not InstrumentVersion.objects.exists():
        importlib.import_module("evaluation.migrations.0002_default_instrument").install(
            _AppsAsAtMigration(apps), None
        )


def load_demo(settings, advice_files=True):
    """``load_demo`` as a developer runs it (it refuses with DEBUG off).

    With ``advice_files=False`` the demo's finalised assessments get no stored
    PDF advice when their finalising commits (WeasyPrint, about half a second
    each), as in a test that rolls back, where commit hooks never run: their
    first download makes it (assessment.advice). For tests that never open a
    demo assessment's advice."""
    ensure_reference_data()
    settings.DEBUG = True
    with ExitStack() as stack, open(os.devnull, "w") as devnull:
        if not advice_files:
            stack.enter_context(mock.patch("assessment.advice.store_after_commit"))
        call_command("load_demo", stdout=devnull)
    settings.DEBUG = False
