from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from citypeers.core.access import sign_in_when_denied
from citypeers.core.files import download_response
from citypeers.core.forms import apply_service_errors, stale_edit_context
from citypeers.core.pagination import paginate
from citypeers.core.panels import panels_for
from citypeers.core.services import StaleEdit
from citypeers.knowledge import selectors, services
from citypeers.knowledge.forms import (
    AttachmentForm,
    LinkFormSet,
    OutcomeFormSet,
    SolutionFilterForm,
    SolutionForm,
    link_initial,
    links_from,
    outcome_initial,
    outcomes_from,
)
from citypeers.knowledge.permissions import can_edit_entry

PAGE_SIZE = 20


def solution_list(request):
    form = SolutionFilterForm(request.GET or None)
    filters = form.filters()
    page = paginate(request, selectors.filter_solutions(request.user, filters), per_page=PAGE_SIZE)
    context = {
        "form": form,
        "filters": filters,
        "page_result": page,
        "solutions": list(page.page.object_list),
        "is_filtered": any(
            getattr(filters, f)
            for f in (
                "search",
                "challenge",
                "state",
                "population_band",
                "solution_status",
                "evidence_level",
            )
        ),
        "editable_cities": _editable_cities(request.user),
    }
    template = "knowledge/solution_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


def _editable_cities(user):
    return selectors.editable_jurisdictions(user)


def solution_detail(request, slug):
    solution = selectors.solution_for_user(request.user, slug)
    return render(
        request,
        "knowledge/solution_detail.html",
        {
            "solution": solution,
            "can_edit": can_edit_entry(request.user, solution),
            "panels": _panels(request.user, solution),
        },
    )


def _panels(user, solution) -> list[dict]:
    """Panels that apps above knowledge register for the solution page (`core.panels`, page
    "solution"); each template gets its own data under `panel`."""
    return [
        {
            "template": panel.template,
            "slot": panel.slot,
            "data": panel.context(user, solution, frozenset()) if panel.context else {},
        }
        for panel in panels_for("solution")
    ]


def _forms(request, initial=None, outcomes=None, links=None):
    data = request.POST if request.method == "POST" else None
    return (
        SolutionForm(data, initial=initial, editing=initial is not None),
        OutcomeFormSet(data, initial=outcomes, prefix="outcomes"),
        LinkFormSet(data, initial=links, prefix="links"),
    )


def _render_form(request, form, outcome_set, link_set, *, jurisdiction, solution=None, stale=None):
    return render(
        request,
        "knowledge/solution_form.html",
        {
            "form": form,
            "outcome_set": outcome_set,
            "link_set": link_set,
            "jurisdiction": jurisdiction,
            "solution": solution,
            **(stale or {}),
        },
    )


@sign_in_when_denied
@require_http_methods(["GET", "POST"])
def solution_create(request, slug):
    jurisdiction = selectors.jurisdiction_by_slug(slug)
    selectors.city_for_new_entries(request.user, jurisdiction)
    form, outcome_set, link_set = _forms(request)
    if request.method == "POST" and all(
        [form.is_valid(), outcome_set.is_valid(), link_set.is_valid()]
    ):
        try:
            solution = services.create_solution(
                owner=jurisdiction,
                outcomes=outcomes_from(outcome_set),
                links=links_from(link_set),
                actor=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Solution saved.")
            return redirect(solution.get_absolute_url())
    return _render_form(request, form, outcome_set, link_set, jurisdiction=jurisdiction)


@sign_in_when_denied
@require_http_methods(["GET", "POST"])
def solution_edit(request, slug):
    solution = selectors.solution_for_user(request.user, slug, for_edit=True)
    form, outcome_set, link_set = _forms(
        request,
        SolutionForm.initial_for(solution),
        outcome_initial(solution),
        link_initial(solution),
    )
    stale = None
    if request.method == "POST" and all(
        [form.is_valid(), outcome_set.is_valid(), link_set.is_valid()]
    ):
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.update_solution(
                solution=solution,
                outcomes=outcomes_from(outcome_set),
                links=links_from(link_set),
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **fields,
            )
        except StaleEdit as error:
            stale = stale_edit_context(form, error, SolutionForm.initial_for(error.current))
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Solution updated.")
            return redirect(solution.get_absolute_url())
    return _render_form(
        request,
        form,
        outcome_set,
        link_set,
        jurisdiction=solution.owner,
        solution=solution,
        stale=stale,
    )


@sign_in_when_denied
@require_http_methods(["GET", "POST"])
def solution_delete(request, slug):
    solution = selectors.solution_for_user(request.user, slug, for_edit=True)
    if request.method == "POST":
        owner = solution.owner
        services.delete_solution(solution=solution, actor=request.user)
        messages.success(request, f"“{solution.title}” was deleted.")
        return redirect(reverse("knowledge:city", kwargs={"slug": owner.slug}))
    return render(
        request,
        "knowledge/confirm_delete.html",
        {
            "object_label": f"the solution “{solution.title}” with its outcomes, links and files",
            "cancel_url": solution.get_absolute_url(),
        },
    )


@sign_in_when_denied
def solution_history(request, slug):
    solution = selectors.solution_for_user(request.user, slug)
    entries = selectors.history_for_user(request.user, solution)
    return render(
        request,
        "knowledge/history.html",
        {
            "title": solution.title,
            "back_url": solution.get_absolute_url(),
            "entries": entries,
        },
    )


@sign_in_when_denied
@require_http_methods(["GET", "POST"])
def attachment_add(request, slug):
    solution = selectors.solution_for_user(request.user, slug, for_edit=True)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_attachment(solution=solution, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "File attached.")
            return redirect(solution.get_absolute_url())
    return render(request, "knowledge/attachment_form.html", {"form": form, "solution": solution})


def attachment_download(request, pk):
    attachment = selectors.attachment_for_user(request.user, pk)
    return download_response(attachment.file, content_type=attachment.content_type)


@sign_in_when_denied
@require_http_methods(["GET", "POST"])
def attachment_delete(request, pk):
    attachment = selectors.attachment_for_user(request.user, pk, for_edit=True)
    if request.method == "POST":
        services.delete_attachment(attachment=attachment, actor=request.user)
        messages.success(request, "File removed.")
        return redirect(attachment.solution.get_absolute_url())
    return render(
        request,
        "knowledge/confirm_delete.html",
        {
            "object_label": f"the file “{attachment.title}”",
            "cancel_url": attachment.solution.get_absolute_url(),
        },
    )
