from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from citypeers.coalitions.enums import (
    CostKind,
    FinancialModel,
    ReplicationStage,
    ReplicationVisibility,
)
from citypeers.core.models import TimeStampedModel


class BarrierKind(models.Model):
    """One entry of the barrier taxonomy (procurement, funding, data sharing, …)."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Replication(TimeStampedModel):
    """A city replicating another city's solution: the ledger row that links them."""

    solution = models.ForeignKey(
        "knowledge.Solution", on_delete=models.CASCADE, related_name="replications"
    )
    adopter = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.CASCADE, related_name="replications"
    )
    stage = models.CharField(
        max_length=12, choices=ReplicationStage.choices, default=ReplicationStage.CONSIDERING
    )
    stage_reason = models.CharField(max_length=400, blank=True)
    stage_changed_on = models.DateField()
    adapted = models.TextField(blank=True, help_text="What was changed to fit this city.")
    financial_model = models.CharField(
        max_length=24, choices=FinancialModel.choices, blank=True, default=FinancialModel.UNKNOWN
    )
    partners = models.ManyToManyField(
        "accounts.Organisation", related_name="partner_in_replications", blank=True
    )
    prompted_by_insight = models.ForeignKey(
        "workshops.Insight",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replications",
    )
    prompted_by_workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replications",
    )
    prompted_by_note = models.CharField(max_length=400, blank=True)
    visibility = models.CharField(
        max_length=8,
        choices=ReplicationVisibility.choices,
        default=ReplicationVisibility.NETWORK,
    )
    is_demo = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["solution", "adopter"], name="one_replication_per_city_and_solution"
            )
        ]

    def __str__(self) -> str:
        return f"{self.adopter} replicating {self.solution}"

    def get_absolute_url(self) -> str:
        return reverse("coalitions:replication", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.visibility == ReplicationVisibility.PUBLIC


class StageChange(models.Model):
    """One transition of a replication's stage: when, by whom, why. Never edited."""

    replication = models.ForeignKey(
        Replication, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=12, choices=ReplicationStage.choices, blank=True)
    to_stage = models.CharField(max_length=12, choices=ReplicationStage.choices)
    reason = models.CharField(max_length=400, blank=True)
    changed_on = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["changed_on", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_stage or '—'} → {self.to_stage}"


class ReplicationBarrier(models.Model):
    replication = models.ForeignKey(Replication, on_delete=models.CASCADE, related_name="barriers")
    kind = models.ForeignKey(BarrierKind, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind__order"]
        constraints = [
            models.UniqueConstraint(fields=["replication", "kind"], name="one_barrier_kind_each")
        ]

    def __str__(self) -> str:
        return str(self.kind)


class ReplicationCost(models.Model):
    replication = models.ForeignKey(Replication, on_delete=models.CASCADE, related_name="costs")
    kind = models.CharField(max_length=10, choices=CostKind.choices)
    amount = models.DecimalField(max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    currency = models.CharField(max_length=3, default="USD")
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    note = models.CharField(max_length=400, blank=True, help_text="What it paid for; the source.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "year"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.amount} {self.currency} ({self.year})"


class ReplicationOutcome(models.Model):
    """A result measured with one of the origin solution's metrics (same name, same unit, or
    a note on why the unit differs)."""

    replication = models.ForeignKey(Replication, on_delete=models.CASCADE, related_name="outcomes")
    metric = models.CharField(max_length=200)
    baseline = models.FloatField(null=True, blank=True)
    value = models.FloatField()
    unit = models.CharField(max_length=40, blank=True)
    unit_note = models.CharField(max_length=400, blank=True)
    measured_on = models.DateField(null=True, blank=True)
    source_note = models.CharField(max_length=400, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["metric"]

    def __str__(self) -> str:
        return self.metric

    @property
    def change(self) -> float | None:
        return None if self.baseline is None else self.value - self.baseline


class ReplicationQuestion(TimeStampedModel):
    """A question on the record, answered by the origin city (a simple Q&A thread)."""

    replication = models.ForeignKey(Replication, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField()
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class NotificationSent(models.Model):
    """That an email about a replication went out (so it is never sent twice)."""

    replication = models.ForeignKey(
        Replication, on_delete=models.CASCADE, related_name="notifications"
    )
    key = models.CharField(max_length=60)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["replication", "key"], name="one_notification_each")
        ]

    def __str__(self) -> str:
        return f"{self.key} · {self.sent_at:%Y-%m-%d}"
