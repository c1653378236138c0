from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluatie")

    def ready(self):
        from partnerships import revision

        from . import running  # noqa: F401 (registers its notifications' texts)

        # A round, its respondents and the agreed actions belong to a
        # partnership (the dashboard counts them); answers are saved many at a
        # time and report the change once, through their round. The
        # instrument is reference data (rule 2: a change counts everywhere).
        revision.track(
            "evaluation",
            paths={
                "evaluation.evaluationround": "evaluation_rounds",
                "evaluation.respondent": "evaluation_rounds__respondents",
                "evaluation.action": "evaluation_actions",
            },
            ignored={
                "evaluation.statementanswer",
                "evaluation.openanswer",
            },
        )
