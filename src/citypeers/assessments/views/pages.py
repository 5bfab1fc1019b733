"""Landing page, framework pages, a city's progress across cycles, the network overview."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from citypeers.accounts.permissions import jurisdiction_ids_with_role
from citypeers.assessments import selectors
from citypeers.assessments.enums import FINISHED_STATUSES
from citypeers.assessments.models import Certification
from citypeers.assessments.permissions import (
    can_view_network_overview,
    is_assessment_reviewer,
)
from citypeers.directory.models import Jurisdiction


def index(request):
    versions = list(selectors.published_versions())
    editable = []
    if request.user.is_authenticated:
        own = jurisdiction_ids_with_role(request.user, "editor")
        editable = list(Jurisdiction.objects.filter(pk__in=own).order_by("name"))
    certified = (
        Certification.objects.filter(show_on_profile=True)
        .select_related("jurisdiction")
        .order_by("-cycle", "jurisdiction__name")[:12]
    )
    return render(
        request,
        "assessments/index.html",
        {
            "versions": versions,
            "panel": selectors.dashboard_panel(request.user)
            if request.user.is_authenticated
            else None,
            "editable": editable,
            "certified": certified,
            "is_reviewer": is_assessment_reviewer(request.user),
            "is_organiser": can_view_network_overview(request.user),
        },
    )


def framework(request, slug, version):
    found = selectors.framework_version(slug, version)
    spec = found.spec
    return render(
        request,
        "assessments/framework.html",
        {"version": found, "spec": spec, "framework": found.framework},
    )


@login_required
def city(request, slug):
    jurisdiction = selectors.city_assessments_for_user(request.user, slug)
    assessments = list(
        jurisdiction.assessments.select_related("version__framework").order_by(
            "version__framework__title", "-cycle"
        )
    )
    series = []
    for slug_ in sorted({a.version.framework.slug for a in assessments}):
        points = selectors.progress_for(jurisdiction, slug_)
        if points:
            title = next(
                a.version.framework.title for a in assessments if a.version.framework.slug == slug_
            )
            series.append({"framework": title, "slug": slug_, "points": points})
    latest = next((a for a in assessments if a.status in FINISHED_STATUSES), None)
    benchmarks = []
    if latest is not None:
        headline, _ = selectors.headline_result(latest)
        benchmarks = selectors.benchmarks_for(latest, headline)
    return render(
        request,
        "assessments/city.html",
        {
            "jurisdiction": jurisdiction,
            "assessments": assessments,
            "series": series,
            "demo_progress": any(p["is_demo"] for s in series for p in s["points"]),
            "chart": {
                "series": [
                    {
                        "label": s["framework"],
                        "cycles": [p["cycle"] for p in s["points"]],
                        "self": [p["self"] for p in s["points"]],
                        "validated": [p["validated"] for p in s["points"]],
                    }
                    for s in series
                ]
            },
            "latest": latest,
            "benchmarks": benchmarks,
        },
    )


@login_required
def network(request):
    selectors.require_network_overview(request.user)
    rows = []
    for version in selectors.published_versions():
        distribution = selectors.level_distribution(version)
        rows.append({"version": version, **distribution})
    return render(
        request,
        "assessments/network.html",
        {
            "rows": rows,
            "chart": {
                "series": [
                    {
                        "label": str(r["version"]),
                        "labels": list(r["counts"]),
                        "data": list(r["counts"].values()),
                    }
                    for r in rows
                ]
            },
            "queue_count": selectors.review_queue().count(),
        },
    )
