"""Private file storage: uploaded documents never get a public URL; a view
that checks access serves them."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    # A callable, so tests can point PRIVATE_MEDIA_ROOT at a temporary folder.
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url="/niet-openbaar/")


def private_upload_path(instance, filename: str) -> str:
    """A random name in a folder per model: the original name is kept in the
    database, never in the path."""
    suffix = Path(filename).suffix.lower()
    return f"{instance._meta.model_name}/{uuid.uuid4().hex}{suffix}"
