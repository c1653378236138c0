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
    QuestionnaireVersion,
    Theme,
)

__all__ = [
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
    "Theme",
    "ThemeNote",
]
