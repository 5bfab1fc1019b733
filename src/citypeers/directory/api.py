"""JSON API routes for directory, mounted under /api/v1/ by citypeers.api.urls."""

from ninja import Router

router = Router(tags=["directory"])
