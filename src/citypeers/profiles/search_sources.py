"""The "profile" document source: one document for every directory entry.

Registered with search (which sits below every domain) by the profiles app, which may read
both the directory and the knowledge base. Every jurisdiction is findable by name (28,000+
documents); the body adds its county, its published story and the names of the challenges it
states, so "heat Phoenix" finds the city, and its areas and population feed the facets.
"""

from collections.abc import Iterable

from django.db.models import Prefetch

from citypeers.core.enums import PublicationStatus
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge.models import ChallengeStatement
from citypeers.search.registry import DocumentData, register_source

PROFILE = "profile"


def _published_statements():
    return Prefetch(
        "challenge_statements",
        queryset=ChallengeStatement.objects.filter(status=PublicationStatus.PUBLISHED)
        .select_related("area")
        .order_by("area__order", "area__name"),
        to_attr="published_statements",
    )


def profile_candidates():
    return Jurisdiction.objects.prefetch_related(_published_statements()).order_by("pk")


def profile_document(jurisdiction: Jurisdiction) -> DocumentData:
    """The profile document; `jurisdiction` needs `published_statements` prefetched."""
    parts = [f"{jurisdiction.name}, {jurisdiction.state}"]
    if jurisdiction.county_name:
        parts.append(jurisdiction.county_name)
    if jurisdiction.story_status == PublicationStatus.PUBLISHED:
        parts += [jurisdiction.summary, jurisdiction.future_plans]
    statements = getattr(jurisdiction, "published_statements", [])
    if statements:
        parts.append("Challenges: " + "; ".join(s.area.name for s in statements))
    return DocumentData(
        kind=PROFILE,
        object_id=jurisdiction.pk,
        title=f"{jurisdiction.name}, {jurisdiction.state}",
        body="\n".join(p for p in parts if p),
        url=jurisdiction.get_absolute_url(),
        is_public=True,
        state=jurisdiction.state,
        jurisdiction_id=jurisdiction.pk,
        is_demo=jurisdiction.story_is_demo,
        areas=tuple(s.area.slug for s in statements),
        population=jurisdiction.population,
    )


def profile_documents() -> Iterable[DocumentData]:
    for jurisdiction in profile_candidates().iterator(chunk_size=500):
        yield profile_document(jurisdiction)


def profile_document_for(jurisdiction_id: int) -> DocumentData | None:
    jurisdiction = profile_candidates().filter(pk=jurisdiction_id).first()
    return None if jurisdiction is None else profile_document(jurisdiction)


register_source(PROFILE, documents=profile_documents, document_for=profile_document_for)
