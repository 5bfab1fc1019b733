"""The replication ledger's figures for the organisers' view of the network
(`web.network_selectors`): counts over every record, one query each."""

from datetime import datetime

from django.db.models import Count, F, QuerySet
from django.db.models.functions import TruncDate

from citypeers.coalitions.enums import ReplicationStage
from citypeers.coalitions.models import Replication


def replications_by_stage() -> dict[str, int]:
    """{stage: replication records in it}, every stage in the ledger's order, zeros included."""
    rows = Replication.objects.values("stage").annotate(n=Count("pk")).order_by()
    found = {row["stage"]: row["n"] for row in rows}
    return {stage: found.get(stage, 0) for stage in ReplicationStage.values}


def city_activity_since(since: datetime) -> list[QuerySet]:
    """(city id, day) rows for replication records changed since `since`, for a union."""
    return [
        Replication.objects.filter(updated_at__gte=since)
        .annotate(city=F("adopter_id"), day=TruncDate("updated_at"))
        .values_list("city", "day")
        .order_by()
    ]
