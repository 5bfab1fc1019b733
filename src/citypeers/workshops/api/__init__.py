"""JSON API routes for workshops, mounted under /api/v1/ by citypeers.api.urls.

Same selectors, permissions and services as the pages: a 404 for what the caller may not see,
a 403 for what they may see but not change.
"""

from ninja import Router

from citypeers.workshops.api import library, workshops

router = Router(tags=["workshops"])
router.add_router("", workshops.router)
router.add_router("", library.router)
