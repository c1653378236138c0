"""The actions a partnership agrees on after talking about an evaluation's
results: what, who (a person with a portal account, or a partner), by when,
and their status. Only the lead gemeente's officers record and change them
(``partnerships.querysets.can_edit_partnership``); everyone who may see the
partnership reads them. Every edit form carries its version
(``core.concurrency``): a stale save is refused with who saved when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModelForm
from core.forms import DateField
from core.history import person_name
from partnerships.models import Partnership

from .forms import person_label
from .models import Action, ActionStatus, EvaluationRound, Side
from .running import public_candidates


def is_overdue(action: Action, today=None) -> bool:
    """Past its date and neither done nor dropped."""
    today = today or timezone.localdate()
    return bool(action.due_date and action.due_date < today and not action.is_finished)


def mark_overdue(actions, today=None) -> list[Action]:
    today = today or timezone.localdate()
    actions = list(actions)
    for action in actions:
        action.overdue = is_overdue(action, today)
    return actions


def actions_of(partnership, *, unfinished_only=False, round=None):
    """The actions of ``partnership`` with whom and what they answer (one query)."""
    actions = Action.objects.filter(partnership=partnership).select_related(
        "owner_user", "owner_participation__organisation", "round"
    )
    if unfinished_only:
        actions = actions.exclude(status__in=[ActionStatus.DONE, ActionStatus.DROPPED])
    if round is not None:
        actions = actions.filter(round=round)
    return actions.order_by("due_date", "pk")


def owner_label(action: Action, *, named: bool = True) -> str:
    """Who answers for ``action``: a partner by name; a person by name, or
    only as "the public side" where no names are printed (``named=False``)."""
    if action.owner_participation_id:
        return str(action.owner_participation.organisation)
    if action.owner_user_id:
        return person_name(action.owner_user) if named else str(Side.PUBLIC.label)
    return ""


@dataclass
class ActionRow:
    """An action as a printed report shows it."""

    what: str
    owner: str
    due_date: date | None
    status: str
    round: str
    overdue: bool


def action_rows(actions, *, named: bool = True, today=None) -> list[ActionRow]:
    """``actions`` (from ``actions_of``) as report rows, no query more."""
    return [
        ActionRow(
            what=action.what,
            owner=owner_label(action, named=named),
            due_date=action.due_date,
            status=action.get_status_display(),
            round=action.round.title if action.round_id else "",
            overdue=action.overdue,
        )
        for action in mark_overdue(actions, today)
    ]


class ActionForm(VersionedModelForm):
    class Meta:
        model = Action
        fields = ["what", "owner_user", "owner_participation", "due_date", "status", "round"]
        field_classes = {"due_date": DateField}
        widgets = {"what": forms.Textarea(attrs={"rows": 3, "maxlength": 500})}
        help_texts = {
            "owner_user": _("Een persoon met een account in het portaal …"),
            "owner_participation": _("… of een partner van de samenwerking (één van beide)."),
        }

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["what"].max_length = 500
        self.fields["status"].choices = ActionStatus.choices
        owner = self.fields["owner_user"]
        # Who can take an action: the public side, the same people who are
        # asked in a round (the officers of the lead and participating
        # gemeenten, the region's coordinators).
        owner.queryset = public_candidates(partnership)
        owner.label_from_instance = person_label
        owner.empty_label = _("Geen persoon")
        partner = self.fields["owner_participation"]
        partner.queryset = partnership.participations.select_related("organisation").order_by(
            "organisation__name", "pk"
        )
        partner.label_from_instance = lambda p: str(p.organisation)
        partner.empty_label = _("Geen partner")
        round_field = self.fields["round"]
        round_field.queryset = EvaluationRound.objects.filter(partnership=partnership).order_by(
            "-period_end", "-pk"
        )
        round_field.empty_label = _("Geen evaluatieronde")

    def clean(self):
        cleaned = super().clean()
        person, partner = cleaned.get("owner_user"), cleaned.get("owner_participation")
        if "owner_user" in self.errors or "owner_participation" in self.errors:
            return cleaned
        if person is None and partner is None:
            self.add_error(
                "owner_user", _("Kies wie de actie uitvoert: een persoon of een partner.")
            )
        elif person is not None and partner is not None:
            self.add_error(
                "owner_participation",
                _("Kies een persoon óf een partner, niet allebei: één houder per actie."),
            )
        return cleaned


class ActionStatusForm(VersionedModelForm):
    """Only the status, from a list of actions."""

    class Meta:
        model = Action
        fields = ["status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = ActionStatus.choices
        self.fields["status"].widget.attrs["class"] = "form-select form-select-sm"


def with_status_forms(actions: list[Action]) -> list[Action]:
    """Give each action the small form that changes its status from a list
    (carrying its version, like every edit form)."""
    for action in actions:
        action.status_form = ActionStatusForm(instance=action, auto_id=f"actie-{action.pk}-%s")
    return actions
