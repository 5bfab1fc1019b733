"""Reads for the knowledge base that depend on who is asking.

Published content is public; drafts are visible to the owning city's members and site admins.
"""

from django.db.models import Q, QuerySet

from citypeers.accounts.permissions import is_site_admin, jurisdiction_ids_with_role
from citypeers.core.enums import PublicationStatus
from citypeers.knowledge.models import ChallengeStatement, Solution


def _visible(queryset: QuerySet, user, owner_field: str) -> QuerySet:
    if is_site_admin(user):
        return queryset
    published = Q(status=PublicationStatus.PUBLISHED)
    own = jurisdiction_ids_with_role(user)
    if own:
        return queryset.filter(published | Q(**{f"{owner_field}__in": own}))
    return queryset.filter(published)


def solutions_visible_to(user) -> QuerySet[Solution]:
    return _visible(Solution.objects.all(), user, "owner_id")


def statements_visible_to(user) -> QuerySet[ChallengeStatement]:
    return _visible(
        ChallengeStatement.objects.select_related("area", "area__parent"), user, "jurisdiction_id"
    )
