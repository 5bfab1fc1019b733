"""Writes for matching. Every change to matching data goes through a function here."""

from django.db import transaction
from django.db.models import F

from citypeers.matching.models import FeatureDataVersion

VERSION_ROW = 1


@transaction.atomic
def mark_features_stale() -> int:
    """Tell every worker's peer cache that its input changed; returns the new version.

    Call after bulk writes that bypass model signals (`bulk_update`, `QuerySet.update`) to
    indicator values, indicators or directory facts. Inserts and deletes are noticed anyway.
    """
    updated = FeatureDataVersion.objects.filter(pk=VERSION_ROW).update(version=F("version") + 1)
    if not updated:
        row = FeatureDataVersion(pk=VERSION_ROW, version=1)
        row.full_clean()
        row.save()
    return FeatureDataVersion.objects.values_list("version", flat=True).get(pk=VERSION_ROW)
