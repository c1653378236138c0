"""An evaluation round of a partnership: who is asked (the public side with
their portal account, the partners' contact persons through a personal link),
their answers, and the actions agreed on the results."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import VersionField
from core.history import person_name

from ..querysets import ActionQuerySet, EvaluationRoundQuerySet
from .instrument import InstrumentVersion, OpenQuestion, Statement


class RoundStatus(models.TextChoices):
    DRAFT = "concept", _("In voorbereiding")
    OPEN = "open", _("Open")
    CLOSED = "gesloten", _("Gesloten")


class EvaluationRound(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("samenwerking"),
        related_name="evaluation_rounds",
        on_delete=models.CASCADE,
    )
    instrument = models.ForeignKey(
        InstrumentVersion,
        verbose_name=_("versie van het instrument"),
        related_name="rounds",
        on_delete=models.PROTECT,
    )
    title = models.CharField(_("titel"), max_length=200)
    period_start = models.DateField(_("periode van"))
    period_end = models.DateField(_("periode tot en met"))
    closes_on = models.DateField(
        _("sluitingsdatum"), help_text=_("Tot en met deze dag kan iedereen antwoorden.")
    )
    named = models.BooleanField(
        _("antwoorden op naam"),
        default=False,
        help_text=_(
            "Alleen als iedereen dat vooraf weet. Anders ziet u de uitkomsten per kant "
            "en per organisatie, en een groep pas apart vanaf twee antwoorden."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    opened_at = models.DateTimeField(_("geopend op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gesloten door"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("gestart op"), auto_now_add=True)
    version = VersionField()  # of its edit form (core.concurrency)

    objects = EvaluationRoundQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("evaluatieronde")
        verbose_name_plural = _("evaluatierondes")
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="evaluation_round_period_in_order",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == RoundStatus.CLOSED


class Side(models.TextChoices):
    PUBLIC = "publiek", _("Publieke kant")
    PRIVATE = "privaat", _("Private kant")


class Respondent(models.Model):
    """A person asked to answer a round. The public side answers with their
    portal account; a partner's contact person has no account and answers
    through a personal link (only a hash of its token is stored). The group a
    respondent's answers count in (their gemeente, GGD region or partner
    organisation) stays when the person is removed (AVG)."""

    round = models.ForeignKey(
        EvaluationRound,
        verbose_name=_("evaluatieronde"),
        related_name="respondents",
        on_delete=models.CASCADE,
    )
    side = models.CharField(_("kant"), max_length=10, choices=Side.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        null=True,
        blank=True,
        related_name="evaluation_invitations",
        on_delete=models.SET_NULL,
    )
    contact = models.ForeignKey(
        "organisations.ContactPerson",
        verbose_name=_("contactpersoon"),
        null=True,
        blank=True,
        related_name="evaluation_invitations",
        on_delete=models.SET_NULL,
    )
    # The group: a gemeente or a GGD region (public side), a partner organisation (private side).
    municipality = models.ForeignKey(
        "regions.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("GGD-regio"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("link ingetrokken op"), null=True, blank=True)
    invited_at = models.DateTimeField(_("uitgenodigd op"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("herinnerd op"), null=True, blank=True)
    last_saved_at = models.DateTimeField(_("laatst opgeslagen"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondenten")
        ordering = ["side", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "user"],
                condition=Q(user__isnull=False),
                name="unique_respondent_user",
            ),
            models.UniqueConstraint(
                fields=["round", "contact"],
                condition=Q(contact__isnull=False),
                name="unique_respondent_contact",
            ),
        ]

    def __str__(self):
        if self.user_id:
            return person_name(self.user)
        return str(self.contact) if self.contact_id else str(_("(verwijderd)"))


class Score(models.IntegerChoices):
    UNKNOWN = 0, _("Weet niet")
    STRONGLY_DISAGREE = 1, _("Helemaal oneens")
    DISAGREE = 2, _("Oneens")
    NEUTRAL = 3, _("Neutraal")
    AGREE = 4, _("Eens")
    STRONGLY_AGREE = 5, _("Helemaal eens")


class StatementAnswer(models.Model):
    respondent = models.ForeignKey(
        Respondent,
        verbose_name=_("respondent"),
        related_name="answers",
        on_delete=models.CASCADE,
    )
    statement = models.ForeignKey(
        Statement, verbose_name=_("stelling"), related_name="+", on_delete=models.PROTECT
    )
    score = models.PositiveSmallIntegerField(_("antwoord"), choices=Score.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("antwoord op een stelling")
        verbose_name_plural = _("antwoorden op stellingen")
        constraints = [
            models.UniqueConstraint(
                fields=["respondent", "statement"], name="unique_statement_answer"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=5), name="statement_answer_score_0_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.statement.code}: {self.get_score_display()}"


class OpenAnswer(models.Model):
    respondent = models.ForeignKey(
        Respondent,
        verbose_name=_("respondent"),
        related_name="open_answers",
        on_delete=models.CASCADE,
    )
    question = models.ForeignKey(
        OpenQuestion, verbose_name=_("vraag"), related_name="+", on_delete=models.PROTECT
    )
    text = models.TextField(_("antwoord"), max_length=2000, validators=[MaxLengthValidator(2000)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("antwoord op een open vraag")
        verbose_name_plural = _("antwoorden op open vragen")
        constraints = [
            models.UniqueConstraint(fields=["respondent", "question"], name="unique_open_answer")
        ]

    def __str__(self):
        return self.text[:60]


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "bezig", _("In uitvoering")
    DONE = "gereed", _("Gereed")
    DROPPED = "vervallen", _("Vervallen")


class Action(models.Model):
    """What the partnership agreed to do after talking about the results."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("samenwerking"),
        related_name="evaluation_actions",
        on_delete=models.CASCADE,
    )
    round = models.ForeignKey(
        EvaluationRound,
        verbose_name=_("naar aanleiding van"),
        null=True,
        blank=True,
        related_name="actions",
        on_delete=models.SET_NULL,
    )
    what = models.TextField(_("actie"), max_length=500, validators=[MaxLengthValidator(500)])
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wie (persoon)"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    owner_participation = models.ForeignKey(
        "partnerships.Participation",
        verbose_name=_("wie (partner)"),
        null=True,
        blank=True,
        related_name="evaluation_actions",
        on_delete=models.SET_NULL,
    )
    due_date = models.DateField(_("uiterlijk"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    version = VersionField()  # of its edit form (core.concurrency)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.what[:60]

    @property
    def is_finished(self) -> bool:
        return self.status in (ActionStatus.DONE, ActionStatus.DROPPED)
