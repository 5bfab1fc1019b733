"""Workshops recruiting cities, webinars and convenings open for delegations, starting within
`UPCOMING_DAYS` of the digest."""

from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from citypeers.convenings.enums import ConveningState
from citypeers.convenings.models import Convening
from citypeers.digests.engine import Candidate
from citypeers.digests.sources.registry import Window, register_source
from citypeers.workshops.enums import WebinarStatus, WorkshopState
from citypeers.workshops.models import Webinar, Workshop

UPCOMING_DAYS = 45


def _at_midnight(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def upcoming_events(window: Window) -> list[Candidate]:
    start = window.now
    end = start + timedelta(days=UPCOMING_DAYS)
    found = []
    workshops = Workshop.objects.filter(
        state=WorkshopState.RECRUITING, starts_on__gte=start.date(), starts_on__lte=end.date()
    ).values_list("pk", "slug", "title", "area_id", "starts_on", "is_demo")
    for pk, slug, title, area_id, starts_on, demo in workshops:
        found.append(
            Candidate(
                kind="event",
                key=f"workshop:{pk}",
                title=f"Workshop: {title}",
                url=reverse("workshops:detail", kwargs={"slug": slug}),
                date=_at_midnight(starts_on),
                area_ids=frozenset([area_id]),
                detail=f"starts {starts_on:%B %-d, %Y}; recruiting cities",
                is_demo=demo,
            )
        )
    webinars = Webinar.objects.filter(
        status=WebinarStatus.PUBLISHED, starts_at__gte=start, starts_at__lte=end
    ).values_list("pk", "slug", "title", "area_id", "starts_at", "is_demo")
    for pk, slug, title, area_id, starts_at, demo in webinars:
        found.append(
            Candidate(
                kind="event",
                key=f"webinar:{pk}",
                title=f"Webinar: {title}",
                url=reverse("workshops:webinar", kwargs={"slug": slug}),
                date=starts_at,
                area_ids=frozenset([area_id]) if area_id else frozenset(),
                detail=f"{timezone.localtime(starts_at):%B %-d, %Y}",
                open_to_all=True,
                is_demo=demo,
            )
        )
    convenings = Convening.objects.filter(
        state=ConveningState.OPEN, starts_on__gte=start.date(), starts_on__lte=end.date()
    ).values_list("pk", "slug", "title", "starts_on", "host__name", "host__state", "is_demo")
    for pk, slug, title, starts_on, host, state, demo in convenings:
        found.append(
            Candidate(
                kind="event",
                key=f"convening:{pk}",
                title=f"Convening: {title}",
                url=reverse("convenings:detail", kwargs={"slug": slug}),
                date=_at_midnight(starts_on),
                detail=f"hosted by {host}, {state}; starts {starts_on:%B %-d, %Y}",
                open_to_all=True,
                is_demo=demo,
            )
        )
    return found


register_source("events", upcoming_events)
