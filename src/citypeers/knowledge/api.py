"""JSON API routes for knowledge, mounted under /api/v1/ by citypeers.api.urls."""

from ninja import Router

router = Router(tags=["knowledge"])
