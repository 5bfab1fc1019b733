"""Guide editions published in the window: a guide on a city's challenge is worth a line in
its digest (the guide's latest edition, so a new edition of an old guide counts too)."""

from citypeers.digests.engine import Candidate
from citypeers.digests.sources.registry import Window, register_source
from citypeers.guides.enums import EditionStatus
from citypeers.guides.models import Edition


def new_guide_editions(window: Window) -> list[Candidate]:
    editions = (
        Edition.objects.filter(
            status=EditionStatus.PUBLISHED,
            published_at__gte=window.since,
            published_at__lt=window.until,
        )
        .select_related("guide")
        .order_by("pk")
    )
    found: dict[int, Candidate] = {}
    for edition in editions:
        guide = edition.guide
        if guide.current_edition_id != edition.pk:
            continue  # superseded within the window: the newer edition is the one to read
        found[guide.pk] = Candidate(
            kind="guide",
            key=str(guide.pk),
            title=f"{guide.title} (edition {edition.number})",
            url=guide.get_absolute_url(),
            date=edition.published_at,
            area_ids=frozenset([guide.area_id]),
            is_demo=guide.is_demo,
        )
    return list(found.values())


register_source("guides", new_guide_editions)
