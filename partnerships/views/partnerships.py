"""The list of partnerships, a partnership's page, creating and editing one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from accounts.scoping import scope_for, visible_municipalities
from core.concurrency import save_if_current
from core.forms import active_filters

from .. import detail, list_markup, summary
from ..audit import recent_changes
from ..filters import apply_list_filters
from ..forms.partnership import PartnershipFilterForm, PartnershipForm
from ..models import (
    Participation,
    ParticipationStatus,
    Partnership,
    PhaseTransition,
)
from ..querysets import (
    can_edit_partnership,
    get_partnership_for_user,
    sees_drafts,
    with_related,
)

PAGE_SIZE = 25

# The partnership with its theme, phase and lead gemeente, as its page shows
# it, if the reader may see it: compiled once per kind of reader (compiling
# its joins took longer than running them).
SHOWN = with_related("theme", "phase", "lead_municipality")


def partnership_list(request):
    user = request.user
    municipalities = visible_municipalities(user)
    form = PartnershipFilterForm(request.GET or None, municipalities=municipalities)
    queryset = Partnership.objects.visible_to(user)
    if form.is_valid():
        queryset = apply_list_filters(queryset, form.cleaned_data)
    page = list_markup.page_of(with_partner_counts(queryset), request.GET.get("pagina"), PAGE_SIZE)
    list_markup.filter_choices(form, user)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "partnerships/partnership_list.html",
        {
            "form": form,
            "filter_fields": list_markup.filter_fields(form),
            "page": page,
            "rows": list_markup.rows(page.object_list),
            "query_string": query.urlencode(),
            "active_filters": active_filters(form),
            "can_create": scope_for(user).kind == "municipality",
        },
    )


def with_partner_counts(partnerships):
    """The partnerships (a queryset), each with ``partner_count``: its
    partners that have not withdrawn, counted in the same query (for the
    rows of a page only, once sorted and cut)."""
    partners = (
        Participation.objects.filter(partnership=OuterRef("pk"))
        .exclude(status=ParticipationStatus.WITHDRAWN)
        .order_by()
        .values("partnership")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return partnerships.annotate(partner_count=Coalesce(Subquery(partners), 0))


def partnership_detail(request, pk):
    user = request.user
    partnership = get_partnership_for_user(user, pk, records=SHOWN)
    can_edit = can_edit_partnership(user, partnership)
    return render(
        request,
        "partnerships/partnership_detail.html",
        _detail_context(user, partnership, can_edit),
    )


def _detail_context(user, partnership, can_edit: bool) -> dict:
    """What the page shows (``partnerships.detail``: prepared queries, its
    lists written in Python)."""
    rows = detail.lists(partnership)
    # A gemeente taking part sees no drafts (querysets.sees_drafts).
    partners = detail.partners(rows, sees_drafts(user, partnership))
    checklist = detail.checklist(rows)
    totals = detail.contribution_totals(rows)
    return {
        "partnership": partnership,
        "can_edit": can_edit,
        "participating_municipalities": detail.municipalities(rows),
        "partners_html": detail.partners_html(partnership, partners, can_edit),
        "contribution_totals": totals,
        "totals_html": detail.totals_html(totals),
        "too_many_private_partners": summary.too_many_private_partners(partners),
        "unassessed_private_partners": detail.unassessed_private_partners(partners),
        "max_private_partners": summary.MAX_PRIVATE_PARTNERS,
        "goals_html": detail.goals_html(detail.goals(rows)),
        "checklist": checklist,
        "next_steps_html": detail.next_steps_html(checklist.next_steps),
        "phases_html": detail.phases_html(partnership, rows),
        "agreements_html": detail.agreements_html(rows),
        "activities_html": detail.activities_html(rows),
        "changes_html": detail.changes_html(recent_changes(partnership)),
    }


def partnership_create(request):
    user = request.user
    scope = scope_for(user)
    if scope.kind != "municipality":
        # Only a gemeente's officer starts a partnership; she is its trekker.
        raise PermissionDenied
    form = PartnershipForm(request.POST or None, lead_municipality=user.municipality)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            partnership = form.save(commit=False)
            partnership.created_by = user
            partnership.save()
            form.save_m2m()
            # The start of the timeline; it needs no reason: the page says
            # "gestart in fase 1" in the reader's language.
            PhaseTransition.objects.create(
                partnership=partnership, from_phase=None, to_phase=partnership.phase, moved_by=user
            )
        messages.success(request, _("De samenwerking is aangemaakt. Ze begint in fase 1."))
        return redirect(partnership)
    return render(
        request,
        "includes/form_page.html",
        {
            "title": _("Nieuwe samenwerking"),
            "intro": _(
                "Uw gemeente %(municipality)s is de trekker. Partners, doelen en afspraken "
                "voegt u toe op de pagina van de samenwerking."
            )
            % {"municipality": user.municipality},
            "form": form,
            "submit_label": _("Samenwerking aanmaken"),
            "cancel_url": reverse("partnerships:list"),
        },
    )


def partnership_edit(request, pk):
    partnership = get_partnership_for_user(request.user, pk, edit=True)
    form = PartnershipForm(
        request.POST or None, instance=partnership, lead_municipality=partnership.lead_municipality
    )
    if request.method == "POST" and form.is_valid() and save_if_current(form, form.save):
        messages.success(request, _("De wijzigingen zijn opgeslagen."))
        return redirect(partnership)
    return render(
        request,
        "includes/form_page.html",
        {
            "title": _("Samenwerking bewerken"),
            "form": form,
            "cancel_url": partnership.get_absolute_url(),
            "breadcrumb_url": partnership.get_absolute_url(),
            "breadcrumb_label": partnership.name,
        },
        status=409 if form.conflict else 200,
    )


urlpatterns = [
    path("samenwerkingen/", partnership_list, name="list"),
    path("samenwerkingen/nieuw/", partnership_create, name="create"),
    path("samenwerkingen/<int:pk>/", partnership_detail, name="detail"),
    path("samenwerkingen/<int:pk>/bewerken/", partnership_edit, name="edit"),
]
