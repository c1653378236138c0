"""Who is knocking, and how often: the client's address behind trusted proxies
(for django-axes and our own throttles) and the throttle on password resets."""

import hashlib
import ipaddress
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache

PASSWORD_RESET_WINDOW = timedelta(hours=1)


def _address(value: str) -> str | None:
    """The IP address in one X-Forwarded-For entry (a port may follow it), or None."""
    value = value.strip()
    if value.startswith("["):  # [2001:db8::1]:443
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:  # 203.0.113.66:51234
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address of the client itself.

    Behind ``settings.TRUSTED_PROXY_COUNT`` proxies, each of which appends the
    address it received the request from to X-Forwarded-For, the client is the
    entry that many places from the right: the right-most one no trusted proxy
    wrote. Entries to its left were sent by the client and could be anything.
    Without proxies (count 0), or when the header holds no usable address, it is
    the address of the connection.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry.strip() for entry in forwarded if entry.strip()]
    if not forwarded:
        return remote
    # Fewer entries than proxies: the request skipped the outer ones; the
    # left-most entry was then written by a trusted proxy.
    entry = forwarded[-count] if len(forwarded) >= count else forwarded[0]
    return _address(entry) or remote


def _count(kind: str, value: str) -> int:
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    key = f"password-reset:{kind}:{digest}"
    seconds = int(PASSWORD_RESET_WINDOW.total_seconds())
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        return 1


def password_reset_allowed(request, email: str) -> bool:
    """Count a request for a password reset; False once the address of the
    client or the e-mail address asked more than ``PASSWORD_RESET_LIMIT`` times
    within the hour (unknown e-mail addresses count alike, so the answer tells
    nothing about who has an account)."""
    limit = settings.PASSWORD_RESET_LIMIT
    by_address = _count("ip", client_ip(request) or "unknown")
    by_email = _count("email", email.strip().lower())
    return by_address <= limit and by_email <= limit
