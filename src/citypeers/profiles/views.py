"""A city's profile page, its story and people editing, and its history.

Thin: parse → permission → one service or selector → render. The page composes panels that
other apps register (`core.panels`); see `profiles.selectors.profile_context`.
"""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from citypeers.core.forms import apply_service_errors, stale_edit_context
from citypeers.core.pagination import paginate
from citypeers.core.services import StaleEdit
from citypeers.directory.models import Jurisdiction
from citypeers.matching import cache as matching_cache
from citypeers.profiles import services as profiles
from citypeers.profiles.audit import city_audit_trail
from citypeers.profiles.forms import PersonForm, StoryForm
from citypeers.profiles.history import profile_history
from citypeers.profiles.selectors import (
    known_empty_parts,
    profile_context,
    profile_for_user,
    profile_pdf_context,
    profile_with_version,
)

HISTORY_PAGE_SIZE = 30
AUDIT_PAGE_SIZE = 50
# Anonymous profile pages are cached this long at most. The key already changes when the
# city, its statements, solutions, memberships, indicators or the peer matrix change; the
# limit bounds how long other apps' panels (certification, workshop insights) can lag.
PROFILE_CACHE_SECONDS = 60
# Per-request values in a cached page, swapped for markers before it is stored.
NONCE_MARK = "__citypeers_csp_nonce__"
CSRF_MARK = "__citypeers_csrf_token__"


def profile(request, slug):
    if not _public_cacheable(request):
        jurisdiction = get_object_or_404(Jurisdiction, slug=slug)
        context = profile_context(request.user, jurisdiction)
        return render(request, "profiles/profile.html", context)
    # Anonymous visitors all see the same page: render it once per version of its data.
    jurisdiction, version = profile_with_version(slug)
    key = _profile_cache_key(jurisdiction, version)
    page = cache.get(key)
    if page is None:
        context = {
            **profile_context(request.user, jurisdiction, empty=known_empty_parts(jurisdiction)),
            "csrf_token": CSRF_MARK,
        }
        page = render(request, "profiles/profile.html", context).content.decode()
        page = page.replace(str(request.csp_nonce), NONCE_MARK)
        cache.set(key, page, _profile_cache_seconds())
    page = page.replace(NONCE_MARK, str(request.csp_nonce)).replace(CSRF_MARK, get_token(request))
    return HttpResponse(page)


def _profile_cache_seconds() -> int:
    return int(getattr(settings, "CITYPEERS_PROFILE_CACHE_SECONDS", PROFILE_CACHE_SECONDS))


def _public_cacheable(request) -> bool:
    """Only a plain anonymous GET without a session or flash messages is the same for all."""
    return (
        _profile_cache_seconds() > 0
        and request.method == "GET"
        and not request.htmx
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in request.COOKIES
        and not request.user.is_authenticated
    )


def _profile_cache_key(jurisdiction, version) -> str:
    # The peers panel's input is the whole directory: its version is part of the key.
    digest = hashlib.sha1(repr((version, matching_cache.data_version())).encode()).hexdigest()
    return f"profiles:profile:{jurisdiction.pk}:{digest[:20]}"


def _editable(request, slug) -> Jurisdiction:
    return profile_for_user(request.user, slug, for_edit=True)


@login_required
@require_http_methods(["GET", "POST"])
def edit_story(request, slug):
    jurisdiction = _editable(request, slug)
    initial = {
        "summary": jurisdiction.summary,
        "future_plans": jurisdiction.future_plans,
        "story_status": jurisdiction.story_status,
        "version": jurisdiction.story_version,
    }
    form = StoryForm(request.POST or None, initial=initial)
    stale = {}
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            profiles.update_story(
                jurisdiction=jurisdiction,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **fields,
            )
        except StaleEdit as exc:
            theirs = {name: getattr(exc.current, name) for name in fields}
            stale = stale_edit_context(form, exc, theirs)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "The profile story was saved.")
            return redirect(jurisdiction)
    return render(
        request,
        "profiles/edit_story.html",
        {"jurisdiction": jurisdiction, "form": form, **stale},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_add(request, slug):
    jurisdiction = _editable(request, slug)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        profiles.add_person(jurisdiction=jurisdiction, actor=request.user, **form.cleaned_data)
        messages.success(request, f"{form.cleaned_data['name']} was added to the profile.")
        return redirect(jurisdiction)
    return render(
        request,
        "profiles/person_form.html",
        {"jurisdiction": jurisdiction, "form": form, "person": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, slug, pk):
    jurisdiction = _editable(request, slug)
    person = get_object_or_404(jurisdiction.people, pk=pk)
    form = PersonForm(request.POST or None, instance=person)
    stale = {}
    if request.method == "POST" and form.is_valid():
        try:
            profiles.update_person(
                person=person,
                actor=request.user,
                expected_version=form.cleaned_data.get("version"),
                **{name: form.cleaned_data[name] for name in PersonForm.Meta.fields},
            )
        except StaleEdit as exc:
            theirs = {name: getattr(exc.current, name) for name in PersonForm.Meta.fields}
            stale = stale_edit_context(form, exc, theirs)
        else:
            messages.success(request, f"{person.name} was updated.")
            return redirect(jurisdiction)
    return render(
        request,
        "profiles/person_form.html",
        {"jurisdiction": jurisdiction, "form": form, "person": person, **stale},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_delete(request, slug, pk):
    jurisdiction = _editable(request, slug)
    person = get_object_or_404(jurisdiction.people, pk=pk)
    if request.method == "POST":
        name = person.name
        profiles.delete_person(person=person, actor=request.user)
        messages.success(request, f"{name} was removed from the profile.")
        return redirect(jurisdiction)
    return render(
        request,
        "profiles/person_confirm_delete.html",
        {"jurisdiction": jurisdiction, "person": person},
    )


@login_required
def history(request, slug):
    jurisdiction = profile_for_user(request.user, slug, history=True)
    page = paginate(request, profile_history(jurisdiction), per_page=HISTORY_PAGE_SIZE)
    return render(
        request, "profiles/history.html", {"jurisdiction": jurisdiction, "page_result": page}
    )


@login_required
def audit(request, slug):
    """Every recorded change to the city's objects, newest first (organisers, site admins)."""
    jurisdiction = profile_for_user(request.user, slug, audit=True)
    page = paginate(request, city_audit_trail(jurisdiction), per_page=AUDIT_PAGE_SIZE)
    return render(
        request, "profiles/audit.html", {"jurisdiction": jurisdiction, "page_result": page}
    )


def profile_pdf(request, slug):
    """The public profile as a printable PDF (what anyone may read, typeset for a council)."""
    from weasyprint import HTML  # noqa: PLC0415 - loads Pango; only needed for this download

    jurisdiction = get_object_or_404(Jurisdiction, slug=slug)
    context = {**profile_pdf_context(jurisdiction), "generated": timezone.now()}
    html = render_to_string("profiles/profile_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="profile-{jurisdiction.slug}.pdf"'
    return response
