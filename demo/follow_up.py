"""Demo of the dashboard's panel "Evaluatie en besluit" (issue 13, item 7):
a Zwolle partnership in phase 6 whose last evaluation round closed fourteen
months ago, with an agreed action past its date, and whose planned end date
passed six weeks ago without a decision. medewerker.zwolle (and the
IJsselland coordinator) see it under "Evaluatie nodig", "Afgesproken acties
… voorbij hun datum" and "Besluit nodig", beside the open round of Gezonde
Kinderkeuken Zwolle under "Lopende evaluatierondes"; the coordinator also
sees Fietsend naar School Kampen, in phase 5 without a round in the portal.

The dates are relative to the day ``load_demo`` first runs, so the panel
has the same to show on any day; running it again leaves the partnership
as it is."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from evaluation.models import Action, ActionStatus, InstrumentVersion
from partnerships.models import (
    ActivityKind,
    CollaborationFunction,
    ContributionType,
    GoalLevel,
    Motive,
    OrganisationalForm,
    ParticipationRole,
    ParticipationStatus,
    RegieHolder,
)

from . import evaluation as demo_evaluation
from . import partnerships as demo_partnerships

NAME = "Gezonde Sportkantines Zwolle"

ROUND = {
    "title": "Evaluatie voorjaar 2025",
    "public": {"V": 4.0, "P": 3.4, "L": 3.6, "S": 3.2, "C": 3.6, "R": 3.4},
    "private": {"V": 3.8, "P": 3.6, "L": 3.4, "S": 3.0, "C": 3.2, "R": 3.0},
    "open": {
        "public": {
            "goed": "Vier verenigingen hebben een gezonder assortiment in de kantine.",
            "beter": "De vrijwilligers in de kantines wisselen vaak; kennis gaat verloren.",
            "nu": "Een korte instructie voor nieuwe kantinevrijwilligers.",
        },
        "private": {
            "goed": "De verkoop van water en fruit in de kantines groeit.",
            "beter": "We weten niet wat de gemeente na de looptijd wil.",
            "nu": "Op tijd besluiten of de aanpak na de looptijd doorgaat.",
        },
    },
}


def spec(today: date) -> dict:
    return {
        "name": NAME,
        "municipality": "GM0193",
        "participating": [],
        "theme": "Gezonde voeding",
        "societal_goal": (
            "Sporters in Zwolle, jong en oud, vinden in de kantine van hun vereniging "
            "een gezonde keuze."
        ),
        "function": CollaborationFunction.OPERATIONAL,
        "form": OrganisationalForm.COVENANT,
        "regie": RegieHolder.MUNICIPALITY,
        "start": date(2023, 9, 1),
        "end": today - timedelta(days=45),
        "phase": 6,
        "officer": "medewerker.zwolle",
        "partners": [
            (
                "40059123",
                ParticipationRole.CORE,
                ParticipationStatus.ACTIVE,
                [Motive.CSR],
                [
                    (
                        ContributionType.MEANS,
                        "Fruit en water tegen inkoopprijs voor de kantines",
                        None,
                        Decimal("2400"),
                    )
                ],
            ),
            (
                "41023457",
                ParticipationRole.PARTNER,
                ParticipationStatus.ACTIVE,
                [Motive.INNOVATION],
                [
                    (
                        ContributionType.KNOWLEDGE,
                        "Studenten voeding en sport adviseren de verenigingen",
                        Decimal("160"),
                        None,
                    )
                ],
            ),
        ],
        "goals": [
            (
                GoalLevel.JOINT,
                None,
                "Elke deelnemende sportkantine biedt een gezonde keuze",
                [],
            )
        ],
        "agreements": [
            (
                "Convenant Gezonde Sportkantines Zwolle",
                None,
                date(2023, 11, 1),
                "Wethouder sport gemeente Zwolle; Versmarkt Zwolle-Zuid; Hogeschool IJsselweide",
            )
        ],
        "activities": [
            (
                ActivityKind.MEETING,
                today - timedelta(days=20),
                "Partneroverleg over het vervolg",
                "Gemeente, Versmarkt, hogeschool",
                "Partners willen door; het besluit ligt nog bij de gemeente.",
            )
        ],
    }


@transaction.atomic
def load_follow_up() -> list:
    """Add the partnership (once) with its closed round and actions."""
    today = timezone.localdate()
    created = demo_partnerships.load_partnerships([spec(today)])
    instrument = InstrumentVersion.current()
    officer = User.objects.filter(username="medewerker.zwolle").first()
    for partnership in created:
        if instrument is None:
            continue
        evaluation_round = demo_evaluation.add_closed_round(
            partnership,
            instrument,
            ROUND,
            closes_on=today - timedelta(days=30 * 14),
            public=["medewerker.zwolle", "coordinator.ijsselland"],
            officer=officer,
        )
        for what, days, status in [
            ("Een instructiekaart voor nieuwe kantinevrijwilligers.", -200, ActionStatus.DONE),
            (
                "Het college een besluit laten nemen over het vervolg na de looptijd.",
                -60,
                ActionStatus.OPEN,
            ),
        ]:
            Action.objects.create(
                partnership=partnership,
                round=evaluation_round,
                what=what,
                owner_user=officer,
                due_date=today + timedelta(days=days),
                status=status,
                created_by=officer,
            )
    return created
