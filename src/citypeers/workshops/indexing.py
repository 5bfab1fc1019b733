"""The searchable copy of a workshop: listed for network members once it recruits, and for
everyone once its report is published (as `can_view_workshop` says)."""

from citypeers.search.registry import DocumentData
from citypeers.search.services import index_document, remove_document
from citypeers.workshops.enums import WorkshopState
from citypeers.workshops.models import Workshop

WORKSHOP = "workshop"


def workshop_document(workshop: Workshop) -> DocumentData | None:
    if workshop.state == WorkshopState.PLANNING:
        return None
    return DocumentData(
        kind=WORKSHOP,
        object_id=workshop.pk,
        title=workshop.title,
        body=(
            f"{workshop.get_format_display()} workshop, {workshop.starts_on:%-d %B %Y} to "
            f"{workshop.ends_on:%-d %B %Y}. {workshop.purpose}"
        ),
        url=workshop.get_absolute_url(),
        is_public=workshop.state == WorkshopState.PUBLISHED,
        is_demo=workshop.is_demo,
        areas=(workshop.area.slug,),
        year=workshop.starts_on.year,
    )


def refresh_workshop(workshop: Workshop) -> None:
    document = workshop_document(workshop)
    if document is None:
        remove_document(kind=WORKSHOP, object_id=workshop.pk)
    else:
        index_document(**document.as_kwargs())
