"""Edit forms that refuse a stale save instead of silently undoing someone's work.

Two people open the edit form of the same record; both save. Without a
check the second save writes back everything the first one changed. Here a
record that two people can edit has a ``version`` (``VersionField``); its
form (``VersionedModelForm``) carries the version it was opened with, and a
fingerprint of the values it showed, as hidden fields. ``save_if_current``
saves only when the stored version is still the one the form was opened
with: a conditional ``UPDATE … WHERE version = opened`` inside the
transaction, so of two concurrent saves exactly one wins. The other gets a
``Conflict`` on its form: who saved last and when, which fields are now
different from what the form showed, with their stored values. The view
renders the form again (status 409) with everything the user typed; the
form then carries the new version, so saving once more, deliberately, keeps
her version.

The version is bookkeeping: it is not editable and not in the audit trail
(``HistoricalRecords(excluded_fields=["version"])``)."""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
from dataclasses import dataclass, field

from django import forms
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format, localize
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.history import person_name


def VersionField():  # noqa: N802 - reads like a field class in a model
    return models.PositiveIntegerField(gettext_lazy("versie"), default=0, editable=False)


def _plain(value):
    """A JSON-able form of a model value (objects by key, sets sorted)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return sorted((_plain(v) for v in value), key=str)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, decimal.Decimal):
        # 3.0 as stored and 3 as typed and read back are the same number.
        return format(value.normalize(), "f")
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, decimal.Decimal):
        # The number, not how it was written: 10.0 stored is 10 shown and sent back.
        return format(value.normalize(), "f")
    return str(value)


def _shown(model_field, value) -> str:
    """A stored value as a person reads it."""
    if value in (None, "", [], ()):
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, models.Model):
        return str(value)
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, models.fields.files.FieldFile):
        return value.name.rsplit("/", 1)[-1] if value else "—"
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    if isinstance(value, datetime.date | decimal.Decimal | float | int):
        return str(localize(value))  # 2 december 2026, 1200,50 in Dutch
    return Truncator(str(value)).chars(200)


@dataclass
class Change:
    label: str
    value: str


@dataclass
class Conflict:
    """Someone else saved the record since the form was opened."""

    who: str
    when: object
    changes: list[Change] = field(default_factory=list)

    @property
    def summary(self) -> str:
        when = timezone.localtime(self.when) if self.when else None
        if when is None:
            return _(
                "Iemand anders heeft dit intussen opgeslagen. Uw wijzigingen zijn niet opgeslagen."
            )
        return _(
            "%(name)s heeft dit intussen opgeslagen, op %(date)s om %(time)s. "
            "Uw wijzigingen zijn niet opgeslagen."
        ) % {"name": self.who, "date": date_format(when, "j F Y"), "time": date_format(when, "H:i")}

    @property
    def changes_intro(self) -> str:
        if not self.changes:
            return _("De velden van dit formulier zijn niet anders dan toen u het opende.")
        return _("Nu opgeslagen, anders dan toen u het formulier opende:")

    @property
    def advice(self) -> str:
        return _(
            "Wat u typte staat hieronder nog; velden die u niet had veranderd, tonen nu wat er "
            "is opgeslagen. Kijk het na en sla opnieuw op om uw wijzigingen te bewaren."
        )

    def __str__(self):
        changes = "; ".join(f"{c.label}: {c.value}" for c in self.changes)
        return " ".join(filter(None, [self.summary, self.changes_intro, changes, self.advice]))


def _hash(value) -> str:
    return hashlib.sha256(json.dumps(_plain(value)).encode()).hexdigest()[:16]


def _row_values(row) -> dict:
    values = forms.models.model_to_dict(row)
    values.pop("id", None)
    return {
        name: value for name, value in values.items() if not row._meta.get_field(name).is_relation
    }


def _put(data, key, form_field, value):
    """Put a stored value into bound data, as the field's widget sends it."""
    widget = form_field.widget
    if isinstance(widget, forms.CheckboxInput):
        if value:
            data[key] = "on"
        else:
            data.pop(key, None)
        return
    formatted = widget.format_value(form_field.prepare_value(value))
    if isinstance(formatted, list | tuple):
        data.setlist(key, [str(v) for v in formatted])
    else:
        data[key] = "" if formatted is None else str(formatted)


