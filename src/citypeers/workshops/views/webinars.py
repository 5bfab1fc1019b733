from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from citypeers.core.forms import apply_service_errors, stale_edit_context
from citypeers.core.pagination import paginate
from citypeers.core.services import StaleEdit
from citypeers.workshops import selectors
from citypeers.workshops.enums import RegistrationStatus, WebinarStatus
from citypeers.workshops.forms import AttendanceForm, WebinarForm, local_input
from citypeers.workshops.ics import webinar_calendar
from citypeers.workshops.permissions import can_manage_workshop
from citypeers.workshops.services import webinars as service
from citypeers.workshops.tasks import send_webinar_reminders


def index(request):
    user = request.user
    when = request.GET.get("when", "upcoming")
    webinars = selectors.webinars_visible_to(user)
    now = timezone.now()
    if when == "past":
        webinars = webinars.filter(ends_at__lt=now).order_by("-starts_at")
    else:
        when = "upcoming"
        webinars = webinars.filter(ends_at__gte=now).order_by("starts_at")
    return render(
        request,
        "workshops/webinars.html",
        {
            "page_result": paginate(request, webinars, per_page=20),
            "when": when,
            "can_manage": can_manage_workshop(user),
        },
    )


def detail(request, slug):
    user = request.user
    webinar = selectors.webinar_for_user(user, slug)
    registration = selectors.registration_of(user, webinar)
    can_manage = can_manage_workshop(user)
    return render(
        request,
        "workshops/webinar.html",
        {
            "webinar": webinar,
            "co_hosts": webinar.co_hosts.all(),
            "registration": registration,
            "position": selectors.waitlist_position(registration),
            "seats_left": max(0, webinar.capacity - webinar.confirmed_count),
            "waitlisted": webinar.registrations.filter(
                status=RegistrationStatus.WAITLISTED
            ).count(),
            "is_past": webinar.ends_at < timezone.now(),
            "can_manage": can_manage,
            "statuses": WebinarStatus.choices,
        },
    )


def _webinar_form(request, webinar=None):
    initial = {}
    if webinar is not None:
        initial = _webinar_values(webinar)
        initial["starts_at"] = local_input(webinar.starts_at, webinar.time_zone)
        initial["ends_at"] = local_input(webinar.ends_at, webinar.time_zone)
        initial["version"] = webinar.version
    form = WebinarForm(request.POST or None, initial=initial)
    stale = {}
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        co_hosts = data.pop("co_hosts")
        version = data.pop("version", None)
        try:
            if webinar is None:
                data.pop("recording_url")
                data.pop("materials")
                saved = service.create_webinar(by=request.user, co_hosts=co_hosts, **data)
            else:
                saved = service.update_webinar(
                    webinar=webinar,
                    by=request.user,
                    co_hosts=co_hosts,
                    expected_version=version,
                    **data,
                )
        except StaleEdit as exc:
            stale = stale_edit_context(form, exc, _webinar_values(exc.current))
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Webinar saved.")
            return redirect(saved)
    context = {"form": form, "webinar": webinar, **stale}
    return render(request, "workshops/webinar_form.html", context)


def _webinar_values(webinar) -> dict:
    """The saved webinar's values by form field (what a stale edit is compared with)."""
    values = {f: getattr(webinar, f) for f in service.EDITABLE_FIELDS}
    zone = ZoneInfo(webinar.time_zone)
    values["starts_at"] = webinar.starts_at.astimezone(zone)
    values["ends_at"] = webinar.ends_at.astimezone(zone)
    values["co_hosts"] = list(webinar.co_hosts.all())
    return values


@login_required
def create(request):
    selectors.require_organiser(request.user)
    return _webinar_form(request)


@login_required
def edit(request, slug):
    webinar = selectors.webinar_for_user(request.user, slug, for_edit=True)
    return _webinar_form(request, webinar)


@login_required
@require_POST
def set_status(request, slug):
    webinar = selectors.webinar_for_user(request.user, slug, for_edit=True)
    try:
        service.set_webinar_status(
            webinar=webinar, status=request.POST.get("status", ""), by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"The webinar is now “{webinar.get_status_display()}”.")
    return redirect(webinar)


@login_required
@require_POST
def register(request, slug):
    webinar = selectors.webinar_for_user(request.user, slug)
    try:
        registration = service.register(webinar=webinar, user=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(request, "You are registered. A confirmation email is on its way.")
        else:
            messages.info(request, "The webinar is full: you are on the waitlist.")
    return redirect(webinar)


@login_required
@require_POST
def cancel(request, slug):
    webinar = selectors.webinar_for_user(request.user, slug)
    registration = selectors.registration_for_user(request.user, webinar)
    service.cancel_registration(registration=registration, by=request.user)
    messages.success(request, "Your registration is cancelled.")
    return redirect(webinar)


@login_required
def attendance(request, slug):
    webinar = selectors.webinar_for_user(request.user, slug, for_edit=True)
    registrations = selectors.registrations_for_webinar(webinar)
    confirmed = registrations.filter(status=RegistrationStatus.CONFIRMED)
    form = AttendanceForm(
        request.POST or None,
        registrations=confirmed,
        initial={"attended": [r for r in confirmed if r.attended]},
    )
    if request.method == "POST" and form.is_valid():
        count = service.record_attendance(
            webinar=webinar,
            by=request.user,
            attended_user_ids=[r.user_id for r in form.cleaned_data["attended"]],
        )
        messages.success(request, f"Attendance saved: {count} attended.")
        return redirect("workshops:webinar_attendance", slug=webinar.slug)
    return render(
        request,
        "workshops/webinar_attendance.html",
        {
            "webinar": webinar,
            "form": form,
            "registrations": registrations,
        },
    )


@login_required
@require_POST
def reminders(request, slug):
    webinar = selectors.webinar_for_user(request.user, slug, for_edit=True)
    send_webinar_reminders.enqueue(webinar.pk)
    messages.success(request, "Reminders are on their way to confirmed registrants.")
    return redirect(webinar)


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def ics(request, slug):
    webinar = selectors.webinar_for_user(request.user, slug)
    return _ics(webinar_calendar([webinar], name=webinar.title), f"{webinar.slug}.ics")


def feed(request):
    return _ics(webinar_calendar(selectors.calendar_webinars()), "citypeers-webinars.ics")
