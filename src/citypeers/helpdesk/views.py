"""Pages of the help desk: ask, the organisers' queue, a request (triage, routing, answers,
acceptance, publishing) and the public library of answered questions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from citypeers.accounts.permissions import jurisdiction_ids_with_role
from citypeers.assessments.models import Criterion
from citypeers.assessments.selectors import default_version
from citypeers.core.forms import apply_service_errors
from citypeers.core.pagination import paginate
from citypeers.helpdesk import selectors, services
from citypeers.helpdesk.enums import RequestStatus
from citypeers.helpdesk.forms import (
    AnswerForm,
    HelpRequestForm,
    InviteForm,
    PublishForm,
    QueueFilterForm,
    TriageForm,
)
from citypeers.helpdesk.permissions import (
    can_accept_answer,
    can_answer_request,
    can_publish_request,
    can_route_request,
    can_triage_request,
    can_view_queue,
)


def _errors_as_messages(request, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def _criteria():
    version = default_version()
    if version is None:
        return Criterion.objects.none()
    return Criterion.objects.filter(version=version).order_by("order")


def _area_ids(help_request) -> list[int]:
    area = help_request.area
    return [area.pk, area.parent_id] if area.parent_id else [area.pk]


@login_required
def index(request):
    """“How can we help your city?”: the requests you may see, yours first to find."""
    mine = request.GET.get("show") == "mine"
    status = request.GET.get("status", "")
    if status not in RequestStatus.values:
        status = ""
    queryset = selectors.list_for(request.user, status=status, mine=mine)
    return render(
        request,
        "helpdesk/index.html",
        {
            "page_result": paginate(request, queryset),
            "mine": mine,
            "status": status,
            "statuses": RequestStatus.choices,
            "can_ask": bool(jurisdiction_ids_with_role(request.user)),
            "can_view_queue": can_view_queue(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request):
    cities = selectors.cities_for_asking(request.user)
    form = HelpRequestForm(request.POST or None, cities=cities, criteria=_criteria())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            help_request = services.open_request(actor=request.user, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, "Your request is in. The organisers will triage it and invite peers."
            )
            return redirect(help_request.get_absolute_url())
    return render(request, "helpdesk/request_form.html", {"form": form})


@login_required
def queue(request):
    """The organisers' queue: status, age, response times; filter and page."""
    selectors.require_queue_viewer(request.user)
    form = QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {"status": "", "older_than": "", "area": ""}
    queryset = selectors.queue(
        status=filters["status"], older_than=filters["older_than"], area=filters["area"]
    )
    return render(
        request,
        "helpdesk/queue.html",
        {"form": form, "page_result": paginate(request, queryset)},
    )


def request_detail(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    help_request = selectors.help_request_for_user(request.user, pk)
    user = request.user
    context = {
        "help_request": help_request,
        "answers": list(help_request.answers.all()),
        "can_answer": can_answer_request(user, help_request),
        "can_accept": can_accept_answer(user, help_request),
        "can_publish": can_publish_request(user, help_request),
        "can_triage": can_triage_request(user, help_request),
        "answer_form": AnswerForm(),
    }
    if context["can_publish"]:
        context["publish_form"] = PublishForm(area_ids=_area_ids(help_request))
    if context["can_triage"] and help_request.status in services.TRIAGEABLE["close"]:
        context["triage_form"] = TriageForm(candidates=selectors.duplicate_candidates(help_request))
    if context["can_triage"]:
        context["history"] = list(
            help_request.history.select_related("history_user").order_by("history_date")
        )
    if can_route_request(user, help_request) and help_request.status in services.ROUTABLE:
        context["routing"] = selectors.routing_for(help_request)
    return render(request, "helpdesk/request_detail.html", context)


@login_required
@require_POST
def request_triage(request, pk):
    help_request = selectors.help_request_for_user(request.user, pk, for_edit=True)
    form = TriageForm(request.POST, candidates=selectors.duplicate_candidates(help_request))
    if form.is_valid():
        try:
            services.triage_request(
                help_request=help_request, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _errors_as_messages(request, error)
        else:
            messages.success(request, f"Request {help_request.get_status_display().lower()}.")
    else:
        messages.error(request, "Choose a decision.")
    return redirect(help_request.get_absolute_url())


@login_required
@require_POST
def request_invite(request, pk):
    help_request = selectors.help_request_for_user(request.user, pk, for_edit=True)
    routing = selectors.routing_for(help_request)
    ids = {c.pk for route in routing.cities for c in route.contacts} | {
        e.user.pk for e in routing.experts
    }
    form = InviteForm(request.POST, choices=[(i, i) for i in sorted(ids)])
    if not form.is_valid():
        messages.error(request, "Choose at least one of the suggested people.")
        return redirect(help_request.get_absolute_url())
    try:
        invited = services.invite_people(
            help_request=help_request,
            invitees=services.invitees_from(routing, form.cleaned_data["people"]),
            actor=request.user,
        )
    except ValidationError as error:
        _errors_as_messages(request, error)
    else:
        messages.success(request, f"{len(invited)} invited; each has been notified.")
    return redirect(help_request.get_absolute_url())


@login_required
@require_POST
def request_answer(request, pk):
    help_request = selectors.help_request_for_user(request.user, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write your answer.")
        return redirect(help_request.get_absolute_url())
    try:
        answer = services.answer_request(
            help_request=help_request, actor=request.user, body=form.cleaned_data["body"]
        )
    except ValidationError as error:
        _errors_as_messages(request, error)
        return redirect(help_request.get_absolute_url())
    messages.success(request, "Thank you: your answer is posted and the asker is notified.")
    return redirect(help_request.get_absolute_url() + f"#answer-{answer.pk}")


@login_required
@require_POST
def answer_accept(request, pk):
    answer = selectors.answer_for_user(request.user, pk)
    services.accept_answer(answer=answer, actor=request.user)
    messages.success(request, "Answer accepted. You can now publish the Q&A to the library.")
    return redirect(answer.request.get_absolute_url() + f"#answer-{answer.pk}")


@login_required
@require_POST
def request_publish(request, pk):
    help_request = selectors.help_request_for_publishing(request.user, pk)
    form = PublishForm(request.POST, area_ids=_area_ids(help_request))
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return redirect(help_request.get_absolute_url())
    try:
        services.publish_request(
            help_request=help_request,
            actor=request.user,
            consent=form.cleaned_data["consent"],
            linked_solutions=form.cleaned_data["linked_solutions"],
        )
    except ValidationError as error:
        _errors_as_messages(request, error)
        return redirect(help_request.get_absolute_url())
    messages.success(request, "Published: the Q&A is in the library and found by search.")
    return redirect(help_request.get_qa_url())


def qa_index(request):
    """The library of answered questions (public)."""
    area = request.GET.get("area", "")
    queryset = selectors.published_entries()
    if area:
        queryset = queryset.filter(Q(area__slug=area) | Q(area__parent__slug=area))
    return render(request, "helpdesk/qa_index.html", {"page_result": paginate(request, queryset)})


def qa_entry(request, pk):
    entry = selectors.qa_entry(pk)
    return render(
        request,
        "helpdesk/qa_entry.html",
        {"entry": entry, "accepted": entry.accepted_answers[0] if entry.accepted_answers else None},
    )
