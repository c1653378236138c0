"""Telling people what happened to an assessment (in the portal and by e-mail)."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User

from .models import Notification


def coordinators_of(assessment):
    region_id = assessment.participation.partnership.lead_municipality.region_id
    return User.objects.filter(role=Role.COORDINATOR, region_id=region_id, is_active=True)


def submitted(assessment, user):
    partnership = assessment.participation.partnership
    message = _(
        "%(author)s vraagt u de afweging van %(organisation)s (%(partnership)s) vast te stellen."
    ) % {
        "author": user.get_full_name() or user.get_username(),
        "organisation": assessment.participation.organisation,
        "partnership": partnership,
    }
    url = reverse("assessment:detail", args=[assessment.pk])
    for coordinator in coordinators_of(assessment):
        Notification.objects.create(recipient=coordinator, assessment=assessment, message=message)
        if coordinator.email:
            send_mail(
                _("Afweging ter review: %(organisation)s")
                % {"organisation": assessment.participation.organisation},
                f"{message}\n\n{url}\n",
                settings.DEFAULT_FROM_EMAIL,
                [coordinator.email],
            )


def _done(assessment):
    Notification.objects.filter(assessment=assessment, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def withdrawn(assessment, user):
    _done(assessment)


def finalised(assessment, reviewer):
    _done(assessment)


def sent_back(assessment, reviewer):
    _done(assessment)
