from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("Besluiten (fase 7)")

    def ready(self):
        from partnerships import revision

        from . import recording  # noqa: F401 (registers its reasons in the audit trail)

        # A decision belongs to a partnership (rule 1 of partnerships.revision).
        revision.track("decisions", paths={"decisions.decision": "decisions"})
