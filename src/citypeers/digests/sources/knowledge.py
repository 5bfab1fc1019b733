"""Solutions and insights published in the window."""

from django.urls import reverse

from citypeers.core.enums import PublicationStatus
from citypeers.digests.engine import Candidate
from citypeers.digests.sources.registry import Window, register_source
from citypeers.knowledge.models import Solution
from citypeers.workshops.enums import InsightState
from citypeers.workshops.models import Insight


def new_solutions(window: Window) -> list[Candidate]:
    rows = (
        Solution.objects.filter(
            status=PublicationStatus.PUBLISHED,
            created_at__gte=window.since,
            created_at__lt=window.until,
        )
        .order_by("pk")
        .values_list(
            "pk",
            "slug",
            "title",
            "owner_id",
            "owner__name",
            "owner__state",
            "created_at",
            "evidence_level",
            "is_demo",
            "challenges__id",
        )
    )
    found: dict[int, dict] = {}
    for pk, slug, title, owner_id, name, state, created, evidence, demo, area_id in rows:
        entry = found.setdefault(
            pk,
            {
                "kind": "solution",
                "key": str(pk),
                "title": title,
                "url": reverse("knowledge:solution", kwargs={"slug": slug}),
                "date": created,
                "city_id": owner_id,
                "city_name": f"{name}, {state}",
                "evidence": evidence,
                "is_demo": demo,
                "area_ids": set(),
            },
        )
        if area_id is not None:
            entry["area_ids"].add(area_id)
    return [
        Candidate(**{**entry, "area_ids": frozenset(entry["area_ids"])}) for entry in found.values()
    ]


def new_insights(window: Window) -> list[Candidate]:
    rows = Insight.objects.filter(
        state=InsightState.PUBLISHED,
        published_at__gte=window.since,
        published_at__lt=window.until,
    ).values_list("pk", "slug", "title", "area_id", "published_at", "is_demo")
    return [
        Candidate(
            kind="insight",
            key=str(pk),
            title=title,
            url=reverse("workshops:insight", kwargs={"slug": slug}),
            date=published,
            area_ids=frozenset([area_id]),
            is_demo=demo,
        )
        for pk, slug, title, area_id, published, demo in rows
    ]


register_source("solutions", new_solutions)
register_source("insights", new_insights)
