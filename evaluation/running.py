"""Running an evaluation round: who may be asked, opening (inviting everyone),
re-sending and revoking a partner's link, reminders and closing.

The state changes lock the round's row and check its state inside the
transaction (as ``assessment/workflow.py`` does), so of two concurrent
requests one wins and the other is told why. E-mails leave only after the
commit (``transaction.on_commit``): a rolled-back action mails no one, and a
failing mail server is logged, never undoing the action."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.notifications import absolute, notify, one_line, register_message
from core.history import person_name
from organisations.models import ContactPerson, Sector
from partnerships.models import ParticipationStatus

from .models import EvaluationRound, Respondent, RoundStatus, Side
from .tokens import new_token

logger = logging.getLogger(__name__)

# Days before the closing date on which those who have not finished are
# reminded (once per moment; the invitation counts as the first contact).
REMINDER_DAYS = (7, 2)


class RoundError(Exception):
    """An action the round's state does not allow; the message says why."""


# --- Who may be asked -----------------------------------------------------------


def public_candidates(partnership) -> QuerySet[User]:
    """The public side: the active portal users of the lead and participating
    gemeenten and the coordinators of the lead gemeente's GGD region."""
    municipalities = [partnership.lead_municipality_id, *partnership_municipalities(partnership)]
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(role=Role.OFFICER, municipality_id__in=municipalities)
            | Q(role=Role.COORDINATOR, region_id=partnership.lead_municipality.region_id)
        )
        .select_related("municipality", "region")
        .order_by("last_name", "first_name", "username")
    )


def partnership_municipalities(partnership) -> list[int]:
    return list(partnership.participating_municipalities.values_list("pk", flat=True))


def partner_candidates(partnership) -> QuerySet[ContactPerson]:
    """The contact persons, with an e-mail address, of the organisations
    taking part (active partners)."""
    return (
        ContactPerson.objects.filter(
            organisation__participations__partnership=partnership,
            organisation__participations__status=ParticipationStatus.ACTIVE,
        )
        .exclude(email="")
        .select_related("organisation")
        .order_by("organisation__name", "name", "pk")
    )


def side_of_contact(contact: ContactPerson) -> str:
    """A partner is on the private side, unless the organisation is itself
    a government body."""
    return Side.PUBLIC if contact.organisation.sector == Sector.GOVERNMENT else Side.PRIVATE


def respondent_for_user(user) -> Respondent:
    return Respondent(
        side=Side.PUBLIC,
        user=user,
        municipality_id=user.municipality_id if user.role == Role.OFFICER else None,
        region_id=user.region_id if user.role == Role.COORDINATOR else None,
    )


def respondent_for_contact(contact: ContactPerson) -> Respondent:
    return Respondent(
        side=side_of_contact(contact), contact=contact, organisation_id=contact.organisation_id
    )


@transaction.atomic
def add_respondents(evaluation_round, users=(), contacts=()) -> list[Respondent]:
    """Ask these people too (those already asked are left alone); in an open
    round the new ones are invited at once."""
    evaluation_round = _locked(evaluation_round)
    if evaluation_round.status == RoundStatus.CLOSED:
        raise RoundError(_("Deze ronde is gesloten; er kan niemand meer bij."))
    asked = evaluation_round.respondents.all()
    asked_users = set(asked.exclude(user=None).values_list("user_id", flat=True))
    asked_contacts = set(asked.exclude(contact=None).values_list("contact_id", flat=True))
    added = []
    for user in users:
        if user.pk not in asked_users:
            added.append(respondent_for_user(user))
    for contact in contacts:
        if contact.pk not in asked_contacts:
            added.append(respondent_for_contact(contact))
    for respondent in added:
        respondent.round = evaluation_round
        respondent.save()
    if evaluation_round.status == RoundStatus.OPEN:
        for respondent in added:
            _invite(evaluation_round, respondent)
    return added


@transaction.atomic
def remove_respondent(respondent) -> None:
    """Only before the round opens: afterwards a link is revoked instead."""
    evaluation_round = _locked(respondent.round)
    if evaluation_round.status != RoundStatus.DRAFT:
        raise RoundError(
            _("De ronde is al geopend: trek de link in in plaats van iemand te verwijderen.")
        )
    respondent.delete()


# --- Opening, closing -----------------------------------------------------------


