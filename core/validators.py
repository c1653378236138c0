from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# extension -> how the file must begin
DOCUMENT_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
}


def validate_document(upload):
    """A signed agreement: PDF, Word or OpenDocument, at most
    ``settings.MAX_UPLOAD_SIZE`` (10 MB unless configured), and its content
    must match its extension. A file past the limit never reached memory or
    disk (``core.uploads``); only its size is known."""
    suffix = Path(upload.name).suffix.lower()
    if suffix not in DOCUMENT_SIGNATURES:
        raise ValidationError(
            _("Dit bestandstype kan niet: upload een PDF, Word- of OpenDocument-bestand.")
        )
    if upload.size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("Het bestand is %(size)s; het mag hoogstens %(max)s zijn."),
            params={
                "size": filesizeformat(upload.size),
                "max": filesizeformat(settings.MAX_UPLOAD_SIZE),
            },
        )
    # Only check the content of new uploads, not of files already stored.
    if hasattr(upload, "content_type") or not getattr(upload, "_committed", True):
        position = upload.tell() if hasattr(upload, "tell") else 0
        upload.seek(0)
        head = upload.read(8)
        upload.seek(position)
        if not head.startswith(DOCUMENT_SIGNATURES[suffix]):
            raise ValidationError(
                _("De inhoud van het bestand past niet bij de extensie %(suffix)s."),
                params={"suffix": suffix},
            )
