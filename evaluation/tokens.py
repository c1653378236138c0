"""Personal links of partners who answer without an account.

A token is ``secrets.token_urlsafe(32)`` (256 random bits); only its SHA-256
is stored, so a copy of the database opens no link. A link works while its
round is open, up to and including the closing date, and until it is revoked
or replaced (a re-sent invitation makes a new token; the old one stops)."""

from __future__ import annotations

import hashlib
import re
import secrets
from enum import Enum

from django.utils import timezone

TOKEN_BYTES = 32
# token_urlsafe(32) gives 43 characters of the URL-safe alphabet.
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A new token and the hash to store."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_token(token)


class LinkProblem(Enum):
    UNKNOWN = "unknown"  # never issued, altered or replaced: 404
    REVOKED = "revoked"  # 410
    CLOSED = "closed"  # the round closed or its closing date passed: 410


def respondent_for_token(token: str):
    """(respondent, None) for a working link, else (None, problem). A link
    that does not work gives nothing of the respondent or the round."""
    from .models import Respondent, RoundStatus

    if not TOKEN_PATTERN.match(token or ""):
        return None, LinkProblem.UNKNOWN
    respondent = (
        Respondent.objects.select_related(
            "round__instrument",
            "round__partnership",
            "contact",
            # The page shows the lead gemeente's look (regions.branding).
            "round__partnership__lead_municipality__branding",
            "round__partnership__lead_municipality__region__branding",
        )
        .filter(token_hash=hash_token(token))
        .first()
    )
    if respondent is None:
        return None, LinkProblem.UNKNOWN
    if respondent.revoked_at is not None:
        return None, LinkProblem.REVOKED
    evaluation_round = respondent.round
    if evaluation_round.status != RoundStatus.OPEN or (
        timezone.localdate() > evaluation_round.closes_on
    ):
        return None, LinkProblem.CLOSED
    return respondent, None
