"""Keep the peer cache fresh: in-place edits of matching inputs bump a data version.

New rows are caught by the fingerprint (counts and max ids), so only updates and deletes need a
bump. A city's save bumps the directory counter unless `update_fields` shows that none of the
fields matching reads changed.
"""

from django.db.models.signals import post_delete, post_save

from citypeers.directory.models import Indicator, IndicatorValue, Jurisdiction
from citypeers.directory.signals import bulk_changed
from citypeers.matching.services import mark_features_stale

MATCHING_FIELDS = {"population", "latitude", "longitude", "kind", "state"}


def _indicator_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        mark_features_stale(directory=False)


def _indicator_deleted(sender, instance, **kwargs):
    mark_features_stale(directory=False)


def _jurisdiction_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if created or raw:
        return
    if update_fields is not None and not MATCHING_FIELDS & set(update_fields):
        return
    mark_features_stale(indicators=False)


def _directory_bulk_changed(sender, *, directory: bool, indicators: bool, **kwargs):
    mark_features_stale(directory=directory, indicators=indicators)


def connect() -> None:
    bulk_changed.connect(_directory_bulk_changed, dispatch_uid="matching-directory-bulk")
    for model in (Indicator, IndicatorValue):
        post_save.connect(
            _indicator_saved, sender=model, dispatch_uid=f"matching-{model.__name__}-save"
        )
        post_delete.connect(
            _indicator_deleted, sender=model, dispatch_uid=f"matching-{model.__name__}-del"
        )
    post_save.connect(
        _jurisdiction_saved, sender=Jurisdiction, dispatch_uid="matching-jurisdiction-save"
    )
