"""A generated data set the size of the whole country, for the benchmark and
the query-budget checks: 25 GGD regions, 342 gemeenten, 5,000 partnerships,
20,000 organisations, 40,000 participations, 15,000 assessments with answers
and 50,000 activities. Bulk inserts, a fixed random seed; loaded once."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Role, User
from assessment.models import Answer, Assessment, AssessmentKind, AssessmentStatus
from assessment.scoring import score, specs_for_version
from assessment.workflow import current_version
from organisations.models import Organisation, Sector
from partnerships.models import (
    Activity,
    ActivityKind,
    Agreement,
    CollaborationFunction,
    Contribution,
    ContributionType,
    Goal,
    GoalLevel,
    HealthTheme,
    Indicator,
    Measurement,
    OrganisationalForm,
    Participation,
    ParticipationRole,
    ParticipationStatus,
    Partnership,
    Phase,
    Status,
)
from regions.models import Municipality, Region

from .data import DEMO_PASSWORD

REGION_NAMES = [
    "GGD Groningen",
    "GGD Fryslân",
    "GGD Drenthe",
    "GGD Twente",
    "GGD Noord- en Oost-Gelderland",
    "GGD Gelderland-Midden",
    "GGD Gelderland-Zuid",
    "GGD Hollands Noorden",
    "GGD Zaanstreek-Waterland",
    "GGD Amsterdam",
    "GGD Gooi en Vechtstreek",
    "GGD Kennemerland",
    "GGD Hollands Midden",
    "GGD Haaglanden",
    "GGD Rotterdam-Rijnmond",
    "GGD Zuid-Holland Zuid",
    "GGD Zeeland",
    "GGD West-Brabant",
    "GGD Brabant-Zuidoost",
    "GGD Limburg-Noord",
    "GGD Zuid-Limburg",
    "GGD regio Utrecht",
    "GGD Flevoland",
]  # plus IJsselland and Hart voor Brabant from the demo: 25
MUNICIPALITIES = 342
PARTNERSHIPS = 5000
ORGANISATIONS = 20000
PARTICIPATIONS_PER_PARTNERSHIP = 8  # 40,000
ASSESSMENTS = 15000
ACTIVITIES_PER_PARTNERSHIP = 10  # 50,000
BATCH = 2000


def is_loaded() -> bool:
    return Region.objects.filter(code="nl-01").exists()


@transaction.atomic
def load(stdout=None) -> None:
    say = stdout.write if stdout else (lambda message: None)
    rng = random.Random(2026)
    today = timezone.localdate()
    now = timezone.now()

    regions = list(Region.objects.all())
    regions += Region.objects.bulk_create(
        Region(name=name, code=f"nl-{index:02d}")
        for index, name in enumerate(REGION_NAMES, start=1)
    )
    missing = MUNICIPALITIES - Municipality.objects.count()
    Municipality.objects.bulk_create(
        Municipality(
            name=f"Gemeente {index:03d}",
            cbs_code=f"GM{7000 + index:04d}",
            region=regions[index % len(regions)],
        )
        for index in range(missing)
    )
    municipalities = list(Municipality.objects.select_related("region"))
    say(f"regio's {len(regions)}, gemeenten {len(municipalities)}\n")

    password = make_password(DEMO_PASSWORD)
    existing = set(User.objects.values_list("username", flat=True))
    users = [
        User(
            username=f"coordinator.{r.code}",
            first_name="Coördinator",
            last_name=r.name,
            role=Role.COORDINATOR,
            region=r,
            password=password,
            email=f"coordinator.{r.code}@example.nl",
        )
        for r in regions
        if f"coordinator.{r.code}" not in existing and not r.coordinators.exists()
    ] + [
        User(
            username=f"medewerker.{m.cbs_code.lower()}",
            first_name="Medewerker",
            last_name=m.name,
            role=Role.OFFICER,
            municipality=m,
            password=password,
            email=f"{m.cbs_code.lower()}@example.nl",
        )
        for m in municipalities
        if not m.users.exists()
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    officers = {u.municipality_id: u for u in User.objects.filter(role=Role.OFFICER)}
    coordinators = {u.region_id: u for u in User.objects.filter(role=Role.COORDINATOR)}

    sectors = [Sector.COMPANY] * 6 + [
        Sector.INSURER,
        Sector.CIVIL_SOCIETY,
        Sector.CIVIL_SOCIETY,
        Sector.KNOWLEDGE,
    ]
    Organisation.objects.bulk_create(
        (
            Organisation(
                region=regions[index % len(regions)],
                name=f"Organisatie {index:05d}",
                sector=rng.choice(sectors),
                kvk_number=f"{60000000 + index}",
                city=f"Plaats {index % 400}",
            )
            for index in range(ORGANISATIONS)
        ),
        batch_size=BATCH,
    )
    by_region: dict[int, list[int]] = {}
    for pk, region_id in Organisation.objects.filter(kvk_number__startswith="6").values_list(
        "pk", "region_id"
    ):
        by_region.setdefault(region_id, []).append(pk)
    say(f"organisaties {ORGANISATIONS}\n")

    themes = list(HealthTheme.objects.all())
    phases = list(Phase.objects.order_by("number"))
    partnerships = Partnership.objects.bulk_create(
        (
            Partnership(
                name=f"Samenwerking {index:04d}",
                theme=rng.choice(themes),
                lead_municipality=municipalities[index % len(municipalities)],
                societal_goal="Een gezondere leefomgeving voor alle inwoners.",
                function=rng.choice(CollaborationFunction.values),
                organisational_form=rng.choice(OrganisationalForm.values[:-1]),
                start_date=today - timedelta(days=rng.randint(30, 1500)),
                planned_end_date=today + timedelta(days=rng.randint(-100, 1000)),
                phase=rng.choice(phases),
                status=rng.choice([Status.ACTIVE] * 8 + [Status.PAUSED, Status.ENDED]),
            )
            for index in range(PARTNERSHIPS)
        ),
        batch_size=BATCH,
    )
    # bulk_create on SQLite may not set primary keys on every backend version: reload.
    partnerships = list(
        Partnership.objects.filter(name__startswith="Samenwerking ").select_related(
            "lead_municipality"
        )
    )
    say(f"samenwerkingen {len(partnerships)}\n")

    participations = []
    for partnership in partnerships:
        pool = by_region[partnership.lead_municipality.region_id]
        for organisation_id in rng.sample(pool, PARTICIPATIONS_PER_PARTNERSHIP):
            participations.append(
                Participation(
                    partnership=partnership,
                    organisation_id=organisation_id,
                    role=rng.choice(ParticipationRole.values),
                    status=rng.choice(ParticipationStatus.values),
                    motives=["mvo"],
                )
            )
    Participation.objects.bulk_create(participations, batch_size=BATCH)
    participations = list(
        Participation.objects.filter(partnership__name__startswith="Samenwerking ")
        .select_related("partnership__lead_municipality")
        .order_by("pk")
    )
    Contribution.objects.bulk_create(
        (
            Contribution(
                participation=p,
                type=rng.choice(ContributionType.values),
                description="Inzet volgens afspraak",
                hours=Decimal(rng.randint(0, 200)),
                euros=Decimal(rng.randint(0, 20000)),
            )
            for p in participations[::4]
        ),
        batch_size=BATCH,
    )
    say(f"deelnames {len(participations)}\n")

    goals = Goal.objects.bulk_create(
        (
            Goal(partnership=p, level=GoalLevel.JOINT, title="Meer inwoners bewegen dagelijks")
            for p in partnerships
        ),
        batch_size=BATCH,
    )
    goals = list(Goal.objects.filter(partnership__name__startswith="Samenwerking "))
    Indicator.objects.bulk_create(
        (
            Indicator(
                goal=g,
                name="Inwoners die dagelijks bewegen",
                unit="%",
                baseline=Decimal(40),
                target=Decimal(60),
                target_date=today + timedelta(days=rng.randint(-400, 700)),
            )
            for g in goals
        ),
        batch_size=BATCH,
    )
    Measurement.objects.bulk_create(
        (
            Measurement(
                indicator=i,
                measured_on=today - timedelta(days=30),
                value=Decimal(rng.randint(35, 65)),
            )
            for i in Indicator.objects.filter(goal__in=goals)[::2]
        ),
        batch_size=BATCH,
    )
    Agreement.objects.bulk_create(
        (
            Agreement(
                partnership=p,
                title="Samenwerkingsovereenkomst",
                roles_and_tasks="Zie het convenant.",
                signed_on=today - timedelta(days=200) if rng.random() < 0.7 else None,
                signed_by="Wethouder",
            )
            for p in partnerships
        ),
        batch_size=BATCH,
    )
    Activity.objects.bulk_create(
        (
            Activity(
                partnership=p,
                kind=rng.choice(ActivityKind.values),
                date=today - timedelta(days=rng.randint(0, 730)),
                title="Overleg met de partners",
                participants="Gemeente en partners",
            )
            for p in partnerships
            for _index in range(ACTIVITIES_PER_PARTNERSHIP)
        ),
        batch_size=BATCH,
    )
    say("doelen, afspraken en activiteiten\n")

    version = current_version()
    themes_spec, bands = specs_for_version(version)
    questions = [q for t in themes_spec for q in t.questions]
    chosen = rng.sample(participations, ASSESSMENTS)
    assessments, answer_sets = [], []
    for participation in chosen:
        answers = {}
        for question in questions:
            options = [o for o in question.options if not o.is_unknown]
            if question.is_knockout:
                option = options[0] if rng.random() < 0.01 else options[1]  # "Ja" rarely
            else:
                option = rng.choice(options)
            answers[question.id] = option.id
        result = score(themes_spec, bands, answers)
        status = rng.choice(
            [AssessmentStatus.FINAL] * 6
            + [AssessmentStatus.IN_REVIEW, AssessmentStatus.CONCEPT] * 2
        )
        lead = participation.partnership.lead_municipality
        author = officers.get(lead.pk)
        final = status == AssessmentStatus.FINAL
        assessments.append(
            Assessment(
                participation=participation,
                version=version,
                kind=AssessmentKind.PROSPECTIVE,
                status=status,
                author=author,
                reviewer=coordinators.get(lead.region_id) if final else None,
                submitted_at=now - timedelta(days=rng.randint(1, 60))
                if status != AssessmentStatus.CONCEPT
                else None,
                finalised_at=now - timedelta(days=rng.randint(0, 30)) if final else None,
                outcome=result.outcome if final else "",
                total_percent=result.total_percent if final else None,
                knocked_out=result.knocked_out if final else False,
            )
        )
        answer_sets.append(answers)
    Assessment.objects.bulk_create(assessments, batch_size=BATCH)
    stored = list(
        Assessment.objects.filter(participation__partnership__name__startswith="Samenwerking ")
        .order_by("pk")
        .values_list("pk", "participation_id")
    )
    by_participation = dict((participation_id, pk) for pk, participation_id in stored)
    rows = (
        Answer(
            assessment_id=by_participation[participation.pk],
            question_id=question_id,
            option_id=option_id,
        )
        for participation, answers in zip(chosen, answer_sets, strict=True)
        for question_id, option_id in answers.items()
    )
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH * 5:
            Answer.objects.bulk_create(batch)
            batch = []
    Answer.objects.bulk_create(batch)
    say(f"afwegingen {len(stored)} met antwoorden\n")

    # Fresh statistics for the query planner after a bulk load (PostgreSQL's
    # autovacuum would get there later; SQLite never does by itself).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    say("statistieken bijgewerkt (ANALYZE)\n")
