"""The actions agreed on an evaluation's results: the list of a
partnership's actions, recording and editing one, and changing its status
from a list. Only the lead gemeente's officers change them (403 for others
in scope, 404 for outsiders); a save from an out-of-date form is refused
with 409 and who saved when (``core.concurrency``)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.concurrency import save_if_current

from ..actions import ActionForm, ActionStatusForm, actions_of, mark_overdue, with_status_forms
from ..querysets import can_run_round, get_action_for_user, get_partnership_for_user


def _list_url(partnership_id):
    return reverse("evaluation:actions", args=[partnership_id])


def _next(request, default):
    """Back to the page the form was opened from (results or list), if it is ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def _form_page(request, partnership, form, title, cancel_url, *, status=None):
    status = status or (409 if form.conflict else 200)
    return render(
        request,
        "includes/form_page.html",
        {
            "title": title,
            "form": form,
            "cancel_url": cancel_url,
            "next": cancel_url,
            "breadcrumb_url": partnership.get_absolute_url(),
            "breadcrumb_label": partnership.name,
        },
        status=status,
    )


def action_list(request, pk):
    """All actions of a partnership, the overdue ones marked."""
    partnership = get_partnership_for_user(request.user, pk)
    can_edit = can_run_round(request.user, partnership)
    actions = mark_overdue(actions_of(partnership))
    if can_edit:
        with_status_forms(actions)
    return render(
        request,
        "evaluation/actions/action_list.html",
        {
            "partnership": partnership,
            "actions": actions,
            "can_edit": can_edit,
        },
    )


def action_edit(request, pk=None, action_pk=None):
    if action_pk is not None:
        action = get_action_for_user(request.user, action_pk, edit=True)
        partnership = action.partnership
    else:
        action = None
        partnership = get_partnership_for_user(request.user, pk, edit=True)
    initial = {}
    if action is None and request.GET.get("ronde", "").isdigit():
        initial["round"] = int(request.GET["ronde"])
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        instance=action,
        partnership=partnership,
        initial=initial,
    )
    back = _next(request, _list_url(partnership.pk))
    if request.method == "POST" and form.is_valid():
        if form.instance.pk is None:
            form.instance.created_by = request.user
        if save_if_current(form, form.save):
            messages.success(request, _("De actie is opgeslagen."))
            return redirect(back)
    return _form_page(
        request,
        partnership,
        form,
        _("Actie bewerken") if action else _("Actie vastleggen"),
        back,
    )


@require_POST
def action_status(request, action_pk):
    """The status of one action, changed from a list."""
    action = get_action_for_user(request.user, action_pk, edit=True)
    form = ActionStatusForm(request.POST, instance=action)
    back = _next(request, _list_url(action.partnership_id))
    if form.is_valid() and save_if_current(form, form.save):
        messages.success(
            request,
            _("De status van de actie is nu: %(status)s.")
            % {"status": action.get_status_display()},
        )
        return redirect(back)
    return _form_page(
        request,
        action.partnership,
        form,
        _("Status van de actie: %(what)s") % {"what": action.what[:60]},
        back,
        status=409 if form.conflict else 400,
    )


urlpatterns = [
    path("samenwerkingen/<int:pk>/acties/", action_list, name="actions"),
    path("samenwerkingen/<int:pk>/acties/nieuw/", action_edit, name="action_add"),
    path("acties/<int:action_pk>/bewerken/", action_edit, name="action_edit"),
    path("acties/<int:action_pk>/status/", action_status, name="action_status"),
]
