from django.db import models

from citypeers.core.enums import PublicationStatus


class TimeStampedModel(models.Model):
    """Every CityPeers table records when a row was made and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class PublishableModel(TimeStampedModel):
    """Content with a draft/published state and a demo-content label.

    Demo rows are written by `citypeers demo load` and carry `is_demo=True`, so pages and the API
    can mark them as demo content.
    """

    status = models.CharField(
        max_length=16, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED


class ScheduledRun(models.Model):
    """When the scheduler last ran each periodic job (`core.schedule`)."""

    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField()
    runs = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.name} at {self.last_run_at:%Y-%m-%d %H:%M}"
