from django.db import models


class FeatureDataVersion(models.Model):
    """Counters bumped when matching input changes in a way the cheap fingerprint can miss.

    The peer cache (`citypeers.matching.cache`) compares a fingerprint made of row counts, max
    ids, an index-covered sum of populations and these counters. Edits in place (a city's
    coordinates, an indicator value overwritten) bump a counter, through the signal receivers in
    `signals.py` or `services.mark_features_stale()` after bulk writes that send no signals.
    """

    directory_version = models.PositiveBigIntegerField(default=0)
    indicator_version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return (
            f"matching data: directory v{self.directory_version}, "
            f"indicators v{self.indicator_version}"
        )
