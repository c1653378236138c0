"""``Partnership.revision``: one counter that tells when cached figures are stale.

The rules, all of them:

1. A change to a partnership, or to a record that belongs to one (a partner,
   goal, activity, assessment, …: :data:`PATHS`), raises the ``revision`` of
   the partnerships it belongs to by one, in the change's own transaction
   (an ``UPDATE``, so the counter becomes visible together with the change).
2. A change to any other record of a tracked app (a region, gemeente, theme,
   phase, the questionnaire: names and labels the figures show) raises the
   revision of every partnership. Such records change seldom (by the
   functioneel beheerder); a new model is safe by default.
3. Records that never show in a cached figure or file are :data:`IGNORED`.
4. Writes that bypass the model signals (``QuerySet.update``,
   ``bulk_create``) call :func:`changed` or :func:`touch_partnerships`
   themselves.
5. A ``migrate`` that applies (or unapplies) any migration raises the revision
   of every partnership: a data migration (a phase renamed) writes through
   historical models, which send no signal this module hears.

:func:`state_of` a set of partnerships (their number and a digest of their
keys and revisions, in one query) therefore changes with every
committed change to anything they show, in whatever order transactions
commit, and when a partnership joins or leaves the set. The cache keys of the
dashboard's figures and of the exports are made of it (``core.cache``).

The counter is not the domain's time of change: ``updated_at`` is the last
save of the partnership's own record. The same ``UPDATE`` also sets
``last_activity_at`` for a change to the partnership's own work, not for a
change to a partner organisation or its contact persons (:data:`SHARED`),
which belong to every partnership of that organisation."""

from __future__ import annotations

import hashlib

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F
from django.db.models.signals import m2m_changed, post_migrate, post_save, pre_delete
from django.utils import timezone

# The apps whose records the cached figures and files are made of; an app
# above partnerships adds itself with :func:`track`.
TRACKED_APPS = {"regions", "organisations", "partnerships"}
# How to reach, from a partnership, each record that belongs to it.
PATHS = {
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
    "organisations.organisation": "participations__organisation",
    "organisations.contactperson": "participations__organisation__contacts",
}
# Belong to the partnerships of an organisation, but are no work on them.
SHARED = {"organisations.organisation", "organisations.contactperson"}
IGNORED: set[str] = set()


def track(app_label: str, *, paths: dict[str, str], ignored: set[str] = frozenset()) -> None:
    """Let the records of ``app_label`` (an app above partnerships) count:
    ``paths`` as in :data:`PATHS`, ``ignored`` as in :data:`IGNORED`."""
    TRACKED_APPS.add(app_label)
    PATHS.update(paths)
    IGNORED.update(ignored)


def touch_partnerships(*, own_work: bool = True, using: str = DEFAULT_DB_ALIAS, **lookup) -> None:
    """Raise the revision of the partnerships matching ``lookup`` (all, without
    one) in the database ``using``; when the change is their ``own_work``,
    their last activity is now."""
    from .models import Partnership

    values = {"revision": F("revision") + 1}
    if own_work:
        values["last_activity_at"] = timezone.now()
    Partnership.objects.using(using).filter(**lookup).update(**values)


def changed(instance, *, deleted: bool = False) -> None:
    """Record that ``instance`` (a record of a tracked app) changed or is
    being deleted (rules 1 and 2)."""
    label = instance._meta.label_lower
    path = PATHS.get(label)
    if path is None:
        touch_partnerships(own_work=False)
    elif path != "pk" or not deleted:  # a deleted partnership leaves every set
        touch_partnerships(own_work=label not in SHARED, **{path: instance.pk})


def state_of(partnerships) -> str:
    """The state of a set of partnerships (a queryset), in one query: it
    changes with every committed change to anything they show (the rules
    above), and when one joins or leaves the set."""
    from .models import Partnership

    return state_of_pairs(
        Partnership.objects.filter(pk__in=partnerships.values("pk")).values_list("pk", "revision")
    )


def state_of_pairs(pairs) -> str:
    """:func:`state_of` the partnerships whose (key, revision) ``pairs`` a
    caller has read already (in one query, for more than their state): their
    number and a digest of every (key, revision), in the order of the keys. A
    revision only grows, so a set's state never comes back; two sets differ
    in their states even when their keys and revisions add up the same."""
    pairs = sorted(pairs)
    digest = hashlib.blake2b(repr(pairs).encode(), digest_size=16).hexdigest()
    return f"{len(pairs)}:{digest}"


def _tracked(model) -> bool:
    meta = model._meta
    return (
        meta.apps is apps  # not a migration's historical model
        and meta.app_label in TRACKED_APPS
        and meta.label_lower not in IGNORED
        # django-simple-history's copies follow their record; the record counts.
        and not model.__name__.startswith("Historical")
    )


def _on_save(sender, instance, raw=False, **kwargs):
    if not _tracked(sender):
        return
    if raw:  # loaddata: no related rows to follow yet
        touch_partnerships(own_work=False)
    else:
        changed(instance)


def _on_delete(sender, instance, **kwargs):
    # Before the delete, while the path to the partnership still exists.
    if _tracked(sender):
        changed(instance, deleted=True)


def _on_m2m_change(sender, action, instance, pk_set, model, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    from .models import Partnership

    if isinstance(instance, Partnership):
        touch_partnerships(pk=instance.pk)
    elif model is Partnership and pk_set:
        touch_partnerships(pk__in=pk_set)
    elif _tracked(type(instance)):
        changed(instance)  # its own partnerships when it has a path (a lesson's phases)
    elif model is Partnership:
        touch_partnerships(own_work=False)


def _on_migrate(sender, plan=None, using="default", **kwargs):
    """Rule 5; once per ``migrate`` (sent for every app: heard for this one).
    ``plan`` is empty when nothing was applied, None for a ``flush``."""
    from .models import Partnership

    if not plan or Partnership._meta.db_table not in connections[using].introspection.table_names():
        return
    touch_partnerships(own_work=False, using=using)


def connect(app_config) -> None:
    post_migrate.connect(
        _on_migrate, sender=app_config, dispatch_uid="partnership-revision-migrate"
    )
    post_save.connect(_on_save, dispatch_uid="partnership-revision-save")
    pre_delete.connect(_on_delete, dispatch_uid="partnership-revision-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="partnership-revision-m2m")
