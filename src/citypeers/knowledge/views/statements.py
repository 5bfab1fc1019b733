from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from citypeers.core.access import sign_in_when_denied
from citypeers.core.forms import apply_service_errors, stale_edit_context
from citypeers.core.services import StaleEdit
from citypeers.knowledge import selectors, services
from citypeers.knowledge.forms import StatementForm
from citypeers.knowledge.permissions import can_add_entries_for


def city_knowledge(request, slug):
    jurisdiction = selectors.jurisdiction_by_slug(slug)
    return render(
        request,
        "knowledge/city.html",
        {
            "jurisdiction": jurisdiction,
            "statements": list(selectors.statements_of(request.user, jurisdiction)),
            "solutions": list(selectors.solutions_of(request.user, jurisdiction)),
            "can_edit": can_add_entries_for(request.user, jurisdiction),
        },
    )


def _city_url(jurisdiction) -> str:
    return reverse("knowledge:city", kwargs={"slug": jurisdiction.slug})


@sign_in_when_denied
@require_http_methods(["GET", "POST"])
def statement_create(request, slug):
    jurisdiction = selectors.jurisdiction_by_slug(slug)
    selectors.city_for_new_entries(request.user, jurisdiction)
    form = StatementForm(request.POST or None, jurisdiction=jurisdiction)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_statement(
                jurisdiction=jurisdiction, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Challenge statement saved.")
            return redirect(_city_url(jurisdiction))
    return render(
        request,
        "knowledge/statement_form.html",
        {"form": form, "jurisdiction": jurisdiction, "statement": None},
    )


@sign_in_when_denied
@require_http_methods(["GET", "POST"])
def statement_edit(request, pk):
    statement = selectors.statement_for_user(request.user, pk, for_edit=True)
    form = StatementForm(
        request.POST or None, instance=statement, jurisdiction=statement.jurisdiction
    )
    stale = {}
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.update_statement(
                statement=statement,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **fields,
            )
        except StaleEdit as error:
            theirs = {name: getattr(error.current, name) for name in fields}
            stale = stale_edit_context(form, error, theirs)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Challenge statement updated.")
            return redirect(_city_url(statement.jurisdiction))
    return render(
        request,
        "knowledge/statement_form.html",
        {"form": form, "jurisdiction": statement.jurisdiction, "statement": statement, **stale},
    )


@sign_in_when_denied
@require_http_methods(["GET", "POST"])
def statement_delete(request, pk):
    statement = selectors.statement_for_user(request.user, pk, for_edit=True)
    if request.method == "POST":
        jurisdiction = statement.jurisdiction
        services.delete_statement(statement=statement, actor=request.user)
        messages.success(request, "Challenge statement deleted.")
        return redirect(_city_url(jurisdiction))
    return render(
        request,
        "knowledge/confirm_delete.html",
        {
            "object_label": f"the challenge statement “{statement.area.name}”",
            "cancel_url": _city_url(statement.jurisdiction),
        },
    )


@sign_in_when_denied
def statement_history(request, pk):
    statement = selectors.statement_for_user(request.user, pk)
    entries = selectors.history_for_user(request.user, statement)
    return render(
        request,
        "knowledge/history.html",
        {
            "title": f"{statement.area.name} in {statement.jurisdiction}",
            "back_url": _city_url(statement.jurisdiction),
            "entries": entries,
        },
    )
