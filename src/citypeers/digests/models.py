from django.conf import settings
from django.db import models

from citypeers.core.models import TimeStampedModel
from citypeers.digests.enums import DEFAULT_FREQUENCY, DeliveryStatus, Frequency


class DigestPreference(TimeStampedModel):
    """How often one person hears about one of their cities. No row: weekly."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preferences"
    )
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.CASCADE, related_name="+"
    )
    frequency = models.CharField(
        max_length=12, choices=Frequency.choices, default=DEFAULT_FREQUENCY
    )

    class Meta:
        ordering = ["user", "jurisdiction"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "jurisdiction"], name="one_digest_preference_per_city"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.jurisdiction_id}={self.frequency}"


class DigestDelivery(TimeStampedModel):
    """The record of one digest for one person and city over one period (`period`, e.g.
    "weekly:2026-11-30"). The unique constraint is what makes a retried or resumed job send at
    most once: the job claims this row before it builds anything."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_deliveries"
    )
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.CASCADE, related_name="+"
    )
    period = models.CharField(max_length=40)
    covers_from = models.DateTimeField()
    covers_to = models.DateTimeField()
    status = models.CharField(
        max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    item_count = models.PositiveSmallIntegerField(default=0)
    kinds = models.JSONField(default=list, blank=True, help_text="Item kinds sent, in order.")
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=400, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The first time the recipient followed a link of this digest (no pixel: links only).
    opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "jurisdiction", "period"], name="one_digest_per_person_city_period"
            )
        ]
        indexes = [models.Index(fields=["period", "status"])]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.jurisdiction_id}:{self.period}={self.status}"
