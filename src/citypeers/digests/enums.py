from django.db import models


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every two weeks"
    MONTHLY = "monthly", "Every month"
    NEVER = "never", "Never"


class DeliveryStatus(models.TextChoices):
    """queued (claimed, not yet sent) → sent, or empty (nothing relevant: no email), or failed
    (the mail server refused; retried by the next scheduler run, up to a limit)."""

    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    EMPTY = "empty", "Nothing relevant, not sent"
    FAILED = "failed", "Failed"


# A member who never chose gets the weekly digest.
DEFAULT_FREQUENCY = Frequency.WEEKLY
# Statuses that end a delivery: a job that finds one of these does nothing.
FINAL_STATUSES = (DeliveryStatus.SENT, DeliveryStatus.EMPTY)
