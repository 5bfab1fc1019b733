"""A coalition's member cities, managed by its administrators and the network organisers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from citypeers.accounts import selectors, services
from citypeers.accounts.forms import CitySearchForm, MemberCityForm
from citypeers.accounts.views.helpers import error_text
from citypeers.core.pagination import paginate
from citypeers.directory.selectors import DirectoryFilters, directory_search, jurisdiction_by_key

CANDIDATES = 10  # cities offered for one search; typing more narrows them
CANDIDATE_FIELDS = ("id", "slug", "name", "state", "county_name", "kind", "population", "geoid")


def _coalition(request, slug):
    """The coalition whose member cities the user may change; other organisations have none."""
    return selectors.coalition_for_user(request.user, slug)


def _cities_url(organisation) -> str:
    return reverse("accounts:organisation_cities", kwargs={"slug": organisation.slug})


def _candidates(organisation, text: str) -> list:
    """Directory entries matching what was typed, biggest first, each marked if already in."""
    if len(text) < 2:
        return []
    found = list(
        directory_search(DirectoryFilters(search=text, sort="-population")).only(*CANDIDATE_FIELDS)[
            :CANDIDATES
        ]
    )
    members = selectors.member_city_ids(organisation, [j.pk for j in found]) if found else set()
    for jurisdiction in found:
        jurisdiction.is_member = jurisdiction.pk in members
    return found


@login_required
def organisation_cities(request, slug):
    """The member list (paginated) and a search-as-you-type picker to add cities."""
    organisation = _coalition(request, slug)
    search = CitySearchForm(request.GET or None)
    text = search.cleaned_data["q"] if search.is_valid() else ""
    context = {
        "organisation": organisation,
        "search": search,
        "query": text,
        "candidates": _candidates(organisation, text),
    }
    if request.htmx and request.htmx.target == "city-candidates":
        return render(request, "accounts/organisation_cities.html#candidates", context)
    context["result"] = paginate(request, selectors.member_cities(organisation))
    return render(request, "accounts/organisation_cities.html", context)


@login_required
@require_POST
def organisation_city_add(request, slug):
    organisation = _coalition(request, slug)
    form = MemberCityForm(request.POST)
    key = form.cleaned_data["jurisdiction"] if form.is_valid() else ""
    try:
        jurisdiction = jurisdiction_by_key(key)
    except Http404:
        messages.error(request, "Choose a city from the search results.")
        return redirect(_cities_url(organisation))
    try:
        services.add_member_city(
            organisation=organisation, jurisdiction=jurisdiction, actor=request.user
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"{jurisdiction} is now a member of {organisation.name}.")
    return redirect(_cities_url(organisation))


@login_required
def organisation_city_remove(request, slug, city):
    """Confirm, then take the city off the list."""
    organisation = _coalition(request, slug)
    row = selectors.member_city(organisation, jurisdiction_by_key(city))
    if request.method == "POST":
        try:
            services.remove_member_city(
                organisation=organisation, jurisdiction=row.jurisdiction, actor=request.user
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request, f"{row.jurisdiction} is no longer a member of {organisation.name}."
            )
        return redirect(_cities_url(organisation))
    context = {"organisation": organisation, "jurisdiction": row.jurisdiction}
    return render(request, "accounts/organisation_city_remove.html", context)
