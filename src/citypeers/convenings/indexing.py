"""The searchable copy of a convening: listed once it leaves draft. Once its timetable is
published, the programme's sessions (titles, descriptions, challenge areas) are part of it, so a
search for a session's topic finds the convening."""

from citypeers.convenings.enums import ConveningState
from citypeers.convenings.models import Convening, Placement
from citypeers.search.registry import DocumentData
from citypeers.search.services import index_document, remove_document

CONVENING = "convening"


def convening_document(convening: Convening) -> DocumentData | None:
    if convening.state == ConveningState.DRAFT:
        return None
    host = convening.host
    sessions = _published_programme(convening)
    programme = " ".join(f"Session: {p.title}. {p.description}" for p in sessions)
    areas = sorted({p.challenge_area.slug for p in sessions if p.challenge_area_id})
    return DocumentData(
        kind=CONVENING,
        object_id=convening.pk,
        title=convening.title,
        body=(
            f"Convening hosted by {host.name}, {host.state}, "
            f"{convening.starts_on:%-d %B %Y} to {convening.ends_on:%-d %B %Y}. "
            f"{convening.summary} {programme}"
        ).strip(),
        url=convening.get_absolute_url(),
        is_public=True,
        state=host.state,
        jurisdiction_id=host.pk,
        is_demo=convening.is_demo,
        year=convening.starts_on.year,
        population=host.population,
        areas=tuple(areas),
    )


def _published_programme(convening: Convening) -> list:
    timetable = getattr(convening, "timetable", None)
    if timetable is None or timetable.published_at is None:
        return []
    placements = Placement.objects.filter(slot__convening=convening).select_related(
        "proposal__challenge_area"
    )
    return [placement.proposal for placement in placements]


def refresh_convening(convening: Convening) -> None:
    document = convening_document(convening)
    if document is None:
        remove_document(kind=CONVENING, object_id=convening.pk)
    else:
        index_document(**document.as_kwargs())
