"""Evidence for an answer: files (type-, content- and size-checked) and links."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import get_valid_filename

from citypeers.assessments.enums import AssessmentStatus, EvidenceKind, EvidenceVisibility
from citypeers.assessments.models import Assessment, EvidenceItem, Response
from citypeers.assessments.permissions import can_edit_assessment_city
from citypeers.assessments.services.assessments import _check_user

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# Extension → the first bytes a genuine file of that type starts with (None: text, checked below).
EVIDENCE_TYPES: dict[str, tuple[str, bytes | None]] = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        b"PK\x03\x04",
    ),
    ".csv": ("text/csv", None),
    ".txt": ("text/plain", None),
}


def _check_file(upload) -> str:
    """The content type of an allowed upload, or a ValidationError saying what is allowed."""
    allowed = ", ".join(sorted({ext.lstrip(".").upper() for ext in EVIDENCE_TYPES}))
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in EVIDENCE_TYPES:
        raise ValidationError({"file": f"Upload one of these file types: {allowed}."})
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            {
                "file": f"Files may be at most {EVIDENCE_MAX_BYTES // (1024 * 1024)} MB; this one "
                f"is {upload.size / (1024 * 1024):.1f} MB."
            }
        )
    if upload.size == 0:
        raise ValidationError({"file": "The file is empty."})
    content_type, magic = EVIDENCE_TYPES[suffix]
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if magic is not None and not head.startswith(magic):
        raise ValidationError({"file": f"The file's content is not a real {suffix[1:].upper()}."})
    if magic is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            # A multi-byte character may straddle the cut: only reject clear binary content.
            if b"\x00" in head:
                raise ValidationError({"file": "Text files must be plain UTF-8 text."}) from None
    return content_type


@transaction.atomic
def add_evidence(
    *,
    assessment: Assessment,
    criterion_key: str,
    user,
    title: str = "",
    visibility: str = EvidenceVisibility.REVIEWERS,
    url: str = "",
    upload=None,
    requirement_key: str = "",
) -> EvidenceItem:
    """Attach a file (type- and size-checked) or a link to one answer."""
    _check_user(user, can_edit_assessment_city, assessment)
    if assessment.status not in (
        AssessmentStatus.DRAFT,
        AssessmentStatus.SUBMITTED,
        AssessmentStatus.EVIDENCE_REQUESTED,
    ):
        raise ValidationError("Evidence can no longer be added to a validated assessment.")
    spec = assessment.version.spec
    criterion_spec = spec.criteria_by_key.get(criterion_key)
    if criterion_spec is None:
        raise ValidationError(f"'{criterion_key}' is not a criterion of {spec.label}.")
    if requirement_key and requirement_key not in {e.key for e in criterion_spec.evidence}:
        raise ValidationError({"requirement_key": "Unknown evidence requirement."})
    if visibility not in EvidenceVisibility.values:
        raise ValidationError({"visibility": "Choose who may see this evidence."})
    if bool(upload) == bool(url):
        raise ValidationError("Attach either a file or a link (one of the two).")
    criterion = assessment.version.criteria.get(key=criterion_key)
    response, _ = Response.objects.get_or_create(assessment=assessment, criterion=criterion)
    item = EvidenceItem(
        response=response,
        requirement_key=requirement_key,
        visibility=visibility,
        uploaded_by=user,
    )
    if upload:
        item.kind = EvidenceKind.FILE
        item.content_type = _check_file(upload)
        item.size = upload.size
        upload.name = get_valid_filename(Path(upload.name).name)[:120] or "evidence"
        item.title = (title or upload.name).strip()[:200]
        item.file = upload
    else:
        url = url.strip()
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as exc:
            raise ValidationError(
                {"url": "Enter a full web address starting with https://."}
            ) from exc
        item.kind = EvidenceKind.URL
        item.url = url
        item.title = (title or url).strip()[:200]
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def delete_evidence(*, item: EvidenceItem) -> None:
    assessment = item.response.assessment
    if assessment.status == AssessmentStatus.VALIDATED:
        raise ValidationError("Evidence of a validated assessment is kept as the record.")
    if item.file:
        item.file.delete(save=False)
    item.delete()
