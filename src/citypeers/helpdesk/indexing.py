"""The searchable copy of a published Q&A: the question, the accepted answer, the area and the
cities involved. Only published requests are indexed, and they are public (the asker agreed)."""

from citypeers.helpdesk.enums import RequestStatus
from citypeers.helpdesk.models import HelpRequest
from citypeers.search.registry import DocumentData
from citypeers.search.services import index_document, remove_document

QA = "qa"


def qa_document(entry: HelpRequest) -> DocumentData | None:
    if entry.status != RequestStatus.PUBLISHED:
        return None
    accepted = next((a for a in entry.answers.all() if a.is_accepted), None)
    cities = ", ".join(sorted(f"{c.name}, {c.state}" for c in entry.involved_cities.all()))
    solutions = "; ".join(s.title for s in entry.linked_solutions.all())
    body = " ".join(
        part
        for part in [
            f"Question from {entry.jurisdiction.name} about {entry.area.name}.",
            entry.question,
            f"Accepted answer: {accepted.body}" if accepted else "",
            f"Solutions: {solutions}." if solutions else "",
            f"Cities: {cities}." if cities else "",
        ]
        if part
    )
    return DocumentData(
        kind=QA,
        object_id=entry.pk,
        title=entry.title,
        body=body,
        url=entry.get_qa_url(),
        is_public=True,
        state=entry.jurisdiction.state,
        jurisdiction_id=entry.jurisdiction_id,
        is_demo=entry.is_demo,
        areas=(entry.area.slug,),
        year=(entry.published_at or entry.created_at).year,
        population=entry.jurisdiction.population,
    )


def with_document_parts(queryset):
    return queryset.select_related("jurisdiction", "area").prefetch_related(
        "answers", "linked_solutions", "involved_cities"
    )


def refresh_qa(entry_id: int) -> None:
    entry = with_document_parts(HelpRequest.objects.filter(pk=entry_id)).first()
    document = qa_document(entry) if entry else None
    if document is None:
        remove_document(kind=QA, object_id=entry_id)
    else:
        index_document(**document.as_kwargs())
