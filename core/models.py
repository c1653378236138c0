from django.db import models
from django.utils.translation import gettext_lazy as _


class DataStamp(models.Model):
    """One row whose token changes whenever a domain record changes.

    Cached figures (the dashboard) are keyed by this token, so every worker
    process sees a change at once, whatever cache backend it uses. See
    ``core.freshness``."""

    token = models.CharField(_("token"), max_length=32)

    class Meta:
        verbose_name = _("gegevensstempel")
        verbose_name_plural = _("gegevensstempels")

    def __str__(self):
        return self.token
