from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _

from .throttling import password_reset_allowed


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
