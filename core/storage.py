"""Private file storage: uploaded documents never get a public URL; a view
that checks access serves them."""

import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files under ``PRIVATE_MEDIA_ROOT``, read from the settings on every use
    (so tests can point it at a temporary folder)."""

    def __init__(self):
        super().__init__(base_url="/niet-openbaar/")

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def private_storage() -> FileSystemStorage:
    return PrivateStorage()


def private_upload_path(instance, filename: str) -> str:
    """A random name in a folder per model: the original name is kept in the
    database, never in the path."""
    suffix = Path(filename).suffix.lower()
    return f"{instance._meta.model_name}/{uuid.uuid4().hex}{suffix}"


def read_stored(file) -> bytes:
    """The content of a stored file (a ``FieldFile``), ``b""`` when there is
    none or it is missing from storage."""
    if not file:
        return b""
    try:
        with file.open("rb") as opened:
            return opened.read()
    except FileNotFoundError:
        return b""
