"""Demo evaluation rounds.

* Bewegen op Recept 's-Hertogenbosch (phase 5) has two closed rounds, a year
  apart, answered by the public side (the gemeente and the GGD) and the four
  partners. The two sides disagree on regie and on results: the gemeente
  finds the regie clear and the results good, the partners miss a voice in
  the course and do not see the results; the gap widens in the second round,
  while communication improves. After each round the partnership agreed
  actions (``ACTIONS``): those of the first round are done, of the second
  one is under way and one is overdue, so the partnership's page (and the
  dashboard's attention list) has something to show.
* Gezonde Kinderkeuken Zwolle has a round open now: ``load_demo`` prints the
  personal link of one partner (Marieke Dijkstra, Versmarkt Zwolle-Zuid), so
  the respondent's page can be tried at once. Each run makes a new link.

No e-mails are sent: the respondents are created as if invited."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from evaluation.models import (
    Action,
    ActionStatus,
    EvaluationRound,
    InstrumentVersion,
    OpenAnswer,
    Respondent,
    RoundStatus,
    StatementAnswer,
)
from evaluation.running import respond_path, respondent_for_contact, respondent_for_user
from evaluation.tokens import new_token
from organisations.models import ContactPerson
from partnerships.models import Partnership

CLOSED_PARTNERSHIP = "Bewegen op Recept 's-Hertogenbosch"
OPEN_PARTNERSHIP = "Gezonde Kinderkeuken Zwolle"
LINK_CONTACT = "Marieke Dijkstra"

# The mean each side gives a category (code) in each round; the spread of the
# respondents around it is fixed, so the means come out as written here.
CLOSED_ROUNDS = [
    {
        "title": "Evaluatie najaar 2025",
        "months_ago": 13,
        "public": {"V": 4.0, "P": 3.6, "L": 4.0, "S": 3.8, "C": 3.4, "R": 3.8},
        "private": {"V": 3.8, "P": 3.5, "L": 3.0, "S": 3.4, "C": 2.8, "R": 2.8},
        "open": {
            "public": {
                "goed": "De huisartsen verwijzen steeds vaker; de beweeggroepen zitten vol.",
                "beter": "De partners komen niet allemaal naar het partneroverleg.",
                "nu": "De opkomst bij het partneroverleg bespreken.",
            },
            "private": {
                "goed": "De samenwerking met de fysiotherapeuten loopt goed.",
                "beter": "We horen pas achteraf wat de gemeente heeft besloten.",
                "nu": "Samen de koers voor volgend jaar bepalen.",
            },
        },
    },
    {
        "title": "Evaluatie najaar 2026",
        "months_ago": 1,
        "public": {"V": 4.2, "P": 3.8, "L": 4.4, "S": 4.0, "C": 3.8, "R": 4.3},
        "private": {"V": 3.9, "P": 3.6, "L": 2.5, "S": 3.5, "C": 3.5, "R": 2.6},
        "open": {
            "public": {
                "goed": "Meer deelnemers dan verwacht, en het college is enthousiast.",
                "beter": "De cijfers kunnen sneller bij de partners liggen.",
                "nu": "De resultaten presenteren aan de raad.",
            },
            "private": {
                "goed": "De nieuwsbrief houdt ons goed op de hoogte.",
                "beter": "Het is niet duidelijk wie de regie heeft sinds de wisseling van "
                "projectleider; besluiten worden niet samen genomen.",
                "nu": "Een gezamenlijke resultatenrapportage per kwartaal, die we samen bespreken.",
            },
        },
    },
]

# The actions agreed after each closed round (by its title): what, who (a
# username, or None: the partnership's first partner), the due date in days
# from today (negative: past), status.
ACTIONS = {
    "Evaluatie najaar 2025": [
        (
            "Het partneroverleg elk kwartaal, met de agenda een week vooraf naar alle partners.",
            "medewerker.denbosch",
            -300,
            ActionStatus.DONE,
        ),
        (
            "De besluitenlijst van de stuurgroep binnen een week delen met de partners.",
            "medewerker.denbosch",
            -330,
            ActionStatus.DONE,
        ),
    ],
    "Evaluatie najaar 2026": [
        (
            "Eén aanspreekpunt voor de regie benoemen en aan alle partners voorstellen.",
            "medewerker.denbosch",
            -7,
            ActionStatus.OPEN,
        ),
        (
            "Een resultatenrapportage per kwartaal opstellen en samen bespreken.",
            None,
            45,
            ActionStatus.IN_PROGRESS,
        ),
    ],
}

# How far each respondent of a side is from the side's mean, in turn (for a
# side of more than two); they sum to zero, so the mean holds.
SPREAD = [0, 1, -1, 0]


def _scores(mean: float, count: int, turn: int) -> list[int]:
    """``count`` whole scores averaging ``mean`` as closely as whole numbers
    can, the higher ones placed differently for each respondent (``turn``)."""
    low = int(mean)
    higher = round((mean - low) * count)
    scores = [low + 1] * higher + [low] * (count - higher)
    turn %= count
    return scores[turn:] + scores[:turn]


@transaction.atomic
def load_rounds() -> str:
    """Add the demo rounds (once); return the personal link of the open round."""
    instrument = InstrumentVersion.current()
    if instrument is None:
        return ""
    _load_closed_rounds(instrument)
    return _load_open_round(instrument)


def _statements_by_category(instrument):
    return {
        category.code: list(category.statements.all())
        for category in instrument.categories.prefetch_related("statements")
    }


def _load_closed_rounds(instrument) -> None:
    partnership = Partnership.objects.filter(name=CLOSED_PARTNERSHIP).first()
    if partnership is None:
        return
    officer = User.objects.filter(username="medewerker.denbosch").first()
    today = timezone.localdate()
    for spec in CLOSED_ROUNDS:
        if partnership.evaluation_rounds.filter(title=spec["title"]).exists():
            continue
        add_closed_round(
            partnership,
            instrument,
            spec,
            closes_on=today - timedelta(days=30 * spec["months_ago"]),
            public=["medewerker.denbosch", "coordinator.hvb"],
            officer=officer,
        )
    _load_actions(partnership, officer)


def add_closed_round(partnership, instrument, spec, *, closes_on, public, officer):
    """A round of ``partnership`` closed the day after ``closes_on``, answered
    by the users named in ``public`` and the partners' contact persons with
    the means of ``spec`` (as in :data:`CLOSED_ROUNDS`)."""
    public = list(User.objects.filter(username__in=public).order_by("username"))
    contacts = list(
        ContactPerson.objects.filter(organisation__participations__partnership=partnership)
        .exclude(email="")
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    statements = _statements_by_category(instrument)
    questions = {q.code: q for q in instrument.open_questions.all()}
    opened = moment(closes_on - timedelta(days=21))
    evaluation_round = EvaluationRound.objects.create(
        partnership=partnership,
        instrument=instrument,
        title=spec["title"],
        period_start=spec.get("period_start", closes_on - timedelta(days=365)),
        period_end=spec.get("period_end", closes_on - timedelta(days=22)),
        closes_on=closes_on,
        status=RoundStatus.CLOSED,
        opened_at=opened,
        closed_at=moment(closes_on + timedelta(days=1)),
        closed_by=officer,
        created_by=officer,
    )
    EvaluationRound.objects.filter(pk=evaluation_round.pk).update(
        created_at=opened - timedelta(days=2)
    )
    people = [("public", respondent_for_user(user)) for user in public] + [
        ("private", respondent_for_contact(contact)) for contact in contacts
    ]
    sizes = {side: sum(1 for p in people if p[0] == side) for side in ("public", "private")}
    for number, (side, respondent) in enumerate(people):
        respondent.round = evaluation_round
        respondent.invited_at = opened
        respondent.last_saved_at = respondent.submitted_at = opened + timedelta(days=number + 1)
        respondent.save()
        offset = SPREAD[number % len(SPREAD)] if sizes[side] > 2 else 0
        answers = []
        for code, category_statements in statements.items():
            scores = _scores(spec[side].get(code, 3.0), len(category_statements), number)
            for statement, score in zip(category_statements, scores, strict=True):
                score = max(1, min(5, score + offset))
                # The last partner cannot say whether the results are made visible.
                if side == "private" and number == len(people) - 1 and statement.code == "R2":
                    score = 0
                answers.append(
                    StatementAnswer(respondent=respondent, statement=statement, score=score)
                )
        StatementAnswer.objects.bulk_create(answers)
        if number % 2 == 0 or side == "private":
            OpenAnswer.objects.bulk_create(
                OpenAnswer(respondent=respondent, question=questions[code], text=text)
                for code, text in spec["open"][side].items()
                if code in questions
            )
    return evaluation_round


def _load_actions(partnership, officer) -> None:
    """The actions agreed after the closed rounds (once)."""
    rounds = {r.title: r for r in partnership.evaluation_rounds.filter(title__in=ACTIONS)}
    participation = (
        partnership.participations.select_related("organisation")
        .order_by("organisation__name", "pk")
        .first()
    )
    today = timezone.localdate()
    for title, actions in ACTIONS.items():
        evaluation_round = rounds.get(title)
        if evaluation_round is None:
            continue
        for what, username, days, status in actions:
            if partnership.evaluation_actions.filter(what=what).exists():
                continue
            Action.objects.create(
                partnership=partnership,
                round=evaluation_round,
                what=what,
                owner_user=User.objects.filter(username=username).first() if username else None,
                owner_participation=None if username else participation,
                due_date=today + timedelta(days=days),
                status=status,
                created_by=officer,
            )


def moment(day):
    return timezone.make_aware(datetime.combine(day, time(10)))


def _load_open_round(instrument) -> str:
    partnership = Partnership.objects.filter(name=OPEN_PARTNERSHIP).first()
    if partnership is None:
        return ""
    officer = User.objects.filter(username="medewerker.zwolle").first()
    evaluation_round = partnership.evaluation_rounds.filter(status=RoundStatus.OPEN).first()
    today = timezone.localdate()
    if evaluation_round is None:
        evaluation_round = EvaluationRound.objects.create(
            partnership=partnership,
            instrument=instrument,
            title="Tussentijdse evaluatie 2026",
            period_start=partnership.start_date or today - timedelta(days=180),
            period_end=today,
            closes_on=today + timedelta(days=14),
            status=RoundStatus.OPEN,
            opened_at=timezone.now(),
            created_by=officer,
        )
        users = User.objects.filter(username__in=["coordinator.ijsselland", "medewerker.zwolle"])
        for user in users:
            respondent = respondent_for_user(user)
            respondent.round = evaluation_round
            respondent.invited_at = timezone.now()
            respondent.save()
        contacts = ContactPerson.objects.filter(
            organisation__participations__partnership=partnership,
            organisation__participations__status="actief",
        ).exclude(email="")
        for contact in contacts.select_related("organisation"):
            respondent = respondent_for_contact(contact)
            respondent.round = evaluation_round
            respondent.invited_at = timezone.now()
            respondent.token_hash = new_token()[1]  # a link no one has: it is "sent"
            respondent.save()
    elif evaluation_round.closes_on < today:
        evaluation_round.closes_on = today + timedelta(days=14)
        evaluation_round.save()
    respondent = (
        evaluation_round.respondents.filter(contact__name=LINK_CONTACT)
        .select_related("contact")
        .first()
    )
    if respondent is None:
        return ""
    # A new link on every run (only its hash is kept, so the last one cannot be shown again).
    token, token_hash = new_token()
    Respondent.objects.filter(pk=respondent.pk).update(token_hash=token_hash, revoked_at=None)
    return respond_path(token)
