from django.db import models


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Visibility(models.TextChoices):
    """Who may see a piece of content, from narrowest to widest."""

    PRIVATE = "private", "Only my organisation"
    REVIEWERS = "reviewers", "My organisation and reviewers"
    MEMBERS = "members", "Signed-in network members"
    PUBLIC = "public", "Everyone"
