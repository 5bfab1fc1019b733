"""Coalition and partnership pages and their regional dashboards (HTML and CSV)."""

import io

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import Organisation
from citypeers.accounts.permissions import is_network_member
from citypeers.coalitions.enums import ReplicationStage
from citypeers.coalitions.models import Partnership
from citypeers.coalitions.permissions import can_edit_partnership, can_manage_coalition
from citypeers.coalitions.selectors import regions
from citypeers.core.spreadsheet import csv_writer

CSV_COLUMNS = ["section", "name", "state", "value", "unit", "source", "year"]


def coalition_index(request):
    coalitions = (
        Organisation.objects.filter(kind=OrganisationKind.COALITION)
        .select_related("coalition_profile")
        .order_by("name")
    )
    return render(
        request,
        "coalitions/index.html",
        {
            "coalitions": list(coalitions),
            "partnerships": list(Partnership.objects.order_by("name")),
        },
    )


def coalition_detail(request, slug):
    coalition = regions.coalition_by_slug(slug)
    page = regions.coalition_page(coalition, with_contacts=is_network_member(request.user))
    return render(
        request,
        "coalitions/coalition.html",
        {
            "coalition": coalition,
            "profile": regions.profile_of(coalition),
            "page": page,
            "states": sorted({m.state for m in page.members}),
            "can_manage": can_manage_coalition(request.user, coalition),
        },
    )


def partnership_detail(request, slug):
    partnership = regions.partnership_by_slug(slug)
    coalitions = list(partnership.coalitions.all())
    unique = regions.member_ids([c.pk for c in coalitions])
    return render(
        request,
        "coalitions/partnership.html",
        {
            "partnership": partnership,
            "coalitions": coalitions,
            "government_count": len(unique),
            "listed_sum": sum(c.member_count for c in coalitions),
            "can_edit": can_edit_partnership(request.user, partnership),
        },
    )


def _dashboard(request, *, title, subject, ids, csv_name, back_url):
    board = regions.dashboard(request.user, ids)
    if request.GET.get("format") == "csv":
        return _csv(board, csv_name)
    places = [
        {"name": m.name, "state": m.state, "stage": "Member", "lat": m.latitude, "lon": m.longitude}
        for m in board.members
        if m.latitude is not None
    ]
    return render(
        request,
        "coalitions/dashboard.html",
        {
            "title": title,
            "subject": subject,
            "board": board,
            "places": places,
            # In the ledger's order (considering … scaling, paused, dropped), not by count.
            "stages": [
                (label, board.stage_counts[stage])
                for stage, label in ReplicationStage.choices
                if stage in board.stage_counts
            ],
            "min_group": regions.MIN_GROUP,
            "back_url": back_url,
        },
    )


def coalition_dashboard(request, slug):
    coalition = regions.coalition_by_slug(slug)
    ids = regions.members_of([coalition.pk])
    return _dashboard(
        request,
        title=f"{coalition.name}: regional dashboard",
        subject=coalition,
        ids=ids,
        csv_name=f"{coalition.slug}-dashboard.csv",
        back_url=reverse("coalitions:coalition", kwargs={"slug": slug}),
    )


def partnership_dashboard(request, slug):
    partnership = regions.partnership_by_slug(slug)
    ids = regions.members_of([c.pk for c in partnership.coalitions.all()])
    return _dashboard(
        request,
        title=f"{partnership.name}: dashboard",
        subject=partnership,
        ids=ids,
        csv_name=f"{partnership.slug}-dashboard.csv",
        back_url=partnership.get_absolute_url(),
    )


def _csv(board, filename) -> HttpResponse:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(CSV_COLUMNS)
    for m in board.members:
        writer.writerow(
            [
                "member",
                m.name,
                m.state,
                m.population or "",
                "residents",
                m.population_source,
                m.population_year or "",
            ]
        )
    for row in board.areas:
        writer.writerow(
            [
                "challenge_area",
                row["area"].name,
                "",
                row["cities"],
                "member governments",
                "CityPeers challenge statements",
                "",
            ]
        )
    for stage, n in board.stage_counts.items():
        writer.writerow(
            ["replication_stage", stage, "", n, "replications", "CityPeers replication ledger", ""]
        )
    if board.levels is not None:
        for level, n in board.levels:
            writer.writerow(
                [
                    "certification_level",
                    level,
                    "",
                    n,
                    "member governments",
                    "CityPeers certifications",
                    board.certification_cycle or "",
                ]
            )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
