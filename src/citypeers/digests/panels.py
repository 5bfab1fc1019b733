"""The digests' figures on the organisers' home (`core.panels` page "network"): what the last
30 days of digests did. Opening is not tracked (no tracking pixels in a city official's mail),
so the figures are what was sent, what was left unsent because nothing was relevant, what the
mail server refused, and who chose never to get one."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from citypeers.core.panels import Panel, register_panel
from citypeers.digests.enums import DeliveryStatus, Frequency
from citypeers.digests.models import DigestDelivery, DigestPreference


def _context(user, jurisdiction, empty: frozenset[str]) -> dict:
    since = timezone.now() - timedelta(days=30)
    counts = DigestDelivery.objects.filter(created_at__gte=since).aggregate(
        sent=Count("pk", filter=Q(status=DeliveryStatus.SENT)),
        empty=Count("pk", filter=Q(status=DeliveryStatus.EMPTY)),
        failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
    )
    never = DigestPreference.objects.filter(frequency=Frequency.NEVER).count()
    return {
        "title": "Digests",
        "caption": "Digests in the last 30 days, and people who chose none",
        "rows": [
            {"label": "Sent", "count": counts["sent"], "url": ""},
            {"label": "Nothing relevant, not sent", "count": counts["empty"], "url": ""},
            {"label": "Refused by the mail server", "count": counts["failed"], "url": ""},
            {"label": "Chose never to get one", "count": never, "url": ""},
        ],
    }


register_panel(
    "network",
    Panel(
        name="digests",
        template="web/_network_figures.html",
        context=_context,
        query_budget=2,
    ),
)
