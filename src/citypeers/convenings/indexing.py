"""The searchable copy of a convening: listed once it leaves draft."""

from citypeers.convenings.enums import ConveningState
from citypeers.convenings.models import Convening
from citypeers.search.registry import DocumentData
from citypeers.search.services import index_document, remove_document

CONVENING = "convening"


def convening_document(convening: Convening) -> DocumentData | None:
    if convening.state == ConveningState.DRAFT:
        return None
    host = convening.host
    return DocumentData(
        kind=CONVENING,
        object_id=convening.pk,
        title=convening.title,
        body=(
            f"Convening hosted by {host.name}, {host.state}, "
            f"{convening.starts_on:%-d %B %Y} to {convening.ends_on:%-d %B %Y}. "
            f"{convening.summary}"
        ),
        url=convening.get_absolute_url(),
        is_public=True,
        state=host.state,
        jurisdiction_id=host.pk,
        is_demo=convening.is_demo,
        year=convening.starts_on.year,
        population=host.population,
    )


def refresh_convening(convening: Convening) -> None:
    document = convening_document(convening)
    if document is None:
        remove_document(kind=CONVENING, object_id=convening.pk)
    else:
        index_document(**document.as_kwargs())
