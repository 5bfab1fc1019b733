"""JSON API routes for coalitions, partnerships and the replication ledger, mounted under
/api/v1/ by citypeers.api.urls."""

from ninja import Router

from citypeers.coalitions.api import ledger, manage, regions, report

router = Router(tags=["coalitions"])
router.add_router("", ledger.router)
router.add_router("", regions.router)
router.add_router("", manage.router)
router.add_router("", report.router)
