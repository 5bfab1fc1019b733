"""Writes for matching. Every change to matching data goes through a function here."""

from django.db import transaction
from django.db.models import F

from citypeers.matching.models import FeatureDataVersion

VERSION_ROW = 1


@transaction.atomic
def mark_features_stale(*, directory: bool = True, indicators: bool = True) -> None:
    """Tell every worker's peer cache that its input changed.

    Call after bulk writes that bypass model signals (`bulk_update`, `QuerySet.update`) to
    directory facts (`directory=True`) or to indicators and their values (`indicators=True`).
    New and deleted rows are noticed without it.
    """
    changes = {}
    if directory:
        changes["directory_version"] = F("directory_version") + 1
    if indicators:
        changes["indicator_version"] = F("indicator_version") + 1
    if not changes:
        return
    if not FeatureDataVersion.objects.filter(pk=VERSION_ROW).update(**changes):
        row = FeatureDataVersion(
            pk=VERSION_ROW, directory_version=int(directory), indicator_version=int(indicators)
        )
        row.full_clean()
        row.save()
