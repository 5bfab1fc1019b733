"""JSON API for digests, mounted under /api/v1/ by citypeers.api.urls."""

from ninja import Router

router = Router(tags=["digests"])
