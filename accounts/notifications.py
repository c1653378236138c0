"""Notifications in the portal and by e-mail, for any app.

:func:`notify` stores a notification for each recipient in the current
transaction and sends the e-mails only once it commits: a rolled-back action
mails no one, and a mail that fails is logged and never undoes the action.
Subjects are one short line (no line breaks from names), links absolute
(``settings.SITE_URL``)."""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import NOTIFICATION_LENGTH, Notification

logger = logging.getLogger(__name__)

SUBJECT_LENGTH = 120
NAME_LENGTH = 150


def one_line(text, limit: int = NAME_LENGTH) -> str:
    """``text`` on one line (line breaks and other control characters become
    spaces), at most ``limit`` characters, shortened with an ellipsis."""
    text = re.sub(r"[\x00-\x1f\x7f\u2028\u2029\x85]+", " ", str(text))
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def absolute(path: str) -> str:
    if not path or re.match(r"^https?://", path):
        return path
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def notify(recipients, text: str, link: str = "", subject: str = "", body: str = "") -> None:
    """Tell each of ``recipients``: ``text`` in the portal (linking to the
    path ``link``); by e-mail too when ``subject`` is given and the recipient
    has an address (``body``, or ``text``, followed by the absolute link)."""
    recipients = [r for r in recipients if r.is_active]
    if len(text) > NOTIFICATION_LENGTH:  # never refuse the action it reports
        text = text[: NOTIFICATION_LENGTH - 1] + "…"
    Notification.objects.bulk_create(
        Notification(recipient=recipient, text=text, link=link) for recipient in recipients
    )
    if not subject:
        return
    subject = one_line(subject, SUBJECT_LENGTH)
    url = absolute(link)
    message = (body or text).rstrip() + (f"\n\n{url}\n" if url else "\n")
    addresses = [r.email for r in recipients if r.email]
    for address in addresses:
        transaction.on_commit(lambda address=address: _send(subject, message, address))


def _send(subject: str, message: str, address: str) -> None:
    try:
        send_mail(subject, message, settings.DEFAULT_FROM_EMAIL, [address])
    except Exception:
        # The action itself is done; the notification in the portal stands.
        logger.exception("E-mail %r aan %s kon niet worden verstuurd", subject, address)


def mark_read(queryset) -> int:
    """Mark the unread notifications of ``queryset`` read now."""
    return queryset.filter(read_at__isnull=True).update(read_at=timezone.now())
