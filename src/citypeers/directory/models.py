from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from citypeers.core.enums import PublicationStatus
from citypeers.core.models import TimeStampedModel
from citypeers.directory.enums import CensusLevel, GovernmentType, population_band_for


class Jurisdiction(TimeStampedModel):
    """A US local government (or, until an import confirms it, a populated place).

    Directory facts (name, state, population, location) are always public. The profile story
    (`summary`, `future_plans`) is shown to the public only once `story_status` is published.
    """

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    name_normalised = models.CharField(max_length=200, db_index=True, editable=False)
    state = models.CharField(max_length=2, db_index=True, help_text="USPS state code")
    state_fips = models.CharField(max_length=2, blank=True)
    county_name = models.CharField(max_length=200, blank=True)
    county_fips = models.CharField(max_length=5, blank=True, help_text="5-digit county FIPS")
    kind = models.CharField(
        max_length=16, choices=GovernmentType.choices, default=GovernmentType.PLACE, db_index=True
    )
    geonames_id = models.BigIntegerField(null=True, blank=True, unique=True)
    geoid = models.CharField(
        max_length=10,
        null=True,
        blank=True,
        unique=True,
        help_text="Census GEOID: 7 digits for places and county subdivisions' state+place code",
    )
    census_level = models.CharField(
        max_length=20, choices=CensusLevel.choices, blank=True, default=CensusLevel.UNCONFIRMED
    )
    legal_type = models.CharField(max_length=60, blank=True, help_text="Census legal suffix")
    functional_status = models.CharField(max_length=1, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    population_year = models.PositiveSmallIntegerField(null=True, blank=True)
    population_source = models.CharField(max_length=120, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    timezone = models.CharField(max_length=64, blank=True)
    # The city's own story, written by its editors.
    summary = models.TextField(blank=True)
    future_plans = models.TextField(blank=True)
    story_status = models.CharField(
        max_length=16, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    story_is_demo = models.BooleanField(default=False)
    # Bumped by every story edit (not by data imports); a story edit made from an older version
    # is refused, so one editor cannot silently undo another's.
    story_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["name_normalised", "updated_at"])

    class Meta:
        ordering = ["name", "state"]
        indexes = [
            models.Index(fields=["state", "name_normalised"]),
            models.Index(fields=["state", "population"]),
            models.Index(fields=["-population", "name"], name="directory_by_population"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.state}"

    def get_absolute_url(self) -> str:
        return reverse("profiles:profile", kwargs={"slug": self.slug})

    @property
    def population_band(self) -> str | None:
        return population_band_for(self.population)


class Indicator(TimeStampedModel):
    """A numeric context feature (e.g. an ACS estimate) imported for many jurisdictions."""

    code = models.SlugField(max_length=80, unique=True)
    label = models.CharField(max_length=200)
    unit = models.CharField(max_length=40, blank=True)
    theme = models.CharField(max_length=40, blank=True, help_text="e.g. size, economy, housing")
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["theme", "code"]

    def __str__(self) -> str:
        return self.label


class IndicatorValue(models.Model):
    """One indicator's value for one jurisdiction and year, with where it came from."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="indicator_values"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField()
    value = models.FloatField()
    source = models.CharField(max_length=200, blank=True)
    # Percent of comparable entries (counties among counties, places and towns among each
    # other) with a lower value, in the nation and in the state; filled by `rank_indicators`.
    national_percentile = models.FloatField(null=True, blank=True)
    state_percentile = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "indicator", "year"], name="one_value_per_indicator_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}={self.value} ({self.year})"


class ProfilePerson(TimeStampedModel):
    """A contact on a city profile. Visible to signed-in network members only."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    is_demo = models.BooleanField(default=False)
    # Bumped by every edit; an edit made from an older version is refused (no lost update).
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name
