"""Telling people what happened to an assessment, in the portal and by e-mail
(accounts.notifications: mail after the commit, absolute links, one-line
subjects).

* submitted: the coordinators of the lead gemeente's region;
* withdrawn by the author: the same coordinators;
* sent back, with the coordinator's comments: the author;
* finalised, with the outcome and the remark: the author.

When a coordinator decides (or the author withdraws), the coordinators'
unread notices of the submission are marked read: there is nothing left to
review.

Each notice is stored as a code with its values (``assessment.submitted`` …)
and reads in the language of whoever opens her inbox."""

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accounts.models import Notification, Role, User
from accounts.notifications import mark_read, notify, one_line, register_message
from core.history import person_name

from .models import REASSESSMENT_LABELS, AssessmentKind, Outcome

SUBMITTED = "assessment.submitted"
WITHDRAWN = "assessment.withdrawn"
SENT_BACK = "assessment.sent_back"
FINALISED = "assessment.finalised"


def _submitted_text(params) -> str:
    return (
        _("%(name)s vraagt u de afweging van %(organisation)s (%(partnership)s) vast te stellen.")
        % params
    )


def _withdrawn_text(params) -> str:
    return (
        _(
            "%(name)s heeft de afweging van %(organisation)s (%(partnership)s) ingetrokken; "
            "zij is weer een concept en hoeft niet meer te worden vastgesteld."
        )
        % params
    )


def _sent_back_text(params) -> str:
    return (
        _(
            "%(name)s heeft de afweging van %(organisation)s (%(partnership)s) teruggestuurd "
            "naar concept. Wat er moet veranderen:"
        )
        % params
        + "\n"
        + params.get("comments", "")
    )


def outcome_label(kind: str, outcome: str) -> str:
    if not outcome:
        return ""
    if kind == AssessmentKind.REASSESSMENT:
        return str(REASSESSMENT_LABELS.get(outcome, outcome))
    try:
        return str(Outcome(outcome).label)
    except ValueError:
        return outcome


def _finalised_text(params) -> str:
    total = params.get("total")
    text = _(
        "%(name)s heeft de afweging van %(organisation)s (%(partnership)s) vastgesteld. "
        "Uitkomst: %(outcome)s (%(total)s%%)."
    ) % {
        **params,
        "outcome": outcome_label(params.get("kind", ""), params.get("outcome", "")),
        "total": number_format(total, 1) if total is not None else "—",
    }
    if params.get("remark"):
        text += "\n" + _("Opmerking: %(remark)s") % {"remark": params["remark"]}
    return text


register_message(SUBMITTED, _submitted_text)
register_message(WITHDRAWN, _withdrawn_text)
register_message(SENT_BACK, _sent_back_text)
register_message(FINALISED, _finalised_text)


def coordinators_of(assessment):
    region_id = assessment.participation.partnership.lead_municipality.region_id
    return User.objects.filter(role=Role.COORDINATOR, region_id=region_id, is_active=True)


def _names(assessment, user) -> dict:
    participation = assessment.participation
    return {
        "name": one_line(person_name(user), 80),
        "organisation": one_line(participation.organisation.name),
        "partnership": one_line(participation.partnership.name),
    }


def _link(assessment) -> str:
    return reverse("assessment:detail", args=[assessment.pk])


def _review_done(assessment) -> None:
    mark_read(
        Notification.objects.filter(
            link=_link(assessment), recipient__in=coordinators_of(assessment)
        )
    )


def submitted(assessment, user) -> None:
    names = _names(assessment, user)
    notify(
        list(coordinators_of(assessment)),
        SUBMITTED,
        names,
        _link(assessment),
        subject=_("Afweging ter review: %(organisation)s") % names,
    )


def withdrawn(assessment, user) -> None:
    _review_done(assessment)
    names = _names(assessment, user)
    notify(
        list(coordinators_of(assessment)),
        WITHDRAWN,
        names,
        _link(assessment),
        subject=_("Afweging ingetrokken: %(organisation)s") % names,
    )


def sent_back(assessment, reviewer) -> None:
    _review_done(assessment)
    names = _names(assessment, reviewer)
    notify(
        [assessment.author],
        SENT_BACK,
        {**names, "comments": assessment.review_comments},
        _link(assessment),
        subject=_("Afweging teruggestuurd: %(organisation)s") % names,
    )


def finalised(assessment, reviewer) -> None:
    _review_done(assessment)
    names = _names(assessment, reviewer)
    total = assessment.total_percent
    notify(
        [assessment.author],
        FINALISED,
        {
            **names,
            "kind": assessment.kind,
            "outcome": assessment.outcome or "",
            "total": None if total is None else float(total),
            "remark": assessment.review_remark or "",
        },
        _link(assessment),
        subject=_("Afweging vastgesteld: %(organisation)s") % names,
    )
