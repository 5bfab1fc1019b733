"""iCalendar (RFC 5545) feeds of the timetable, a room and a personal agenda (`icalendar`).

Titles pass through `single_line` and descriptions through `plain_text`: a CR/LF typed into a
title must neither add a property to the feed nor make `icalendar` refuse it.
"""

from datetime import UTC, datetime

from django.conf import settings
from icalendar import Calendar, Event

from citypeers.core.text import plain_text, single_line

PRODID = "-//CityPeers//Convening timetable//EN"


def _host() -> str:
    return settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "citypeers"


def placements_calendar(name: str, placements) -> bytes:
    """One event per placed session (placements with their proposal, room and slot)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", single_line(name))
    base = settings.SITE_URL.rstrip("/")
    for placement in placements:
        proposal = placement.proposal
        event = Event()
        event.add("uid", f"convening-session-{proposal.pk}@{_host()}")
        event.add("dtstamp", datetime.now(UTC))
        event.add("dtstart", placement.slot.starts_at.astimezone(UTC))
        event.add("dtend", placement.slot.ends_at.astimezone(UTC))
        event.add("summary", single_line(proposal.title))
        event.add("description", plain_text(proposal.description))
        event.add("location", single_line(placement.room.name))
        event.add("url", base + proposal.get_absolute_url())
        calendar.add_component(event)
    return calendar.to_ical()
