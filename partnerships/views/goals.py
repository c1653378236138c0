"""Goals on three levels, their indicators and measured values."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.concurrency import save_if_current
from core.numbers import format_decimal

from .. import summary
from ..forms.goals import GoalForm, IndicatorForm, MeasurementForm
from ..models import Goal, GoalLevel, Indicator, Measurement, with_latest_measurements
from ..querysets import can_edit_partnership
from .common import confirm_delete, form_page, load_partnership

MEASUREMENTS_SHOWN = 10  # per indicator on the goals page; the rest a click away
MEASUREMENTS_PAGE_SIZE = 50


def _bound(request):
    """POST data when the form was sent (even an empty form), else None."""
    return request.POST if request.method == "POST" else None


def _goals_url(partnership):
    return reverse("partnerships:goals", args=[partnership.pk])


def goal_list(request, pk):
    """The goals by level: the societal goal, the joint goals, then each
    partner's goals; every indicator with its measurements and progress.

    A fixed number of queries: goals, indicators, measurements and partners
    are each fetched once."""
    partnership = load_partnership(request, pk)
    goals = list(
        Goal.objects.filter(partnership=partnership)
        .select_related("participation__organisation")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=with_latest_measurements(
                    Indicator.objects.order_by("target_date", "pk"), MEASUREMENTS_SHOWN
                ),
            )
        )
        .order_by("pk")
    )
    today = timezone.localdate()
    for goal in goals:
        for indicator in goal.indicators.all():
            # The latest few, oldest first; the progress needs only the latest.
            indicator.shown_measurements = indicator.latest_measurements[::-1]
            indicator.progress = summary.indicator_progress(
                indicator, indicator.latest_measurements
            )
            indicator.overdue = indicator.target_date < today and not indicator.progress.reached
    participations = list(
        partnership.participations.select_related("organisation").order_by(
            "organisation__name", "pk"
        )
    )
    partner_groups = [
        (participation, [g for g in goals if g.participation_id == participation.pk])
        for participation in participations
    ]
    return render(
        request,
        "partnerships/goals/goal_list.html",
        {
            "partnership": partnership,
            "societal_goals": [g for g in goals if g.level == GoalLevel.SOCIETAL],
            "joint_goals": [g for g in goals if g.level == GoalLevel.JOINT],
            "partner_groups": partner_groups,
            "can_edit": can_edit_partnership(request.user, partnership),
        },
    )


def goal_edit(request, pk, goal_pk=None):
    partnership = load_partnership(request, pk, edit=True)
    goal = get_object_or_404(partnership.goals, pk=goal_pk) if goal_pk else None
    initial = {}
    if goal is None:
        # Links on the goals page preselect a level and a partner.
        if request.GET.get("niveau") in GoalLevel.values:
            initial["level"] = request.GET["niveau"]
        if request.GET.get("partner", "").isdigit():
            initial["participation"] = int(request.GET["partner"])
    form = GoalForm(_bound(request), instance=goal, partnership=partnership, initial=initial)
    if request.method == "POST" and form.is_valid() and save_if_current(form, form.save):
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
    form = IndicatorForm(_bound(request), instance=indicator)
    form.instance.goal = goal
    if request.method == "POST" and form.is_valid() and save_if_current(form, form.save):
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


def _indicator_of(partnership, indicator_pk, **extra):
    return get_object_or_404(
        Indicator.objects.filter(goal__partnership=partnership, **extra), pk=indicator_pk
    )


def indicator_delete(request, pk, goal_pk, indicator_pk):
    partnership = load_partnership(request, pk, edit=True)
    indicator = _indicator_of(partnership, indicator_pk, goal_id=goal_pk)
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
        warning=_("De metingen van deze indicator worden ook verwijderd."),
    )


def measurement_list(request, pk, indicator_pk):
    """All measurements of one indicator, newest first, 50 a page."""
    partnership = load_partnership(request, pk)
    indicator = _indicator_of(partnership, indicator_pk)
    page = Paginator(
        Measurement.objects.filter(indicator=indicator).order_by("-measured_on", "-pk"),
        MEASUREMENTS_PAGE_SIZE,
    ).get_page(request.GET.get("pagina"))
    return render(
        request,
        "partnerships/goals/measurement_list.html",
        {
            "partnership": partnership,
            "indicator": indicator,
            "page": page,
            "query_string": "",
            "can_edit": can_edit_partnership(request.user, partnership),
        },
    )


def measurement_add(request, pk, indicator_pk):
    partnership = load_partnership(request, pk, edit=True)
    indicator = _indicator_of(partnership, indicator_pk)
    form = MeasurementForm(_bound(request), indicator=indicator)
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
            "baseline": format_decimal(indicator.baseline),
            "target": format_decimal(indicator.target),
        },
    )


def measurement_delete(request, pk, measurement_pk):
    partnership = load_partnership(request, pk, edit=True)
    measurement = get_object_or_404(
        Measurement.objects.filter(indicator__goal__partnership=partnership).select_related(
            "indicator"
        ),
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
        f"{measurement.indicator.name}: {format_decimal(measurement.value)} "
        f"({measurement.measured_on:%d-%m-%Y})",
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
        "samenwerkingen/<int:pk>/indicatoren/<int:indicator_pk>/metingen/",
        measurement_list,
        name="measurements",
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
