from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from citypeers.assessments.engine.loader import parse
from citypeers.assessments.engine.spec import FrameworkVersionSpec
from citypeers.assessments.enums import (
    AssessmentStatus,
    ConversationStatus,
    EvidenceKind,
    EvidenceVisibility,
    ResourceKind,
    ResultKind,
    ResultSharing,
)
from citypeers.core.files import unguessable_name
from citypeers.core.models import TimeStampedModel

# Parsed specs keyed by the definition's SHA-256: a version's definition never changes once
# assessments use it, so the cache never goes stale.
_SPECS: dict[str, FrameworkVersionSpec] = {}


class Framework(TimeStampedModel):
    """A family of assessment versions, e.g. "City Data Practices"."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    publisher = models.CharField(max_length=200, blank=True)
    licence = models.CharField(max_length=60, blank=True)
    about = models.TextField(blank=True, help_text="Markdown")
    modelled_on_name = models.CharField(max_length=200, blank=True)
    modelled_on_url = models.URLField(blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class FrameworkVersion(TimeStampedModel):
    """One published version. Assessments pin a version; its definition is then frozen."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(max_length=20)
    status = models.CharField(max_length=20, default="published")
    released_on = models.CharField(max_length=10, blank=True)
    population_at_least = models.PositiveIntegerField(null=True, blank=True)
    definition = models.JSONField(help_text="The validated YAML, as data")
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["framework__title", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "version"], name="one_framework_version")
        ]

    def __str__(self) -> str:
        return f"{self.framework.title} {self.version}"

    @property
    def spec(self) -> FrameworkVersionSpec:
        if self.sha256 not in _SPECS:
            _SPECS[self.sha256] = parse(self.definition)
        return _SPECS[self.sha256]

    def get_absolute_url(self) -> str:
        return reverse(
            "assessments:framework",
            kwargs={"slug": self.framework.slug, "version": self.version},
        )


class PracticeArea(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="areas")
    key = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="one_area_key_per_version")
        ]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    """A row per criterion so answers, resources and requests can point at it."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="criteria")
    area = models.ForeignKey(PracticeArea, on_delete=models.CASCADE, related_name="criteria")
    key = models.SlugField(max_length=80)
    title = models.CharField(max_length=300)
    type = models.CharField(max_length=10)
    effort = models.CharField(max_length=10)
    order = models.PositiveSmallIntegerField(default=0)
    crosswalk = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="one_criterion_key_per_version")
        ]

    def __str__(self) -> str:
        return self.title


class Reviewer(TimeStampedModel):
    """A person the network trusts to validate assessments (besides organisers and admins)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_reviewer"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return str(self.user)


class Assessment(TimeStampedModel):
    """One city's assessment for one cycle (year) of one framework version."""

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.CASCADE, related_name="assessments"
    )
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    cycle = models.PositiveSmallIntegerField(help_text="The year this assessment describes")
    status = models.CharField(
        max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    sharing = models.CharField(
        max_length=10, choices=ResultSharing.choices, default=ResultSharing.PRIVATE
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_summary = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-cycle", "jurisdiction__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "version", "cycle"], name="one_assessment_per_cycle"
            )
        ]
        indexes = [models.Index(fields=["version", "status", "sharing"])]

    def __str__(self) -> str:
        return f"{self.jurisdiction} · {self.version} · {self.cycle}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status in (AssessmentStatus.DRAFT, AssessmentStatus.EVIDENCE_REQUESTED)

    @property
    def is_finished(self) -> bool:
        return self.status != AssessmentStatus.DRAFT


