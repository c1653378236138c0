"""factory_boy factories for the test suite."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from accounts.models import Role, User
from evaluation import models as em
from organisations.models import ContactPerson, Organisation, Sector
from partnerships import models as pm
from regions.models import Municipality, Region

TEST_PASSWORD = "een-test-wachtwoord-2026"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"GGD Regio {n}")
    code = factory.Sequence(lambda n: f"regio-{n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    # GM9000-GM9999: no real gemeente has these, so never the fixtures' GM0193 (Zwolle)…
    cbs_code = factory.Sequence(lambda n: f"GM{9000 + n % 1000:04d}")
    region = factory.SubFactory(RegionFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.nl")
    role = Role.OFFICER
    municipality = factory.SubFactory(MunicipalityFactory)
    region = None

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or TEST_PASSWORD)
        if create:
            obj.save(update_fields=["password"])


class OfficerFactory(UserFactory):
    role = Role.OFFICER


class CoordinatorFactory(UserFactory):
    role = Role.COORDINATOR
    municipality = None
    region = factory.SubFactory(RegionFactory)


class AdministratorFactory(UserFactory):
    role = Role.ADMINISTRATOR
    municipality = None
    region = None
    is_staff = True
    is_superuser = True


# --- Partner register -----------------------------------------------------------


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    region = factory.SubFactory(RegionFactory)
    name = factory.Faker("company", locale="nl_NL")
    sector = Sector.COMPANY
    kvk_number = factory.Sequence(lambda n: f"{10000000 + n}")
    city = "Zwolle"


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Faker("name", locale="nl_NL")
    role = "Manager MVO"
    email = factory.Sequence(lambda n: f"contact{n}@example.nl")


# --- Partnerships ---------------------------------------------------------------


def phase(number: int) -> pm.Phase:
    """The phase with this number (installed by the data migration)."""
    return pm.Phase.objects.get(number=number)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.HealthTheme
        django_get_or_create = ("name",)

    name = "Gezond gewicht"


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.Partnership
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Samenwerking {n}")
    theme = factory.SubFactory(ThemeFactory)
    lead_municipality = factory.SubFactory(MunicipalityFactory)
    societal_goal = "Meer kinderen groeien gezond op."
    function = pm.CollaborationFunction.OPERATIONAL
    organisational_form = pm.OrganisationalForm.COVENANT
    phase = factory.LazyFunction(lambda: phase(1))
    status = pm.Status.ACTIVE
    start_date = date(2026, 1, 1)

    @factory.post_generation
    def participating_municipalities(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.participating_municipalities.set(extracted)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.Participation

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(
        OrganisationFactory,
        region=factory.SelfAttribute("..partnership.lead_municipality.region"),
    )
    role = pm.ParticipationRole.PARTNER
    status = pm.ParticipationStatus.ACTIVE
    motives = factory.LazyFunction(lambda: [pm.Motive.CSR])


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.Contribution

    participation = factory.SubFactory(ParticipationFactory)
    type = pm.ContributionType.PEOPLE
    description = "Twee medewerkers een dag per maand"
    hours = 96


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.Goal

    partnership = factory.SubFactory(PartnershipFactory)
    level = pm.GoalLevel.JOINT
    title = "Gezonder aanbod in de schoolkantine"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.Indicator

    goal = factory.SubFactory(GoalFactory)
    name = "Aandeel gezonde producten"
    unit = "%"
    baseline = 20
    target = 60
    target_date = date(2027, 12, 31)


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = date(2026, 6, 30)
    value = 35


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.Agreement

    partnership = factory.SubFactory(PartnershipFactory)
    title = "Samenwerkingsovereenkomst"
    roles_and_tasks = "De gemeente voert de regie; de partners leveren menskracht."


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.Activity

    partnership = factory.SubFactory(PartnershipFactory)
    kind = pm.ActivityKind.MEETING
    date = date(2026, 3, 12)
    title = "Startbijeenkomst"


# --- Evaluation ---------------------------------------------------------------------
# Two families of factories, for two purposes:
# * ``EvaluationRoundFactory``, ``PublicRespondentFactory``,
#   ``PartnerRespondentFactory``: an OPEN round on the installed default
#   instrument (data migration), closing in two weeks, its respondents invited
#   (a partner with a working link): for running rounds and answering them
#   (tests/test_evaluation_rounds.py, test_evaluation_answering.py).
# * ``SmallInstrumentRoundFactory``, ``SmallInstrumentPublicRespondentFactory``,
#   ``SmallInstrumentPartnerRespondentFactory`` with ``answer_round``: a
#   CLOSED round on a small instrument of three categories of two statements
#   (``evaluation_instrument``), so that results can be worked out by hand
#   (tests/test_evaluation_results.py, tests/evaluation_helpers.py).


def current_instrument():
    """The published default instrument (installed by the data migration)."""
    from evaluation.models import InstrumentVersion

    return InstrumentVersion.current()


class EvaluationRoundFactory(factory.django.DjangoModelFactory):
    """An open round on the installed default instrument, closing in two weeks."""

    class Meta:
        model = "evaluation.EvaluationRound"

    partnership = factory.SubFactory(PartnershipFactory)
    instrument = factory.LazyFunction(current_instrument)
    title = factory.Sequence(lambda n: f"Evaluatie {n}")
    period_start = date(2026, 1, 1)
    period_end = date(2026, 6, 30)
    closes_on = factory.LazyFunction(lambda: _today() + timedelta(days=14))
    status = "open"


def _today():
    from django.utils import timezone

    return timezone.localdate()


class PartnerRespondentFactory(factory.django.DjangoModelFactory):
    """A partner's contact person, invited with a personal link (the token is
    the factory's ``token`` attribute, only its hash is stored)."""

    class Meta:
        model = "evaluation.Respondent"
        exclude = ("token",)

    round = factory.SubFactory(EvaluationRoundFactory)
    side = "privaat"
    contact = factory.SubFactory(
        ContactPersonFactory,
        organisation__region=factory.SelfAttribute("...round.partnership.lead_municipality.region"),
    )
    organisation = factory.SelfAttribute("contact.organisation")
    token = factory.Sequence(lambda n: f"test-token-{n:032d}"[:43].ljust(43, "x"))
    token_hash = factory.LazyAttribute(lambda r: _hash(r.token))
    invited_at = factory.LazyFunction(lambda: _now())


