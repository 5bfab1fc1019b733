"""Keep the peer cache fresh: in-place edits of matching inputs bump a data version.

New rows are caught by the fingerprint (counts and max ids), so only updates and deletes need a
bump. A city's save bumps the directory counter only when a field matching reads changed
(compared with the stored row before the save).
"""

from django.db.models.signals import post_delete, post_save, pre_save

from citypeers.directory.models import Indicator, IndicatorValue, Jurisdiction
from citypeers.directory.signals import bulk_changed
from citypeers.matching.services import mark_features_stale

MATCHING_FIELDS = {"population", "latitude", "longitude", "kind", "state"}


def _indicator_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        mark_features_stale(directory=False)


def _indicator_deleted(sender, instance, **kwargs):
    mark_features_stale(directory=False)


def _jurisdiction_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Remember whether a save changes a field matching reads (one query, full saves only).

    Every worker rebuilds its matrix when the directory counter moves, so a story edit or an
    admin save that leaves these fields alone must not move it.
    """
    instance._matching_fields_changed = False
    if raw or instance.pk is None or instance._state.adding:
        return
    fields = MATCHING_FIELDS if update_fields is None else MATCHING_FIELDS & set(update_fields)
    if not fields:
        return
    fields = sorted(fields)
    old = Jurisdiction.objects.filter(pk=instance.pk).values_list(*fields).first()
    new = tuple(getattr(instance, name) for name in fields)
    instance._matching_fields_changed = old is None or tuple(old) != new


def _jurisdiction_saved(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    if getattr(instance, "_matching_fields_changed", True):
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
    pre_save.connect(
        _jurisdiction_before_save, sender=Jurisdiction, dispatch_uid="matching-jurisdiction-pre"
    )
    post_save.connect(
        _jurisdiction_saved, sender=Jurisdiction, dispatch_uid="matching-jurisdiction-save"
    )
