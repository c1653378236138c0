"""Demo of phase 7 (issue 13): a Zwolle partnership ended with its decision,
the notice to its partners and lessons for the region, and a Kampen
partnership that continues, made lasting (verduurzaamd). medewerker.kampen
finds Zwolle's lessons under "Geleerde lessen".

Each is made once, with its decision and lessons; running ``load_demo``
again leaves them as they are (a decision never changes)."""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from decisions import recording
from decisions.models import Decision, Option, SustainBy
from evaluation.models import Action, ActionStatus, InstrumentVersion
from lessons.models import Lesson
from partnerships import revision
from partnerships.models import (
    ActivityKind,
    CollaborationFunction,
    ContributionType,
    GoalLevel,
    Motive,
    OrganisationalForm,
    ParticipationRole,
    ParticipationStatus,
    Partnership,
    Phase,
    PhaseTransition,
    RegieHolder,
)

from . import evaluation as demo_evaluation
from . import partnerships as demo_partnerships

ENDED = "Beweegmaatjes Zwolle-Zuid"
SUSTAINED = "Fietsend naar School Kampen"

SPECS = [
    {
        "name": ENDED,
        "municipality": "GM0193",
        "participating": [],
        "theme": "Bewegen",
        "societal_goal": "Ouderen in Zwolle-Zuid bewegen elke week samen met een beweegmaatje.",
        "function": CollaborationFunction.OPERATIONAL,
        "form": OrganisationalForm.PROJECT,
        "regie": RegieHolder.MUNICIPALITY,
        "start": date(2024, 3, 1),
        "end": date(2026, 2, 28),
        "phase": 6,  # the decision moves it to 7
        "officer": "medewerker.zwolle",
        "partners": [
            (
                "40059123",
                ParticipationRole.CORE,
                ParticipationStatus.ACTIVE,
                [Motive.GIVE_BACK],
                [
                    (
                        ContributionType.MEANS,
                        "Boodschappentassen en fruit voor de wandelgroepen",
                        None,
                        Decimal("900"),
                    )
                ],
            ),
            (
                "41023457",
                ParticipationRole.PARTNER,
                ParticipationStatus.ACTIVE,
                [Motive.INNOVATION],
                [
                    (ContributionType.PEOPLE, "Studenten als beweegmaatje", Decimal("320"), None),
                    (
                        ContributionType.KNOWLEDGE,
                        "Begeleiding door de lector gezonde leefstijl",
                        Decimal("60"),
                        Decimal("2500"),
                    ),
                ],
            ),
            (
                "40059124",
                ParticipationRole.SUPPORTER,
                ParticipationStatus.ACTIVE,
                [Motive.GIVE_BACK],
                [
                    (
                        ContributionType.MEANS,
                        "Koffie en ruimte voor de wandelgroep in Assendorp",
                        Decimal("24"),
                        Decimal("350"),
                    )
                ],
            ),
        ],
        "goals": [
            (
                GoalLevel.SOCIETAL,
                None,
                "Ouderen in Zwolle-Zuid blijven in beweging",
                [
                    (
                        "Ouderen die elke week samen bewegen",
                        "aantal",
                        "0",
                        "120",
                        date(2025, 12, 31),
                        [
                            (date(2024, 9, 30), "45"),
                            (date(2025, 3, 31), "90"),
                            (date(2025, 12, 15), "140"),
                        ],
                    ),
                    (
                        "Deelnemers die zich vaak eenzaam voelen",
                        "%",
                        "38",
                        "30",
                        date(2025, 12, 31),
                        [(date(2024, 11, 1), "36"), (date(2025, 12, 1), "29")],
                    ),
                ],
            ),
            (
                GoalLevel.JOINT,
                None,
                "Elke week wandelgroepen vanaf de supermarkt",
                [
                    (
                        "Wandelgroepen per week",
                        "aantal",
                        "0",
                        "6",
                        date(2025, 6, 30),
                        [(date(2024, 10, 1), "2"), (date(2025, 6, 30), "5")],
                    )
                ],
            ),
            (
                GoalLevel.PARTNER,
                "41023457",
                "Stageplaatsen voor studenten in de wijk",
                [
                    (
                        "Studenten als beweegmaatje",
                        "aantal",
                        "0",
                        "20",
                        date(2025, 9, 1),
                        [(date(2025, 9, 1), "24")],
                    )
                ],
            ),
        ],
        "agreements": [("Projectafspraken Beweegmaatjes", None, date(2024, 2, 15), "Wethouder")],
        "activities": [
            (
                ActivityKind.EVENT,
                date(2025, 9, 20),
                "Slotwandeling met alle beweegmaatjes",
                "Ouderen, studenten, supermarkt",
                "Zestig deelnemers; successen gevierd.",
            )
        ],
    },
    {
        "name": SUSTAINED,
        "municipality": "GM0166",
        "participating": [],
        "theme": "Bewegen",
        "societal_goal": "Meer kinderen in Kampen fietsen veilig naar school.",
        "function": CollaborationFunction.OPERATIONAL,
        "form": OrganisationalForm.COVENANT,
        "regie": RegieHolder.SHARED,
        "start": date(2024, 8, 1),
        "end": date(2026, 7, 31),
        "phase": 6,
        "officer": "medewerker.kampen",
        "partners": [
            (
                "42011001",
                ParticipationRole.CORE,
                ParticipationStatus.ACTIVE,
                [Motive.SUPPORT],
                [(ContributionType.PEOPLE, "Fietsdocent op de scholen", Decimal("200"), None)],
            )
        ],
        "goals": [],
        "agreements": [],
        "activities": [],
    },
]

