"""Keep the peer cache fresh: in-place edits of matching inputs bump the data version.

Creations are caught by the fingerprint (counts and max ids), so only updates and deletes of
indicator values and indicators need a bump here.
"""

from django.db.models.signals import post_delete, post_save

from citypeers.directory.models import Indicator, IndicatorValue
from citypeers.matching.services import mark_features_stale


def _on_save(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        mark_features_stale()


def _on_delete(sender, instance, **kwargs):
    mark_features_stale()


def connect() -> None:
    for model in (Indicator, IndicatorValue):
        post_save.connect(_on_save, sender=model, dispatch_uid=f"matching-save-{model.__name__}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"matching-del-{model.__name__}")
