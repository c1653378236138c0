"""The inbox (a user's notifications, newest first) and the throttled password reset."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Notification
from .notifications import mark_read
from .throttling import password_reset_allowed

PAGE_SIZE = 25


def inbox(request):
    page = Paginator(Notification.objects.filter(recipient=request.user), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(request, "accounts/inbox.html", {"page": page, "notifications": page.object_list})


def open_notification(request, pk):
    """Mark the notification read and go where it points."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    mark_read(Notification.objects.filter(pk=notification.pk))
    if notification.link and url_has_allowed_host_and_scheme(
        notification.link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.link)
    return redirect("accounts:inbox")


@require_POST
def mark_all_read(request):
    mark_read(Notification.objects.filter(recipient=request.user))
    messages.success(request, _("Alle meldingen zijn gelezen."))
    return redirect("accounts:inbox")


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, refusing more than a few requests an hour per
    client address and per e-mail address (no mail bombing, no guessing)."""

    def form_valid(self, form):
        if not password_reset_allowed(self.request, form.cleaned_data["email"]):
            form.add_error(
                None,
                _(
                    "Er is al te vaak om een nieuw wachtwoord gevraagd. "
                    "Probeer het over een uur opnieuw, of vraag de functioneel beheerder "
                    "van uw organisatie om hulp."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


app_name = "accounts"
urlpatterns = [
    path("meldingen/", inbox, name="inbox"),
    path("meldingen/<int:pk>/", open_notification, name="open_notification"),
    path("meldingen/alles-gelezen/", mark_all_read, name="mark_all_read"),
]
