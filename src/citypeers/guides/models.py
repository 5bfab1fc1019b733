"""Peer-written resource guides: a consortium writes chapters and sections together; every save
is a revision; an edition freezes the text for review and, once approved, for publication."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from citypeers.core.files import display_name, unguessable_name
from citypeers.core.models import TimeStampedModel
from citypeers.core.text import validate_single_line
from citypeers.guides.enums import (
    BlockKind,
    EditionStatus,
    MemberRole,
    MemberStatus,
    ReviewDecision,
)


class Guide(TimeStampedModel):
    slug = models.SlugField(max_length=140, unique=True)
    title = models.CharField(max_length=200, validators=[validate_single_line])
    purpose = models.TextField(help_text="Why the guide exists and what a reader will get.")
    audience = models.CharField(max_length=300, help_text="Who the guide is written for.")
    area = models.ForeignKey(
        "knowledge.ChallengeArea", on_delete=models.PROTECT, related_name="guides"
    )
    criteria_keys = models.JSONField(
        default=list, blank=True, help_text="Assessment criteria (roadmap steps) it addresses."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    required_approvals = models.PositiveSmallIntegerField(default=2)
    outside_approval_required = models.BooleanField(default=True)
    # The latest published edition, so list pages and profiles need no subquery.
    current_edition = models.ForeignKey(
        "Edition", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guides:guide", kwargs={"slug": self.slug})


class GuideMember(TimeStampedModel):
    """A person in the guide's consortium, for a city or a partner organisation."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guide_memberships"
    )
    role = models.CharField(max_length=10, choices=MemberRole.choices)
    status = models.CharField(
        max_length=10, choices=MemberStatus.choices, default=MemberStatus.INVITED
    )
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guide_memberships",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guide_memberships",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["guide", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "user"], name="one_guide_member_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) on {self.guide}"

    @property
    def affiliation(self) -> str:
        if self.jurisdiction_id:
            return f"{self.jurisdiction.name}, {self.jurisdiction.state}"
        return self.organisation.name if self.organisation_id else ""


class Chapter(TimeStampedModel):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="chapters")
    title = models.CharField(max_length=200, validators=[validate_single_line])
    order = models.PositiveSmallIntegerField(default=0)
    lead_city = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["guide", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Section(TimeStampedModel):
    """A unit two authors may edit at once: each has its own version and revisions."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=200, validators=[validate_single_line])
    body = models.TextField(blank=True, help_text="Markdown.")
    order = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["chapter", "order", "pk"]

    def __str__(self) -> str:
        return self.title


def guide_file_path(instance, filename: str) -> str:
    return unguessable_name(f"guides/{instance.guide_id}", filename)


class GuideFile(TimeStampedModel):
    """A file a resource block offers. Kept when the block is removed, since a published
    edition may still offer it; served only by `guides:file`, to those who may read a draft or
    an edition that cites it."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=guide_file_path, max_length=300)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0, help_text="Bytes")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return display_name(self.file)

    @property
    def name(self) -> str:
        return display_name(self.file)


class Block(TimeStampedModel):
    """A structured element a reader can act on, after the section's text."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="blocks")
    kind = models.CharField(max_length=12, choices=BlockKind.choices)
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200, blank=True, validators=[validate_single_line])
    # A deleted solution or insight leaves the block in place, shown as no longer available.
    solution = models.ForeignKey(
        "knowledge.Solution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guide_blocks",
    )
    insight = models.ForeignKey(
        "workshops.Insight",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guide_blocks",
    )
    items = models.JSONField(default=list, blank=True, help_text="Checklist items, in order.")
    url = models.URLField(blank=True)
    attachment = models.ForeignKey(
        GuideFile, on_delete=models.SET_NULL, null=True, blank=True, related_name="blocks"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["section", "order", "pk"]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class Revision(models.Model):
    """One save of a section: what it said after the save, who saved it, what changed."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    summary = models.CharField(max_length=300, blank=True)
    merged = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["section", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="one_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.section} r{self.number}"


class Edition(TimeStampedModel):
    """A frozen, numbered copy of the guide (1.0, 1.1, 2.0) for review and publication.

    `content` holds the chapters, sections and blocks as they were when the edition was cut,
    so the working draft goes on without touching it."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="editions")
    major = models.PositiveSmallIntegerField()
    minor = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=10, choices=EditionStatus.choices, default=EditionStatus.IN_REVIEW
    )
    release_notes = models.TextField()
    content = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    cited_solutions = models.ManyToManyField(
        "knowledge.Solution", related_name="guide_editions", blank=True
    )

    class Meta:
        ordering = ["guide", "-major", "-minor"]
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "major", "minor"], name="one_guide_edition_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.guide} {self.number}"

    @property
    def number(self) -> str:
        return f"{self.major}.{self.minor}"

    def get_absolute_url(self) -> str:
        return reverse("guides:edition", kwargs={"slug": self.guide.slug, "number": self.number})


class ReviewRequest(TimeStampedModel):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guide_reviews"
    )
    affiliation = models.CharField(max_length=200, blank=True)
    outside_consortium = models.BooleanField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision = models.CharField(
        max_length=20, choices=ReviewDecision.choices, default=ReviewDecision.PENDING
    )
    note = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["edition", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "reviewer"], name="one_review_per_reviewer")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} on {self.edition}"


class ReviewComment(TimeStampedModel):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="comments")
    section_id_in_edition = models.PositiveIntegerField(
        null=True, blank=True, help_text="The section the comment is about (its id when cut)."
    )
    section_title = models.CharField(max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField()
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=400, blank=True)

    class Meta:
        ordering = ["edition", "pk"]

    def __str__(self) -> str:
        return self.body[:60]
