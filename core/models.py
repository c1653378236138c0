from django.db import models
from django.utils.translation import gettext_lazy as _


class DataStamp(models.Model):
    """A token that changes whenever reference data changes (regions,
    gemeenten, themes, phases, the questionnaire, users' names).

    Everything cached is keyed by it too, so every worker process sees such a
    change at once, whatever cache backend it uses. See ``core.freshness``."""

    token = models.CharField(_("token"), max_length=32)

    class Meta:
        verbose_name = _("gegevensstempel")
        verbose_name_plural = _("gegevensstempels")

    def __str__(self):
        return self.token
