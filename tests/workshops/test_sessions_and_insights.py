from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

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
        insight=insight, to_state=InsightState.REVIEWED, by=UserFactory(is_network_organiser=True)
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


def test_insight_author_cannot_review_it(organiser):
    insight = insight_service.create_insight(
        by=organiser,
        title="Heat plan",
        area=ChallengeAreaFactory(),
        challenge="Heat.",
        steps=["Plant trees"],
    )

    with pytest.raises(ValidationError) as caught:
        insight_service.transition_insight(
            insight=insight, to_state=InsightState.REVIEWED, by=organiser
        )

    assert caught.value.messages == [
        "A second person must review this insight: its author cannot review it."
    ]
    insight.refresh_from_db()
    assert (insight.state, insight.reviewed_by) == (InsightState.DRAFT, None)


def test_insight_back_to_draft_needs_a_new_review(organiser):
    reviewer = UserFactory(is_network_organiser=True)
    insight = InsightFactory(
        state=InsightState.REVIEWED, reviewed_by=reviewer, created_by=organiser
    )

    insight_service.transition_insight(insight=insight, to_state=InsightState.DRAFT, by=organiser)

    insight.refresh_from_db()
    assert (insight.state, insight.reviewed_by) == (InsightState.DRAFT, None)


def test_insight_steps_lose_typed_numbers(organiser):
    insight = insight_service.create_insight(
        by=organiser,
        title="Heat plan",
        area=ChallengeAreaFactory(),
        challenge="Heat.",
        steps=[
            "1. Map hot blocks",
            "2) Plant trees",
            "\u2462 Measure",
            "Step 4: Repeat",
            "2030 goal",
        ],
    )

    assert insight.steps == ["Map hot blocks", "Plant trees", "Measure", "Repeat", "2030 goal"]


def _ready_workshop(organiser, *, accepted=2, held=True, insight_state=InsightState.REVIEWED):
    workshop = WorkshopFactory(state=WorkshopState.SYNTHESISING)
    cities = [CohortMemberFactory(workshop=workshop).jurisdiction for _ in range(accepted)]
    CohortMemberFactory(workshop=workshop, status=CohortStatus.INVITED)
    ends = timezone.now() + timedelta(hours=-1 if held else 48)
    SessionFactory(workshop=workshop, starts_at=ends - timedelta(hours=2), ends_at=ends)
    if insight_state is not None:
        InsightFactory(
            workshop=workshop,
            state=insight_state,
            created_by=organiser,
            evidence_cities=cities[:1],
        )
    return workshop


def test_workshop_publishes_once_cohort_sessions_and_review_are_done(organiser):
    workshop = _ready_workshop(organiser)

    workshop_service.transition_workshop(workshop=workshop, to_state="published", by=organiser)

    workshop.refresh_from_db()
    assert (workshop.state, workshop_service.publication_gaps(workshop)) == ("published", [])


def test_workshop_publication_says_everything_missing(organiser):
    workshop = _ready_workshop(organiser, accepted=1, held=False, insight_state=InsightState.DRAFT)

    with pytest.raises(ValidationError) as caught:
        workshop_service.transition_workshop(workshop=workshop, to_state="published", by=organiser)

    assert caught.value.messages == [
        "The workshop cannot be published yet. Still missing: "
        "A cohort: at least 2 cities must have accepted their place (1 has so far). "
        "A held session: no session of this workshop has ended yet. "
        "A reviewed insight: no insight from this workshop has been reviewed yet."
    ]
    workshop.refresh_from_db()
    assert workshop.state == WorkshopState.SYNTHESISING


def test_workshop_publication_needs_a_report_that_names_cities(organiser):
    workshop = _ready_workshop(organiser, insight_state=None)
    InsightFactory(workshop=workshop, state=InsightState.PUBLISHED)

    assert workshop_service.publication_gaps(workshop) == [
        "Cities in the report: no reviewed insight names the cities its evidence comes from."
    ]


def test_workshop_page_lists_what_publishing_needs(organiser, client):
    workshop = _ready_workshop(organiser, held=False)
    client.force_login(organiser)

    html = client.get(workshop.get_absolute_url()).content.decode()

    assert "A held session: no session of this workshop has ended yet." in html


def test_api_refuses_to_publish_an_unready_workshop(organiser, client):
    workshop = _ready_workshop(organiser, accepted=1)
    client.force_login(organiser)

    response = client.post(
        f"/api/v1/workshops/{workshop.slug}/transition",
        {"to_state": "published"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "The workshop cannot be published yet. Still missing: "
        "A cohort: at least 2 cities must have accepted their place (1 has so far)."
    )


def test_api_refuses_review_by_the_author(organiser, client):
    insight = InsightFactory(state=InsightState.DRAFT, created_by=organiser, published_at=None)
    client.force_login(organiser)

    response = client.post(
        f"/api/v1/insights/{insight.slug}/transition",
        {"to_state": "reviewed"},
        content_type="application/json",
    )

    assert (response.status_code, response.json()["detail"]) == (
        400,
        "A second person must review this insight: its author cannot review it.",
    )


def test_insight_page_tells_its_author_that_someone_else_reviews(organiser, client):
    insight = InsightFactory(state=InsightState.DRAFT, created_by=organiser, published_at=None)
    client.force_login(organiser)

    html = client.get(insight.get_absolute_url()).content.decode()

    assert "another organiser must review it before it can be published" in html
    assert 'value="reviewed"' not in html
