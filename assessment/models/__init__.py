from .advice import AdviceDocument, AdviceSettings, AdviceText, HeaderField
from .assessment import (
    AdviceFile,
    Answer,
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    ReportDownload,
    ThemeNote,
)
from .questionnaire import (
    REASSESSMENT_LABELS,
    AnswerOption,
    Outcome,
    OutcomeBand,
    Question,
    Questionnaire,
    QuestionnaireTheme,
    QuestionnaireVersion,
)

__all__ = [
    "AdviceDocument",
    "AdviceSettings",
    "AdviceText",
    "HeaderField",
    "REASSESSMENT_LABELS",
    "AdviceFile",
    "Answer",
    "AnswerOption",
    "Assessment",
    "AssessmentKind",
    "AssessmentStatus",
    "Outcome",
    "OutcomeBand",
    "Question",
    "Questionnaire",
    "QuestionnaireVersion",
    "ReportDownload",
    "QuestionnaireTheme",
    "ThemeNote",
]
