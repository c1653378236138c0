"""Notifications in the portal and by e-mail, for any app.

:func:`notify` stores a notification for each recipient in the current
transaction and sends the e-mails only once it commits: a rolled-back action
mails no one, and a mail that fails is logged and never undoes the action.
Subjects are one short line (no line breaks from names), links absolute
(``settings.SITE_URL``).

What a notification says is stored as a code with its values (names, a date,
what a person typed), and written at read time in the reader's language: the
app that notifies registers how each of its codes reads
(:func:`register_message`). The Dutch wording is stored beside it
(``Notification.text``), read for a code nobody registered (older rows)."""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

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


_MESSAGES: dict = {}


def register_message(code: str, render) -> None:
    """``render(params)`` gives the text of a notification ``code`` in the
    active language."""
    _MESSAGES[code] = render


def _bounded(text: str) -> str:
    if len(text) > NOTIFICATION_LENGTH:  # never refuse the action it reports
        text = text[: NOTIFICATION_LENGTH - 1] + "…"
    return text


def message_text(code: str, params: dict, stored: str = "") -> str:
    """A notification in the active language: its code's text, else ``stored``."""
    render = _MESSAGES.get(code)
    return _bounded(str(render(params or {}))) if render else stored


def notify(
    recipients, code: str, params: dict, link: str = "", subject: str = "", body: str = ""
) -> None:
    """Tell each of ``recipients`` what the registered ``code`` says with
    ``params``: in the portal, in her language when she reads it (linking to
    the path ``link``); by e-mail too when ``subject`` is given and the
    recipient has an address (``body``, or the text, followed by the absolute
    link)."""
    if code not in _MESSAGES:
        raise KeyError(f"no notification registered as {code!r}")
    recipients = [r for r in recipients if r.is_active]
    with translation.override(settings.LANGUAGE_CODE):
        stored = message_text(code, params)
    text = message_text(code, params)
    Notification.objects.bulk_create(
        Notification(recipient=recipient, text=stored, code=code, params=params, link=link)
        for recipient in recipients
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
