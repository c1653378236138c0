from .activities import Activity, ActivityKind
from .agreements import Agreement
from .goals import (
    Goal,
    GoalLevel,
    Indicator,
    Measurement,
    latest_measurement,
    with_latest_measurements,
)
from .participation import (
    ACTIVE_PARTICIPATION,
    Contribution,
    ContributionType,
    Motive,
    Participation,
    ParticipationRole,
    ParticipationStatus,
)
from .partnership import (
    CollaborationFunction,
    OrganisationalForm,
    Partnership,
    RegieHolder,
    Status,
)
from .progress import ChecklistTick, PhaseNote, PhaseNoteKind, PhaseTransition
from .reference import ChecklistFact, ChecklistItem, HealthTheme, Phase

__all__ = [
    "ACTIVE_PARTICIPATION",
    "Activity",
    "ActivityKind",
    "Agreement",
    "ChecklistFact",
    "ChecklistItem",
    "ChecklistTick",
    "CollaborationFunction",
    "Contribution",
    "ContributionType",
    "Goal",
    "GoalLevel",
    "Indicator",
    "Measurement",
    "Motive",
    "OrganisationalForm",
    "Participation",
    "ParticipationRole",
    "ParticipationStatus",
    "Partnership",
    "Phase",
    "PhaseNote",
    "PhaseNoteKind",
    "PhaseTransition",
    "RegieHolder",
    "Status",
    "HealthTheme",
    "latest_measurement",
    "with_latest_measurements",
]
