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
from lessons.models import Lesson
from partnerships.models import (
    ActivityKind,
    CollaborationFunction,
    ContributionType,
    Motive,
    OrganisationalForm,
    ParticipationRole,
    ParticipationStatus,
    Phase,
    RegieHolder,
)

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
        "phase": 7,
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
                [(ContributionType.PEOPLE, "Studenten als beweegmaatje", Decimal("320"), None)],
            ),
        ],
        "goals": [],
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
            _end(partnership, officer)
        else:
            _sustain(partnership, officer)
    return created
