"""Workshops, their cohorts, experts, sessions, pre-work and captured statements."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from citypeers.core.models import TimeStampedModel
from citypeers.core.text import validate_single_line
from citypeers.workshops.enums import (
    Attribution,
    CohortStatus,
    ContributorRole,
    StatementKind,
    WorkshopFormat,
    WorkshopState,
)


def validate_time_zone(value: str) -> None:
    try:
        ZoneInfo(value)
    except (ValueError, KeyError) as exc:
        raise ValidationError(
            f"“{value}” is not a time zone name such as America/Chicago."
        ) from exc
    except OSError as exc:  # zoneinfo raises OSError-derived errors for odd paths
        raise ValidationError(f"“{value}” is not a time zone name.") from exc


class Workshop(TimeStampedModel):
    """A challenge workshop: a cohort of cities around one challenge area, run in sessions."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200, validators=[validate_single_line])
    area = models.ForeignKey(
        "knowledge.ChallengeArea", on_delete=models.PROTECT, related_name="workshops"
    )
    purpose = models.TextField(help_text="What the cohort should leave with. Markdown.")
    format = models.CharField(
        max_length=12, choices=WorkshopFormat.choices, default=WorkshopFormat.VIRTUAL
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    time_zone = models.CharField(
        max_length=64,
        default="America/New_York",
        validators=[validate_time_zone],
        help_text="Session times are shown in this zone.",
    )
    capacity = models.PositiveSmallIntegerField(
        default=40, help_text="Seats for people across all cities and experts."
    )
    state = models.CharField(
        max_length=14, choices=WorkshopState.choices, default=WorkshopState.PLANNING
    )
    host_organisations = models.ManyToManyField(
        "accounts.Organisation", related_name="hosted_workshops", blank=True
    )
    # What the organiser asks of the cohort; the optimiser reads these.
    cohort_min = models.PositiveSmallIntegerField(default=6)
    cohort_max = models.PositiveSmallIntegerField(default=10)
    max_per_state = models.PositiveSmallIntegerField(null=True, blank=True)
    max_per_region = models.PositiveSmallIntegerField(null=True, blank=True)
    max_per_size_band = models.PositiveSmallIntegerField(null=True, blank=True)
    require_exchange = models.BooleanField(
        default=True,
        help_text="Every proposed city must have something to teach and to learn in the cohort.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(default=False)
    # Bumped by every edit of the details; an edit made from an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="workshop_dates_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(cohort_max__gte=models.F("cohort_min")),
                name="workshop_cohort_bounds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workshops:detail", kwargs={"slug": self.slug})


class WorkshopStateChange(models.Model):
    """One move in a workshop's life, kept as its history."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=14, choices=WorkshopState.choices, blank=True)
    to_state = models.CharField(max_length=14, choices=WorkshopState.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.workshop_id}: {self.from_state or 'new'} → {self.to_state}"


class CohortRun(models.Model):
    """One run of the cohort optimiser: how it was solved and how good the answer is."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="cohort_runs")
    method = models.CharField(max_length=12)  # "exact" or "heuristic"
    status = models.CharField(max_length=20)  # "optimal", "feasible", "infeasible"
    candidate_count = models.PositiveIntegerField()
    chosen_count = models.PositiveIntegerField()
    objective = models.FloatField(null=True, blank=True)
    bound = models.FloatField(null=True, blank=True)
    seconds = models.FloatField()
    message = models.CharField(max_length=400, blank=True)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.method} run for workshop {self.workshop_id}: {self.status}"

    @property
    def gap_percent(self) -> float | None:
        if self.objective is None or not self.bound:
            return None
        return max(0.0, 100.0 * (self.bound - self.objective) / self.bound)


class CohortMember(TimeStampedModel):
    """A city in (or once proposed for) a workshop's cohort, with why it was chosen."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="cohort")
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.CASCADE, related_name="workshop_cohorts"
    )
    status = models.CharField(
        max_length=10, choices=CohortStatus.choices, default=CohortStatus.PROPOSED
    )
    locked = models.BooleanField(
        default=False, help_text="Kept in the cohort whatever the optimiser says."
    )
    added_by_organiser = models.BooleanField(default=False)
    # {"teaches": [{"city", "slug", "areas", "solutions"}], "learns": [...], "approaches": [...],
    #  "unique_approaches": [...]} written by the optimiser's explanation; plain data for pages/API.
    reasons = models.JSONField(default=dict, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["jurisdiction__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "jurisdiction"], name="one_cohort_row_per_city"
            )
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} in {self.workshop} ({self.status})"


class Session(TimeStampedModel):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200, validators=[validate_single_line])
    agenda = models.TextField(blank=True, help_text="Markdown: the running order.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=300, blank=True, validators=[validate_single_line])
    video_url = models.URLField(blank=True)
    # Set once by `services.sessions.cancel_session`; a cancelled session stays listed, marked.
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancellation_reason = models.CharField(
        max_length=400, blank=True, validators=[validate_single_line]
    )
    # Bumped by every edit; an edit made from an older version is refused (no lost update).
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workshops:session", kwargs={"slug": self.workshop.slug, "pk": self.pk})

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class Contributor(TimeStampedModel):
    """A speaker, partner, advisory-board expert or note-taker in a workshop."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="contributors")
    role = models.CharField(max_length=12, choices=ContributorRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="workshop_roles",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="workshop_roles",
    )
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="contributors"
    )
    topic = models.CharField(max_length=200, blank=True, help_text="What they speak or advise on.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | models.Q(organisation__isnull=False),
                name="contributor_is_someone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user or self.organisation} ({self.get_role_display()})"


class PreWork(TimeStampedModel):
    """A participating city's short structured brief before the sessions."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="prework")
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.CASCADE, related_name="workshop_prework"
    )
    challenge = models.TextField(help_text="The challenge in your city, in a few sentences.")
    tried = models.TextField(help_text="What you have tried so far.")
    worked = models.TextField(blank=True, help_text="What worked, with numbers if you have them.")
    barriers = models.TextField(blank=True, help_text="What got in the way.")
    attribution = models.CharField(
        max_length=12, choices=Attribution.choices, default=Attribution.CITY_ONLY
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Bumped by every edit; an edit made from an older version is refused (no lost update).
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["jurisdiction__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "jurisdiction"], name="one_prework_per_city"
            )
        ]


class Statement(TimeStampedModel):
    """One captured point from a session, credited only as its speaker consented."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(max_length=10, choices=StatementKind.choices)
    text = models.TextField()
    speaker_name = models.CharField(max_length=200, blank=True)
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_statements",
    )
    attribution = models.CharField(
        max_length=12, choices=Attribution.choices, default=Attribution.UNATTRIBUTED
    )
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def credit(self) -> str:
        """The attribution line, as consented. Always use this rather than the raw fields."""
        city = str(self.jurisdiction) if self.jurisdiction_id else ""
        if self.attribution == Attribution.NAMED and self.speaker_name:
            return f"{self.speaker_name}, {city}" if city else self.speaker_name
        if self.attribution in (Attribution.NAMED, Attribution.CITY_ONLY) and city:
            return city
        return "A participant"
