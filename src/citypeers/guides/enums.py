from django.db import models


class MemberRole(models.TextChoices):
    LEAD = "lead", "Lead"
    AUTHOR = "author", "Author"
    EDITOR = "editor", "Editor"
    REVIEWER = "reviewer", "Reviewer"


# Roles that write the guide: their approvals never count as reviews.
WRITING_ROLES = (MemberRole.LEAD, MemberRole.AUTHOR, MemberRole.EDITOR)


class MemberStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class BlockKind(models.TextChoices):
    CASE_STUDY = "case_study", "Case study (a solution)"
    INSIGHT = "insight", "Insight from a workshop"
    CHECKLIST = "checklist", "Checklist"
    RESOURCE = "resource", "Resource (link)"


class EditionStatus(models.TextChoices):
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ReviewDecision(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"


class NoticeKind(models.TextChoices):
    INVITED = "guides.invited", "Invited to a guide's consortium"
    REVIEW_REQUESTED = "guides.review_requested", "Asked to review a guide"
    REVIEWED = "guides.reviewed", "A reviewer decided on your guide"
    PUBLISHED = "guides.published", "A guide you worked on was published"
