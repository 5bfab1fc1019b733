"""JSON API routes for assessments, mounted under /api/v1/ by citypeers.api.urls.

Same selectors and services as the pages, so the privacy rules are the same: answers and the
roadmap for the city's members and reviewers; the result and benchmarks also for whoever the
city shared its result with.

Each module below has its own router; every operation names its `operation_id` so the OpenAPI
document keeps the ids it had when all routes lived in one `api.py` (clients generated from it
name their methods after them).
"""

from ninja import Router

from citypeers.assessments.api import assessments, frameworks, responses, results, reviews

router = Router(tags=["assessments"])
router.add_router("", frameworks.router)
router.add_router("", assessments.router)
router.add_router("", responses.router)
router.add_router("", results.router)
router.add_router("", reviews.router)
