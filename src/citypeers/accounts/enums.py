from django.db import models


class OrganisationKind(models.TextChoices):
    LOCAL_GOVERNMENT = "local_government", "Local government"
    COALITION = "coalition", "Coalition or network"
    PARTNER = "partner", "Partner organisation"


class PartnerType(models.TextChoices):
    FOUNDATION = "foundation", "Foundation"
    ANCHOR_INSTITUTION = "anchor_institution", "Anchor institution"
    CHAMBER_OF_COMMERCE = "chamber_of_commerce", "Chamber of commerce"
    UNIVERSITY = "university", "University"
    COMPANY = "company", "Company"
    NONPROFIT = "nonprofit", "Nonprofit"
    GOVERNMENT_AGENCY = "government_agency", "Government agency"


class MembershipRole(models.TextChoices):
    """A person's role inside one organisation, from least to most powerful."""

    MEMBER = "member", "Member"
    EDITOR = "editor", "Editor"
    ADMIN = "admin", "Administrator"


ROLE_RANK: dict[str, int] = {
    MembershipRole.MEMBER: 1,
    MembershipRole.EDITOR: 2,
    MembershipRole.ADMIN: 3,
}


class InvitationStatus(models.TextChoices):
    """Where an invitation stands; derived from its timestamps, never stored."""

    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"


INVITATION_LIFETIME_DAYS = 14