class PublicRespondentFactory(factory.django.DjangoModelFactory):
    """An officer of the lead gemeente, invited (she answers in the portal)."""

    class Meta:
        model = "evaluation.Respondent"

    round = factory.SubFactory(EvaluationRoundFactory)
    side = "publiek"
    user = factory.SubFactory(
        OfficerFactory, municipality=factory.SelfAttribute("..round.partnership.lead_municipality")
    )
    municipality = factory.SelfAttribute("user.municipality")
    invited_at = factory.LazyFunction(lambda: _now())


def _hash(token):
    from evaluation.tokens import hash_token

    return hash_token(token)


def _now():
    from django.utils import timezone

    return timezone.now()


# --- Evaluation on a small instrument (results, actions, reports) ------------------

# The categories of a small instrument for the tests: (code, title, short title).
EVALUATION_CATEGORIES = (
    ("A", "Gedeelde visie en doelen", "Visie en doelen"),
    ("B", "Leiderschap en regie", "Regie"),
    ("C", "Resultaten en meerwaarde", "Resultaten"),
)
EVALUATION_QUESTIONS = (
    ("O1", "Wat gaat goed?"),
    ("O2", "Wat kan beter?"),
    ("O3", "Wat moeten we nu doen?"),
)


class InstrumentVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = em.InstrumentVersion

    number = factory.Sequence(lambda n: 100 + n)
    title = "Evaluatie van de samenwerking"