class VersionedModelForm(forms.ModelForm):
    """A ModelForm for a record with a ``version`` (see the module's text).

    ``related_fields``: {reverse relation name: label} for rows edited with
    the form in a formset (a partner's contributions, an organisation's
    contact persons): their stored values count as part of what the form
    showed."""

    related_fields: dict[str, object] = {}

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    opened = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict: Conflict | None = None
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["opened"].initial = json.dumps(self._fingerprint(self.instance))

    def _shown_fields(self):
        """(name, label, model field) of what the form shows of its record."""
        model_fields = {f.name: f for f in self.instance._meta.get_fields()}
        for name, form_field in self.fields.items():
            if name in ("version", "opened") or name not in model_fields:
                continue
            yield name, str(form_field.label or name), model_fields[name]

    def _value(self, instance, name, model_field, *, display=False, typed=False):
        if model_field.many_to_many:
            if typed:
                return list(self.cleaned_data.get(name) or [])
            return list(getattr(instance, name).order_by("pk"))
        if model_field.many_to_one and not display:
            return getattr(instance, model_field.attname)  # the key: no query
        return getattr(instance, name)

    def _rows(self, instance, relation) -> dict[str, object]:
        return {str(row.pk): row for row in getattr(instance, relation).order_by("pk")}

    def _fingerprint(self, instance) -> dict:
        fingerprint = {
            name: _hash(self._value(instance, name, model_field))
            for name, _label, model_field in self._shown_fields()
        }
        for relation in self.related_fields:
            fingerprint["@" + relation] = {
                pk: _hash(_row_values(row)) for pk, row in self._rows(instance, relation).items()
            }
        return fingerprint

    def opened_version(self) -> int | None:
        if not self.instance.pk:
            return None
        value = self.cleaned_data.get("version") if hasattr(self, "cleaned_data") else None
        return self.instance.version if value is None else value

    def _opened(self) -> dict:
        try:
            opened = json.loads(self.data.get(self.add_prefix("opened")) or "{}")
        except ValueError:
            opened = {}
        return opened if isinstance(opened, dict) else {}

    def refuse(self, stored, formsets=()):
        """Someone else saved ``stored`` since this form was opened: say who,
        when and what is different now (``self.conflict``). The form keeps
        what was typed; fields its user left alone take the stored values;
        it now carries the stored version, so saving again keeps both."""
        opened = self._opened()
        data = self.data.copy()
        changes = []
        for name, label, model_field in self._shown_fields():
            stored_value = self._value(stored, name, model_field)
            if opened.get(name) == _hash(stored_value):
                continue
            value = self._value(stored, name, model_field, display=True)
            changes.append(Change(label, _shown(model_field, value)))
            typed = self._value(self.instance, name, model_field, typed=True)
            untouched = opened.get(name) == _hash(typed)
            if untouched and not isinstance(model_field, models.FileField):
                _put(data, self.add_prefix(name), self.fields[name], stored_value)
        for relation, label in self.related_fields.items():
            rows = self._rows(stored, relation)
            was = opened.get("@" + relation) or {}
            now = {pk: _hash(_row_values(row)) for pk, row in rows.items()}
            if was == now:
                continue
            shown = [
                ", ".join(
                    _shown(row._meta.get_field(k), v) for k, v in _row_values(row).items() if v
                )
                for row in rows.values()
            ]
            changes.append(Change(str(label), "; ".join(shown) or "—"))
            for formset in formsets:
                if formset.fk.remote_field.get_accessor_name() != relation:
                    continue
                for subform in formset.initial_forms:
                    pk = str(subform.instance.pk)
                    if pk not in rows or was.get(pk) == now[pk]:
                        continue
                    if was.get(pk) == _hash(_row_values(subform.instance)):
                        for key, value in _row_values(rows[pk]).items():
                            if key in subform.fields:
                                _put(data, subform.add_prefix(key), subform.fields[key], value)
                formset.data = data
                for subform in formset.forms:
                    subform.data = data
        data[self.add_prefix("version")] = str(stored.version)
        data[self.add_prefix("opened")] = json.dumps(self._fingerprint(stored))
        self.data = data
        last = stored.history.select_related("history_user").order_by("-history_date").first()
        user = last.history_user if last else None
        who = person_name(user) or _("Iemand anders")
        self.conflict = Conflict(who=who, when=last.history_date if last else None, changes=changes)


def save_if_current(form: VersionedModelForm, save, formsets=()) -> bool:
    """Run ``save`` (which stores ``form.instance`` and what belongs with it)
    in one transaction, if the stored record still has the version the form
    was opened with; then the version goes up by one. Otherwise nothing is
    stored, ``form.conflict`` says what changed, and False comes back."""
    instance = form.instance
    opened = form.opened_version()
    with transaction.atomic():
        if opened is not None:
            manager = type(instance)._default_manager
            won = manager.filter(pk=instance.pk, version=opened).update(version=F("version") + 1)
            if not won:
                stored = manager.filter(pk=instance.pk).first()
                if stored is None:
                    raise type(instance).DoesNotExist
                form.refuse(stored, formsets)
                return False
            instance.version = opened + 1
        save()
    return True
