"""iCalendar (RFC 5545) files for webinars and workshop sessions, built with `icalendar`.

Text from people goes through `single_line` / `plain_text` first: RFC 5545 allows no control
characters in text values, and `icalendar` refuses a raw line break in some properties (the
calendar name), which used to turn every `.ics` of a webinar with a CR/LF in its title into a 500.
"""

from datetime import UTC, datetime

from django.conf import settings
from icalendar import Calendar, Event

from citypeers.core.text import plain_text, single_line
from citypeers.workshops.enums import WebinarStatus

PRODID = "-//CityPeers//Workshops and webinars//EN"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", single_line(name))
    return calendar


def _host() -> str:
    return settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "citypeers"


def webinar_event(webinar) -> Event:
    url = settings.SITE_URL.rstrip("/") + webinar.get_absolute_url()
    event = Event()
    event.add("uid", f"webinar-{webinar.pk}@{_host()}")
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", webinar.starts_at.astimezone(UTC))
    event.add("dtend", webinar.ends_at.astimezone(UTC))
    event.add("summary", single_line(webinar.title))
    event.add("description", plain_text(f"{webinar.description}\n\n{url}"))
    event.add("url", url)
    event.add("location", "Online")
    event.add("sequence", webinar.sequence)
    event.add("status", "CANCELLED" if webinar.status == WebinarStatus.CANCELLED else "CONFIRMED")
    return event


def webinar_calendar(webinars, *, name: str = "CityPeers webinars") -> bytes:
    calendar = _calendar(name)
    for webinar in webinars:
        calendar.add_component(webinar_event(webinar))
    return calendar.to_ical()


def sessions_calendar(workshop, sessions) -> bytes:
    calendar = _calendar(workshop.title)
    base = settings.SITE_URL.rstrip("/")
    for session in sessions:
        event = Event()
        event.add("uid", f"workshop-session-{session.pk}@{_host()}")
        event.add("dtstamp", datetime.now(UTC))
        event.add("dtstart", session.starts_at.astimezone(UTC))
        event.add("dtend", session.ends_at.astimezone(UTC))
        event.add("summary", single_line(f"{workshop.title}: {session.title}"))
        event.add("description", plain_text(session.agenda or workshop.title))
        event.add("location", single_line(session.location or session.video_url or "Online"))
        event.add("url", base + session.get_absolute_url())
        # A calendar that imported the session drops it when it reads the cancellation.
        event.add("status", "CANCELLED" if session.cancelled_at else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
