from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from citypeers.accounts.models import Organisation, User
from citypeers.core.forms import apply_service_errors, stale_edit_context
from citypeers.core.pagination import paginate
from citypeers.core.services import StaleEdit
from citypeers.workshops import selectors
from citypeers.workshops.enums import WorkshopState
from citypeers.workshops.forms import ContributorForm, TransitionForm, WorkshopForm
from citypeers.workshops.ics import sessions_calendar
from citypeers.workshops.permissions import (
    can_capture_session,
    can_manage_workshop,
    can_view_workshop_notes,
)
from citypeers.workshops.services import workshops as service


def index(request):
    user = request.user
    workshops = selectors.workshops_visible_to(user).order_by("-starts_on", "title")
    state = request.GET.get("state", "")
    if state in WorkshopState.values:
        workshops = workshops.filter(state=state)
    return render(
        request,
        "workshops/index.html",
        {
            "page_result": paginate(request, workshops, per_page=20),
            "states": WorkshopState.choices,
            "state": state,
            "webinars": selectors.upcoming_webinars(user)[:3],
            "can_manage": can_manage_workshop(user),
        },
    )


@login_required
def create(request):
    selectors.require_organiser(request.user)
    form = WorkshopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        hosts = data.pop("host_organisations")
        try:
            workshop = service.create_workshop(by=request.user, host_organisations=hosts, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Workshop created. Next: propose a cohort.")
            return redirect(workshop)
    return render(request, "workshops/workshop_form.html", {"form": form, "workshop": None})


@login_required
def edit(request, slug):
    workshop = selectors.workshop_for_user(request.user, slug, for_edit=True)
    initial = {f: getattr(workshop, f) for f in service.EDITABLE_FIELDS}
    initial["host_organisations"] = list(workshop.host_organisations.all())
    initial["version"] = workshop.version
    form = WorkshopForm(request.POST or None, initial=initial)
    stale = {}
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        hosts = data.pop("host_organisations")
        version = data.pop("version")
        try:
            service.update_workshop(
                workshop=workshop,
                by=request.user,
                host_organisations=hosts,
                expected_version=version,
                **data,
            )
        except StaleEdit as exc:
            theirs = {f: getattr(exc.current, f) for f in service.EDITABLE_FIELDS}
            theirs["host_organisations"] = list(exc.current.host_organisations.all())
            stale = stale_edit_context(form, exc, theirs)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Workshop saved.")
            return redirect(workshop)
    return render(
        request, "workshops/workshop_form.html", {"form": form, "workshop": workshop, **stale}
    )


def detail(request, slug):
    user = request.user
    workshop = selectors.workshop_for_user(user, slug)
    cohort = list(selectors.active_cohort(workshop).order_by("status", "jurisdiction__name"))
    can_notes = can_view_workshop_notes(user, workshop)
    editable = selectors.editable_jurisdiction_ids(user)
    return render(
        request,
        "workshops/detail.html",
        {
            "workshop": workshop,
            "hosts": workshop.host_organisations.all(),
            "cohort": cohort,
            "my_members": [m for m in cohort if m.jurisdiction_id in editable],
            "sessions": selectors.sessions_for_workshop(workshop),
            "contributors": selectors.contributors_for_workshop(workshop),
            "insights": selectors.insights_visible_to(user).filter(workshop=workshop),
            "history": selectors.workshop_history(workshop),
            "transitions": [
                (s, WorkshopState(s).label) for s in service.allowed_transitions(workshop)
            ],
            "can_manage": can_manage_workshop(user),
            "publication_gaps": (
                service.publication_gaps(workshop)
                if workshop.state == WorkshopState.SYNTHESISING and can_manage_workshop(user)
                else []
            ),
            "can_notes": can_notes,
            "can_capture": can_capture_session(user, workshop),
            "prework": selectors.prework_for_workshop(workshop) if can_notes else [],
        },
    )


@login_required
@require_POST
def transition(request, slug):
    workshop = selectors.workshop_for_user(request.user, slug, for_edit=True)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose the next step.")
        return redirect(workshop)
    try:
        service.transition_workshop(
            workshop=workshop,
            to_state=form.cleaned_data["to_state"],
            by=request.user,
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"The workshop is now “{workshop.get_state_display()}”.")
    return redirect(workshop)


@login_required
def experts(request, slug):
    workshop = selectors.workshop_for_user(request.user, slug)
    can_manage = can_manage_workshop(request.user)
    form = ContributorForm(request.POST or None, workshop=workshop)
    if request.method == "POST":
        selectors.require_organiser(request.user)
        if form.is_valid():
            data = form.cleaned_data
            person = None
            if data["email"]:
                person = User.objects.filter(email__iexact=data["email"]).first()
                if person is None:
                    form.add_error("email", "No CityPeers account uses this email.")
            if not form.errors:
                try:
                    service.add_contributor(
                        workshop=workshop,
                        by=request.user,
                        role=data["role"],
                        user=person,
                        organisation=data["organisation"],
                        session=data["session"],
                        topic=data["topic"],
                    )
                except ValidationError as exc:
                    apply_service_errors(form, exc)
                else:
                    messages.success(request, "Added.")
                    return redirect("workshops:experts", slug=workshop.slug)
    return render(
        request,
        "workshops/experts.html",
        {
            "workshop": workshop,
            "contributors": selectors.contributors_for_workshop(workshop),
            "suggested": selectors.suggested_experts(workshop) if can_manage else [],
            "partners": Organisation.objects.filter(kind="partner").order_by("name")[:50]
            if can_manage
            else [],
            "form": form,
            "can_manage": can_manage,
        },
    )


@login_required
@require_POST
def expert_remove(request, slug, pk):
    workshop = selectors.workshop_for_user(request.user, slug, for_edit=True)
    contributor = get_object_or_404(workshop.contributors, pk=pk)
    service.remove_contributor(contributor=contributor, by=request.user)
    messages.success(request, "Removed.")
    return redirect("workshops:experts", slug=workshop.slug)


def report(request, slug):
    workshop = selectors.workshop_for_user(request.user, slug)
    return render(request, "workshops/report.html", _report_context(request, workshop))


def _report_context(request, workshop):
    return {
        "workshop": workshop,
        "insights": selectors.report_insights(request.user, workshop),
        "cohort": selectors.active_cohort(workshop).filter(status="accepted"),
        "hosts": workshop.host_organisations.all(),
        "contributors": selectors.contributors_for_workshop(workshop).exclude(role="note_taker"),
        "can_notes": can_view_workshop_notes(request.user, workshop),
    }


def report_pdf(request, slug):
    from weasyprint import HTML  # noqa: PLC0415 - loads Pango; only needed for this download

    workshop = selectors.workshop_for_user(request.user, slug)
    html = render_to_string(
        "workshops/report_pdf.html", _report_context(request, workshop), request
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{workshop.slug}-report.pdf"'
    return response


def sessions_ics(request, slug):
    workshop = selectors.workshop_for_user(request.user, slug)
    body = sessions_calendar(workshop, workshop.sessions.all())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{workshop.slug}.ics"'
    return response
