"""The searchable copy of a replication record.

A record is searchable while its origin solution is published. Network-only records are
private documents (site search shows them to network members, `include_private`); records
the adopting city marked public are public documents. Refreshed by every service that changes
a record, and rebuilt by `citypeers rebuild_search_index` through `search_sources.py`.
"""

from django.db.models import Prefetch

from citypeers.coalitions.enums import ReplicationVisibility
from citypeers.coalitions.models import Replication, ReplicationBarrier
from citypeers.core.enums import PublicationStatus
from citypeers.search.registry import DocumentData
from citypeers.search.services import index_document, remove_document

REPLICATION = "replication"


def searchable_replications():
    return (
        Replication.objects.filter(solution__status=PublicationStatus.PUBLISHED)
        .select_related("solution", "solution__owner", "adopter")
        .prefetch_related(
            Prefetch("barriers", queryset=ReplicationBarrier.objects.select_related("kind")),
            "solution__challenges",
        )
        .order_by("pk")
    )


def replication_document(replication: Replication) -> DocumentData | None:
    solution, adopter = replication.solution, replication.adopter
    if solution.status != PublicationStatus.PUBLISHED:
        return None
    barriers = ", ".join(b.kind.name for b in replication.barriers.all())
    body = " ".join(
        part
        for part in (
            f"{adopter.name}, {adopter.state} is replicating {solution.title} from "
            f"{solution.owner.name}, {solution.owner.state}.",
            f"Stage: {replication.get_stage_display()}.",
            f"Financial model: {replication.get_financial_model_display()}.",
            f"Barriers met: {barriers}." if barriers else "",
            replication.adapted,
        )
        if part
    )
    return DocumentData(
        kind=REPLICATION,
        object_id=replication.pk,
        title=f"{adopter.name} replicating “{solution.title}”",
        body=body,
        url=replication.get_absolute_url(),
        is_public=replication.visibility == ReplicationVisibility.PUBLIC,
        state=adopter.state,
        jurisdiction_id=adopter.pk,
        is_demo=replication.is_demo,
        areas=tuple(a.slug for a in solution.challenges.all()),
        year=replication.created_at.year if replication.created_at else None,
        population=adopter.population,
    )


def replication_document_for(object_id: int) -> DocumentData | None:
    replication = searchable_replications().filter(pk=object_id).first()
    return replication_document(replication) if replication else None


def refresh_replication(replication_id: int) -> None:
    """Re-index one record, or drop its document when it is gone or no longer searchable."""
    document = replication_document_for(replication_id)
    if document is None:
        remove_document(kind=REPLICATION, object_id=replication_id)
    else:
        index_document(**document.as_kwargs())
