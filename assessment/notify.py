"""Telling people what happened to an assessment, in the portal and by e-mail
(accounts.notifications: mail after the commit, absolute links, one-line
subjects).

* submitted: the coordinators of the lead gemeente's region;
* withdrawn by the author: the same coordinators;
* sent back, with the coordinator's comments: the author;
* finalised, with the outcome and the remark: the author.

When a coordinator decides (or the author withdraws), the coordinators'
unread notices of the submission are marked read: there is nothing left to
review."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Notification, Role, User
from accounts.notifications import mark_read, notify, one_line
from core.history import person_name


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
        _("%(name)s vraagt u de afweging van %(organisation)s (%(partnership)s) vast te stellen.")
        % names,
        _link(assessment),
        subject=_("Afweging ter review: %(organisation)s") % names,
    )


def withdrawn(assessment, user) -> None:
    _review_done(assessment)
    names = _names(assessment, user)
    notify(
        list(coordinators_of(assessment)),
        _(
            "%(name)s heeft de afweging van %(organisation)s (%(partnership)s) ingetrokken; "
            "zij is weer een concept en hoeft niet meer te worden vastgesteld."
        )
        % names,
        _link(assessment),
        subject=_("Afweging ingetrokken: %(organisation)s") % names,
    )


def sent_back(assessment, reviewer) -> None:
    _review_done(assessment)
    names = _names(assessment, reviewer)
    text = (
        _(
            "%(name)s heeft de afweging van %(organisation)s (%(partnership)s) teruggestuurd "
            "naar concept. Wat er moet veranderen:"
        )
        % names
        + "\n"
        + assessment.review_comments
    )
    notify(
        [assessment.author],
        text,
        _link(assessment),
        subject=_("Afweging teruggestuurd: %(organisation)s") % names,
    )


def finalised(assessment, reviewer) -> None:
    _review_done(assessment)
    names = _names(assessment, reviewer)
    text = _(
        "%(name)s heeft de afweging van %(organisation)s (%(partnership)s) vastgesteld. "
        "Uitkomst: %(outcome)s (%(total)s%%)."
    ) % {
        **names,
        "outcome": assessment.outcome_label(),
        "total": _number(assessment.total_percent),
    }
    if assessment.review_remark:
        text += "\n" + _("Opmerking: %(remark)s") % {"remark": assessment.review_remark}
    notify(
        [assessment.author],
        text,
        _link(assessment),
        subject=_("Afweging vastgesteld: %(organisation)s") % names,
    )


def _number(value) -> str:
    from django.utils.formats import number_format

    return number_format(value, 1) if value is not None else "—"
