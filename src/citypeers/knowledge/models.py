from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from citypeers.core.files import unguessable_name
from citypeers.core.models import PublishableModel, TimeStampedModel
from citypeers.knowledge.enums import CostBand, EvidenceLevel, Priority, SolutionStatus


class ChallengeArea(models.Model):
    """A node of the two-level challenge taxonomy (area → sub-area)."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    # Not columns: set for display by `selectors.challenge_area_tree`.
    subareas: list["ChallengeArea"]
    statement_count: int
    solution_count: int

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def top_level(self) -> "ChallengeArea":
        return self.parent or self


class ChallengeStatement(PublishableModel):
    """What a city says it faces: one challenge area, a priority and a narrative."""

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.CASCADE, related_name="challenge_statements"
    )
    area = models.ForeignKey(ChallengeArea, on_delete=models.PROTECT, related_name="statements")
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.MEDIUM)
    narrative = models.TextField()
    source_note = models.CharField(
        max_length=400, blank=True, help_text="Where a stated fact comes from (title, URL, year)"
    )
    # Bumped by every update; an edit made from an older version is refused (no lost updates).
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["jurisdiction", "area__order", "-priority"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "area"], name="one_statement_per_city_and_area"
            )
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction}: {self.area}"


class Solution(PublishableModel):
    """A structured account of something a city tried, for others to learn from."""

    slug = models.SlugField(max_length=140, unique=True)
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.CASCADE, related_name="solutions"
    )
    challenges = models.ManyToManyField(ChallengeArea, related_name="solutions")
    problem = models.TextField()
    approach = models.TextField()
    partners = models.ManyToManyField(
        "accounts.Organisation", related_name="partner_in_solutions", blank=True
    )
    cost_band = models.CharField(max_length=12, choices=CostBand.choices, default=CostBand.UNKNOWN)
    started_on = models.DateField(null=True, blank=True)
    solution_status = models.CharField(
        max_length=16, choices=SolutionStatus.choices, default=SolutionStatus.PLANNED
    )
    evidence_level = models.CharField(
        max_length=12, choices=EvidenceLevel.choices, default=EvidenceLevel.ANECDOTAL
    )
    source_note = models.CharField(max_length=400, blank=True)
    # Bumped by every update; an edit made from an older version is refused (no lost updates).
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    # Not a column: set for display by the city profile's solution cards.
    challenge_names: list[str]

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:solution", kwargs={"slug": self.slug})


class SolutionOutcome(TimeStampedModel):
    """A measured result: a metric with its baseline and latest value."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="outcomes")
    name = models.CharField(max_length=200)
    baseline = models.FloatField(null=True, blank=True)
    value = models.FloatField()
    unit = models.CharField(max_length=40, blank=True)
    measured_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def change(self) -> float | None:
        return None if self.baseline is None else self.value - self.baseline


class SolutionLink(models.Model):
    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(max_length=200)
    url = models.URLField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


def attachment_path(instance, filename: str) -> str:
    return unguessable_name(f"solutions/{timezone.now().year}", filename)


class SolutionAttachment(TimeStampedModel):
    """A file attached to a solution; type and size are checked on upload (see validators)."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=attachment_path, max_length=300)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0, help_text="Bytes")
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
