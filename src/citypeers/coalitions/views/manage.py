"""Pages for running a coalition (profile, partners, projects, member list import) and a
partnership. Objects come through the access helpers (`*_for_user(..., for_edit=True)`), which
answer the same 404 to anyone who may not change them; the services check the rule again."""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from citypeers.accounts.importers.members import LEFT_OUT_COLUMNS
from citypeers.coalitions import services
from citypeers.coalitions.forms.regions import (
    CoalitionProfileForm,
    EditProjectForm,
    MemberImportForm,
    PartnerForm,
    PartnerRoleForm,
    PartnershipForm,
    ProjectForm,
)
from citypeers.coalitions.selectors import regions
from citypeers.core.enums import PublicationStatus
from citypeers.core.forms import apply_service_errors, stale_edit_context
from citypeers.core.pagination import paginate
from citypeers.core.services import StaleEdit
from citypeers.core.spreadsheet import csv_writer
from citypeers.knowledge.selectors import solutions_visible_to

PROFILE_FORM_FIELDS = ("mission", "region_states", "region_counties", "region_metro", "source_note")
PARTNERSHIP_FORM_FIELDS = ("name", "description", "source_note", "coalitions", "agenda")


def _coalition_url(coalition) -> str:
    return reverse("coalitions:coalition", kwargs={"slug": coalition.slug})


def _save(form, call, theirs_of):
    """Run a service for a valid bound form: True when saved; otherwise the form carries the
    errors, and a stale save returns the context that shows both versions."""
    try:
        call()
    except StaleEdit as exc:
        return stale_edit_context(form, exc, theirs_of(exc.current))
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return {}
    return True


@require_http_methods(["GET", "POST"])
def coalition_edit(request, slug):
    coalition = regions.coalition_for_user(request.user, slug, for_edit=True)
    profile = regions.profile_of(coalition)
    initial = {"version": profile.version if profile else 1}
    if profile:
        initial.update({name: getattr(profile, name) for name in PROFILE_FORM_FIELDS})
        initial["region_states"] = ", ".join(profile.region_states)
    elif coalition.description:
        initial["mission"] = coalition.description
    form = CoalitionProfileForm(request.POST or None, initial=initial)
    stale = {}
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in PROFILE_FORM_FIELDS}
        result = _save(
            form,
            lambda: services.save_coalition_profile(
                coalition=coalition,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **fields,
            ),
            lambda current: {name: getattr(current, name) for name in PROFILE_FORM_FIELDS},
        )
        if result is True:
            messages.success(request, "The coalition profile was saved.")
            return redirect(_coalition_url(coalition))
        stale = result
    return render(
        request,
        "coalitions/manage/profile_form.html",
        {"coalition": coalition, "form": form, **stale},
    )


@require_http_methods(["GET", "POST"])
def coalition_partners(request, slug):
    """The coalition's partners with their roles, and a form to add one (or change the role of
    one already listed)."""
    coalition = regions.coalition_for_user(request.user, slug, for_edit=True)
    form = PartnerForm(request.POST or None, coalition=coalition)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.set_coalition_partner(
                coalition=coalition,
                partner=form.cleaned_data["partner"],
                role=form.cleaned_data["role"],
                actor=request.user,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"{row.partner.name} is listed as a partner.")
            return redirect(reverse("coalitions:partners", kwargs={"slug": slug}))
    return render(
        request,
        "coalitions/manage/partners.html",
        {"coalition": coalition, "partners": regions.partners_of(coalition), "form": form},
    )