def evaluation_instrument(
    categories=EVALUATION_CATEGORIES, statements_per_category=2, questions=EVALUATION_QUESTIONS
) -> em.InstrumentVersion:
    """A published instrument: each category with its statements (codes A1,
    A2, …), and the open questions."""
    version = InstrumentVersionFactory()
    for order, (code, title, short_title) in enumerate(categories):
        category = em.Category.objects.create(
            version=version, code=code, title=title, short_title=short_title, order=order
        )
        for number in range(1, statements_per_category + 1):
            em.Statement.objects.create(
                category=category,
                code=f"{code}{number}",
                text=f"Stelling {code}{number} over {title.lower()}.",
                order=number,
            )
    for order, (code, text) in enumerate(questions):
        em.OpenQuestion.objects.create(version=version, code=code, text=text, order=order)
    em.InstrumentVersion.objects.filter(pk=version.pk).update(published_at=timezone.now())
    version.refresh_from_db()
    return version


class SmallInstrumentRoundFactory(factory.django.DjangoModelFactory):
    """A closed round on a fresh small instrument (``evaluation_instrument``)."""

    class Meta:
        model = em.EvaluationRound

    partnership = factory.SubFactory(PartnershipFactory)
    instrument = factory.LazyFunction(evaluation_instrument)
    title = factory.Sequence(lambda n: f"Evaluatie {2026 + n}")
    period_start = date(2026, 1, 1)
    period_end = date(2026, 6, 30)
    closes_on = date(2026, 7, 15)
    status = em.RoundStatus.CLOSED
    opened_at = factory.LazyFunction(timezone.now)
    closed_at = factory.LazyAttribute(
        lambda r: timezone.now() if r.status == em.RoundStatus.CLOSED else None
    )


class SmallInstrumentPublicRespondentFactory(factory.django.DjangoModelFactory):
    """A respondent of the public side (a portal user of a gemeente) by
    default; ``SmallInstrumentPartnerRespondentFactory`` for a partner's contact person."""

    class Meta:
        model = em.Respondent

    round = factory.SubFactory(SmallInstrumentRoundFactory)
    side = em.Side.PUBLIC
    user = factory.SubFactory(
        OfficerFactory,
        municipality=factory.SelfAttribute("..round.partnership.lead_municipality"),
    )
    municipality = factory.LazyAttribute(lambda r: r.user.municipality if r.user else None)
    invited_at = factory.LazyFunction(timezone.now)


class SmallInstrumentPartnerRespondentFactory(SmallInstrumentPublicRespondentFactory):
    side = em.Side.PRIVATE
    user = None
    municipality = None
    contact = factory.SubFactory(
        ContactPersonFactory,
        organisation=factory.SubFactory(
            OrganisationFactory,
            region=factory.SelfAttribute("...round.partnership.lead_municipality.region"),
        ),
    )
    organisation = factory.LazyAttribute(lambda r: r.contact.organisation)


def answer_round(respondent, scores: dict[str, int], texts: dict[str, str] | None = None):
    """Store ``respondent``'s answers: {statement code: 0-5}, {question code: text}."""
    statements = {
        s.code: s
        for s in em.Statement.objects.filter(category__version=respondent.round.instrument)
    }
    em.StatementAnswer.objects.bulk_create(
        em.StatementAnswer(respondent=respondent, statement=statements[code], score=score)
        for code, score in scores.items()
    )
    if texts:
        questions = {
            q.code: q for q in em.OpenQuestion.objects.filter(version=respondent.round.instrument)
        }
        em.OpenAnswer.objects.bulk_create(
            em.OpenAnswer(respondent=respondent, question=questions[code], text=text)
            for code, text in texts.items()
        )
    em.Respondent.objects.filter(pk=respondent.pk).update(
        last_saved_at=timezone.now(), submitted_at=timezone.now()
    )


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = em.Action

    partnership = factory.SubFactory(PartnershipFactory)
    what = "De regie beleggen bij één kwartiermaker."
    due_date = date(2027, 3, 1)