# The ended partnership's two closed rounds: both sides grew more positive,
# the partners less so about the partner mix and the structure.
ENDED_ROUNDS = [
    {
        "title": "Tussenevaluatie 2024",
        "closes_on": date(2024, 12, 13),
        "period_start": date(2024, 3, 1),
        "period_end": date(2024, 11, 30),
        "public": {"V": 3.8, "P": 3.6, "L": 4.0, "S": 3.4, "C": 3.6, "R": 3.5},
        "private": {"V": 3.6, "P": 2.8, "L": 3.4, "S": 2.8, "C": 3.4, "R": 3.4},
        "open": {
            "public": {
                "goed": "De eerste wandelgroepen lopen; ouderen nemen buren mee.",
                "beter": "Niet elke week is er een student beschikbaar.",
                "nu": "Een rooster van beweegmaatjes per kwartaal.",
            },
            "private": {
                "goed": "De klanten vinden het gezellig dat de groep bij de winkel start.",
                "beter": "Wie wat doet in het overleg is niet altijd duidelijk.",
                "nu": "Vaste taken per partner afspreken.",
            },
        },
        "actions": [
            ("Rooster van beweegmaatjes per kwartaal", "41023457", date(2025, 2, 1)),
            ("Vaste taken per partner in de projectafspraken", "", date(2025, 3, 1)),
        ],
    },
    {
        "title": "Eindevaluatie 2025",
        "closes_on": date(2025, 11, 28),
        "period_start": date(2024, 12, 1),
        "period_end": date(2025, 11, 15),
        "public": {"V": 4.2, "P": 3.8, "L": 4.2, "S": 3.8, "C": 4.0, "R": 4.4},
        "private": {"V": 4.0, "P": 3.4, "L": 3.8, "S": 3.4, "C": 3.8, "R": 4.2},
        "open": {
            "public": {
                "goed": "Meer ouderen dan beoogd bewegen elke week.",
                "beter": "De wandelgroepen hangen nog sterk af van de studenten.",
                "nu": "De supermarkt vragen de groepen zelf voort te zetten.",
            },
            "private": {
                "goed": "De wandelgroepen zijn een vast onderdeel van de week geworden.",
                "beter": "Het overleg kan korter nu alles loopt.",
                "nu": "De groepen zelf voortzetten, zonder projectstructuur.",
            },
        },
        "actions": [
            (
                "Overdracht van de wandelgroepen aan Versmarkt Zwolle-Zuid",
                "40059123",
                date(2026, 2, 28),
            ),
        ],
    },
]

# When the ended partnership moved, and why (in the order of its moves).
ENDED_COURSE = [
    (date(2023, 10, 2), "Samenwerking aangemaakt na een signaal van de wijkverpleging."),
    (date(2023, 11, 20), "Verkenning afgerond: de supermarkt en de hogeschool willen meedoen."),
    (date(2024, 1, 15), "Partners gekozen; de afweging van Versmarkt Zwolle-Zuid is positief."),
    (date(2024, 2, 15), "Projectafspraken getekend door de wethouder en de partners."),
    (date(2024, 3, 1), "Start van de eerste wandelgroepen."),
    (date(2025, 10, 15), "Eindevaluatie voorbereid; de looptijd loopt in februari 2026 af."),
]

NOTICE = (
    b"%PDF-1.4\n% Demo: brief aan de partners over het beeindigen van Beweegmaatjes Zwolle-Zuid\n"
)


def _officer(spec):
    return demo_partnerships._officers()[spec["officer"]]


