"""JSON API for guides, mounted under /api/v1/ by citypeers.api.urls."""

from ninja import Router

router = Router(tags=["guides"])
