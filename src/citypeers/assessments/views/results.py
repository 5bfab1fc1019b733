"""The result (with benchmarks and a peer chart), the roadmap as a page and a PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from citypeers.assessments import selectors, services
from citypeers.assessments.engine.roadmap import HORIZONS
from citypeers.assessments.forms import ConversationForm
from citypeers.assessments.models import ConversationRequest
from citypeers.assessments.permissions import (
    can_request_conversation,
    can_view_assessment,
    can_view_evidence,
)
from citypeers.core.panels import panels_for
from citypeers.directory.models import Jurisdiction


def _criteria_rows(user, assessment, spec, self_result, validated_result, full: bool):
    responses = selectors.responses_for(assessment)
    rows = []
    for area in spec.areas:
        criteria = []
        for criterion in area.criteria:
            response = responses.get(criterion.key)
            evidence = [
                e
                for e in (response.evidence.all() if response else [])
                if can_view_evidence(user, e, assessment)
            ]
            criteria.append(
                {
                    "criterion": criterion,
                    "self": self_result.criteria[criterion.key],
                    "validated": validated_result.criteria[criterion.key]
                    if validated_result
                    else None,
                    "response": response if full else None,
                    "evidence": evidence,
                }
            )
        rows.append({"area": area, "criteria": criteria})
    return rows


def _results(assessment):
    self_result = services.compute_self_result(assessment)
    validated = services.compute_validated_result(assessment) if assessment.validated_at else None
    return self_result, validated


def result(request, pk):
    assessment = selectors.assessment_for_user(request.user, pk)
    spec = assessment.version.spec
    full = can_view_assessment(request.user, assessment)
    self_result, validated = _results(assessment)
    headline = validated or self_result
    comparison = selectors.chart_comparison(assessment)
    chart = {
        "labels": [a.title for a in spec.areas],
        "series": [
            {
                "label": "Self-assessed",
                "data": [round(float(a.percent), 1) for a in self_result.areas],
            },
        ],
    }
    if validated is not None:
        chart["series"].append(
            {"label": "Validated", "data": [round(float(a.percent), 1) for a in validated.areas]}
        )
    if comparison["medians"] is not None:
        chart["series"].append(
            {
                "label": f"Peer median ({comparison['label']}, {comparison['size']} cities"
                + (", includes demo results)" if comparison["demo_count"] else ")"),
                "data": [comparison["medians"][a.key] for a in spec.areas],
            }
        )
    blocked = [
        (
            spec.criteria_by_key[key],
            [spec.criteria_by_key[p] for p in self_result.criteria[key].blocked_by],
        )
        for key in self_result.blocked
    ]
    return render(
        request,
        "assessments/result.html",
        {
            "assessment": assessment,
            "spec": spec,
            "full": full,
            "self_result": self_result,
            "validated": validated,
            "headline": headline,
            "areas": list(
                zip(
                    spec.areas,
                    self_result.areas,
                    validated.areas if validated else [None] * len(spec.areas),
                    strict=True,
                )
            ),
            "blocked": blocked,
            "chart": chart,
            "comparison": comparison,
            "benchmarks": selectors.benchmarks_for(assessment, headline),
            "rows": _criteria_rows(request.user, assessment, spec, self_result, validated, full),
            "certification": getattr(assessment, "certification", None)
            if assessment.validated_at
            else None,
        },
    )


def _roadmap_context(request, assessment):
    spec = assessment.version.spec
    self_result, validated = _results(assessment)
    headline = validated or self_result
    plan = selectors.roadmap_for(assessment, headline, viewer=request.user)
    asked = set(
        ConversationRequest.objects.filter(from_jurisdiction=assessment.jurisdiction).values_list(
            "to_jurisdiction_id", "criterion__key"
        )
    )
    titles = {c.key: c.title for c in spec.criteria}
    # Panels from apps above (guides for these steps, outcomes since) read the plan's keys.
    assessment.roadmap_step_keys = frozenset(item["step"].key for item in plan)
    phases = []
    for months in HORIZONS:
        steps = [item for item in plan if item["step"].horizon_months == months]
        for item in steps:
            item["asked"] = {
                p.jurisdiction_id
                for p in item["peers"]
                if (p.jurisdiction_id, item["step"].key) in asked
            }
            item["unlocks_titles"] = [titles[k] for k in item["step"].unlocks]
            item["waits_titles"] = [titles[k] for k in item["step"].waits_for]
        phases.append({"months": months, "steps": steps})
    return {
        "assessment": assessment,
        "spec": spec,
        "headline": headline,
        "validated": validated,
        "plan": plan,
        "phases": phases,
        "generated": timezone.now(),
        "area_titles": {a.key: a.title for a in spec.areas},
        "can_ask": can_request_conversation(request.user, assessment.jurisdiction),
        "roadmap_panels": _roadmap_panels(request.user, assessment),
    }


def _roadmap_panels(user, assessment) -> list[dict]:
    """Panels that apps above assessments register for the roadmap (`core.panels`, page
    "roadmap"), e.g. outcomes measured since: each template gets its data under `panel`."""
    return [
        {
            "template": panel.template,
            "data": panel.context(user, assessment, frozenset()) if panel.context else {},
        }
        for panel in panels_for("roadmap")
    ]


@login_required
def roadmap(request, pk):
    assessment = selectors.assessment_for_viewer(request.user, pk)
    return render(request, "assessments/roadmap.html", _roadmap_context(request, assessment))


@login_required
def roadmap_pdf(request, pk):
    from weasyprint import HTML  # noqa: PLC0415 - heavy import, only needed for PDF export

    assessment = selectors.assessment_for_viewer(request.user, pk)
    html = render_to_string(
        "assessments/roadmap_pdf.html", _roadmap_context(request, assessment), request=request
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"roadmap-{assessment.jurisdiction.slug}-{assessment.cycle}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_required
@require_POST
def ask_peer(request, pk):
    assessment = selectors.assessment_for_viewer(request.user, pk, to="ask_peers")
    form = ConversationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a peer city and a criterion.")
        return redirect("assessments:roadmap", pk=assessment.pk)
    criterion = assessment.version.criteria.filter(key=form.cleaned_data["criterion"]).first()
    peer = Jurisdiction.objects.filter(pk=form.cleaned_data["peer"]).first()
    if criterion is None or peer is None:
        raise Http404("No such criterion or city.")
    meeting = {
        r.jurisdiction_id
        for r in selectors.shared_results(
            assessment.version, viewer=request.user, exclude_id=assessment.jurisdiction_id
        )
        if criterion.key in r.met
    }
    try:
        services.request_conversation(
            from_jurisdiction=assessment.jurisdiction,
            to_jurisdiction=peer,
            criterion=criterion,
            user=request.user,
            message=form.cleaned_data["message"],
            peer_ids_meeting=meeting,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"Request sent: {peer}'s administrators have been emailed about “{criterion.title}”.",
        )
    return redirect("assessments:roadmap", pk=assessment.pk)
