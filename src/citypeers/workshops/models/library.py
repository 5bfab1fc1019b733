"""What outlives a workshop: insights; and how-to webinars with their registrations."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from citypeers.core.models import TimeStampedModel
from citypeers.core.text import validate_single_line
from citypeers.knowledge.enums import CostBand
from citypeers.workshops.enums import (
    Effort,
    InsightAudience,
    InsightState,
    RegistrationStatus,
    WebinarStatus,
)
from citypeers.workshops.models.workshops import PreWork, Workshop, validate_time_zone


class Insight(TimeStampedModel):
    """A structured, actionable lesson synthesised from a workshop (or written by organisers)."""

    slug = models.SlugField(max_length=140, unique=True)
    title = models.CharField(max_length=200, validators=[validate_single_line])
    workshop = models.ForeignKey(
        Workshop, on_delete=models.SET_NULL, null=True, blank=True, related_name="insights"
    )
    area = models.ForeignKey(
        "knowledge.ChallengeArea", on_delete=models.PROTECT, related_name="insights"
    )
    challenge = models.TextField(help_text="The challenge this insight answers.")
    steps = models.JSONField(default=list, help_text="Recommended actions, in order.")
    preconditions = models.TextField(blank=True)
    cost_band = models.CharField(max_length=12, choices=CostBand.choices, default=CostBand.UNKNOWN)
    effort = models.CharField(max_length=8, choices=Effort.choices, default=Effort.MEDIUM)
    metrics = models.JSONField(default=list, blank=True, help_text="Metrics to track.")
    criteria_codes = models.JSONField(
        default=list, blank=True, help_text="Related assessment criteria, by code."
    )
    tags = models.JSONField(default=list, blank=True)
    evidence_note = models.TextField(blank=True)
    evidence_cities = models.ManyToManyField(
        "directory.Jurisdiction", related_name="insights", blank=True
    )
    evidence_solutions = models.ManyToManyField(
        "knowledge.Solution", related_name="insights", blank=True
    )
    evidence_prework = models.ManyToManyField(PreWork, related_name="insights", blank=True)
    state = models.CharField(
        max_length=10, choices=InsightState.choices, default=InsightState.DRAFT
    )
    audience = models.CharField(
        max_length=8, choices=InsightAudience.choices, default=InsightAudience.MEMBERS
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(default=False)
    # Bumped by every edit; an edit made from an older version is refused (no lost updates).
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-updated_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workshops:insight", kwargs={"slug": self.slug})


class Webinar(TimeStampedModel):
    """A how-to webinar with limited seats, a waitlist and recordings afterwards."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200, validators=[validate_single_line])
    description = models.TextField(help_text="Markdown.")
    area = models.ForeignKey(
        "knowledge.ChallengeArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="webinars",
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(
        max_length=64, default="America/New_York", validators=[validate_time_zone]
    )
    capacity = models.PositiveIntegerField(default=100)
    video_url = models.URLField(blank=True, help_text="Shown to confirmed registrants only.")
    co_hosts = models.ManyToManyField("accounts.Organisation", related_name="webinars", blank=True)
    status = models.CharField(
        max_length=10, choices=WebinarStatus.choices, default=WebinarStatus.DRAFT
    )
    recording_url = models.URLField(blank=True)
    materials = models.TextField(blank=True, help_text="Markdown: slides, links, handouts.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(default=False)
    # Incremented on every change so calendar clients replace their copy (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    # Bumped by every edit of the details; an edit made from an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="webinar_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workshops:webinar", kwargs={"slug": self.slug})


class Registration(TimeStampedModel):
    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webinar_registrations"
    )
    status = models.CharField(max_length=10, choices=RegistrationStatus.choices)
    attended = models.BooleanField(default=False)
    # The waitlist is served in this order; re-registering after a cancellation rejoins the back.
    queued_at = models.DateTimeField(default=timezone.now)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["webinar", "user"], name="one_registration_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.webinar} ({self.status})"
