from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Samenwerkingen")

    def ready(self):
        from . import (
            phases,  # noqa: F401 (registers its reason in the audit trail)
            revision,
        )

        revision.connect(self)
