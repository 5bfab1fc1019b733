"""Every panel registered on the profile keeps to its query budget and declares itself fully."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citypeers.core.panels import SLOTS, Panel, panels_for, register_panel, unregister_panel
from tests.factories.directory import JurisdictionFactory
from tests.profiles.panels import render_profile_panel

pytestmark = pytest.mark.django_db

REGISTERED = ["certification", "guides", "insights", "peers", "questions-answered"]


def test_the_domain_panels_are_registered_in_page_order():
    assert [p.name for p in panels_for("profile", "main")] == [
        "insights",
        "questions-answered",
        "guides",
    ]
    assert [p.name for p in panels_for("profile", "aside")] == ["certification", "peers"]


@pytest.mark.parametrize("name", REGISTERED)
def test_panel_renders_within_its_query_budget(name):
    panel = next(p for p in panels_for("profile") if p.name == name)
    city = JurisdictionFactory()
    with CaptureQueriesContext(connection) as queries:
        render_profile_panel(name, user=AnonymousUser(), jurisdiction=city)
    assert len(queries) == panel.query_budget


@pytest.mark.parametrize("name", ["certification", "insights", "questions-answered", "guides"])
def test_panel_known_to_be_empty_costs_no_query(name, django_assert_num_queries):
    panel = next(p for p in panels_for("profile") if p.name == name)
    city = JurisdictionFactory()
    with django_assert_num_queries(0):
        render_profile_panel(
            name, user=AnonymousUser(), jurisdiction=city, empty=frozenset({panel.part})
        )


def test_panel_version_aliases_include_its_count():
    for panel in panels_for("profile"):
        if panel.version is not None:
            assert panel.count_alias in panel.version()


def test_a_panel_must_name_a_known_slot():
    with pytest.raises(ValueError, match="slot must be one of"):
        Panel(name="x", template="x.html", slot="footer")
    assert SLOTS == ("main", "aside")


def test_the_profile_page_shows_exactly_the_registered_panels(client, settings):
    settings.CITYPEERS_PROFILE_CACHE_SECONDS = 0
    city = JurisdictionFactory(name="Paneltown")
    peers = next(p for p in panels_for("profile") if p.name == "peers")
    assert "cp-peers-panel" in client.get(city.get_absolute_url()).content.decode()
    unregister_panel("profile", "peers")
    try:
        html = client.get(city.get_absolute_url()).content.decode()
    finally:
        register_panel("profile", peers)
    assert "cp-peers-panel" not in html


def test_story_service_refuses_someone_who_may_not_edit_the_city():
    from django.core.exceptions import PermissionDenied

    from citypeers.profiles.services import update_story
    from tests.factories.accounts import UserFactory

    city = JurisdictionFactory(summary="")
    with pytest.raises(PermissionDenied, match="editors"):
        update_story(jurisdiction=city, actor=UserFactory(), summary="Taken over.")
    city.refresh_from_db()
    assert city.summary == ""


def test_profile_pdf_is_a_pdf_of_the_public_view_only(client):
    from tests.factories.directory import ProfilePersonFactory

    city = JurisdictionFactory(name="Printville", summary="Draft words", story_status="draft")
    ProfilePersonFactory(jurisdiction=city, name="Private Contact")
    response = client.get(f"/directory/{city.slug}/profile.pdf")
    assert (response.status_code, response["Content-Type"], response.content[:5]) == (
        200,
        "application/pdf",
        b"%PDF-",
    )


def test_profile_pdf_context_never_carries_people_or_drafts():
    from citypeers.profiles.selectors import profile_pdf_context

    city = JurisdictionFactory(summary="Draft words", story_status="draft")
    context = profile_pdf_context(city)
    assert (context["show_story"], "people" in context, context["solutions"]) == (False, False, [])
