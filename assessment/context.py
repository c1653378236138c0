"""What other apps show of assessments."""

from dataclasses import dataclass

from .models import Assessment


@dataclass
class RegionalOutcome:
    municipality: str
    partnership: str
    finalised_at: object
    outcome: str


def regional_memory(user, organisation) -> list[RegionalOutcome]:
    """The region's finalised outcomes for an organisation (no drafts, no details)."""
    return [
        RegionalOutcome(
            str(a.participation.partnership.lead_municipality),
            str(a.participation.partnership),
            a.finalised_at,
            a.outcome_label(),
        )
        for a in Assessment.objects.regional_outcomes(user, organisation)
    ]
