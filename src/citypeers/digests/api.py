"""JSON API for digests, mounted under /api/v1/ by citypeers.api.urls: a person's digest
choices per city and a preview of the digest they would get now."""

from django.db import transaction
from django.utils import timezone
from ninja import Query, Router, Schema

from citypeers.core.api.auth import REQUIRED_AUTH
from citypeers.digests import selectors, services
from citypeers.digests.enums import Frequency
from citypeers.digests.schemas import (
    DigestPreferenceOut,
    DigestPreferencesIn,
    DigestPreviewOut,
    city_ref,
    preview_out,
)

router = Router(tags=["digests"])


class PreviewQuery(Schema):
    city: str


def _preferences(user) -> list[dict]:
    cities = list(selectors.digest_cities_for_user(user))
    chosen = selectors.frequencies_for_user(user, cities)
    return [{"city": city_ref(city), "frequency": chosen[city.pk]} for city in cities]


@router.get(
    "/digests/preferences",
    response=list[DigestPreferenceOut],
    auth=REQUIRED_AUTH,
    url_name="digest_preferences",
)
def get_digest_preferences(request):
    """How often you get the digest of each city you are a member of (weekly until you choose)."""
    return _preferences(request.auth)


@router.put(
    "/digests/preferences",
    response=list[DigestPreferenceOut],
    auth=REQUIRED_AUTH,
    url_name="digest_preferences_update",
)
def put_digest_preferences(request, payload: DigestPreferencesIn):
    """Choose how often for one or more of your cities; cities not named keep their choice.
    All or nothing: one city that is not yours refuses the whole request with 404."""
    user = request.auth
    with transaction.atomic():
        for choice in payload.preferences:
            city = selectors.digest_city_for_user(user, choice.city, for_edit=True)
            services.set_digest_preference(
                actor=user, jurisdiction=city, frequency=choice.frequency
            )
    return _preferences(user)


@router.get(
    "/digests/preview",
    response=DigestPreviewOut,
    auth=REQUIRED_AUTH,
    url_name="digest_preview",
)
def preview_digest(request, query: Query[PreviewQuery]):
    """The digest of `?city=<slug>` as it would be built now, each item with its reason."""
    user = request.auth
    city = selectors.digest_city_for_user(user, query.city)
    frequency = selectors.frequencies_for_user(user, [city])[city.pk]
    shown = frequency if frequency != Frequency.NEVER else Frequency.WEEKLY
    digest = selectors.build_digest(
        city, frequency=shown, window=selectors.on_demand_window(shown, now=timezone.now())
    )
    return preview_out(digest, frequency)