@require_http_methods(["GET", "POST"])
def coalition_partner_edit(request, slug, partner_slug):
    row = regions.coalition_partner_for_user(request.user, slug, partner_slug, for_edit=True)
    form = PartnerRoleForm(request.POST or None, initial={"role": row.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_coalition_partner(
                coalition=row.coalition,
                partner=row.partner,
                role=form.cleaned_data["role"],
                actor=request.user,
                is_demo=row.is_demo,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"The role of {row.partner.name} was saved.")
            return redirect(reverse("coalitions:partners", kwargs={"slug": slug}))
    return render(
        request,
        "coalitions/manage/partner_form.html",
        {"coalition": row.coalition, "row": row, "form": form},
    )


@require_POST
def coalition_partner_remove(request, slug, partner_slug):
    row = regions.coalition_partner_for_user(request.user, slug, partner_slug, for_edit=True)
    services.remove_coalition_partner(row=row, actor=request.user)
    messages.success(request, f"{row.partner.name} is no longer listed as a partner.")
    return redirect(reverse("coalitions:partners", kwargs={"slug": slug}))


def _solutions(user):
    return (
        solutions_visible_to(user)
        .filter(status=PublicationStatus.PUBLISHED)
        .select_related("owner")
        .order_by("title")
    )


@require_http_methods(["GET", "POST"])
def project_new(request, slug):
    coalition = regions.coalition_for_user(request.user, slug, for_edit=True)
    form = ProjectForm(request.POST or None, solutions=_solutions(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_coalition_project(
                coalition=coalition, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "The project was added.")
            return redirect(_coalition_url(coalition) + "#projects")
    return render(
        request,
        "coalitions/manage/project_form.html",
        {"coalition": coalition, "form": form, "project": None},
    )


@require_http_methods(["GET", "POST"])
def project_edit(request, slug, pk):
    project = regions.coalition_project_for_user(request.user, slug, pk, for_edit=True)
    names = ("title", "description", "area", "solution")
    initial = {name: getattr(project, name) for name in names}
    form = EditProjectForm(
        request.POST or None,
        initial={**initial, "version": project.version},
        solutions=_solutions(request.user),
    )
    stale = {}
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in names}
        result = _save(
            form,
            lambda: services.update_coalition_project(
                project=project,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **fields,
            ),
            lambda current: {name: getattr(current, name) for name in names},
        )
        if result is True:
            messages.success(request, "The project was saved.")
            return redirect(_coalition_url(project.coalition) + "#projects")
        stale = result
    return render(
        request,
        "coalitions/manage/project_form.html",
        {"coalition": project.coalition, "form": form, "project": project, **stale},
    )


@require_http_methods(["GET", "POST"])
def project_delete(request, slug, pk):
    project = regions.coalition_project_for_user(request.user, slug, pk, for_edit=True)
    if request.method == "POST":
        services.remove_coalition_project(project=project, actor=request.user)
        messages.success(request, f"“{project.title}” was removed.")
        return redirect(_coalition_url(project.coalition) + "#projects")
    return render(
        request,
        "knowledge/confirm_delete.html",
        {
            "object_label": f"the project “{project.title}”",
            "cancel_url": _coalition_url(project.coalition),
        },
    )


# Rows left out of an import listed per page; all of them are in the CSV download.
LEFT_OUT_PAGE_SIZE = 50


def _import_session_key(coalition) -> str:
    return f"coalitions:member-import:{coalition.pk}"


def _stored_report(report) -> dict:
    """What the report page shows, kept in the session so that its rows left out can be
    paged through and downloaded after the upload (nothing of the file itself is kept)."""
    return {
        "title": report.title,
        "dry_run": report.dry_run,
        "rows": report.rows,
        "created": report.created,
        "unchanged": report.unchanged,
        "ambiguous": len(report.ambiguous),
        "rejected": sorted(report.rejected.items()),
        "left_out": [
            [r.line, r.name, r.state, r.reason, list(r.candidates)] for r in report.left_out
        ],
    }


@require_http_methods(["GET", "POST"])
def member_import(request, slug):
    """Upload a member list: each row is matched to one government or reported (ambiguous,
    not in the directory, listed twice); "check only" shows the report without saving.

    The report lists every row left out, a page at a time (`?page=`), and `?format=csv`
    downloads them all; both read this person's latest report for the coalition."""
    coalition = regions.coalition_for_user(request.user, slug, for_edit=True)
    form = MemberImportForm(request.POST or None, request.FILES or None)
    key = _import_session_key(coalition)
    stored = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = services.import_member_list(
                coalition=coalition,
                actor=request.user,
                data=upload.read(),
                filename=upload.name,
                dry_run=form.cleaned_data["dry_run"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            stored = request.session[key] = _stored_report(report)
            if not report.dry_run:
                messages.success(
                    request,
                    f"{report.created} governments added, {report.unchanged} already members.",
                )
    elif request.method == "GET" and ("page" in request.GET or "format" in request.GET):
        stored = request.session.get(key)
        if stored is None:
            raise Http404("No member list report to show; upload the list again.")
        if request.GET.get("format") == "csv":
            return _left_out_csv(coalition, stored)
    left_out = (
        paginate(request, stored["left_out"], per_page=LEFT_OUT_PAGE_SIZE) if stored else None
    )
    return render(
        request,
        "coalitions/manage/member_import.html",
        {
            "coalition": coalition,
            "form": form,
            "report": stored,
            "left_out": left_out,
        },
    )


def _left_out_csv(coalition, stored) -> HttpResponse:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(LEFT_OUT_COLUMNS)
    for line, name, state, reason, entries in stored["left_out"]:
        writer.writerow([line, name, state, reason, " ".join(entries)])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{coalition.slug}-members-left-out.csv"'
    )
    return response


@require_http_methods(["GET", "POST"])
def partnership_edit(request, slug):
    partnership = regions.partnership_for_user(request.user, slug, for_edit=True)

    def values(p) -> dict:
        return {
            "name": p.name,
            "description": p.description,
            "source_note": p.source_note,
            "coalitions": list(p.coalitions.all()),
            "agenda": list(p.agenda.all()),
        }

    form = PartnershipForm(
        request.POST or None, initial={**values(partnership), "version": partnership.version}
    )
    stale = {}
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in PARTNERSHIP_FORM_FIELDS}
        result = _save(
            form,
            lambda: services.update_partnership(
                partnership=partnership,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **fields,
            ),
            values,
        )
        if result is True:
            messages.success(request, "The partnership was saved.")
            return redirect(partnership.get_absolute_url())
        stale = result
    return render(
        request,
        "coalitions/manage/partnership_form.html",
        {"partnership": partnership, "form": form, **stale},
    )
