"""Checks for uploaded attachments: allowed types (by extension and content) and size."""

from pathlib import Path

from django.core.exceptions import ValidationError

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 10
# extension → (content type, accepted leading bytes; None = plain text)
ATTACHMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (b"PK\x03\x04",),
    ),
    ".csv": ("text/csv", None),
    ".txt": ("text/plain", None),
}
ALLOWED_EXTENSIONS_TEXT = ", ".join(sorted(e.lstrip(".").upper() for e in ATTACHMENT_TYPES))


def attachment_content_type(upload) -> str:
    """Validate an uploaded file; return the content type it will be served with."""
    name = getattr(upload, "name", "") or ""
    extension = Path(name).suffix.lower()
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(
            f"Files of this type are not accepted. Allowed: {ALLOWED_EXTENSIONS_TEXT}.",
            code="file_type",
        )
    size = getattr(upload, "size", 0) or 0
    if size == 0:
        raise ValidationError("The file is empty.", code="file_empty")
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            f"The file is too large ({size / 1_048_576:.1f} MB); the limit is "
            f"{MAX_ATTACHMENT_BYTES // 1_048_576} MB.",
            code="file_size",
        )
    content_type, signatures = ATTACHMENT_TYPES[extension]
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if signatures is None:
        if b"\x00" in head:
            raise ValidationError("This does not look like a text file.", code="file_content")
    elif not head.startswith(signatures):
        raise ValidationError(
            f"The file's content does not match its {extension} extension.", code="file_content"
        )
    return content_type
