"""Convenings, their rooms, invited cities' delegations and the people in them."""

from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from citypeers.accounts.enums import PartnerType
from citypeers.convenings.engine.composition import RULE_LABELS, RULE_ORDER
from citypeers.convenings.enums import (
    CommitmentStatus,
    ConveningState,
    DelegateKind,
    DelegationStatus,
    TourSignupStatus,
)
from citypeers.core.models import TimeStampedModel

DEFAULT_PARTNER_TYPES = [
    PartnerType.FOUNDATION.value,
    PartnerType.ANCHOR_INSTITUTION.value,
    PartnerType.CHAMBER_OF_COMMERCE.value,
]


def default_partner_types() -> list[str]:
    return list(DEFAULT_PARTNER_TYPES)


def validate_time_zone(value: str) -> None:
    try:
        ZoneInfo(value)
    except (ValueError, KeyError, OSError) as exc:
        raise ValidationError(
            f"“{value}” is not a time zone name such as America/Chicago."
        ) from exc


def validate_partner_types(value) -> None:
    if not isinstance(value, list) or any(v not in PartnerType.values for v in value):
        raise ValidationError(
            f"Partner types must be a list from: {', '.join(PartnerType.values)}."
        )


class Convening(TimeStampedModel):
    """An in-person gathering of city delegations, hosted by one city."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    host = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.PROTECT, related_name="hosted_convenings"
    )
    summary = models.TextField(blank=True, help_text="What the convening is for. Markdown.")
    starts_on = models.DateField()
    ends_on = models.DateField()
    time_zone = models.CharField(
        max_length=64, default="America/New_York", validators=[validate_time_zone]
    )
    registration_opens_on = models.DateField()
    delegation_deadline = models.DateField(
        help_text="Last day cities may change their delegation without an exception."
    )
    state = models.CharField(
        max_length=12, choices=ConveningState.choices, default=ConveningState.DRAFT
    )
    # Delegation rules, as data: the composition engine reads these.
    delegation_size = models.PositiveSmallIntegerField(default=3)
    min_senior_officials = models.PositiveSmallIntegerField(default=2)
    min_partners = models.PositiveSmallIntegerField(default=1)
    partner_types = models.JSONField(
        default=default_partner_types, validators=[validate_partner_types]
    )
    max_substitutes = models.PositiveSmallIntegerField(default=2)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="convening_dates_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(delegation_deadline__gte=models.F("registration_opens_on")),
                name="convening_registration_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("convenings:detail", kwargs={"slug": self.slug})


class ConveningStateChange(models.Model):
    """One move in a convening's life."""

    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=12, choices=ConveningState.choices, blank=True)
    to_state = models.CharField(max_length=12, choices=ConveningState.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.convening_id}: {self.from_state or 'new'} → {self.to_state}"


class Room(models.Model):
    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=120)
    capacity = models.PositiveIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["convening", "name"], name="one_room_name_per_convening"
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="room_has_seats"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.capacity})"


class Delegation(TimeStampedModel):
    """An invited city's team for one convening."""

    # Not columns: set for display by `selectors.delegations_overview`.
    checks: list[Any]
    missing: list[Any]

    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="delegations")
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.CASCADE, related_name="convening_delegations"
    )
    status = models.CharField(
        max_length=10, choices=DelegationStatus.choices, default=DelegationStatus.INVITED
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["jurisdiction__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["convening", "jurisdiction"], name="one_delegation_per_city"
            )
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} at {self.convening}"

    def get_absolute_url(self) -> str:
        return reverse(
            "convenings:delegation",
            kwargs={"slug": self.convening.slug, "city": self.jurisdiction.slug},
        )


class Delegate(TimeStampedModel):
    """A person in a delegation: a city official or a partner invited by email."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="delegates")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="convening_seats",
    )
    full_name = models.CharField(max_length=200)
    email = models.EmailField()
    job_title = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=10, choices=DelegateKind.choices)
    is_senior = models.BooleanField(
        default=False,
        help_text="Elected official, city manager, chief officer or department head.",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="For partners: the organisation they represent.",
    )
    relationship = models.CharField(
        max_length=200, blank=True, help_text="How the partner works with the city."
    )
    is_substitute = models.BooleanField(default=False)
    # Partners hold a seat once they accept their emailed invitation.
    accepted_at = models.DateTimeField(null=True, blank=True)
    token_hash = models.CharField(max_length=64, blank=True)
    invitation_expires_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["is_substitute", "kind", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "email"], name="one_seat_per_email_per_delegation"
            ),
            models.UniqueConstraint(
                fields=["token_hash"],
                condition=~models.Q(token_hash=""),
                name="delegate_token_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_kind_display()})"

    @property
    def is_confirmed(self) -> bool:
        return self.accepted_at is not None

    @property
    def partner_type(self) -> str:
        return self.organisation.partner_type if self.organisation_id else ""


class RuleException(models.Model):
    """An organiser lets a delegation stand although one rule is missing, with a reason."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="exceptions")
    rule = models.CharField(max_length=20, choices=[(c, RULE_LABELS[c]) for c in RULE_ORDER])
    reason = models.CharField(max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["delegation", "rule"], name="one_exception_per_rule")
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.reason}"


class Commitment(TimeStampedModel):
    """What a delegation will try after the convening, and how it is going."""

    # Not a column: set for display by the follow-up board.
    latest_report: "ProgressReport | None"

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="commitments")
    title = models.CharField(max_length=200, help_text="What the city will try.")
    description = models.TextField(blank=True)
    solution = models.ForeignKey(
        "knowledge.Solution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="convening_commitments",
    )
    insight = models.ForeignKey(
        "workshops.Insight",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="convening_commitments",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    owner_name = models.CharField(max_length=200, help_text="Who answers for it.")
    owner_email = models.EmailField(help_text="Where check-in reminders go.")
    due_on = models.DateField()
    status = models.CharField(
        max_length=12, choices=CommitmentStatus.choices, default=CommitmentStatus.NOT_STARTED
    )
    version = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ProgressReport(models.Model):
    """One check-in on a commitment: its status then, and a note."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="reports")
    status = models.CharField(max_length=12, choices=CommitmentStatus.choices)
    note = models.TextField(blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.status}"


class ReminderSent(models.Model):
    """A check-in reminder that went out; one per commitment and milestone, never two."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="reminders")
    months = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "months"], name="one_reminder_per_milestone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.months} months"


class Tour(TimeStampedModel):
    """A city tour with limited places; each delegation may hold a few of them."""

    # Not columns: set for display by `selectors.tours_for`.
    places_left: int
    my_signup: "TourSignup | None"

    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="tours")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    capacity = models.PositiveIntegerField()
    per_delegation = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        default=1,
        help_text="Places one delegation may hold; more go to the waitlist. Empty: no limit.",
    )
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="tour_has_places")
        ]

    def __str__(self) -> str:
        return self.title


class TourSignup(models.Model):
    tour = models.ForeignKey(Tour, on_delete=models.CASCADE, related_name="signups")
    delegate = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="tour_signups")
    # Copied from the delegate so quota counts need no join.
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=TourSignupStatus.choices)
    queued_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["tour", "delegate"], name="one_signup_per_tour")
        ]

    def __str__(self) -> str:
        return f"{self.delegate_id} on {self.tour_id}: {self.status}"