def _locked(evaluation_round) -> EvaluationRound:
    # Only the round's row is locked: PostgreSQL refuses FOR UPDATE on the
    # nullable side of an outer join (``created_by`` may be empty).
    return (
        EvaluationRound.objects.select_for_update(of=("self",))
        .select_related("partnership__lead_municipality", "created_by")
        .get(pk=evaluation_round.pk)
    )


@transaction.atomic
def open_round(evaluation_round, by) -> int:
    """Open the round and invite everyone asked; returns how many were invited."""
    evaluation_round = _locked(evaluation_round)
    if evaluation_round.status != RoundStatus.DRAFT:
        raise RoundError(_("Deze ronde is al geopend."))
    if evaluation_round.closes_on < timezone.localdate():
        raise RoundError(
            _("De sluitingsdatum is al voorbij. Kies eerst een sluitingsdatum vanaf vandaag.")
        )
    respondents = list(evaluation_round.respondents.select_related("user", "contact__organisation"))
    if not respondents:
        raise RoundError(_("Kies eerst wie u uitnodigt."))
    evaluation_round.status = RoundStatus.OPEN
    evaluation_round.opened_at = timezone.now()
    evaluation_round.version = F("version") + 1
    evaluation_round.save()
    evaluation_round.refresh_from_db(fields=["version"])
    invited = 0
    for respondent in respondents:
        invited += _invite(evaluation_round, respondent)
    return invited


@transaction.atomic
def close_round(evaluation_round, by=None) -> None:
    """Close the round (by hand, or after its closing date): no more answers."""
    evaluation_round = _locked(evaluation_round)
    if evaluation_round.status == RoundStatus.CLOSED:
        raise RoundError(_("Deze ronde is al gesloten."))
    evaluation_round.status = RoundStatus.CLOSED
    evaluation_round.closed_at = timezone.now()
    evaluation_round.closed_by = by
    evaluation_round.version = F("version") + 1
    evaluation_round.save()


def close_expired(today: date | None = None) -> int:
    """Close the open rounds whose closing date has passed."""
    today = today or timezone.localdate()
    closed = 0
    for evaluation_round in EvaluationRound.objects.filter(
        status=RoundStatus.OPEN, closes_on__lt=today
    ):
        try:
            close_round(evaluation_round)
        except RoundError:  # closed by hand meanwhile
            continue
        closed += 1
    return closed


# --- Links ----------------------------------------------------------------------


@transaction.atomic
def resend(respondent) -> None:
    """Invite again; a partner gets a new link and the old one stops working
    (also one that was revoked)."""
    evaluation_round = _locked(respondent.round)
    if evaluation_round.status != RoundStatus.OPEN:
        raise RoundError(
            _("Alleen in een open ronde kan een uitnodiging opnieuw worden verstuurd.")
        )
    respondent = Respondent.objects.select_for_update().get(pk=respondent.pk)
    respondent.revoked_at = None
    if not _invite(evaluation_round, respondent):
        raise RoundError(_("Deze persoon heeft geen e-mailadres meer; er is niets verstuurd."))


@transaction.atomic
def revoke(respondent) -> None:
    """The partner's link stops working at once (answers already given stay)."""
    evaluation_round = _locked(respondent.round)
    if evaluation_round.status == RoundStatus.CLOSED:
        raise RoundError(_("Deze ronde is gesloten; de link werkt al niet meer."))
    respondent = Respondent.objects.select_for_update().get(pk=respondent.pk)
    if respondent.contact_id is None and respondent.token_hash is None:
        raise RoundError(_("Alleen de persoonlijke link van een partner kan worden ingetrokken."))
    if respondent.revoked_at is None:
        respondent.revoked_at = timezone.now()
        respondent.save()


# --- Mail -------------------------------------------------------------------------


def respond_path(token: str) -> str:
    return reverse("evaluation:respond", args=[token])


def portal_path(evaluation_round) -> str:
    return reverse("evaluation:answer", args=[evaluation_round.pk])


