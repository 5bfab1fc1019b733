"""1:1 networking: what each delegate wants to learn and can offer, the organisers' plan (how
many slots and tables) and the meetings `engine/networking.py` proposes."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from citypeers.convenings.enums import MeetingStatus
from citypeers.convenings.models.convening import Convening, Delegate
from citypeers.core.models import TimeStampedModel


class NetworkingProfile(TimeStampedModel):
    """A delegate's networking preferences: challenge areas to learn about and to offer."""

    delegate = models.OneToOneField(
        Delegate, on_delete=models.CASCADE, related_name="networking_profile"
    )
    wants = models.ManyToManyField("knowledge.ChallengeArea", related_name="+", blank=True)
    offers = models.ManyToManyField("knowledge.ChallengeArea", related_name="+", blank=True)

    def __str__(self) -> str:
        return f"Networking preferences of {self.delegate}"


class NetworkingPlan(models.Model):
    """How many networking slots and tables a convening has, and when meetings were proposed."""

    convening = models.OneToOneField(
        Convening, on_delete=models.CASCADE, related_name="networking_plan"
    )
    slots = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    tables = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Networking plan of {self.convening}"


class Meeting(models.Model):
    """A 1:1 meeting between two delegates of different cities, proposed by the scheduler or
    requested by one of them, with why; each side accepts or declines."""

    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="meetings")
    delegate_a = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="+")
    delegate_b = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="+")
    slot = models.PositiveSmallIntegerField(help_text="Networking slot, counted from 1.")
    table = models.PositiveSmallIntegerField(help_text="Table, counted from 1.")
    interest = models.PositiveIntegerField(default=0)
    reason = models.TextField()
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PROPOSED
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set when a delegate asked for this meeting (delegate_a) rather than the scheduler
    # proposing it; only the other side accepts, either side may decline.
    requested_by = models.ForeignKey(
        Delegate, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["slot", "table", "pk"]
        indexes = [models.Index(fields=["convening", "slot"])]

    def __str__(self) -> str:
        return f"Slot {self.slot}, table {self.table}: {self.delegate_a} and {self.delegate_b}"
