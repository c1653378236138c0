"""Goals on three levels, their indicators and measured values."""

from datetime import date

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from accounts.scoping import can_edit_partnership

from .. import summary
from ..forms.goals import GoalForm, IndicatorForm, MeasurementForm
from ..models import Goal, GoalLevel, Indicator, Measurement
from .common import confirm_delete, form_page, load_partnership


def goal_list(request, pk):
    partnership = load_partnership(request, pk)
    goals = list(
        Goal.objects.filter(partnership=partnership)
        .select_related("participation__organisation")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on"))
                ),
            )
        )
        .order_by("participation__organisation__name", "pk")
    )
    today = date.today()
    for goal in goals:
        for indicator in goal.indicators.all():
            indicator.progress = summary.indicator_progress(
                indicator, list(indicator.measurements.all())
            )
            indicator.overdue = indicator.target_date < today and not indicator.progress.reached
    levels = [
        (value, label, [g for g in goals if g.level == value]) for value, label in GoalLevel.choices
    ]
    return render(
        request,
        "partnerships/goals/goal_list.html",
        {
            "partnership": partnership,
            "levels": levels,
            "can_edit": can_edit_partnership(request.user, partnership),
        },
    )


def _goals_url(partnership):
    return reverse("partnerships:goals", args=[partnership.pk])


def goal_edit(request, pk, goal_pk=None):
    partnership = load_partnership(request, pk, edit=True)
    goal = get_object_or_404(partnership.goals, pk=goal_pk) if goal_pk else None
    form = GoalForm(request.POST or None, instance=goal, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Het doel is opgeslagen."))
        return redirect(_goals_url(partnership))
    return form_page(
        request,
        partnership,
        form,
        _("Doel bewerken") if goal else _("Doel toevoegen"),
        cancel_url=_goals_url(partnership),
        intro=_(
            "Doelen hebben drie niveaus: het maatschappelijk doel, de gezamenlijke doelen en de "
            "doelen van elke partner."
        ),
    )


def goal_delete(request, pk, goal_pk):
    partnership = load_partnership(request, pk, edit=True)
    goal = get_object_or_404(partnership.goals, pk=goal_pk)
    if request.method == "POST":
        goal.delete()
        messages.success(request, _("Het doel is verwijderd."))
        return redirect(_goals_url(partnership))
    return confirm_delete(
        request,
        partnership,
        _("Doel verwijderen"),
        goal.title,
        cancel_url=_goals_url(partnership),
        warning=_("De indicatoren en metingen van dit doel worden ook verwijderd."),
    )


def indicator_edit(request, pk, goal_pk, indicator_pk=None):
    partnership = load_partnership(request, pk, edit=True)
    goal = get_object_or_404(partnership.goals, pk=goal_pk)
    indicator = get_object_or_404(goal.indicators, pk=indicator_pk) if indicator_pk else None
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.goal = goal
        saved.save()
        messages.success(request, _("De indicator is opgeslagen."))
        return redirect(_goals_url(partnership))
    return form_page(
        request,
        partnership,
        form,
        _("Indicator bewerken") if indicator else _("Indicator toevoegen"),
        cancel_url=_goals_url(partnership),
        intro=_("Bij het doel: %(goal)s") % {"goal": goal.title},
    )


def indicator_delete(request, pk, goal_pk, indicator_pk):
    partnership = load_partnership(request, pk, edit=True)
    indicator = get_object_or_404(
        Indicator, goal__partnership=partnership, goal_id=goal_pk, pk=indicator_pk
    )
    if request.method == "POST":
        indicator.delete()
        messages.success(request, _("De indicator is verwijderd."))
        return redirect(_goals_url(partnership))
    return confirm_delete(
        request,
        partnership,
        _("Indicator verwijderen"),
        indicator.name,
        cancel_url=_goals_url(partnership),
    )


def measurement_add(request, pk, indicator_pk):
    partnership = load_partnership(request, pk, edit=True)
    indicator = get_object_or_404(Indicator, goal__partnership=partnership, pk=indicator_pk)
    form = MeasurementForm(request.POST or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De meting is vastgelegd."))
        return redirect(_goals_url(partnership))
    return form_page(
        request,
        partnership,
        form,
        _("Meting vastleggen"),
        cancel_url=_goals_url(partnership),
        intro=_("Indicator: %(name)s (%(unit)s); nulmeting %(baseline)s, streefwaarde %(target)s.")
        % {
            "name": indicator.name,
            "unit": indicator.unit,
            "baseline": indicator.baseline,
            "target": indicator.target,
        },
    )


def measurement_delete(request, pk, measurement_pk):
    partnership = load_partnership(request, pk, edit=True)
    measurement = get_object_or_404(
        Measurement.objects.select_related("indicator"),
        indicator__goal__partnership=partnership,
        pk=measurement_pk,
    )
    if request.method == "POST":
        measurement.delete()
        messages.success(request, _("De meting is verwijderd."))
        return redirect(_goals_url(partnership))
    return confirm_delete(
        request,
        partnership,
        _("Meting verwijderen"),
        f"{measurement.indicator.name}: {measurement.value} ({measurement.measured_on:%d-%m-%Y})",
        cancel_url=_goals_url(partnership),
    )


urlpatterns = [
    path("samenwerkingen/<int:pk>/doelen/", goal_list, name="goals"),
    path("samenwerkingen/<int:pk>/doelen/nieuw/", goal_edit, name="goal_add"),
    path("samenwerkingen/<int:pk>/doelen/<int:goal_pk>/", goal_edit, name="goal_edit"),
    path(
        "samenwerkingen/<int:pk>/doelen/<int:goal_pk>/verwijderen/", goal_delete, name="goal_delete"
    ),
    path(
        "samenwerkingen/<int:pk>/doelen/<int:goal_pk>/indicatoren/nieuw/",
        indicator_edit,
        name="indicator_add",
    ),
    path(
        "samenwerkingen/<int:pk>/doelen/<int:goal_pk>/indicatoren/<int:indicator_pk>/",
        indicator_edit,
        name="indicator_edit",
    ),
    path(
        "samenwerkingen/<int:pk>/doelen/<int:goal_pk>/indicatoren/<int:indicator_pk>/verwijderen/",
        indicator_delete,
        name="indicator_delete",
    ),
    path(
        "samenwerkingen/<int:pk>/indicatoren/<int:indicator_pk>/metingen/nieuw/",
        measurement_add,
        name="measurement_add",
    ),
    path(
        "samenwerkingen/<int:pk>/metingen/<int:measurement_pk>/verwijderen/",
        measurement_delete,
        name="measurement_delete",
    ),
]