def _invite(evaluation_round, respondent, *, reminder=False) -> bool:
    """Mail the respondent (a partner with a new token); False when there is
    no one to mail."""
    now = timezone.now()
    if respondent.user_id:
        user = respondent.user
        if not (user.is_active and user.email):
            return False
        code, params = _public_notice(evaluation_round, reminder)
        with translation.override("nl"):  # the e-mail in Dutch; the inbox in hers
            subject = _public_subject(evaluation_round, reminder)
            body = str(_public_message(code, params))
        notify([user], code, params, portal_path(evaluation_round), subject=subject, body=body)
    elif respondent.contact_id and respondent.contact.email:
        token, token_hash = new_token()
        respondent.token_hash = token_hash
        with translation.override("nl"):
            subject, body = _partner_text(
                evaluation_round, respondent.contact, absolute(respond_path(token)), reminder
            )
        _mail(subject, body, respondent.contact.email, evaluation_round.created_by)
    else:
        return False
    if reminder:
        respondent.reminded_at = now
    else:
        respondent.invited_at = now
    respondent.save()
    return True


def _closing(evaluation_round) -> str:
    return date_format(evaluation_round.closes_on, "j F Y")


def _who(evaluation_round) -> str:
    name = person_name(evaluation_round.created_by)
    municipality = evaluation_round.partnership.lead_municipality.name
    return f"{name} (gemeente {municipality})" if name else f"gemeente {municipality}"


def _privacy(evaluation_round) -> str:
    return _privacy_text(evaluation_round.named)


def _privacy_text(named: bool) -> str:
    if named:
        return _(
            "In deze ronde zijn de antwoorden op naam: de trekker van de samenwerking ziet wat "
            "u hebt geantwoord."
        )
    return _(
        "Uw antwoorden worden niet per persoon getoond, alleen per kant (publiek en privaat) en "
        "per organisatie, en pas vanaf twee antwoorden."
    )


# The notices in the portal, stored as a code with its values and read in the
# reader's language (accounts.notifications).
INVITED = "evaluation.invited"
REMINDED = "evaluation.reminded"


def _public_message(code: str, params: dict) -> str:
    values = {**params, "date": date_format(date.fromisoformat(params["closes_on"]), "j F Y")}
    if code == REMINDED:
        text = (
            _(
                "Herinnering: u hebt de evaluatie ‘%(title)s’ van %(partnership)s nog niet afgerond. "
                "U kunt antwoorden tot en met %(date)s."
            )
            % values
        )
    else:
        text = (
            _(
                "U bent uitgenodigd voor de evaluatie ‘%(title)s’ van %(partnership)s. U kunt "
                "antwoorden tot en met %(date)s, in het portaal."
            )
            % values
        )
    return text + " " + _privacy_text(params.get("named", False))


register_message(INVITED, lambda params: _public_message(INVITED, params))
register_message(REMINDED, lambda params: _public_message(REMINDED, params))


def _public_notice(evaluation_round, reminder) -> tuple[str, dict]:
    return (REMINDED if reminder else INVITED), {
        "title": evaluation_round.title,
        "partnership": evaluation_round.partnership.name,
        "closes_on": evaluation_round.closes_on.isoformat(),
        "named": evaluation_round.named,
    }


def _public_subject(evaluation_round, reminder) -> str:
    values = {"partnership": evaluation_round.partnership.name}
    if reminder:
        return _("Herinnering: evaluatie %(partnership)s") % values
    return _("Uitnodiging: evaluatie %(partnership)s") % values


def _partner_text(evaluation_round, contact, url, reminder) -> tuple[str, str]:
    values = {
        "name": one_line(contact.name),
        "who": _who(evaluation_round),
        "title": evaluation_round.title,
        "partnership": evaluation_round.partnership.name,
        "date": _closing(evaluation_round),
        "url": url,
    }
    if reminder:
        subject = _("Herinnering: evaluatie %(partnership)s") % values
        opening = (
            _(
                "Beste %(name)s,\n\nU hebt de evaluatie ‘%(title)s’ van de samenwerking "
                "%(partnership)s nog niet afgerond. U kunt antwoorden tot en met %(date)s. Hieronder "
                "staat een nieuwe persoonlijke link; links uit eerdere e-mails werken niet meer. Wat "
                "u al had opgeslagen, blijft staan."
            )
            % values
        )
    else:
        subject = _("Uitnodiging: evaluatie %(partnership)s") % values
        opening = (
            _(
                "Beste %(name)s,\n\n%(who)s nodigt u uit voor de evaluatie ‘%(title)s’ van de "
                "samenwerking %(partnership)s. Met de persoonlijke link hieronder geeft u uw "
                "antwoorden, ook op uw telefoon. U hebt geen account nodig. De link werkt tot en met "
                "%(date)s en is alleen voor u: stuur hem niet door."
            )
            % values
        )
    body = "\n\n".join(
        [
            opening,
            url,
            _(
                "Het invullen duurt ongeveer tien minuten. U kunt tussendoor opslaan en later "
                "verdergaan met dezelfde link."
            ),
            _privacy(evaluation_round),
            _("Met vriendelijke groet,\n%(who)s") % values,
        ]
    )
    return one_line(subject, 120), body + "\n"


