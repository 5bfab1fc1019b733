from django.db import models


class FeatureDataVersion(models.Model):
    """A counter bumped whenever matching input changes in a way the cheap fingerprint can miss.

    The feature matrix cache (see `citypeers.matching.cache`) compares a fingerprint made of
    row counts, max ids/timestamps and sums of the source tables; edits in place that keep all of
    those equal (an indicator value overwritten by `bulk_update`, say) bump this row instead,
    through `services.mark_features_stale()` or the signal receivers in `signals.py`.
    """

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"matching data version {self.version}"
