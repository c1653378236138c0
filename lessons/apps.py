from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("Geleerde lessen")

    def ready(self):
        from partnerships import revision

        from . import receivers  # noqa: F401 - connects the receivers

        # A lesson belongs to a partnership (rule 1 of partnerships.revision).
        revision.track("lessons", paths={"lessons.lesson": "lessons"})
