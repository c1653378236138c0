"""Evaluation (phase 6): the instrument as versioned data, rounds in which the
public side and the partners answer it, and the actions agreed on the results."""

from .instrument import (
    Category,
    InstrumentVersion,
    OpenQuestion,
    Statement,
)
from .rounds import (
    Action,
    ActionStatus,
    EvaluationRound,
    OpenAnswer,
    Respondent,
    RoundStatus,
    Score,
    Side,
    StatementAnswer,
)

__all__ = [
    "Action",
    "ActionStatus",
    "Category",
    "EvaluationRound",
    "InstrumentVersion",
    "OpenAnswer",
    "OpenQuestion",
    "Respondent",
    "RoundStatus",
    "Score",
    "Side",
    "Statement",
    "StatementAnswer",
]
