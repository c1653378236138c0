"""What the partnership page shows at a glance, computed from loaded objects.

Plain functions over objects the view already fetched (no queries here), so
they are tested without a database and a page costs the same number of
queries however many records a partnership has."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from organisations.models import PRIVATE_SECTORS

from .models import ContributionType, ParticipationStatus

MAX_PRIVATE_PARTNERS = 10  # seed 001: "hooguit tien bedrijven"


@dataclass
class ContributionTotal:
    type: str
    label: str
    hours: Decimal
    euros: Decimal
    count: int


def contribution_totals(contributions) -> list[ContributionTotal]:
    """Hours and euros per type of contribution, in the order of the types."""
    totals = {
        value: ContributionTotal(value, str(label), Decimal(0), Decimal(0), 0)
        for value, label in ContributionType.choices
    }
    for contribution in contributions:
        total = totals[contribution.type]
        total.hours += contribution.hours or 0
        total.euros += contribution.euros or 0
        total.count += 1
    return [t for t in totals.values() if t.count]


def active_private_partners(participations) -> list:
    return [
        p
        for p in participations
        if p.status != ParticipationStatus.WITHDRAWN and p.organisation.sector in PRIVATE_SECTORS
    ]


def too_many_private_partners(participations) -> bool:
    return len(active_private_partners(participations)) > MAX_PRIVATE_PARTNERS


@dataclass
class IndicatorProgress:
    latest_value: Decimal | None
    latest_date: object
    percent: int | None  # 0..100 of the way from baseline to target
    reached: bool


def indicator_progress(indicator, measurements) -> IndicatorProgress:
    """How far the latest measurement is from the baseline toward the target.

    Works for targets above and below the baseline (fewer smokers is progress
    too). Without a measurement there is no progress to show."""
    if not measurements:
        return IndicatorProgress(None, None, None, False)
    latest = max(measurements, key=lambda m: (m.measured_on, m.pk or 0))
    return progress_toward(indicator, latest.value, latest.measured_on)


def progress_toward(indicator, value, measured_on) -> IndicatorProgress:
    """The progress of a measurement ``value`` (taken on ``measured_on``),
    or none when there is no measurement (``value`` is None), e.g. from an
    indicator's ``latest_value`` and ``latest_date`` (``models.latest_measurement``)."""
    if value is None:
        return IndicatorProgress(None, None, None, False)
    span = indicator.target - indicator.baseline
    if span == 0:
        percent = 100 if value == indicator.target else 0
    else:
        percent = int(round((value - indicator.baseline) / span * 100))
    percent = max(0, min(100, percent))
    return IndicatorProgress(value, measured_on, percent, percent >= 100)
