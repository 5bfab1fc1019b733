import pytest

from citypeers.matching import cache


@pytest.fixture(autouse=True)
def fresh_matching_cache(settings):
    """Every test sees the database as it is now: no recheck delay, no matrix from another test."""
    settings.CITYPEERS_MATCHING_RECHECK_SECONDS = 0
    cache.forget()
    yield
    cache.forget()
