from django.db import models


class GovernmentType(models.TextChoices):
    """What kind of local government (or place) a directory entry is."""

    CITY = "city", "City"
    TOWN = "town", "Town"
    VILLAGE = "village", "Village"
    BOROUGH = "borough", "Borough"
    TOWNSHIP = "township", "Township"
    MUNICIPALITY = "municipality", "Municipality"
    PLANTATION = "plantation", "Plantation"
    CONSOLIDATED = "consolidated", "Consolidated city-county"
    COUNTY = "county", "County or equivalent"
    PLACE = "place", "Place (type not yet confirmed)"
    CDP = "cdp", "Census designated place"
    OTHER = "other", "Other"


class CensusLevel(models.TextChoices):
    """Which Census geography confirmed an entry; empty while it is a GeoNames place only."""

    UNCONFIRMED = "", "Not confirmed by a Census import"
    PLACE = "place", "Census place"
    COUNTY_SUBDIVISION = "county_subdivision", "Minor civil division (town or township)"
    COUNTY = "county", "County"


class PopulationBand(models.TextChoices):
    """Coarse size bands used for filters and benchmarks."""

    UNDER_10K = "under-10k", "Under 10,000"
    FROM_10K = "10k-30k", "10,000 to 29,999"
    FROM_30K = "30k-100k", "30,000 to 99,999"
    FROM_100K = "100k-500k", "100,000 to 499,999"
    FROM_500K = "500k-plus", "500,000 and over"


POPULATION_BAND_BOUNDS: dict[str, tuple[int, int | None]] = {
    PopulationBand.UNDER_10K: (0, 10_000),
    PopulationBand.FROM_10K: (10_000, 30_000),
    PopulationBand.FROM_30K: (30_000, 100_000),
    PopulationBand.FROM_100K: (100_000, 500_000),
    PopulationBand.FROM_500K: (500_000, None),
}


def population_band_for(population: int | None) -> str | None:
    if population is None:
        return None
    for band, (low, high) in POPULATION_BAND_BOUNDS.items():
        if population >= low and (high is None or population < high):
            return band
    return None
