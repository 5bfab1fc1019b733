"""What moves the matching data version, and the cache surviving a changed database."""

import pytest

from citypeers.core.enums import PublicationStatus
from citypeers.directory.models import Jurisdiction
from citypeers.matching import cache, selectors
from citypeers.matching.models import FeatureDataVersion
from citypeers.matching.params import PeerParams
from citypeers.profiles.services import update_story
from tests.factories.accounts import UserFactory
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration


def _directory_version() -> int:
    row = FeatureDataVersion.objects.first()
    return row.directory_version if row else 0


@pytest.fixture
def city(db):
    return JurisdictionFactory(name="Riverton", slug="riverton-tx", population=50_000)


def test_story_edit_does_not_bump_the_directory_version(city):
    before = _directory_version()

    update_story(
        jurisdiction=city,
        actor=UserFactory(is_superuser=True),
        summary="A river city.",
        story_status=PublicationStatus.PUBLISHED,
    )

    assert _directory_version() == before


def test_full_save_without_a_matching_change_does_not_bump_the_version(city):
    before = _directory_version()
    city.summary = "Changed story"

    city.save()

    assert _directory_version() == before


def test_full_save_with_a_new_population_bumps_the_version(city):
    before = _directory_version()
    city.population = 60_000

    city.save()

    assert _directory_version() == before + 1


def test_update_fields_with_a_matching_field_bumps_only_when_its_value_changed(city):
    before = _directory_version()
    city.save(update_fields=["population"])
    unchanged = _directory_version()
    city.latitude = 10.0

    city.save(update_fields=["latitude"])

    assert (unchanged, _directory_version()) == (before, before + 1)


def test_fingerprint_changes_when_a_city_is_replaced_by_one_of_the_same_size(city):
    first = cache.fingerprint()
    Jurisdiction.objects.filter(pk=city.pk).delete()
    JurisdictionFactory(name="Other", slug="other-tx", population=50_000)

    assert cache.fingerprint().directory != first.directory


def test_peer_search_recovers_from_a_matrix_with_deleted_ids(db, settings):
    settings.CITYPEERS_MATCHING_RECHECK_SECONDS = 3600  # the timer alone would keep the matrix
    subject = JurisdictionFactory(slug="subject-tx", population=10_000)
    gone = JurisdictionFactory(slug="gone-tx", population=10_100)
    kept = JurisdictionFactory(slug="kept-tx", population=12_000)
    cache.feature_matrix(force_check=True)
    Jurisdiction.objects.filter(pk=gone.pk).delete()

    search = selectors.peer_search(subject, PeerParams(k=1, challenge_weight=0.0), explain=False)

    assert [m.jurisdiction.pk for m in search.ranked] == [kept.pk]


def test_context_only_search_does_not_build_the_challenge_index(db):
    subject = JurisdictionFactory(slug="subject-tx", population=10_000)
    JurisdictionFactory(slug="peer-tx", population=10_100)

    selectors.peers_for(subject, k=1)

    assert cache.build_seconds()["challenges"] is None
