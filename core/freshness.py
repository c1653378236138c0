"""Knowing when cached pages and figures are out of date.

Two signals, both renewed by the model signals of every domain record:

- ``Partnership.revision``: a cache counter that goes up by one with every
  change to a partnership *or anything shown on its page* (partners,
  contributions, goals, indicators, measurements, agreements, activities,
  checklist, phase, assessments and their answers, the partner organisations
  and their contact persons). A change to such a record raises the counter of
  the partnerships it belongs to in the same transaction, so both become
  visible together with the change. One partnership's cached pages (its page,
  its assessments' pages and outcomes, the PDF advice) are keyed by its pk and
  revision, and only a change to that partnership makes them stale. Figures,
  lists and files over many partnerships (the dashboard, the list, the exports)
  are keyed by :func:`state_of` the partnerships a user may see: it changes
  when one of them changes, or when one joins or leaves the set, and not when
  another region's data changes.
- the *reference* stamp: a token renewed (once the transaction commits) when
  reference data changes: regions, gemeenten, themes, phases, the checklist,
  the questionnaire, or a user's name. Everything cached includes it.

The cache counter is not the domain's time of change: this module never
writes ``Partnership.updated_at`` (the last save of the partnership's own
record). It does write ``Partnership.last_activity_at`` together with the
counter, but only for a change to the partnership's own work: every record in
:data:`PARTNERSHIP_PATHS` except the :data:`SHARED_RECORDS` (an organisation
and its contact persons belong to every partnership of that organisation; a
new phone number is no work on any of them).

Every tracked record either has a path to its partnerships in
:data:`PARTNERSHIP_PATHS` or counts as reference data, so a new model is safe
by default (it makes everything stale) until it is given a path.

Writes that bypass the model signals (``QuerySet.update``, ``bulk_create``)
call :func:`changed` or :func:`mark_everything_changed` themselves."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Count, F, Sum
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.utils import timezone

# The apps whose records the cached pages and figures are made of.
DOMAIN_APPS = ("regions", "organisations", "partnerships", "assessment")
# Records that never show in a cached page or figure, and the answers and
# notes of an assessment: ``assessment.workflow`` saves many at a time and
# reports the change once, through their assessment.
IGNORED_MODELS = {
    "assessment.reportdownload",
    "assessment.answer",
    "assessment.themenote",
}
# How to reach, from a partnership, each record that is shown on its page.
PARTNERSHIP_PATHS = {
    "partnerships.partnership": "pk",
    "partnerships.participation": "participations",
    "partnerships.contribution": "participations__contributions",
    "partnerships.goal": "goals",
    "partnerships.indicator": "goals__indicators",
    "partnerships.measurement": "goals__indicators__measurements",
    "partnerships.agreement": "agreements",
    "partnerships.activity": "activities",
    "partnerships.checklisttick": "checklist_ticks",
    "partnerships.phasenote": "phase_notes",
    "partnerships.phasetransition": "phase_transitions",
    "assessment.assessment": "participations__assessments",
    "organisations.organisation": "participations__organisation",
    "organisations.contactperson": "participations__organisation__contacts",
}
# Shown on a partnership's page, but shared with the other partnerships of
# the organisation: a change to them renews the cache, not the last activity.
SHARED_RECORDS = {"organisations.organisation", "organisations.contactperson"}
REFERENCE_STAMP = 2


def reference_stamp() -> str:
    """The token of the reference data as it is now (one small query)."""
    from .models import DataStamp

    return (
        DataStamp.objects.filter(pk=REFERENCE_STAMP).values_list("token", flat=True).first() or ""
    )


def write_new_reference_stamp() -> None:
    from .models import DataStamp

    token = uuid.uuid4().hex
    if not DataStamp.objects.filter(pk=REFERENCE_STAMP).update(token=token):
        DataStamp.objects.update_or_create(pk=REFERENCE_STAMP, defaults={"token": token})


@dataclass(frozen=True)
class State:
    """What :func:`state_of` tells of a set of partnerships."""

    count: int
    keys: int
    revisions: int

    def __str__(self) -> str:  # the part of a cache key
        return f"{self.count}:{self.keys}:{self.revisions}"


def state_of(partnerships) -> State:
    """The state of a set of partnerships (a queryset), in one aggregate query.

    Every change to a partnership or to what belongs to it adds one to its
    ``revision`` when it commits, so the sum of the revisions goes up with any
    change to a member, in whatever order transactions commit (the newest
    ``updated_at`` would not: a change written earlier but committed later
    hides behind a newer one). The number and the sum of the keys change when
    a partnership joins or leaves the set (created, deleted, or moved into or
    out of a scope or filter)."""
    from partnerships.models import Partnership

    row = Partnership.objects.filter(pk__in=partnerships.values("pk")).aggregate(
        n=Count("pk"), keys=Sum("pk"), revisions=Sum("revision")
    )
    return State(row["n"], row["keys"] or 0, row["revisions"] or 0)


def _once_on_commit(function) -> None:
    """Run ``function`` when the current transaction commits (at once outside
    a transaction), once however often it is asked for."""
    if any(entry[1] is function for entry in connection.run_on_commit):
        return
    transaction.on_commit(function)


def mark_everything_changed() -> None:
    """Make every cached page and figure stale once the transaction commits."""
    _once_on_commit(write_new_reference_stamp)


def touch_partnerships(*, own_work: bool = True, **lookup) -> None:
    """Mark the partnerships matching ``lookup`` as changed (in this
    transaction): their cached pages and figures become stale, and, when the
    change is to their ``own_work``, their last activity is now."""
    from partnerships.models import Partnership

    values = {"revision": F("revision") + 1}
    if own_work:
        values["last_activity_at"] = timezone.now()
    Partnership.objects.filter(**lookup).update(**values)


def changed(instance, *, deleted: bool = False) -> None:
    """Record that ``instance`` (a domain record) changed or is being deleted."""
    label = instance._meta.label_lower
    path = PARTNERSHIP_PATHS.get(label)
    if path is None:
        mark_everything_changed()
    elif path != "pk" or not deleted:
        touch_partnerships(own_work=label not in SHARED_RECORDS, **{path: instance.pk})
    # A deleted partnership leaves every set it was in (state_of).


def _tracked(model) -> bool:
    meta = model._meta
    return (
        meta.app_label in DOMAIN_APPS
        and meta.label_lower not in IGNORED_MODELS
        # django-simple-history's copies follow their record; the record counts.
        and not model.__name__.startswith("Historical")
    )


def _on_save(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: no related rows to follow yet
        mark_everything_changed()
    elif _tracked(sender):
        changed(instance)


def _on_delete(sender, instance, **kwargs):
    # Before the delete, while the path to the partnership still exists.
    if _tracked(sender):
        changed(instance, deleted=True)


def _on_user_save(sender, instance, update_fields=None, **kwargs):
    # Names of users show on cached pages (who changed what); a login only
    # saves last_login and changes nothing that is shown.
    if update_fields is None or set(update_fields) - {"last_login"}:
        mark_everything_changed()


def _on_m2m_change(sender, action, instance, pk_set, model, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    from partnerships.models import Partnership

    if isinstance(instance, Partnership):
        touch_partnerships(pk=instance.pk)
    elif model is Partnership and pk_set:
        touch_partnerships(pk__in=pk_set)
    elif _tracked(type(instance)) or model is Partnership:
        mark_everything_changed()


def connect() -> None:
    for model in apps.get_models():
        if _tracked(model):
            post_save.connect(_on_save, sender=model, dispatch_uid=f"freshness-save-{model}")
            pre_delete.connect(_on_delete, sender=model, dispatch_uid=f"freshness-delete-{model}")
    post_save.connect(
        _on_user_save, sender=apps.get_model("accounts", "User"), dispatch_uid="freshness-user"
    )
    m2m_changed.connect(_on_m2m_change, dispatch_uid="freshness-m2m")
