from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from citypeers.accounts.enums import (
    InvitationStatus,
    MembershipRole,
    OrganisationKind,
    PartnerType,
)
from citypeers.core.models import TimeStampedModel


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address.

    Site admins are `is_superuser`; network organisers (the programme's staff) have
    `is_network_organiser`. Everything else comes from memberships in organisations.
    """

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    expertise = models.CharField(
        max_length=400, blank=True, help_text="Comma-separated expertise tags"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    is_network_organiser = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def display_name(self) -> str:
        return self.full_name or self.email.split("@")[0]

    @property
    def expertise_tags(self) -> list[str]:
        return [tag.strip() for tag in self.expertise.split(",") if tag.strip()]


class Organisation(TimeStampedModel):
    """A local government, a coalition/network, or a partner organisation."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    partner_type = models.CharField(max_length=30, choices=PartnerType.choices, blank=True)
    jurisdiction = models.OneToOneField(
        "directory.Jurisdiction",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="organisation",
        help_text="Set for local governments: the directory entry this organisation runs.",
    )
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False)
    member_jurisdictions = models.ManyToManyField(
        "directory.Jurisdiction",
        through="JurisdictionMembership",
        related_name="member_of",
        blank=True,
    )
    # Bumped by every update; an edit made from an older version is refused (no lost updates).
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="partner") | models.Q(partner_type=""),
                name="only_partners_have_partner_type",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:organisation", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.kind == OrganisationKind.PARTNER and not self.partner_type:
            raise ValidationError({"partner_type": "Say what kind of partner this is."})
        if self.kind != OrganisationKind.PARTNER and self.partner_type:
            raise ValidationError({"partner_type": "Only partner organisations have a type."})
        if self.jurisdiction_id and self.kind != OrganisationKind.LOCAL_GOVERNMENT:
            raise ValidationError({"jurisdiction": "Only local governments run a directory entry."})


class Membership(TimeStampedModel):
    """A person's role in an organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} ({self.role})"


class JurisdictionMembership(TimeStampedModel):
    """A jurisdiction belongs to a coalition or network (e.g. a league's member list)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    jurisdiction = models.ForeignKey("directory.Jurisdiction", on_delete=models.CASCADE)
    joined_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "jurisdiction"], name="one_network_membership"
            )
        ]


class Invitation(TimeStampedModel):
    """An emailed invitation to join an organisation with a role."""

    email = models.EmailField()
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(
        max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, help_text="When the email last went out")
    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.organisation}"

    @property
    def status(self) -> str:
        if self.accepted_at is not None:
            return InvitationStatus.ACCEPTED
        if self.revoked_at is not None:
            return InvitationStatus.REVOKED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    @property
    def is_pending(self) -> bool:
        return self.status == InvitationStatus.PENDING

    def get_status_display(self) -> str:
        return InvitationStatus(self.status).label


class ApiToken(TimeStampedModel):
    """A personal API token. Only a SHA-256 hash of the secret is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["token_hash", "last_used_at"])

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
