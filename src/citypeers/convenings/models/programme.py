"""The programme: sessions delegates propose, votes and reviews on them, the time slots, the
timetable that places accepted sessions in rooms and slots, and each delegate's agenda."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from citypeers.convenings.enums import ProposalStatus, SessionFormat
from citypeers.convenings.models.convening import Convening, Delegate, Room
from citypeers.core.models import TimeStampedModel
from citypeers.core.text import validate_single_line

SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class SessionProposal(TimeStampedModel):
    """A session a delegate or organiser proposes for the convening's programme."""

    # Not a column: set for the API by `api.programme` (the averages only organisers see).
    review_averages: dict | None

    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(max_length=200, validators=[validate_single_line])
    format = models.CharField(max_length=12, choices=SessionFormat.choices)
    challenge_area = models.ForeignKey(
        "knowledge.ChallengeArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="convening_proposals",
    )
    description = models.TextField()
    needs = models.TextField(blank=True, help_text="Equipment, room layout, anything else.")
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="convening_proposals",
    )
    speakers = models.ManyToManyField(Delegate, through="SessionSpeaker", related_name="+")
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    decision_message = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("convenings:proposal", kwargs={"slug": self.convening.slug, "pk": self.pk})


class SessionSpeaker(models.Model):
    """A delegate (of any city) named as a speaker; they confirm they will speak."""

    proposal = models.ForeignKey(
        SessionProposal, on_delete=models.CASCADE, related_name="speaker_rows"
    )
    delegate = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="speaking")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["delegate__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "delegate"], name="one_speaker_row")
        ]

    def __str__(self) -> str:
        return f"{self.delegate_id} on {self.proposal_id}"


class ProposalVote(models.Model):
    proposal = models.ForeignKey(SessionProposal, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "voter"], name="one_vote_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.voter_id} for {self.proposal_id}"


class ProposalReview(TimeStampedModel):
    """An organiser's scores against the named criteria (`enums.REVIEW_CRITERIA`)."""

    proposal = models.ForeignKey(SessionProposal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    relevance = models.PositiveSmallIntegerField(validators=SCORE)
    feasibility = models.PositiveSmallIntegerField(validators=SCORE)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="one_review_per_person"),
            models.CheckConstraint(
                condition=models.Q(relevance__gte=1, relevance__lte=5)
                & models.Q(feasibility__gte=1, feasibility__lte=5),
                name="review_scores_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer_id} on {self.proposal_id}"


class TimeSlot(models.Model):
    """A stretch of the programme in which each room holds one session."""

    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
            models.UniqueConstraint(fields=["convening", "starts_at"], name="one_slot_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} to {self.ends_at:%H:%M}"


class Timetable(models.Model):
    """The convening's timetable as a whole: the last proposal's conflicts, and publication."""

    convening = models.OneToOneField(Convening, on_delete=models.CASCADE, related_name="timetable")
    proposed_at = models.DateTimeField(null=True, blank=True)
    penalty = models.PositiveIntegerField(default=0)
    conflicts = models.JSONField(default=list, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Timetable of {self.convening_id}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Placement(models.Model):
    """An accepted session in one room and slot; `is_manual` ones stay when the engine reruns."""

    proposal = models.OneToOneField(
        SessionProposal, on_delete=models.CASCADE, related_name="placement"
    )
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="placements")
    slot = models.ForeignKey(TimeSlot, on_delete=models.CASCADE, related_name="placements")
    is_manual = models.BooleanField(default=False)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["slot__starts_at", "room__name"]
        constraints = [
            models.UniqueConstraint(fields=["room", "slot"], name="one_session_per_room_and_slot")
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} in {self.room_id} at {self.slot_id}"


class AgendaItem(models.Model):
    """A session a delegate means to attend."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="convening_agenda"
    )
    proposal = models.ForeignKey(
        SessionProposal, on_delete=models.CASCADE, related_name="agenda_items"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "proposal"], name="one_agenda_item_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.proposal_id}"
