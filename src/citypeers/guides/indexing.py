"""The searchable copy of a guide: its latest published edition (kind "guide"). Drafts are
never indexed; a guide without a published edition has no document."""

from citypeers.guides.enums import MemberRole, MemberStatus
from citypeers.guides.models import Guide
from citypeers.search.registry import DocumentData
from citypeers.search.services import index_document, remove_document

GUIDE = "guide"


def guide_document(guide: Guide) -> DocumentData | None:
    edition = guide.current_edition
    if edition is None:
        return None
    members = [m for m in guide.members.all() if m.status == MemberStatus.ACCEPTED]
    cities = sorted(
        {f"{m.jurisdiction.name}, {m.jurisdiction.state}" for m in members if m.jurisdiction}
    )
    lead = next((m for m in members if m.role == MemberRole.LEAD and m.jurisdiction), None)
    text = [
        f"Guide on {guide.area.name}, edition {edition.number}.",
        guide.purpose,
        f"For {guide.audience}.",
        f"Written by {', '.join(cities)}." if cities else "",
    ]
    for chapter in edition.content.get("chapters", []):
        text.append(chapter["title"])
        for section in chapter["sections"]:
            text.extend([section["title"], section["body"]])
    return DocumentData(
        kind=GUIDE,
        object_id=guide.pk,
        title=guide.title,
        body=" ".join(part for part in text if part),
        url=guide.get_absolute_url(),
        is_public=True,
        state=lead.jurisdiction.state if lead else "",
        jurisdiction_id=lead.jurisdiction_id if lead else None,
        is_demo=guide.is_demo,
        areas=(guide.area.slug,),
        year=edition.published_at.year if edition.published_at else None,
        population=lead.jurisdiction.population if lead else None,
    )


def with_document_parts(queryset):
    return queryset.select_related("area", "current_edition").prefetch_related(
        "members__jurisdiction"
    )


def refresh_guide(guide_id: int) -> None:
    guide = with_document_parts(Guide.objects.filter(pk=guide_id)).first()
    document = guide_document(guide) if guide else None
    if document is None:
        remove_document(kind=GUIDE, object_id=guide_id)
    else:
        index_document(**document.as_kwargs())
