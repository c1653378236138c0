"""Uploads refused by size before they are kept.

``SizeLimitUploadHandler`` comes first in ``FILE_UPLOAD_HANDLERS``. It passes
each file's chunks on to Django's own handlers (memory or a temporary file)
until the file passes ``settings.MAX_UPLOAD_SIZE``; from then on it only
counts the bytes and drops them. The file then arrives as an empty
``OversizedUpload`` that knows its real size, so the form's validator
(``core.validators.validate_document``) refuses it with the sizes in the
message, and the other fields of the form are read and kept as typed."""

import io

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class OversizedUpload(UploadedFile):
    """A file that was too large: its name, type and size, no content."""

    def __init__(self, name, content_type, size, charset=None, content_type_extra=None):
        super().__init__(io.BytesIO(), name, content_type, size, charset, content_type_extra)

    def open(self, mode=None):
        return self


class SizeLimitUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.oversized = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.MAX_UPLOAD_SIZE:
            self.oversized = True
        # None: the handlers after this one get nothing more of this file.
        return None if self.oversized else raw_data

    def file_complete(self, file_size):
        if not self.oversized:
            return None  # the next handler hands over the file it kept
        return OversizedUpload(
            self.file_name,
            self.content_type,
            self.received,
            self.charset,
            self.content_type_extra,
        )
