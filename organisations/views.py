"""The partner register of a GGD region."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from core.concurrency import save_if_current
from core.forms import active_filters
from core.history import history_entries
from core.links import with_query

from .forms import ContactFormSet, OrganisationFilterForm, OrganisationForm
from .models import Organisation
from .querysets import can_edit_organisations, get_organisation_for_user
from .search import search

PAGE_SIZE = 25


def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None)
    # Each row's number of partnerships comes from the partnerships app
    # (its template filter ``with_partnership_counts``).
    queryset = Organisation.objects.visible_to(request.user)
    if form.is_valid():
        queryset = search(queryset, form.cleaned_data["q"])
        if sector := form.cleaned_data["sector"]:
            queryset = queryset.filter(sector=sector)
    page = Paginator(queryset.order_by("name", "pk"), PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "form": form,
            "page": page,
            "query_string": query.urlencode(),
            "active_filters": active_filters(form),
            "can_edit": can_edit_organisations(request.user),
        },
    )


def organisation_detail(request, pk):
    organisation = get_organisation_for_user(request.user, pk)
    participations = (
        organisation.participations.visible_to(request.user)
        .select_related("partnership__phase", "partnership__lead_municipality")
        .order_by("partnership__name")
    )
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "contacts": organisation.contacts.all(),
            "participations": participations,
            "can_edit": can_edit_organisations(request.user),
            "history": history_entries(organisation),
        },
    )


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _edit(request, organisation: Organisation | None):
    user = request.user
    if not can_edit_organisations(user):
        raise PermissionDenied
    region = organisation.region if organisation else user.home_region
    # A new organisation may start with the name searched for in a picker.
    initial = {} if organisation else {"name": request.GET.get("naam", "")[:200]}
    form = OrganisationForm(
        request.POST or None, instance=organisation, region=region, initial=initial
    )
    formset = ContactFormSet(request.POST or None, instance=form.instance, prefix="contacten")

    def save():
        formset.instance = form.save()
        formset.save()

    if (
        request.method == "POST"
        and form.is_valid()
        and formset.is_valid()
        and save_if_current(form, save, [formset])
    ):
        messages.success(request, _("Het partnerregister is bijgewerkt."))
        target = _safe_next(request)
        if target is None:
            return redirect(form.instance.get_absolute_url())
        if organisation is None:
            # The form that sent her here (adding a partner) gets the new
            # organisation back, to show it chosen.
            target = with_query(target, organisatie=form.instance.pk)
        return redirect(target)
    cancel = organisation.get_absolute_url() if organisation else reverse("organisations:list")
    return render(
        request,
        "includes/form_page.html",
        {
            "title": _("Organisatie bewerken") if organisation else _("Organisatie toevoegen"),
            "intro": _(
                "Contactpersonen zijn persoonsgegevens: leg alleen vast wat nodig is om contact op te nemen."
            ),
            "form": form,
            "formset": formset,
            "formset_legend": _("Contactpersoon"),
            "cancel_url": _safe_next(request) or cancel,
            "next": _safe_next(request),
        },
        status=409 if form.conflict else 200,
    )


def organisation_create(request):
    return _edit(request, None)


def organisation_edit(request, pk):
    return _edit(request, get_organisation_for_user(request.user, pk, edit=True))
