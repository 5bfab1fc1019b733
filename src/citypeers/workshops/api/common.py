"""Helpers shared by the workshops API modules."""

from django.core.exceptions import ValidationError

from citypeers.directory.models import Jurisdiction
from citypeers.knowledge.models import ChallengeArea


def area_for(slug: str) -> ChallengeArea:
    area = ChallengeArea.objects.filter(slug=slug).first()
    if area is None:
        raise ValidationError({"area": f"No challenge area “{slug}”."})
    return area


def city_for(slug: str) -> Jurisdiction:
    city = Jurisdiction.objects.filter(slug=slug).first()
    if city is None:
        raise ValidationError({"city": f"No city “{slug}” in the directory."})
    return city
