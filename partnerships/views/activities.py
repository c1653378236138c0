"""The activity log of a partnership, with its audit trail."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from core.concurrency import save_if_current

from ..audit import recent_changes
from ..forms.activities import ActivityForm
from ..models import Activity
from ..querysets import can_edit_partnership
from .common import confirm_delete, form_page, load_partnership

PAGE_SIZE = 20
CHANGES_SHOWN = 50


def _list_url(partnership):
    return reverse("partnerships:activities", args=[partnership.pk])


def activity_list(request, pk):
    """Activities newest first, 20 a page, then the latest changes to the
    partnership and its records (a fixed number of queries)."""
    partnership = load_partnership(request, pk)
    activities = (
        Activity.objects.filter(partnership=partnership)
        .select_related("created_by")
        .order_by("-date", "-pk")
    )
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "partnerships/activities/activity_list.html",
        {
            "partnership": partnership,
            "page": page,
            "query_string": "",
            "changes": recent_changes(partnership, limit=CHANGES_SHOWN),
            "can_edit": can_edit_partnership(request.user, partnership),
        },
    )


def activity_edit(request, pk, activity_pk=None):
    partnership = load_partnership(request, pk, edit=True)
    activity = get_object_or_404(partnership.activities, pk=activity_pk) if activity_pk else None
    form = ActivityForm(request.POST if request.method == "POST" else None, instance=activity)
    form.instance.partnership = partnership
    if activity is None:
        form.instance.created_by = request.user
    if request.method == "POST" and form.is_valid() and save_if_current(form, form.save):
        messages.success(request, _("De activiteit is vastgelegd."))
        return redirect(_list_url(partnership))
    return form_page(
        request,
        partnership,
        form,
        _("Activiteit bewerken") if activity else _("Activiteit vastleggen"),
        cancel_url=_list_url(partnership),
        intro=_("Een overleg, werkbezoek of bijeenkomst: wanneer, met wie en wat er besproken is."),
    )


def activity_delete(request, pk, activity_pk):
    partnership = load_partnership(request, pk, edit=True)
    activity = get_object_or_404(partnership.activities, pk=activity_pk)
    if request.method == "POST":
        activity.delete()
        messages.success(request, _("De activiteit is verwijderd."))
        return redirect(_list_url(partnership))
    return confirm_delete(
        request,
        partnership,
        _("Activiteit verwijderen"),
        activity.title,
        cancel_url=_list_url(partnership),
    )


urlpatterns = [
    path("samenwerkingen/<int:pk>/activiteiten/", activity_list, name="activities"),
    path("samenwerkingen/<int:pk>/activiteiten/nieuw/", activity_edit, name="activity_add"),
    path(
        "samenwerkingen/<int:pk>/activiteiten/<int:activity_pk>/",
        activity_edit,
        name="activity_edit",
    ),
    path(
        "samenwerkingen/<int:pk>/activiteiten/<int:activity_pk>/verwijderen/",
        activity_delete,
        name="activity_delete",
    ),
]
