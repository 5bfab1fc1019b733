"""The replication report pages of a coalition and of a partnership (public figures; records
the viewer may not see are left out, as on the dashboard)."""

from django.shortcuts import render
from django.urls import reverse

from citypeers.coalitions.selectors import regions
from citypeers.coalitions.selectors.report import replication_report


def coalition_report(request, slug):
    coalition = regions.coalition_by_slug(slug)
    back = reverse("coalitions:coalition", kwargs={"slug": slug})
    return _report(request, coalition, regions.members_of([coalition.pk]), back)


def partnership_report(request, slug):
    partnership = regions.partnership_by_slug(slug)
    ids = regions.members_of([c.pk for c in partnership.coalitions.all()])
    return _report(request, partnership, ids, partnership.get_absolute_url())


def _report(request, subject, ids, back_url):
    context = {
        "name": subject.name,
        "subject": subject,
        "back_url": back_url,
        "report": replication_report(request.user, ids),
    }
    return render(request, "coalitions/report.html", context)
