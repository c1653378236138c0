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
    PublishedVersionError,
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
    "PublishedVersionError",
    "Question",
    "Questionnaire",
    "QuestionnaireVersion",
    "ReportDownload",
    "QuestionnaireTheme",
    "ThemeNote",
]
