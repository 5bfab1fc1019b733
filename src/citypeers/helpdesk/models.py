from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from citypeers.core.models import TimeStampedModel
from citypeers.core.text import validate_single_line
from citypeers.helpdesk.enums import InviteeKind, RequestStatus, RequestVisibility, Urgency


class HelpRequest(TimeStampedModel):
    """“How can we help your city?”: a question a city's member asks the network.

    Status changes are kept by django-simple-history (who, when, why: `core.services.
    attribute_change`); the response times are stored when they happen, so the queue sorts and
    filters on columns."""

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.CASCADE, related_name="help_requests"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(max_length=200, validators=[validate_single_line])
    question = models.TextField()
    area = models.ForeignKey(
        "knowledge.ChallengeArea", on_delete=models.PROTECT, related_name="help_requests"
    )
    criterion = models.ForeignKey(
        "assessments.Criterion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The assessment criterion this request is about, if any.",
    )
    urgency = models.CharField(max_length=8, choices=Urgency.choices, default=Urgency.MEDIUM)
    tried = models.TextField(blank=True, help_text="What the city already tried.")
    visibility = models.CharField(
        max_length=10, choices=RequestVisibility.choices, default=RequestVisibility.NETWORK
    )
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    status_reason = models.CharField(max_length=400, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    first_answer_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    publish_consent = models.BooleanField(default=False)
    linked_solutions = models.ManyToManyField(
        "knowledge.Solution", related_name="help_requests", blank=True
    )
    # Set when published: the asking city, the answering cities and the linked solutions'
    # owners, so each city's profile lists the Q&A with one query.
    involved_cities = models.ManyToManyField(
        "directory.Jurisdiction", related_name="help_qas", blank=True
    )
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    # Not a column: set by `selectors.help_request_for_user` for `permissions.is_invited`.
    invited_user_ids: set[int]

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("helpdesk:request", kwargs={"pk": self.pk})

    def get_qa_url(self) -> str:
        return reverse("helpdesk:qa-entry", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == RequestStatus.PUBLISHED

    @property
    def time_to_first_answer(self) -> timedelta | None:
        return self.first_answer_at - self.created_at if self.first_answer_at else None

    @property
    def time_to_accepted(self) -> timedelta | None:
        return self.accepted_at - self.created_at if self.accepted_at else None


class Invitation(TimeStampedModel):
    """An organiser asked one person to answer, on the platform's suggestion (kept with its
    reasons) or of their own choice."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=InviteeKind.choices)
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="For a peer city: the city the person answers for.",
    )
    reasons = models.JSONField(default=list, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "user"], name="one_invitation_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.request}"


class Answer(TimeStampedModel):
    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The city the author answers for, if any.",
    )
    body = models.TextField()
    is_accepted = models.BooleanField(default=False)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(is_accepted=True),
                name="one_accepted_answer_per_request",
            )
        ]

    def __str__(self) -> str:
        return self.body[:60]
