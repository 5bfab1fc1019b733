"""Pages of the replication ledger: start a record from a solution, read it, edit it, move
its stage, and the Q&A thread with the origin city."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import Organisation
from citypeers.coalitions import selectors, services
from citypeers.coalitions.engine.stages import allowed_targets
from citypeers.coalitions.forms.ledger import (
    AnswerForm,
    BarrierFormSet,
    CostFormSet,
    EditReplicationForm,
    OutcomeFormSet,
    QuestionForm,
    StageForm,
    StartReplicationForm,
    barriers_from,
    costs_from,
    initial_rows,
    outcomes_from,
)
from citypeers.coalitions.permissions import (
    can_answer_about_replication,
    can_ask_about_replication,
    can_edit_replication,
)
from citypeers.core.forms import apply_service_errors
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge.selectors import solution_for_user
from citypeers.workshops.enums import InsightState
from citypeers.workshops.selectors import insights_visible_to, workshops_visible_to

REPLICATION_FIELDS = (
    "adapted",
    "financial_model",
    "prompted_by_insight",
    "prompted_by_workshop",
    "prompted_by_note",
    "visibility",
)


def _choices(user) -> dict:
    return {
        "partners": Organisation.objects.filter(
            kind__in=[OrganisationKind.PARTNER, OrganisationKind.COALITION]
        ).order_by("name"),
        "insights": insights_visible_to(user)
        .filter(state=InsightState.PUBLISHED)
        .order_by("title"),
        "workshops": workshops_visible_to(user).order_by("title"),
    }


def _signed_in(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


@require_http_methods(["GET", "POST"])
def replication_start(request, slug):
    """“We are replicating this”: a city editor starts a record for one of their cities."""
    if denied := _signed_in(request):
        return denied
    solution = solution_for_user(request.user, slug)
    cities = selectors.adopters_for_user(request.user, solution)
    adopters = Jurisdiction.objects.filter(pk__in=[c.pk for c in cities]).order_by("name")
    form = StartReplicationForm(request.POST or None, adopters=adopters, **_choices(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            replication = services.start_replication(
                solution=solution,
                adopter=data["adopter"],
                partners=data["partners"],
                actor=request.user,
                **{k: data[k] for k in REPLICATION_FIELDS},
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Replication recorded. The origin city has been told.")
            return redirect(replication.get_absolute_url())
    return render(
        request, "coalitions/replication_start.html", {"form": form, "solution": solution}
    )


def replication_detail(request, pk):
    replication = selectors.replication_for_user(request.user, pk)
    user = request.user
    can_edit = can_edit_replication(user, replication)
    return render(
        request,
        "coalitions/replication_detail.html",
        {
            "replication": replication,
            "origin_metrics": selectors.origin_metrics(replication.solution),
            "can_edit": can_edit,
            "can_ask": can_ask_about_replication(user, replication),
            "can_answer": can_answer_about_replication(user, replication),
            "stage_form": StageForm(
                current=replication.stage, initial={"version": replication.version}
            )
            if can_edit
            else None,
            "question_form": QuestionForm(),
            "answer_form": AnswerForm(),
            "next_stages": allowed_targets(replication.stage),
        },
    )


@require_http_methods(["GET", "POST"])
def replication_edit(request, pk):
    replication = selectors.replication_for_user(request.user, pk, for_edit=True)
    metrics = list(selectors.origin_metrics(replication.solution))
    data = request.POST if request.method == "POST" else None
    rows = initial_rows(replication)
    initial = {name: getattr(replication, name) for name in REPLICATION_FIELDS}
    initial.update(partners=list(replication.partners.all()), version=replication.version)
    form = EditReplicationForm(data, initial=initial, **_choices(request.user))
    barrier_set = BarrierFormSet(data, initial=rows["barriers"], prefix="barriers")
    cost_set = CostFormSet(data, initial=rows["costs"], prefix="costs")
    outcome_set = OutcomeFormSet(
        data, initial=rows["outcomes"], prefix="outcomes", form_kwargs={"metrics": metrics}
    )
    if data is not None and all(
        [form.is_valid(), barrier_set.is_valid(), cost_set.is_valid(), outcome_set.is_valid()]
    ):
        cleaned = form.cleaned_data
        try:
            services.update_replication(
                replication=replication,
                actor=request.user,
                version=cleaned["version"],
                partners=cleaned["partners"],
                barriers=barriers_from(barrier_set),
                costs=costs_from(cost_set),
                outcomes=outcomes_from(outcome_set),
                **{k: cleaned[k] for k in REPLICATION_FIELDS},
            )
        except ValidationError as error:
            # The version is a hidden field: a stale save is shown at the top of the form.
            stale = "version" in getattr(error, "error_dict", {})
            apply_service_errors(form, ValidationError(error.messages) if stale else error)
        else:
            messages.success(request, "Replication record saved.")
            return redirect(replication.get_absolute_url())
    return render(
        request,
        "coalitions/replication_form.html",
        {
            "replication": replication,
            "form": form,
            "barrier_set": barrier_set,
            "cost_set": cost_set,
            "outcome_set": outcome_set,
            "metrics": metrics,
        },
    )


@require_POST
def replication_stage(request, pk):
    replication = selectors.replication_for_user(request.user, pk, for_edit=True)
    form = StageForm(request.POST, current=replication.stage)
    if form.is_valid():
        try:
            services.change_stage(
                replication=replication,
                stage=form.cleaned_data["stage"],
                reason=form.cleaned_data["reason"],
                changed_on=form.cleaned_data["changed_on"],
                version=form.cleaned_data["version"],
                actor=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"Stage changed to {replication.get_stage_display()}.")
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(replication.get_absolute_url())


@require_POST
def question_ask(request, pk):
    replication = selectors.replication_for_asking(request.user, pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        services.ask_question(
            replication=replication, body=form.cleaned_data["body"], actor=request.user
        )
        messages.success(request, "Question posted; the origin city has been told.")
    else:
        messages.error(request, "Write a question first.")
    return redirect(replication.get_absolute_url() + "#questions")


@require_POST
def question_answer(request, pk):
    target = selectors.question_for_answering(request.user, pk)
    replication = target.replication
    form = AnswerForm(request.POST)
    if form.is_valid():
        services.answer_question(
            question=target, answer=form.cleaned_data["answer"], actor=request.user
        )
        messages.success(request, "Answer posted.")
    else:
        messages.error(request, "Write an answer first.")
    return redirect(replication.get_absolute_url() + "#questions")


@require_http_methods(["GET", "POST"])
def replication_delete(request, pk):
    replication = selectors.replication_for_user(request.user, pk, for_edit=True)
    if request.method == "POST":
        solution = replication.solution
        services.delete_replication(replication=replication, actor=request.user)
        messages.success(request, "Replication record deleted.")
        return redirect(solution.get_absolute_url())
    return render(
        request,
        "knowledge/confirm_delete.html",
        {
            "object_label": f"the record of {replication.adopter.name} replicating "
            f"“{replication.solution.title}”",
            "cancel_url": replication.get_absolute_url(),
        },
    )