def _mail(subject: str, body: str, address: str, reply_to_user=None) -> None:
    reply_to = [reply_to_user.email] if reply_to_user and reply_to_user.email else None

    def send():
        try:
            EmailMessage(
                subject, body, settings.DEFAULT_FROM_EMAIL, [address], reply_to=reply_to
            ).send()
        except Exception:
            logger.exception("E-mail %r aan %s kon niet worden verstuurd", subject, address)

    transaction.on_commit(send)


# --- Reminders ----------------------------------------------------------------------


def reminder_moment(closes_on: date, today: date) -> date | None:
    """The latest reminder moment on or before ``today`` (None outside the
    reminder period or after the closing date)."""
    if today > closes_on:
        return None
    due = [closes_on - timedelta(days=days) for days in REMINDER_DAYS]
    due = [moment for moment in due if moment <= today]
    return max(due) if due else None


def _last_contact(respondent) -> date | None:
    moments = [m for m in (respondent.invited_at, respondent.reminded_at) if m]
    return timezone.localdate(max(moments)) if moments else None


def send_reminders(today: date | None = None) -> int:
    """Remind those who have not finished, once per reminder moment: run it
    as often as you like (a cron job, daily); returns how many were reminded.

    A partner who has not saved anything yet gets a new link (the mail with
    the old one may be lost); one who has started keeps hers, so a page she
    has open keeps working, and is told to use it."""
    today = today or timezone.localdate()
    reminded = 0
    rounds = EvaluationRound.objects.filter(status=RoundStatus.OPEN, closes_on__gte=today)
    for evaluation_round in rounds.select_related("partnership__lead_municipality", "created_by"):
        moment = reminder_moment(evaluation_round.closes_on, today)
        if moment is None:
            continue
        waiting = evaluation_round.respondents.filter(
            submitted_at=None, revoked_at=None, invited_at__isnull=False
        ).select_related("user", "contact__organisation")
        for respondent in waiting:
            last = _last_contact(respondent)
            if last is not None and last >= moment:
                continue
            with transaction.atomic():
                if respondent.contact_id and respondent.last_saved_at:
                    reminded += _remind_started_partner(evaluation_round, respondent)
                else:
                    reminded += _invite(evaluation_round, respondent, reminder=True)
    return reminded


def _remind_started_partner(evaluation_round, respondent) -> bool:
    contact = respondent.contact
    if not contact.email:
        return False
    values = {
        "name": one_line(contact.name),
        "title": evaluation_round.title,
        "partnership": evaluation_round.partnership.name,
        "date": _closing(evaluation_round),
        "who": _who(evaluation_round),
    }
    with translation.override("nl"):
        subject = _("Herinnering: evaluatie %(partnership)s") % values
        body = (
            _(
                "Beste %(name)s,\n\nU bent begonnen aan de evaluatie ‘%(title)s’ van de "
                "samenwerking %(partnership)s, maar hebt nog niet afgerond. Wat u opsloeg, blijft "
                "staan. Ga verder met de persoonlijke link uit uw uitnodiging; die werkt tot en "
                "met %(date)s. Kunt u hem niet meer vinden, beantwoord dan deze e-mail: u krijgt "
                "een nieuwe.\n\nMet vriendelijke groet,\n%(who)s"
            )
            % values
        )
    _mail(one_line(subject, 120), body + "\n", contact.email, evaluation_round.created_by)
    respondent.reminded_at = timezone.now()
    respondent.save()
    return True


# --- What the round page shows -----------------------------------------------------


def status_label(respondent) -> str:
    if respondent.revoked_at:
        return _("link ingetrokken")
    if respondent.submitted_at:
        return _("afgerond")
    if respondent.last_saved_at:
        return _("begonnen")
    if respondent.invited_at:
        return _("uitgenodigd")
    return _("nog niet uitgenodigd")
