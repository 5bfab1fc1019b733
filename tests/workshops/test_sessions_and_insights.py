from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from citypeers.search.models import SearchDocument
from citypeers.workshops.enums import Attribution, CohortStatus, InsightState, WorkshopState
from citypeers.workshops.models import Statement, WorkshopStateChange
from citypeers.workshops.services import insights as insight_service
from citypeers.workshops.services import sessions as session_service
from citypeers.workshops.services import workshops as workshop_service
from tests.factories.accounts import UserFactory
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import ChallengeAreaFactory
from tests.factories.workshops import (
    CohortMemberFactory,
    InsightFactory,
    SessionFactory,
    StatementFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def organiser(db):
    return UserFactory(is_network_organiser=True)


@pytest.fixture
def session_in_cohort(db):
    city = JurisdictionFactory(name="Ames", slug="ames-ia", state="IA")
    session = SessionFactory()
    CohortMemberFactory(workshop=session.workshop, jurisdiction=city)
    return session, city


@pytest.mark.parametrize(
    ("attribution", "credit"),
    [
        (Attribution.NAMED, "Dana Rivera, Ames, IA"),
        (Attribution.CITY_ONLY, "Ames, IA"),
        (Attribution.UNATTRIBUTED, "A participant"),
    ],
)
def test_statement_credit_follows_consent(session_in_cohort, organiser, attribution, credit):
    session, city = session_in_cohort

    statement = session_service.capture_statement(
        session=session,
        by=organiser,
        kind="approach",
        text="We tried a land trust.",
        attribution=attribution,
        speaker_name="Dana Rivera",
        jurisdiction=city,
    )

    assert statement.credit == credit


def test_city_only_statement_forgets_speaker_name(session_in_cohort, organiser):
    session, city = session_in_cohort

    statement = session_service.capture_statement(
        session=session,
        by=organiser,
        kind="idea",
        text="Share leases.",
        attribution=Attribution.CITY_ONLY,
        speaker_name="Dana Rivera",
        jurisdiction=city,
    )

    assert statement.speaker_name == ""


def test_named_statement_needs_speaker(session_in_cohort, organiser):
    session, city = session_in_cohort

    with pytest.raises(ValidationError) as error:
        session_service.capture_statement(
            session=session,
            by=organiser,
            kind="idea",
            text="x",
            attribution=Attribution.NAMED,
            jurisdiction=city,
        )

    assert error.value.message_dict == {
        "speaker_name": ["A named statement needs the speaker's name."]
    }


def test_statement_city_must_be_in_cohort(session_in_cohort, organiser):
    session, _ = session_in_cohort

    with pytest.raises(ValidationError) as error:
        session_service.capture_statement(
            session=session,
            by=organiser,
            kind="idea",
            text="x",
            attribution=Attribution.CITY_ONLY,
            jurisdiction=JurisdictionFactory(),
        )

    assert error.value.message_dict == {
        "jurisdiction": ["That city is not in this workshop's cohort."]
    }


def test_capture_with_htmx_appends_statement_and_resets_form(session_in_cohort, organiser, client):
    session, city = session_in_cohort
    client.force_login(organiser)
    url = reverse("workshops:capture", kwargs={"slug": session.workshop.slug, "pk": session.pk})

    response = client.post(
        url,
        {
            "kind": "result",
            "text": "Permits tripled.",
            "jurisdiction": city.pk,
            "attribution": "city_only",
            "speaker_name": "",
        },
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<li class="ws-statement ws-statement--result"')
    assert "— Ames, IA" in html
    assert 'id="capture-form" hx-swap-oob="true"' in html
    assert '<span class="ws-muted" id="statement-count" hx-swap-oob="true">(1)</span>' in html


def test_capture_with_htmx_returns_form_errors_only(session_in_cohort, organiser, client):
    session, _ = session_in_cohort
    client.force_login(organiser)
    url = reverse("workshops:capture", kwargs={"slug": session.workshop.slug, "pk": session.pk})

    response = client.post(
        url,
        {"kind": "idea", "text": "", "attribution": "unattributed"},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert html.startswith('<div id="capture-form" hx-swap-oob="true">')
    assert "This field is required." in html
    assert Statement.objects.count() == 0


def test_session_page_shows_times_in_workshop_zone(client, db):
    workshop = WorkshopFactory(time_zone="America/Denver", state=WorkshopState.PUBLISHED)
    session = SessionFactory(
        workshop=workshop,
        starts_at=datetime(2030, 3, 2, 17, 0, tzinfo=UTC),
        ends_at=datetime(2030, 3, 2, 19, 0, tzinfo=UTC),
    )

    html = client.get(session.get_absolute_url()).content.decode()

    assert "Saturday 2 March 2030, 10:00 AM \N{EN DASH} 12:00 PM MST" in html


def test_session_form_reads_times_in_workshop_zone(client, organiser):
    workshop = WorkshopFactory(time_zone="America/Los_Angeles")
    client.force_login(organiser)

    client.post(
        reverse("workshops:session_create", kwargs={"slug": workshop.slug}),
        {
            "title": "Kick-off",
            "starts_at": "2030-07-01T09:00",
            "ends_at": "2030-07-01T10:30",
        },
    )

    session = workshop.sessions.get()
    assert (session.starts_at, session.ends_at) == (
        datetime(2030, 7, 1, 16, 0, tzinfo=UTC),
        datetime(2030, 7, 1, 17, 30, tzinfo=UTC),
    )


def test_statements_hidden_from_non_participants(client, db):
    workshop = WorkshopFactory(state=WorkshopState.PUBLISHED)
    session = SessionFactory(workshop=workshop)
    StatementFactory(session=session, text="Secret-ish remark")

    html = client.get(session.get_absolute_url()).content.decode()

    assert "Secret-ish remark" not in html


def test_api_statements_expose_only_the_consented_credit(session_in_cohort, organiser, client):
    session, city = session_in_cohort
    StatementFactory(
        session=session,
        jurisdiction=city,
        speaker_name="Kept private",
        attribution=Attribution.UNATTRIBUTED,
    )
    client.force_login(organiser)

    response = client.get(
        reverse("api:statements_list", kwargs={"slug": session.workshop.slug, "pk": session.pk})
    )

    row = response.json()["results"][0]
    assert sorted(row) == ["attribution", "created_at", "credit", "id", "kind", "text"]
    assert row["credit"] == "A participant"


def test_prework_saved_by_editor_of_accepted_city(db):
    from citypeers.accounts.enums import MembershipRole
    from tests.factories.accounts import CityOrganisationFactory, MembershipFactory

    member = CohortMemberFactory(status=CohortStatus.ACCEPTED)
    editor = MembershipFactory(
        organisation=CityOrganisationFactory(jurisdiction=member.jurisdiction),
        role=MembershipRole.EDITOR,
    ).user

    first = session_service.save_prework(
        member=member, by=editor, challenge="Rents", tried="Zoning"
    )
    second = session_service.save_prework(
        member=member, by=editor, challenge="Rents!", tried="Zoning"
    )

    assert (first.pk, second.challenge) == (second.pk, "Rents!")


def test_workshop_moves_only_along_allowed_transitions(organiser):
    area = ChallengeAreaFactory()
    workshop = workshop_service.create_workshop(
        by=organiser,
        title="Heat",
        area=area,
        purpose="Cool streets.",
        starts_on=date(2030, 6, 1),
        ends_on=date(2030, 6, 2),
    )

    workshop_service.transition_workshop(workshop=workshop, to_state="recruiting", by=organiser)
    with pytest.raises(ValidationError):
        workshop_service.transition_workshop(workshop=workshop, to_state="published", by=organiser)

    history = list(WorkshopStateChange.objects.values_list("from_state", "to_state"))
    assert history == [("", "planning"), ("planning", "recruiting")]


def test_workshop_slug_never_takes_a_reserved_path(organiser):
    workshop = workshop_service.create_workshop(
        by=organiser,
        title="Insights",
        area=ChallengeAreaFactory(),
        purpose="x",
        starts_on=date(2030, 6, 1),
        ends_on=date(2030, 6, 1),
    )

    assert workshop.slug == "insights-2"


def test_insight_publish_indexes_and_unpublish_removes(organiser):
    area = ChallengeAreaFactory()
    insight = insight_service.create_insight(
        by=organiser,
        title="Start a land trust",
        area=area,
        challenge="Rents.",
        steps=["Map land", "Form trust"],
        audience="public",
    )

    insight_service.transition_insight(
        insight=insight, to_state=InsightState.REVIEWED, by=organiser
    )
    insight_service.transition_insight(
        insight=insight, to_state=InsightState.PUBLISHED, by=organiser
    )
    indexed = list(SearchDocument.objects.values_list("kind", "title", "is_public"))
    insight_service.transition_insight(insight=insight, to_state=InsightState.DRAFT, by=organiser)

    assert indexed == [("insight", "Start a land trust", True)]
    assert SearchDocument.objects.count() == 0


def test_insight_cannot_skip_review(organiser):
    insight = InsightFactory(state=InsightState.DRAFT, published_at=None)

    with pytest.raises(ValidationError):
        insight_service.transition_insight(insight=insight, to_state="published", by=organiser)


def test_insight_library_filters_by_state_and_population_band(client, db):
    small = JurisdictionFactory(state="VT", population=8_000)
    big = JurisdictionFactory(state="TX", population=900_000)
    InsightFactory(title="Small town lesson", evidence_cities=[small])
    InsightFactory(title="Big city lesson", evidence_cities=[big])

    by_state = client.get(reverse("workshops:insights") + "?state=vt").content.decode()
    by_band = client.get(reverse("workshops:insights") + "?band=500k-plus").content.decode()

    assert ("Small town lesson" in by_state, "Big city lesson" in by_state) == (True, False)
    assert ("Small town lesson" in by_band, "Big city lesson" in by_band) == (False, True)


def test_report_pdf_is_a_pdf(client, db):
    workshop = WorkshopFactory(state=WorkshopState.PUBLISHED)
    InsightFactory(workshop=workshop, area=workshop.area)

    response = client.get(reverse("workshops:report_pdf", kwargs={"slug": workshop.slug}))

    assert (response["Content-Type"], response.content[:5]) == ("application/pdf", b"%PDF-")


def test_profile_panel_lists_public_insights_for_the_city(client, db):
    from tests.profiles.panels import render_profile_panel

    city = JurisdictionFactory()
    InsightFactory(title="Public lesson", evidence_cities=[city])
    InsightFactory(title="Members lesson", evidence_cities=[city], audience="members")

    from django.contrib.auth.models import AnonymousUser

    html = render_profile_panel("insights", user=AnonymousUser(), jurisdiction=city)

    assert ("Public lesson" in html, "Members lesson" in html) == (True, False)
