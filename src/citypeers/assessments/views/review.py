"""Validation by network reviewers: the queue, rating criteria, evidence requests, validation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from citypeers.accounts.permissions import jurisdiction_ids_with_role
from citypeers.assessments import selectors, services
from citypeers.assessments.forms import ReviewDecisionForm, parse_answers
from citypeers.core.pagination import paginate


@login_required
def queue(request):
    selectors.require_reviewer(request.user)
    own = jurisdiction_ids_with_role(request.user)
    page = paginate(request, selectors.review_queue().exclude(jurisdiction_id__in=own))
    return render(request, "assessments/queue.html", {"page_result": page})


def _reviewable(request, pk):
    assessment = selectors.assessment_for_viewer(request.user, pk, to="review")
    return assessment


@login_required
def review(request, pk):
    assessment = _reviewable(request, pk)
    spec = assessment.version.spec
    errors: dict[str, str] = {}
    if request.method == "POST":
        for area in spec.areas:
            answers, area_errors = parse_answers(area, request.POST, prefix="r-")
            errors.update(area_errors)
            for key, fields in answers.items():
                fields.pop("notes")
                try:
                    services.rate_response(
                        assessment=assessment, criterion_key=key, reviewer=request.user, **fields
                    )
                except ValidationError as exc:
                    errors[key] = " ".join(exc.messages)
        if not errors:
            messages.success(request, "Ratings saved.")
            return redirect("assessments:review", pk=assessment.pk)
        messages.error(request, "Some ratings could not be saved; see below.")
    responses = selectors.responses_for(assessment)
    self_result = services.compute_self_result(assessment)
    validated_preview = services.compute_validated_result(assessment)
    groups = []
    for area in spec.areas:
        cards = []
        for criterion in area.criteria:
            response = responses.get(criterion.key)
            rated = response is not None and response.reviewed_at is not None
            cards.append(
                {
                    "criterion": criterion,
                    "response": response,
                    "self": self_result.criteria[criterion.key],
                    "rated": rated,
                    # Until rated, the form starts from the city's own answer.
                    "met": (response.review_met if rated else response.met) if response else None,
                    "checked": set(
                        (response.review_checklist if rated else response.checklist)
                        if response
                        else []
                    ),
                    "level": (response.review_level if rated else response.level)
                    if response
                    else None,
                    "value": (response.review_value if rated else response.value)
                    if response
                    else None,
                    "evidence": (
                        selectors.visible_evidence(
                            request.user, assessment, response.evidence.all()
                        )
                        if response
                        else []
                    ),
                    "error": errors.get(criterion.key, ""),
                }
            )
        groups.append({"area": area, "cards": cards})
    rated = sum(1 for r in responses.values() if r.reviewed_at is not None)
    return render(
        request,
        "assessments/review.html",
        {
            "assessment": assessment,
            "spec": spec,
            "groups": groups,
            "self_result": self_result,
            "preview": validated_preview,
            "rated": rated,
            "total": len(spec.criteria),
            "decision_form": ReviewDecisionForm(initial={"summary": assessment.review_summary}),
        },
    )


@login_required
@require_POST
def request_evidence(request, pk):
    assessment = _reviewable(request, pk)
    form = ReviewDecisionForm(request.POST)
    summary = form.cleaned_data["summary"] if form.is_valid() else ""
    try:
        services.request_evidence(assessment=assessment, reviewer=request.user, message=summary)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("assessments:review", pk=assessment.pk)
    messages.success(request, "Evidence requested; the city's editors have been emailed.")
    return redirect("assessments:queue")


@login_required
@require_POST
def validate(request, pk):
    assessment = _reviewable(request, pk)
    form = ReviewDecisionForm(request.POST)
    summary = form.cleaned_data["summary"] if form.is_valid() else ""
    try:
        services.validate_assessment(assessment=assessment, reviewer=request.user, summary=summary)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("assessments:review", pk=assessment.pk)
    messages.success(request, f"{assessment.jurisdiction}'s assessment is validated.")
    return redirect("assessments:result", pk=assessment.pk)
