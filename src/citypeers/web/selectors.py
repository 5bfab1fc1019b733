from citypeers.core.enums import PublicationStatus
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge.models import ChallengeArea, Solution


def home_context() -> dict:
    recent = (
        Solution.objects.filter(status=PublicationStatus.PUBLISHED)
        .select_related("owner")
        .order_by("-updated_at")[:6]
    )
    return {
        "jurisdiction_count": Jurisdiction.objects.count(),
        "solution_count": Solution.objects.filter(status=PublicationStatus.PUBLISHED).count(),
        "challenge_areas": ChallengeArea.objects.filter(parent__isnull=True),
        "recent_solutions": recent,
    }


def dashboard_context(user) -> dict:
    memberships = user.memberships.select_related("organisation__jurisdiction").order_by(
        "organisation__name"
    )
    return {"memberships": memberships}
