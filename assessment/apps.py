from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Afwegingskader")

    def ready(self):
        from partnerships import revision

        from . import (
            advice,  # noqa: F401 (removes a stored file with its record)
            history,  # noqa: F401 (registers its reason in the audit trail)
            notify,  # noqa: F401 (registers its notifications' texts)
        )

        # An assessment belongs to its partner's partnership; the answers and
        # notes are saved many at a time by ``workflow``, which reports the
        # change once, through their assessment. Downloads and stored advice
        # files show in no figure.
        revision.track(
            "assessment",
            paths={
                "assessment.assessment": "participations__assessments",
                "assessment.advicetext": "participations__assessments__advice_text",
            },
            ignored={
                "assessment.answer",
                "assessment.themenote",
                "assessment.reportdownload",
                "assessment.advicefile",
                "assessment.advicedocument",
                "assessment.advicesettings",  # shows in no figure, only in the advice
            },
        )
