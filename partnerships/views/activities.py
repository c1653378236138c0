"""The activity log of a partnership, with its audit trail."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from accounts.scoping import can_edit_partnership

from ..audit import recent_changes
from ..forms.activities import ActivityForm
from ..models import Activity
from .common import confirm_delete, form_page, load_partnership

PAGE_SIZE = 20


def activity_list(request, pk):
    partnership = load_partnership(request, pk)
    page = Paginator(
        Activity.objects.filter(partnership=partnership).order_by("-date", "-pk"), PAGE_SIZE
    ).get_page(request.GET.get("pagina"))
    return render(
        request,
        "partnerships/activities/activity_list.html",
        {
            "partnership": partnership,
            "page": page,
            "query_string": "",
            "changes": recent_changes(partnership, limit=50),
            "can_edit": can_edit_partnership(request.user, partnership),
        },
    )


def _list_url(partnership):
    return reverse("partnerships:activities", args=[partnership.pk])


def activity_edit(request, pk, activity_pk=None):
    partnership = load_partnership(request, pk, edit=True)
    activity = get_object_or_404(partnership.activities, pk=activity_pk) if activity_pk else None
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.partnership = partnership
        if not saved.created_by_id:
            saved.created_by = request.user
        saved.save()
        messages.success(request, _("De activiteit is vastgelegd."))
        return redirect(_list_url(partnership))
    return form_page(
        request,
        partnership,
        form,
        _("Activiteit bewerken") if activity else _("Activiteit vastleggen"),
        cancel_url=_list_url(partnership),
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
