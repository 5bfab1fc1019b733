"""Taking an assessment: start, overview, answer by practice area, evidence, submit, share."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from citypeers.assessments import selectors, services
from citypeers.assessments.engine.eligibility import eligibility_problem
from citypeers.assessments.forms import EvidenceForm, SharingForm, StartForm, parse_answers
from citypeers.assessments.permissions import (
    can_add_evidence,
    can_answer_assessment,
    can_share_result,
    can_submit_assessment,
)
from citypeers.core.files import download_response
from citypeers.core.services import StaleEdit


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@login_required
def start(request, slug):
    jurisdiction = selectors.city_for_new_assessment(request.user, slug)
    versions = selectors.published_versions()
    form = StartForm(request.POST or None, versions=versions)
    eligibility = [
        (
            v,
            eligibility_problem(
                v.spec,
                place=str(jurisdiction),
                population=jurisdiction.population,
                source=jurisdiction.population_source,
            ),
        )
        for v in versions
    ]
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.start_assessment(
                jurisdiction=jurisdiction,
                version=form.cleaned_data["version"],
                cycle=form.cleaned_data["cycle"],
                user=request.user,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "cycle" in exc.error_dict:
                form.add_error("cycle", exc.error_dict["cycle"])
            else:
                form.add_error(None, exc)
        else:
            messages.success(
                request, "Assessment started. Answer at your own pace; drafts are saved."
            )
            return redirect(assessment)
    existing = jurisdiction.assessments.select_related("version__framework").order_by("-cycle")
    return render(
        request,
        "assessments/start.html",
        {
            "jurisdiction": jurisdiction,
            "form": form,
            "eligibility": eligibility,
            "existing": existing,
        },
    )


@login_required
def detail(request, pk):
    assessment = selectors.assessment_for_viewer(request.user, pk)
    spec = assessment.version.spec
    responses = selectors.responses_for(assessment)
    check = services.submission_check(assessment)
    result = check.result
    flagged = [r for r in responses.values() if r.evidence_requested]
    certification = getattr(assessment, "certification", None) if assessment.validated_at else None
    return render(
        request,
        "assessments/detail.html",
        {
            "assessment": assessment,
            "spec": spec,
            "areas": list(zip(spec.areas, result.areas, strict=True)),
            "result": result,
            "answered": result.answered,
            "total": len(spec.criteria),
            "remaining": len(spec.criteria) - result.answered,
            "missing_evidence": check.missing_evidence,
            "ready": check.ready,
            "flagged": flagged,
            "can_answer": can_answer_assessment(request.user, assessment),
            "can_submit": can_submit_assessment(request.user, assessment),
            "can_share": can_share_result(request.user, assessment),
            "sharing_form": SharingForm(
                initial={
                    "sharing": assessment.sharing,
                    "show_certification": certification.show_on_profile if certification else True,
                }
            ),
            "certification": certification,
        },
    )


STALE_ANSWER = (
    "Someone else saved this answer while you were editing; their answer is shown now. "
    "Change it again if yours should replace it."
)


def _read_version(data, key: str) -> int | None:
    """The version of the answer the page showed (0: none yet); None from an older page."""
    raw = data.get(f"{key}-version") or ""
    return int(raw) if raw.isdigit() else None


def _area_or_404(spec, key):
    for index, area in enumerate(spec.areas):
        if area.key == key:
            return index, area
    raise Http404("No such practice area.")


@login_required
def answer(request, pk, area):
    assessment = selectors.assessment_for_viewer(
        request.user, pk, for_edit=request.method == "POST"
    )
    spec = assessment.version.spec
    index, area_spec = _area_or_404(spec, area)
    can_answer = can_answer_assessment(request.user, assessment)
    errors: dict[str, str] = {}
    if request.method == "POST":
        existing = selectors.responses_for(assessment)
        answers, errors = parse_answers(area_spec, request.POST)
        for key, fields in answers.items():
            fields.pop("comment")
            fields.pop("evidence_requested")
            provided = any(
                fields.get(name) not in (None, "", [])
                for name in ("met", "checklist", "level", "value", "notes")
            )
            if not provided and key not in existing:
                continue  # untouched: stays unanswered
            try:
                services.save_response(
                    assessment=assessment,
                    criterion_key=key,
                    user=request.user,
                    expected_version=_read_version(request.POST, key),
                    **fields,
                )
            except StaleEdit:
                errors[key] = STALE_ANSWER
            except ValidationError as exc:
                errors[key] = _error_text(exc)
        if not errors:
            messages.success(request, f"Saved “{area_spec.title}”.")
            if request.POST.get("next") == "continue" and index + 1 < len(spec.areas):
                return redirect(
                    "assessments:answer", pk=assessment.pk, area=spec.areas[index + 1].key
                )
            if request.POST.get("next") == "continue":
                return redirect(assessment)
            return redirect("assessments:answer", pk=assessment.pk, area=area_spec.key)
        messages.error(request, "Some answers could not be saved; see the messages below.")
    responses = selectors.responses_for(assessment)
    result = services.compute_self_result(assessment)
    cards = []
    for criterion in area_spec.criteria:
        response = responses.get(criterion.key)
        cards.append(
            {
                "criterion": criterion,
                "response": response,
                "score": result.criteria[criterion.key],
                "evidence": (
                    selectors.visible_evidence(request.user, assessment, response.evidence.all())
                    if response
                    else []
                ),
                "error": errors.get(criterion.key, ""),
                "checked": set(response.checklist) if response else set(),
                "prerequisites": [
                    (spec.criteria_by_key[p.criterion], p.effect) for p in criterion.prerequisites
                ],
            }
        )
    return render(
        request,
        "assessments/answer.html",
        {
            "assessment": assessment,
            "spec": spec,
            "area": area_spec,
            "area_score": result.areas[index],
            "areas": list(zip(spec.areas, result.areas, strict=True)),
            "previous_area": spec.areas[index - 1] if index > 0 else None,
            "next_area": spec.areas[index + 1] if index + 1 < len(spec.areas) else None,
            "cards": cards,
            "can_answer": can_answer,
            "can_add_evidence": can_add_evidence(request.user, assessment),
            "answered": result.answered,
            "total": len(spec.criteria),
            "evidence_form": EvidenceForm(),
        },
    )


@login_required
@require_POST
def evidence_add(request, pk, criterion):
    assessment = selectors.assessment_for_viewer(request.user, pk, to="evidence")
    spec = assessment.version.spec
    criterion_spec = spec.criteria_by_key.get(criterion)
    if criterion_spec is None:
        raise Http404("No such criterion.")
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_evidence(
                assessment=assessment,
                criterion_key=criterion,
                user=request.user,
                title=form.cleaned_data["title"],
                visibility=form.cleaned_data["visibility"],
                url=form.cleaned_data["url"] or "",
                upload=form.cleaned_data["file"],
                requirement_key=form.cleaned_data["requirement_key"] or "",
            )
        except ValidationError as exc:
            messages.error(request, f"Evidence not added: {_error_text(exc)}")
        else:
            messages.success(request, f"Evidence added to “{criterion_spec.title}”.")
    else:
        problems = " ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, f"Evidence not added: {problems}")
    target = reverse(
        "assessments:answer", kwargs={"pk": assessment.pk, "area": criterion_spec.area}
    )
    return redirect(f"{target}#criterion-{criterion}")


def evidence_download(request, pk):
    item = selectors.evidence_for_user(request.user, pk)
    if not item.file:
        return redirect(item.url)
    return download_response(item.file, content_type=item.content_type)


@login_required
@require_POST
def evidence_delete(request, pk):
    item = selectors.evidence_for_user(request.user, pk, for_edit=True)
    assessment = item.response.assessment
    area = item.response.criterion.area.key
    try:
        services.delete_evidence(item=item)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, "Evidence removed.")
    return redirect("assessments:answer", pk=assessment.pk, area=area)


@login_required
@require_POST
def submit(request, pk):
    assessment = selectors.assessment_for_viewer(request.user, pk, to="submit")
    try:
        services.submit_assessment(assessment=assessment, user=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect(assessment)
    messages.success(request, "Submitted. Your result is ready, and reviewers can now validate it.")
    return redirect("assessments:result", pk=assessment.pk)


@login_required
@require_POST
def sharing(request, pk):
    assessment = selectors.assessment_for_viewer(request.user, pk, to="share")
    form = SharingForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose who may see the result.")
        return redirect(assessment)
    services.set_sharing(
        assessment=assessment,
        sharing=form.cleaned_data["sharing"],
        show_certification=form.cleaned_data["show_certification"],
    )
    messages.success(request, f"Sharing updated: {assessment.get_sharing_display().lower()}.")
    return redirect(assessment)
