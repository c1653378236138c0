"""The notice letter between the form and its confirmation.

Recording a decision takes two steps: the form, then a page that shows what
will be recorded and its effects, with "Definitief vastleggen". An uploaded
file cannot travel through that page as a form field, so the first step keeps
it in private storage (where the decision will keep it) and the page carries
a signed token naming it, valid for two hours and only for the same user and
partnership. A file whose decision is never confirmed stays behind unused."""

from __future__ import annotations

from django.core import signing

from core.storage import private_storage, private_upload_path

SALT = "decisions.notice-staging"
MAX_AGE = 2 * 60 * 60


def stage(upload, *, user, partnership) -> str:
    from .models import Decision

    storage = private_storage()
    name = storage.save(private_upload_path(Decision(), upload.name), upload)
    return signing.dumps(
        {"name": name, "original": upload.name, "user": user.pk, "partnership": partnership.pk},
        salt=SALT,
    )


def staged(token: str, *, user, partnership) -> tuple[str, str] | None:
    """(stored name, original name) of a staged file, or None."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # also when expired
        return None
    if data.get("user") != user.pk or data.get("partnership") != partnership.pk:
        return None
    if not private_storage().exists(data.get("name") or ""):
        return None
    return data["name"], data.get("original") or "opzegging"
