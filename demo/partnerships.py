"""Demo partnerships drawn from the seeds' examples, spread over the phases.

Each partnership is created once (by name and lead gemeente); running the
command again leaves existing demo partnerships as they are."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from organisations.models import ContactPerson, Organisation, Sector
from partnerships import phases as phase_rules
from partnerships.models import (
    Activity,
    ActivityKind,
    Agreement,
    ChecklistItem,
    CollaborationFunction,
    Contribution,
    ContributionType,
    Goal,
    GoalLevel,
    HealthTheme,
    Indicator,
    Measurement,
    Motive,
    OrganisationalForm,
    Participation,
    ParticipationRole,
    ParticipationStatus,
    Partnership,
    Phase,
    PhaseNote,
    PhaseNoteKind,
    PhaseTransition,
    RegieHolder,
    Status,
)
from regions.models import Municipality

# region code -> organisations: (kvk, name, sector, city, website, contact)
ORGANISATIONS = {
    "ijsselland": [
        (
            "40059123",
            "Versmarkt Zwolle-Zuid",
            Sector.COMPANY,
            "Zwolle",
            "https://versmarkt.example.nl",
            ("Marieke Dijkstra", "Filiaalmanager"),
        ),
        (
            "40059124",
            "Buurtsuper Assendorp",
            Sector.COMPANY,
            "Zwolle",
            "",
            ("Ahmed Yilmaz", "Eigenaar"),
        ),
        (
            "40059125",
            "SuperDichtbij Stadshagen",
            Sector.COMPANY,
            "Zwolle",
            "",
            ("Jeroen Post", "Bedrijfsleider"),
        ),
        (
            "41023456",
            "Voedingscentrum Oost (demo)",
            Sector.KNOWLEDGE,
            "Zwolle",
            "",
            ("Lotte Bakker", "Voedingskundige"),
        ),
        (
            "41023457",
            "Hogeschool IJsselweide",
            Sector.KNOWLEDGE,
            "Zwolle",
            "",
            ("Dr. Femke Mulder", "Lector gezonde leefstijl"),
        ),
        (
            "42011001",
            "Sportbedrijf Kampen",
            Sector.CIVIL_SOCIETY,
            "Kampen",
            "",
            ("Rik Smit", "Coördinator buurtsport"),
        ),
        (
            "42011002",
            "Bouwbedrijf Van der Kolk",
            Sector.COMPANY,
            "Kampen",
            "",
            ("Gert van der Kolk", "Directeur"),
        ),
        (
            "42011003",
            "Kamper Transport BV",
            Sector.COMPANY,
            "Kampen",
            "",
            ("Sandra Hulst", "HR-adviseur"),
        ),
        (
            "42011004",
            "Drukkerij IJsseldelta",
            Sector.COMPANY,
            "Kampen",
            "",
            ("Tom Visser", "Eigenaar"),
        ),
        (
            "42011005",
            "Zorggroep Kampen",
            Sector.CIVIL_SOCIETY,
            "Kampen",
            "",
            ("Ilse de Groot", "Manager welzijn"),
        ),
        (
            "42011006",
            "Tuincentrum De Zeven Linden",
            Sector.COMPANY,
            "Kampen",
            "",
            ("Bart Kuiper", "Eigenaar"),
        ),
        (
            "42011007",
            "Autobedrijf Brunnepe",
            Sector.COMPANY,
            "Kampen",
            "",
            ("Niels Brink", "Bedrijfsleider"),
        ),
        (
            "42011008",
            "Bakkerij Koornmarkt",
            Sector.COMPANY,
            "Kampen",
            "",
            ("Esther Koops", "Eigenaar"),
        ),
        (
            "43077001",
            "Brouwerij Vechtdal (demo)",
            Sector.COMPANY,
            "Hardenberg",
            "",
            ("Kees Wolters", "Marketing"),
        ),
        (
            "43077002",
            "Zorgverzekeraar Noord-Oost (demo)",
            Sector.INSURER,
            "Zwolle",
            "",
            ("Anouk Prins", "Regiomanager preventie"),
        ),
    ],
    "hvb": [
        (
            "50033001",
            "Zorgverzekeraar Brabantzorg (demo)",
            Sector.INSURER,
            "'s-Hertogenbosch",
            "",
            ("Wouter Verbeek", "Accountmanager gemeenten"),
        ),
        (
            "50033002",
            "Fysiotherapie De Muntel",
            Sector.COMPANY,
            "'s-Hertogenbosch",
            "",
            ("Noor Aerts", "Fysiotherapeut"),
        ),
        (
            "50033003",
            "Huisartsenpraktijk Graafsepoort",
            Sector.CIVIL_SOCIETY,
            "'s-Hertogenbosch",
            "",
            ("Dr. Joost van Dam", "Huisarts"),
        ),
        (
            "50033004",
            "Sportservice 's-Hertogenbosch",
            Sector.CIVIL_SOCIETY,
            "'s-Hertogenbosch",
            "",
            ("Lieke Maas", "Beweegconsulent"),
        ),
        (
            "50044001",
            "Tilburgse Werkgeversvereniging",
            Sector.CIVIL_SOCIETY,
            "Tilburg",
            "",
            ("Hans Jacobs", "Secretaris"),
        ),
    ],
}

PARTNERSHIPS = [
    {
        "name": "Gezonde Kinderkeuken Zwolle",
        "municipality": "GM0193",
        "participating": [],
        "theme": "Gezonde voeding",
        "societal_goal": "Kinderen van 4 tot 12 jaar in Zwolle-Zuid eten gezonder: meer groente en fruit, minder suikerrijke dranken.",
        "function": CollaborationFunction.OPERATIONAL,
        "form": OrganisationalForm.PROJECT,
        "regie": RegieHolder.MUNICIPALITY,
        "start": date(2026, 2, 1),
        "end": date(2028, 1, 31),
        "phase": 3,
        "officer": "medewerker.zwolle",
        "partners": [
            (
                "40059123",
                ParticipationRole.CORE,
                ParticipationStatus.ACTIVE,
                [Motive.GIVE_BACK, Motive.CSR],
                [
                    (
                        ContributionType.MEDIA,
                        "Schapkaartjes en etalage voor de gezonde kinderkeuze",
                        None,
                        Decimal("1500"),
                    ),
                    (
                        ContributionType.PEOPLE,
                        "Medewerker voor proeverijen, vier uur per maand",
                        Decimal("48"),
                        None,
                    ),
                ],
            ),
            (
                "40059124",
                ParticipationRole.PARTNER,
                ParticipationStatus.IN_TALKS,
                [Motive.GIVE_BACK],
                [],
            ),
            (
                "40059125",
                ParticipationRole.PARTNER,
                ParticipationStatus.CANDIDATE,
                [Motive.TARGET_GROUPS, Motive.POSITION],
                [],
            ),
            (
                "41023456",
                ParticipationRole.CORE,
                ParticipationStatus.ACTIVE,
                [Motive.RESOURCES],
                [
                    (
                        ContributionType.KNOWLEDGE,
                        "Voedingsadvies voor het assortiment",
                        Decimal("60"),
                        None,
                    )
                ],
            ),
        ],
        "goals": [
            (
                GoalLevel.SOCIETAL,
                None,
                "Minder kinderen met overgewicht in Zwolle-Zuid",
                [
                    (
                        "Kinderen met overgewicht (groep 7)",
                        "%",
                        "18",
                        "14",
                        date(2028, 6, 30),
                        [(date(2026, 6, 30), "17.5")],
                    )
                ],
            ),
            (
                GoalLevel.JOINT,
                None,
                "Gezonde kinderkeuze in elke deelnemende supermarkt",
                [
                    (
                        "Supermarkten met gezonde kinderkeuze-schap",
                        "aantal",
                        "0",
                        "3",
                        date(2027, 3, 31),
                        [(date(2026, 9, 1), "1")],
                    )
                ],
            ),
            (
                GoalLevel.PARTNER,
                "40059123",
                "Meer verkoop van groente en fruit in de kinderkeuze",
                [],
            ),
        ],
        "agreements": [
            (
                "Intentieverklaring Gezonde Kinderkeuken",
                None,
                date(2026, 3, 15),
                "Wethouder gezondheid gemeente Zwolle; filiaalmanager Versmarkt Zwolle-Zuid",
            )
        ],
        "activities": [
            (
                ActivityKind.MEETING,
                date(2026, 2, 10),
                "Verkennend gesprek met supermarkten",
                "Gemeente, drie supermarkten",
                "Belangen verkend; Versmarkt wil trekken.",
            ),
            (
                ActivityKind.WORK_VISIT,
                date(2026, 5, 20),
                "Werkbezoek wethouder aan Versmarkt",
                "Wethouder, filiaalmanager, beleidsmedewerker",
                "Positief; vraag naar evaluatie na een jaar.",
            ),
            (
                ActivityKind.EVENT,
                date(2026, 10, 8),
                "Proeverij op basisschool De Kameleon",
                "Voedingskundige, ouders, groep 5-8",
                "",
            ),
        ],
    },
    {
        "name": "Rookvrije Generatie Zwolle en Kampen",
        "municipality": "GM0193",
        "participating": ["GM0166"],
        "theme": "Roken",
        "societal_goal": "Kinderen in Zwolle en Kampen groeien op in een rookvrije omgeving: rookvrije schoolpleinen, sportparken en speeltuinen.",
        "function": CollaborationFunction.STRATEGIC,
        "form": OrganisationalForm.NETWORK,
        "regie": RegieHolder.GGD,
        "start": date(2026, 9, 1),
        "end": None,
        "phase": 1,
        "officer": "medewerker.zwolle",
        "partners": [],
        "goals": [],
        "agreements": [],
        "activities": [
            (
                ActivityKind.MEETING,
                date(2026, 9, 15),
                "Startoverleg met de GGD",
                "Beleidsmedewerkers Zwolle en Kampen, GGD",
                "Eerst intern draagvlak organiseren.",
            )
        ],
    },
    {
        "name": "Convenant Gezond Werken Kampen",
        "municipality": "GM0166",
        "participating": [],
        "theme": "Bewegen",
        "societal_goal": "Werknemers van Kamper bedrijven bewegen meer en verzuimen minder.",
        "function": CollaborationFunction.STRATEGIC,
        "form": OrganisationalForm.COVENANT,
        "regie": RegieHolder.SHARED,
        "start": date(2025, 4, 1),
        "end": date(2027, 3, 31),
        "phase": 4,
        "officer": "medewerker.kampen",
        "partners": [
            (
                kvk,
                ParticipationRole.PARTNER,
                ParticipationStatus.ACTIVE,
                [Motive.CSR],
                [(ContributionType.PEOPLE, "Beweegmaatje op de werkvloer", Decimal("40"), None)],
            )
            for kvk in ("42011002", "42011003", "42011004", "42011006", "42011007", "42011008")
        ]
        + [
            (
                "42011001",
                ParticipationRole.CORE,
                ParticipationStatus.ACTIVE,
                [Motive.SUPPORT],
                [
                    (
                        ContributionType.MEANS,
                        "Sportaccommodatie voor de bedrijvencompetitie",
                        None,
                        Decimal("2500"),
                    )
                ],
            )
        ],
        "goals": [
            (
                GoalLevel.JOINT,
                None,
                "Elke convenantpartner biedt een beweegprogramma aan",
                [
                    (
                        "Bedrijven met beweegprogramma",
                        "aantal",
                        "1",
                        "6",
                        date(2026, 12, 31),
                        [(date(2025, 12, 1), "3"), (date(2026, 6, 1), "5")],
                    )
                ],
            )
        ],
        "agreements": [("Convenant Gezond Werken Kampen", None, None, "")],
        "activities": [
            (
                ActivityKind.EVENT,
                date(2025, 10, 2),
                "Bedrijvenloop Kampen",
                "Zes bedrijven, Sportbedrijf",
                "120 deelnemers.",
            )
        ],
    },
    {
        "name": "Alcoholmatiging Vechtdal",
        "municipality": "GM0160",
        "participating": [],
        "theme": "Alcohol",
        "societal_goal": "Jongeren in Hardenberg drinken later en minder alcohol.",
        "function": CollaborationFunction.DEVELOPMENT,
        "form": OrganisationalForm.PROJECT,
        "regie": RegieHolder.MUNICIPALITY,
        "start": date(2026, 5, 1),
        "end": None,
        "phase": 2,
        "officer": None,
        "partners": [
            (
                "43077001",
                ParticipationRole.SUPPORTER,
                ParticipationStatus.CANDIDATE,
                [Motive.POSITION],
                [],
            )
        ],
        "goals": [],
        "agreements": [],
        "activities": [],
    },
    {
        "name": "Bewegen op Recept 's-Hertogenbosch",
        "municipality": "GM0796",
        "participating": [],
        "theme": "Bewegen",
        "societal_goal": "Inwoners van de Graafsepoort met een chronische aandoening bewegen structureel meer.",
        "function": CollaborationFunction.PROCUREMENT,
        "form": OrganisationalForm.ALLIANCE,
        "regie": RegieHolder.MUNICIPALITY,
        "start": date(2024, 9, 1),
        "end": date(2027, 8, 31),
        "phase": 5,
        "officer": "medewerker.denbosch",
        "partners": [
            (
                "50033001",
                ParticipationRole.CORE,
                ParticipationStatus.ACTIVE,
                [Motive.SUPPORT, Motive.INTERVENTIONS],
                [
                    (
                        ContributionType.MONEY,
                        "Vergoeding drie begeleidingsgesprekken leefstijladviseur per deelnemer",
                        None,
                        Decimal("36000"),
                    )
                ],
            ),
            (
                "50033002",
                ParticipationRole.PARTNER,
                ParticipationStatus.ACTIVE,
                [Motive.TARGET_GROUPS],
                [(ContributionType.PEOPLE, "Beweegbegeleiding in groepen", Decimal("320"), None)],
            ),
            (
                "50033003",
                ParticipationRole.CORE,
                ParticipationStatus.ACTIVE,
                [Motive.SUPPORT],
                [(ContributionType.NETWORK, "Verwijzing door huisartsen", None, None)],
            ),
            (
                "50033004",
                ParticipationRole.PARTNER,
                ParticipationStatus.ACTIVE,
                [Motive.COMMUNICATION],
                [],
            ),
        ],
        "goals": [
            (
                GoalLevel.SOCIETAL,
                None,
                "Meer inwoners met een chronische aandoening bewegen voldoende",
                [
                    (
                        "Deelnemers dat na een jaar nog beweegt",
                        "%",
                        "0",
                        "60",
                        date(2026, 9, 1),
                        [(date(2025, 9, 1), "48"), (date(2026, 3, 1), "55")],
                    )
                ],
            ),
            (
                GoalLevel.JOINT,
                None,
                "Huisartsen verwijzen naar Bewegen op Recept",
                [
                    (
                        "Verwijzingen per jaar",
                        "aantal",
                        "40",
                        "150",
                        date(2027, 8, 31),
                        [(date(2025, 8, 31), "95")],
                    )
                ],
            ),
        ],
        "agreements": [
            (
                "Samenwerkingsovereenkomst Bewegen op Recept",
                None,
                date(2024, 8, 20),
                "Wethouder zorg; regiodirecteur Brabantzorg",
            ),
            (
                "Afspraken vergoeding leefstijladviseur",
                "50033001",
                date(2024, 8, 20),
                "Regiodirecteur Brabantzorg",
            ),
        ],
        "activities": [
            (
                ActivityKind.MEETING,
                date(2026, 3, 5),
                "Halfjaarlijks partneroverleg",
                "Alle partners",
                "Successen gedeeld; wachtlijst fysiotherapie.",
            ),
            (
                ActivityKind.WORK_VISIT,
                date(2026, 6, 12),
                "Werkbezoek Brabantzorg aan beweeggroep",
                "Accountmanager, wethouder",
                "",
            ),
        ],
    },
]


def _officers() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__startswith="medewerker.")}


@transaction.atomic
def load_organisations() -> dict[tuple[str, str], Organisation]:
    from regions.models import Region

    registry = {}
    for region_code, specs in ORGANISATIONS.items():
        region = Region.objects.get(code=region_code)
        for kvk, name, sector, city, website, contact in specs:
            organisation, created = Organisation.objects.get_or_create(
                region=region,
                kvk_number=kvk,
                defaults={"name": name, "sector": sector, "city": city, "website": website},
            )
            if created:
                contact_name, role = contact
                ContactPerson.objects.create(
                    organisation=organisation,
                    name=contact_name,
                    role=role,
                    email=f"{contact_name.split()[-1].lower()}@example.nl",
                )
            registry[(region_code, kvk)] = organisation
    return registry


@transaction.atomic
def load_partnerships(specs=None) -> list[Partnership]:
    """The partnerships of ``specs`` (default: :data:`PARTNERSHIPS`) not there yet."""
    organisations = load_organisations()
    officers = _officers()
    phases = {p.number: p for p in Phase.objects.all()}
    created = []
    for spec in PARTNERSHIPS if specs is None else specs:
        municipality = Municipality.objects.select_related("region").get(
            cbs_code=spec["municipality"]
        )
        if Partnership.objects.filter(name=spec["name"], lead_municipality=municipality).exists():
            continue
        officer = officers.get(spec["officer"] or "")
        region_code = municipality.region.code
        partnership = Partnership.objects.create(
            name=spec["name"],
            theme=HealthTheme.objects.get_or_create(name=spec["theme"])[0],
            lead_municipality=municipality,
            societal_goal=spec["societal_goal"],
            function=spec["function"],
            organisational_form=spec["form"],
            regie_holder=spec["regie"],
            start_date=spec["start"],
            planned_end_date=spec["end"],
            phase=phases[1],
            status=Status.ACTIVE,
            created_by=officer,
        )
        PhaseTransition.objects.create(
            partnership=partnership,
            from_phase=None,
            to_phase=phases[1],
            moved_by=officer,
        )
        partnership.participating_municipalities.set(
            Municipality.objects.filter(cbs_code__in=spec["participating"])
        )
        _walk_phases(partnership, spec["phase"], officer, phases)

        participations = {}
        for kvk, role, status, motives, contributions in spec["partners"]:
            participation = Participation.objects.create(
                partnership=partnership,
                organisation=organisations[(region_code, kvk)],
                role=role,
                status=status,
                motives=[str(m) for m in motives],
            )
            participations[kvk] = participation
            for kind, description, hours, euros in contributions:
                Contribution.objects.create(
                    participation=participation,
                    type=kind,
                    description=description,
                    hours=hours,
                    euros=euros,
                )
        for level, partner_kvk, title, indicators in spec["goals"]:
            goal = Goal.objects.create(
                partnership=partnership,
                level=level,
                participation=participations.get(partner_kvk) if partner_kvk else None,
                title=title,
            )
            for name, unit, baseline, target, target_date, measurements in indicators:
                indicator = Indicator.objects.create(
                    goal=goal,
                    name=name,
                    unit=unit,
                    baseline=Decimal(baseline),
                    target=Decimal(target),
                    target_date=target_date,
                )
                for measured_on, value in measurements:
                    Measurement.objects.create(
                        indicator=indicator, measured_on=measured_on, value=Decimal(value)
                    )
        for title, partner_kvk, signed_on, signed_by in spec["agreements"]:
            Agreement.objects.create(
                partnership=partnership,
                participation=participations.get(partner_kvk) if partner_kvk else None,
                title=title,
                roles_and_tasks="De gemeente voert de regie en organiseert het partneroverleg; "
                "elke partner levert de inbreng die op de partnerpagina staat.",
                time_commitment="Partneroverleg twee keer per jaar; werkgroep maandelijks.",
                money="Iedere partij draagt haar eigen kosten, tenzij anders vermeld.",
                out_of_scope="Reclame voor producten of diensten van de partners.",
                signed_on=signed_on,
                signed_by=signed_by,
            )
        for kind, when, title, participants, notes in spec["activities"]:
            Activity.objects.create(
                partnership=partnership,
                kind=kind,
                date=when,
                title=title,
                participants=participants,
                notes=notes,
                created_by=officer,
            )
        created.append(partnership)
    return created


def _walk_phases(partnership, target: int, officer, phases) -> None:
    """Tick every checklist item of the phases behind it and move on, as an
    officer would; in the current phase, tick the first item. Items the
    portal ticks by the facts (``ChecklistItem.fact``) are left to the facts:
    the move past them gives its reason."""
    for number in range(1, target + 1):
        items = list(ChecklistItem.objects.filter(phase=phases[number], is_active=True, fact=""))
        to_tick = items if number < target else items[:1]
        for item in to_tick:
            phase_rules.set_tick(partnership, item, True, officer)
        if number < target:
            PhaseNote.objects.create(
                partnership=partnership,
                phase=phases[number],
                kind=PhaseNoteKind.DECISION,
                text=f"Fase {number} afgerond; door naar fase {number + 1}.",
                author=officer,
            )
            phase_rules.move(
                partnership,
                phases[number + 1],
                officer,
                ""
                if phase_rules.checklist_for(partnership, phases[number]).is_complete
                else "Geëvalueerd buiten het portaal, vóór de evaluatierondes.",
            )
