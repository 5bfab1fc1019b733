import hashlib
import json

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from citypeers.core.models import TimeStampedModel


class CoalitionProfile(TimeStampedModel):
    """What a coalition (an `accounts.Organisation` of kind coalition) says about itself:
    mission and region. Members stay in `accounts.JurisdictionMembership`."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="coalition_profile"
    )
    mission = models.TextField(blank=True)
    region_states = models.JSONField(default=list, blank=True, help_text="Two-letter state codes")
    region_counties = models.CharField(max_length=400, blank=True)
    region_metro = models.CharField(
        max_length=200, blank=True, help_text="Metropolitan area, e.g. Dallas-Fort Worth"
    )
    source_note = models.CharField(max_length=400, blank=True)
    is_demo = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return str(self.organisation)

    def get_absolute_url(self) -> str:
        return reverse("coalitions:coalition", kwargs={"slug": self.organisation.slug})


class CoalitionPartner(models.Model):
    """A cross-sector partner of a coalition and its role there."""

    coalition = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="coalition_partners"
    )
    partner = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="partner_of_coalitions"
    )
    role = models.CharField(max_length=200, blank=True)
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partner__name"]
        constraints = [
            models.UniqueConstraint(fields=["coalition", "partner"], name="one_partner_role_each")
        ]

    def __str__(self) -> str:
        return f"{self.partner} ({self.role})"


class CoalitionProject(TimeStampedModel):
    coalition = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="coalition_projects"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    area = models.ForeignKey(
        "knowledge.ChallengeArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    solution = models.ForeignKey(
        "knowledge.Solution", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Partnership(TimeStampedModel):
    """A partnership of coalitions across states (e.g. seven regional alliances). Each
    coalition keeps its own members; the partnership's figures roll up over them."""

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    coalitions = models.ManyToManyField("accounts.Organisation", related_name="partnerships")
    organisers = models.ManyToManyField(
        "accounts.Organisation", related_name="organises", blank=True
    )
    agenda = models.ManyToManyField(
        "knowledge.ChallengeArea", related_name="+", blank=True, help_text="Shared challenge areas"
    )
    source_note = models.CharField(max_length=400, blank=True)
    is_demo = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    # What the demo seed last wrote here (`seed_fingerprint`); blank for partnerships people
    # made. The seed leaves the partnership alone once it holds something else.
    seed_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("coalitions:partnership", kwargs={"slug": self.slug})


def seed_fingerprint(
    *, name: str, description: str, source_note: str, coalitions, organisers, agenda
) -> str:
    """A digest of a partnership's text and lists (slugs, in any order): the demo seed keeps
    the one it wrote, and a partnership whose digest differs was edited since."""
    payload = [
        name,
        description,
        source_note,
        *(sorted(x) for x in (coalitions, organisers, agenda)),
    ]
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()