def _end(partnership, officer) -> None:
    decision = Decision(
        option=Option.END,
        decided_on=date(2026, 1, 20),
        decided_by="College van B en W van Zwolle",
        reference="B&W 2026/0117",
        reasons=(
            "De doelen zijn gehaald: 140 ouderen bewegen wekelijks. De supermarkt zet de "
            "wandelgroepen voort als eigen initiatief; een publiek-private samenwerking is "
            "daarvoor niet meer nodig."
        ),
        end_date=date(2026, 2, 28),
        notice_given_on=date(2026, 1, 27),
        results=(
            "De wandelroutes en de handleiding voor beweegmaatjes gaan naar de GGD; de "
            "hogeschool houdt de studentenstage aan."
        ),
        communication="Brief aan de partners, bericht aan de raad, slotwandeling met de wijk.",
        archive="Zaaksysteem gemeente Zwolle, dossier 2024-PPS-031.",
    )
    decision.notice_document.save("opzegging.pdf", ContentFile(NOTICE), save=False)
    decision.notice_document_name = "Brief aan de partners - beeindiging Beweegmaatjes.pdf"
    recording.record(partnership, decision, officer, seen=0)
    phases = {p.number: p for p in Phase.objects.filter(number__in=(2, 3, 5, 7))}
    for title, worked, did_not, advice, numbers in [
        (
            "Begin met één supermarkt en één wijk",
            "Wandelen vanaf de supermarkt: ouderen kwamen er toch al.",
            "Te veel partners in het begin maakte het overleg traag.",
            "Start klein met een kernteam van drie partners en breid pas uit als het loopt.",
            (2, 3),
        ),
        (
            "Spreek de afronding af bij de start",
            "Exit-criteria uit fase 3 maakten het einde een gewoon besluit.",
            "Wie de materialen beheert, was niet afgesproken.",
            "Leg bij de start vast wat er met resultaten en materialen gebeurt als u stopt.",
            (3, 7),
        ),
    ]:
        lesson = Lesson.objects.create(
            partnership=partnership,
            title=title,
            what_worked=worked,
            what_did_not=did_not,
            advice=advice,
            author=officer,
        )
        lesson.phases.set([phases[n] for n in numbers])


def _evaluate(partnership, officer) -> None:
    """Two closed rounds, answered by Zwolle and the GGD and by the partners,
    with their actions (all finished by the end)."""
    instrument = InstrumentVersion.current()
    if instrument is None:
        return
    partners = {p.organisation.kvk_number: p for p in partnership.participations.all()}
    for spec in ENDED_ROUNDS:
        evaluation_round = demo_evaluation.add_closed_round(
            partnership,
            instrument,
            spec,
            closes_on=spec["closes_on"],
            public=["medewerker.zwolle", "coordinator.ijsselland"],
            officer=officer,
        )
        for what, kvk, due in spec["actions"]:
            Action.objects.create(
                partnership=partnership,
                round=evaluation_round,
                what=what,
                owner_participation=partners.get(kvk),
                owner_user=None if kvk else officer,
                due_date=due,
                status=ActionStatus.DONE,
                created_by=officer,
            )


def _date_course(partnership) -> None:
    """The moves on the timeline and the ending as they happened, not today."""
    moves = list(PhaseTransition.objects.filter(partnership=partnership).order_by("pk"))
    for move, (on, reason) in zip(moves, ENDED_COURSE, strict=False):
        PhaseTransition.objects.filter(pk=move.pk).update(
            moved_at=demo_evaluation.moment(on), reason=reason
        )
    if len(moves) > len(ENDED_COURSE):  # the decision's own move
        PhaseTransition.objects.filter(pk=moves[len(ENDED_COURSE)].pk).update(
            moved_at=demo_evaluation.moment(date(2026, 1, 20))
        )
    Partnership.objects.filter(pk=partnership.pk).update(
        closed_at=demo_evaluation.moment(date(2026, 1, 21))
    )
    revision.touch_partnerships(pk=partnership.pk)  # QuerySet.update: rule 4


def _sustain(partnership, officer) -> None:
    recording.record(
        partnership,
        Decision(
            option=Option.SUSTAIN,
            sustain_by=SustainBy.BOTH,
            to_phase=Phase.objects.get(number=5),
            decided_on=date(2026, 6, 2),
            decided_by="College van B en W van Kampen",
            reference="2026-0602-14",
            reasons=(
                "De evaluatie laat zien dat meer kinderen fietsen; de fietslessen worden "
                "opgenomen in het gezondheidsbeleid en structureel begroot."
            ),
        ),
        officer,
        seen=0,
    )
    lesson = Lesson.objects.create(
        partnership=partnership,
        title="Borg op tijd in de begroting",
        what_worked="De scholen vroegen zelf om voortzetting.",
        what_did_not="De begrotingscyclus liep een half jaar achter op de evaluatie.",
        advice="Evalueer vóór de kadernota, zodat een besluit over verduurzamen op tijd komt.",
        author=officer,
    )
    lesson.phases.set(Phase.objects.filter(number__in=(5, 6)))


@transaction.atomic
def load_endings() -> list:
    created = demo_partnerships.load_partnerships(SPECS)
    for partnership in created:
        officer = _officer(next(s for s in SPECS if s["name"] == partnership.name))
        if partnership.name == ENDED:
            _evaluate(partnership, officer)
            _end(partnership, officer)
            _date_course(partnership)
        else:
            _sustain(partnership, officer)
    return created
