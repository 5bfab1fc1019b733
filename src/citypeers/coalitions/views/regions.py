"""Coalition and partnership pages and their regional dashboards (HTML and CSV)."""

import hashlib
import io

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import Organisation
from citypeers.accounts.permissions import is_network_member
from citypeers.coalitions.enums import ReplicationStage
from citypeers.coalitions.models import Partnership
from citypeers.coalitions.permissions import can_edit_partnership, can_manage_coalition
from citypeers.coalitions.selectors import regions
from citypeers.core.spreadsheet import csv_writer

CSV_COLUMNS = ["section", "name", "state", "value", "unit", "source", "year"]
# A cached dashboard is dropped after this long at most. Its key already changes with every
# membership, statement, solution, replication, certification and insight link of the
# members; the limit bounds what the key leaves out (directory facts such as a member's
# population after a Census import, a challenge area renamed, or an adopting city outside the
# region renamed).
DASHBOARD_CACHE_SECONDS = 600


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


def _dashboard(request, *, kind, subject, version, title, filename, back_url):
    """The dashboard's figures and their rendered block, cached per subject, audience and
    data version (`regions.coalition_with_version`): any write the dashboard reads changes
    the version, so a visit never sees stale figures, and repeat visits skip the queries and
    the rendering. The page around the block (CSP nonce, CSRF token, the visitor's menu) is
    rendered for each request."""
    as_csv = request.GET.get("format") == "csv"
    key = _dashboard_cache_key(
        kind, subject.pk, regions.dashboard_audience(request.user), version, as_csv
    )
    cached = cache.get(key)
    if cached is None:
        board = regions.subject_dashboard(request.user, kind, subject.pk, lists=not as_csv)
        if as_csv:
            cached = _csv_text(board)
        else:
            cached = render_to_string(
                "coalitions/_dashboard_body.html",
                _dashboard_context(board, title=title, subject=subject, back_url=back_url),
            )
        cache.set(key, cached, _dashboard_cache_seconds())
    if as_csv:
        response = HttpResponse(cached, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    # Our own auto-escaping template's output (above), read back from the cache.
    body = mark_safe(cached)
    return render(request, "coalitions/dashboard.html", {"title": title, "body": body})


def _dashboard_context(board, *, title, subject, back_url) -> dict:
    return {
        "title": title,
        "subject": subject,
        "board": board,
        "places": [
            {
                "name": m.name,
                "state": m.state,
                "stage": "Member",
                "lat": m.latitude,
                "lon": m.longitude,
            }
            for m in board.members
            if m.latitude is not None
        ],
        # In the ledger's order (considering … scaling, paused, dropped), not by count.
        "stages": [
            (label, board.stage_counts[stage])
            for stage, label in ReplicationStage.choices
            if stage in board.stage_counts
        ],
        "replication_rows": _replication_rows(board.replications),
        "min_group": regions.MIN_GROUP,
        "back_url": back_url,
    }


# The stage tag's colour, as `coalitions/_stage.html` gives it.
STAGE_CLASSES = {
    "scaling": "bg-green",
    "piloting": "bg-primary",
    "dropped": "bg-secondary-dark",
    "paused": "bg-base",
}
# Marker values for building many links of one kind with a single `reverse`.
PK_MARK, SLUG_MARK = 987654321, "slug-mark-7340033"


# A replications table row, as `coalitions/_dashboard_body.html` once rendered it cell by cell.
REPLICATION_ROW_HTML = (
    '<tr><th scope="row"><a href="{}">{}, {}</a>{}</th>'
    '<td><a href="{}">{}</a> ({}, {})</td>'
    '<td><span class="usa-tag cp-stage cp-stage--{} {}">{}</span></td><td>{}</td></tr>'
)
DEMO_TAG = mark_safe(' <span class="usa-tag bg-gold text-ink">Demo content</span>')


def _replication_rows(replications) -> list[str]:
    """The replications table's rows as HTML (`format_html` escapes every value): three
    `reverse` calls and a dozen template lookups a row cost more than rendering everything
    else on the dashboard."""
    record_url = reverse("coalitions:replication", kwargs={"pk": PK_MARK})
    solution_url = reverse("knowledge:solution", kwargs={"slug": SLUG_MARK})
    labels = dict(ReplicationStage.choices)
    # Formatting a date costs more than the row's other cells; the rows share few months.
    months = {
        day: date_format(day, "M Y")
        for day in {r.stage_changed_on.replace(day=1) for r in replications}
    }
    return [
        format_html(
            REPLICATION_ROW_HTML,
            record_url.replace(str(PK_MARK), str(r.pk)),
            r.adopter_name,
            r.adopter_state,
            DEMO_TAG if r.is_demo else "",
            solution_url.replace(SLUG_MARK, r.solution_slug),
            r.solution_title,
            r.owner_name,
            r.owner_state,
            r.stage,
            STAGE_CLASSES.get(r.stage, "bg-accent-cool-dark"),
            labels.get(r.stage, r.stage),
            months[r.stage_changed_on.replace(day=1)],
        )
        for r in replications
    ]


def _dashboard_cache_seconds() -> int:
    return int(getattr(settings, "CITYPEERS_DASHBOARD_CACHE_SECONDS", DASHBOARD_CACHE_SECONDS))


def _dashboard_cache_key(kind, pk, audience, version, as_csv) -> str:
    digest = hashlib.sha1(repr((audience, version)).encode()).hexdigest()[:20]
    return f"coalitions:dashboard:{kind}:{pk}:{'csv' if as_csv else 'html'}:{digest}"


def coalition_dashboard(request, slug):
    coalition, version = regions.coalition_with_version(slug)
    return _dashboard(
        request,
        kind="coalition",
        subject=coalition,
        version=version,
        title=f"{coalition.name}: regional dashboard",
        filename=f"{coalition.slug}-dashboard.csv",
        back_url=reverse("coalitions:coalition", kwargs={"slug": slug}),
    )


def partnership_dashboard(request, slug):
    partnership, version = regions.partnership_with_version(slug)
    return _dashboard(
        request,
        kind="partnership",
        subject=partnership,
        version=version,
        title=f"{partnership.name}: dashboard",
        filename=f"{partnership.slug}-dashboard.csv",
        back_url=reverse("coalitions:partnership", kwargs={"slug": slug}),
    )


def _csv_text(board) -> str:
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
    return out.getvalue()
