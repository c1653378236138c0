"""Building assessments for tests: answer every question by a plan."""

from assessment import workflow
from assessment.scoring import specs_for_version


def answer_all(assessment, default="Ja", knockout="Nee", overrides=None, explanation=""):
    """Answer every question: scored ones ``default``, knock-outs ``knockout``,
    ``overrides`` maps question codes to labels."""
    overrides = overrides or {}
    themes, _bands = specs_for_version(assessment.version)
    answers, explanations, notes = {}, {}, {}
    for theme in themes:
        for question in theme.questions:
            label = overrides.get(question.code, knockout if theme.is_knockout else default)
            answers[question.id] = next(o.id for o in question.options if o.label == label)
            explanations[question.id] = explanation
        notes[theme.id] = f"Notities bij thema {theme.code}"
    workflow.save_answers(assessment, assessment.revision, answers, explanations, notes)
    assessment.refresh_from_db()
    return assessment
