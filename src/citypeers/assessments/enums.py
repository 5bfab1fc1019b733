from django.db import models


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for review"
    EVIDENCE_REQUESTED = "evidence_requested", "Evidence requested"
    VALIDATED = "validated", "Validated"


# Statuses whose self-assessed result counts in benchmarks and peer lists.
FINISHED_STATUSES = (
    AssessmentStatus.SUBMITTED,
    AssessmentStatus.EVIDENCE_REQUESTED,
    AssessmentStatus.VALIDATED,
)


class ResultSharing(models.TextChoices):
    """Who besides the city's members and the reviewers may see the result."""

    PRIVATE = "private", "Only our members and the network's reviewers"
    PEERS = "peers", "Also signed-in members of the network (peer cities)"
    PUBLIC = "public", "Everyone, including the public"


class EvidenceVisibility(models.TextChoices):
    """Who may open one piece of evidence, from narrowest to widest."""

    PRIVATE = "private", "Only our members"
    REVIEWERS = "reviewers", "Our members and reviewers"
    PEERS = "peers", "Also peer cities, if we share our result with them"
    PUBLIC = "public", "Everyone, if we share our result publicly"


class EvidenceKind(models.TextChoices):
    FILE = "file", "File"
    URL = "url", "Link"


class ResultKind(models.TextChoices):
    SELF = "self", "Self-assessed"
    VALIDATED = "validated", "Validated"


class ResourceKind(models.TextChoices):
    GUIDE = "guide", "Guide"
    TEMPLATE = "template", "Template"
    COURSE = "course", "Course"
    EXAMPLE = "example", "Example"


class ConversationStatus(models.TextChoices):
    SENT = "sent", "Sent"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
