"""The digests' figures on the organisers' home (`core.panels` page "network"): what the last
30 days of digests did: sent, opened (a link of the digest followed at least once; there is no
tracking pixel in a city official's mail), left unsent because nothing was relevant, refused by
the mail server, and how many people chose never to get one."""

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
        opened=Count("pk", filter=Q(opened_at__isnull=False)),
        empty=Count("pk", filter=Q(status=DeliveryStatus.EMPTY)),
        failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
    )
    never = DigestPreference.objects.filter(frequency=Frequency.NEVER).count()
    return {
        "title": "Digests",
        "caption": "Digests in the last 30 days, and people who chose none",
        "rows": [
            {"label": "Sent", "count": counts["sent"], "url": ""},
            {"label": "Opened (a link followed)", "count": counts["opened"], "url": ""},
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