class Response(TimeStampedModel):
    """The city's answer to one criterion, and the reviewer's rating of it."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="responses")
    met = models.BooleanField(null=True, blank=True)
    checklist = models.JSONField(default=list, blank=True)
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    notes = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Bumped by every change of the city's answer; an answer saved from an older version is
    # refused (no lost updates). A page that showed no answer yet sends 0.
    version = models.PositiveIntegerField(default=1, editable=False)
    # The reviewer's rating: the same kind of answer, plus a comment and an evidence request.
    review_met = models.BooleanField(null=True, blank=True)
    review_checklist = models.JSONField(default=list, blank=True)
    review_level = models.PositiveSmallIntegerField(null=True, blank=True)
    review_value = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    review_comment = models.TextField(blank=True)
    evidence_requested = models.BooleanField(default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="one_response_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.criterion.key}"


def evidence_path(instance, filename: str) -> str:
    return unguessable_name(f"assessments/evidence/{instance.response.assessment_id}", filename)


class EvidenceItem(TimeStampedModel):
    """A file or link supporting one answer, with its own visibility."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="evidence")
    requirement_key = models.SlugField(max_length=80, blank=True)
    kind = models.CharField(max_length=4, choices=EvidenceKind.choices)
    file = models.FileField(upload_to=evidence_path, blank=True, max_length=300)
    url = models.URLField(blank=True, max_length=500)
    title = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    visibility = models.CharField(
        max_length=10, choices=EvidenceVisibility.choices, default=EvidenceVisibility.REVIEWERS
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="file") & ~models.Q(file=""))
                | (models.Q(kind="url") & ~models.Q(url="")),
                name="evidence_has_file_or_url",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Result(TimeStampedModel):
    """A computed score, stored for history and benchmarks; self and validated kept apart."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="results")
    kind = models.CharField(max_length=10, choices=ResultKind.choices)
    points = models.DecimalField(max_digits=8, decimal_places=2)
    max_points = models.DecimalField(max_digits=8, decimal_places=2)
    percent = models.DecimalField(max_digits=5, decimal_places=1)
    level_key = models.CharField(max_length=40, blank=True)
    level_title = models.CharField(max_length=80, blank=True)
    data = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "kind"], name="one_result_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.assessment} ({self.kind}): {self.percent} %"


class Certification(TimeStampedModel):
    """A level granted from a validated assessment. Shown on the city's profile."""

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.CASCADE, related_name="certifications"
    )
    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="certification"
    )
    framework_title = models.CharField(max_length=200)
    version_label = models.CharField(max_length=20)
    cycle = models.PositiveSmallIntegerField()
    level_key = models.CharField(max_length=40)
    level_title = models.CharField(max_length=80)
    granted_at = models.DateTimeField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    show_on_profile = models.BooleanField(
        default=True, help_text="Show the level on the public profile (members always see it)"
    )
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-cycle", "-granted_at"]

    def __str__(self) -> str:
        return f"{self.jurisdiction}: {self.level_title} ({self.cycle})"


class Resource(TimeStampedModel):
    """A guide, template or course tagged with the criteria it helps a city meet."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=ResourceKind.choices, default=ResourceKind.GUIDE)
    summary = models.TextField(blank=True)
    url = models.URLField(blank=True)
    source_note = models.CharField(max_length=300, blank=True)
    criteria = models.ManyToManyField(Criterion, related_name="resources", blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class ConversationRequest(TimeStampedModel):
    """One city asking a peer that meets a criterion for a conversation about it."""

    from_jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.CASCADE, related_name="+"
    )
    to_jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.CASCADE, related_name="conversation_requests"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(max_length=2000, blank=True)
    status = models.CharField(
        max_length=10, choices=ConversationStatus.choices, default=ConversationStatus.SENT
    )
    notified = models.PositiveSmallIntegerField(default=0, help_text="Admins emailed")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_jurisdiction", "to_jurisdiction", "criterion"],
                name="one_request_per_peer_and_criterion",
            ),
            models.CheckConstraint(
                condition=~models.Q(from_jurisdiction=models.F("to_jurisdiction")),
                name="no_request_to_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_jurisdiction} → {self.to_jurisdiction}: {self.criterion.key}"
