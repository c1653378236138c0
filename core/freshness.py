"""Knowing when cached figures are out of date.

Every saved or deleted domain record (and every change to a many-to-many
relation) gives the one ``DataStamp`` row a new random token once the
transaction commits. Anything cached from domain data puts the current token
in its cache key, so a change makes all of it stale at once, in every worker
process, without a cache that is shared between them.

Writes that bypass the model signals call :func:`mark_changed` themselves
(``load_demo``'s bulk inserts). The ``QuerySet.update`` calls in
``assessment.workflow`` change only fields no cached figure shows (revision,
conditions); a new one that does must call it too."""

from __future__ import annotations

import uuid

from django.apps import apps
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

# The apps whose records the cached figures are made of. Not the accounts: a
# login saves the user (last_login), and cached figures are keyed by scope.
DOMAIN_APPS = ("regions", "organisations", "partnerships", "assessment")
# Records that change often and never show in cached figures.
IGNORED_MODELS = {
    "assessment.answer",
    "assessment.themenote",
    "assessment.reportdownload",
    "assessment.notification",
}
STAMP_PK = 1


def current_stamp() -> str:
    """The token of the data as it is now (one small query)."""
    from .models import DataStamp

    return DataStamp.objects.filter(pk=STAMP_PK).values_list("token", flat=True).first() or ""


def write_new_stamp() -> None:
    from .models import DataStamp

    token = uuid.uuid4().hex
    if not DataStamp.objects.filter(pk=STAMP_PK).update(token=token):
        DataStamp.objects.update_or_create(pk=STAMP_PK, defaults={"token": token})


def mark_changed() -> None:
    """Make every cached figure stale once the current transaction commits
    (at once outside a transaction). Called many times in one transaction, it
    writes the stamp once."""
    if any(entry[1] is write_new_stamp for entry in connection.run_on_commit):
        return
    transaction.on_commit(write_new_stamp)


def _tracked(model) -> bool:
    meta = model._meta
    return (
        meta.app_label in DOMAIN_APPS
        and meta.label_lower not in IGNORED_MODELS
        # django-simple-history's copies follow their record; the record counts.
        and not model.__name__.startswith("Historical")
    )


def _on_change(sender, **kwargs):
    if _tracked(sender):
        mark_changed()


def _on_m2m_change(sender, action, instance, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and _tracked(type(instance)):
        mark_changed()


def connect() -> None:
    for model in apps.get_models():
        if _tracked(model):
            post_save.connect(_on_change, sender=model, dispatch_uid=f"freshness-save-{model}")
            post_delete.connect(_on_change, sender=model, dispatch_uid=f"freshness-delete-{model}")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="freshness-m2m")
