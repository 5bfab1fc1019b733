from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from citypeers.core.forms import apply_service_errors, stale_edit_context
from citypeers.core.services import StaleEdit
from citypeers.directory.models import Jurisdiction
from citypeers.workshops import selectors
from citypeers.workshops.enums import ACTIVE_STATUSES
from citypeers.workshops.forms import (
    PreWorkForm,
    SessionCancelForm,
    SessionForm,
    StatementForm,
    local_input,
)
from citypeers.workshops.models import PreWork
from citypeers.workshops.permissions import (
    can_cancel_session,
    can_capture_session,
    can_edit_prework,
    can_view_workshop_notes,
)
from citypeers.workshops.services import sessions as service


def _session_form(request, workshop, session=None):
    initial = {}
    if session is not None:
        initial = {
            "title": session.title,
            "agenda": session.agenda,
            "location": session.location,
            "video_url": session.video_url,
            "starts_at": local_input(session.starts_at, workshop.time_zone),
            "ends_at": local_input(session.ends_at, workshop.time_zone),
            "version": session.version,
        }
    form = SessionForm(request.POST or None, initial=initial, zone=workshop.time_zone)
    stale = {}
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            saved = service.save_session(
                workshop=workshop,
                by=request.user,
                session=session,
                expected_version=version,
                **data,
            )
        except StaleEdit as exc:
            stale = stale_edit_context(form, exc, _session_values(exc.current, workshop))
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Session saved.")
            return redirect(saved)
    return render(
        request,
        "workshops/session_form.html",
        {
            "form": form,
            "workshop": workshop,
            "session": session,
            **stale,
        },
    )


def _session_values(session, workshop) -> dict:
    """The saved session's values by form field (what a stale edit is compared with)."""
    zone = ZoneInfo(workshop.time_zone)
    return {
        "title": session.title,
        "agenda": session.agenda,
        "location": session.location,
        "video_url": session.video_url,
        "starts_at": session.starts_at.astimezone(zone),
        "ends_at": session.ends_at.astimezone(zone),
    }


@login_required
def session_create(request, slug):
    workshop = selectors.workshop_for_user(request.user, slug, for_edit=True)
    return _session_form(request, workshop)


@login_required
def session_edit(request, slug, pk):
    workshop = selectors.workshop_for_user(request.user, slug, for_edit=True)
    return _session_form(request, workshop, selectors.session_for_user(request.user, workshop, pk))


@login_required
def session_cancel(request, slug, pk):
    """Confirm, then cancel the session; every participant is told (in the app and by email)."""
    workshop = selectors.workshop_for_user(request.user, slug, for_edit=True)
    current = selectors.session_for_user(request.user, workshop, pk, for_edit=True)
    form = SessionCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service.cancel_session(
                session=current, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Session cancelled. Every participant has been told.")
            return redirect(current)
    return render(
        request,
        "workshops/session_cancel.html",
        {
            "form": form,
            "workshop": workshop,
            "session": current,
            "participant_count": service.session_participants(workshop).count(),
        },
    )


def session(request, slug, pk):
    workshop = selectors.workshop_for_user(request.user, slug)
    current = selectors.session_for_user(request.user, workshop, pk)
    can_notes = can_view_workshop_notes(request.user, workshop)
    return render(
        request,
        "workshops/session.html",
        {
            "workshop": workshop,
            "session": current,
            "contributors": current.contributors.select_related("user", "organisation"),
            "statements": selectors.statements_for_session(current) if can_notes else [],
            "can_notes": can_notes,
            "can_capture": can_capture_session(request.user, workshop),
            "can_cancel": can_cancel_session(request.user, workshop),
        },
    )


def _cohort_cities(workshop):
    ids = workshop.cohort.filter(status__in=ACTIVE_STATUSES).values("jurisdiction_id")
    return Jurisdiction.objects.filter(pk__in=ids).order_by("name")


@login_required
def capture(request, slug, pk):
    """The note-taker's page: each statement is appended by htmx without a reload."""
    workshop = selectors.workshop_for_user(request.user, slug)
    current = selectors.session_for_capture(request.user, workshop, pk)
    cities = _cohort_cities(workshop)
    form = StatementForm(request.POST or None, cities=cities)
    context = {"workshop": workshop, "session": current, "form": form}
    if request.method == "POST":
        if form.is_valid():
            try:
                statement = service.capture_statement(
                    session=current, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                if not request.htmx:
                    messages.success(request, "Captured.")
                    return redirect("workshops:capture", slug=workshop.slug, pk=current.pk)
                # Keep kind, city and consent for the next statement: speakers often go on.
                fresh = StatementForm(
                    cities=cities,
                    initial={
                        "kind": statement.kind,
                        "jurisdiction": statement.jurisdiction,
                        "speaker_name": statement.speaker_name,
                        "attribution": statement.attribution,
                    },
                )
                return render(
                    request,
                    "workshops/capture.html#appended",
                    {
                        **context,
                        "form": fresh,
                        "statement": statement,
                        "count": current.statements.count(),
                    },
                )
        if request.htmx:
            return render(request, "workshops/capture.html#form_oob", context)
    context["statements"] = selectors.statements_for_session(current)
    return render(request, "workshops/capture.html", context)


@login_required
def prework(request, slug, city):
    workshop = selectors.workshop_for_user(request.user, slug)
    member = selectors.prework_member_for_user(
        request.user, workshop, city, for_edit=request.method == "POST"
    )
    existing = PreWork.objects.filter(workshop=workshop, jurisdiction=member.jurisdiction).first()
    may_edit = can_edit_prework(request.user, member)
    initial = {}
    if existing is not None:
        initial = {f: getattr(existing, f) for f in PreWorkForm.base_fields}
        initial["version"] = existing.version
    form = PreWorkForm(request.POST or None, initial=initial)
    stale = {}
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            service.save_prework(member=member, by=request.user, expected_version=version, **data)
        except StaleEdit as exc:
            theirs = {f: getattr(exc.current, f) for f in PreWorkForm.base_fields}
            stale = stale_edit_context(form, exc, theirs)
        else:
            messages.success(request, "Pre-work saved. Thank you.")
            return redirect(workshop)
    return render(
        request,
        "workshops/prework.html",
        {
            "workshop": workshop,
            "member": member,
            "form": form,
            "existing": existing,
            "may_edit": may_edit,
            "now": timezone.now(),
            **stale,
        },
    )
