"""Pages: taking an assessment, the result, the roadmap (page and PDF), review, query counts."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse

from citypeers.accounts.enums import MembershipRole
from citypeers.assessments.enums import AssessmentStatus, ResultSharing
from citypeers.assessments.models import Assessment, ConversationRequest, EvidenceItem
from tests.assessments.helpers import answers_meeting, finished_assessment
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory
from tests.factories.assessments import AssessmentFactory, default_version
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def world(module_world):
    return module_world  # every test here only reads it: one per module (tests/conftest.py)


@pytest.fixture
def editor_client(client, world):
    client.force_login(world.users["editor"])
    return client


def test_start_creates_draft_and_redirects(editor_client, world):
    version = default_version()
    response = editor_client.post(
        reverse("assessments:start", args=[world.home.slug]), {"version": version.pk, "cycle": 2026}
    )
    created = Assessment.objects.get(jurisdiction=world.home, cycle=2026)
    assert (response.status_code, response.url) == (302, created.get_absolute_url())


def test_start_ineligible_city_shows_the_reason(client, db):
    small = JurisdictionFactory(name="Tinytown", population=5_000)
    editor = MembershipFactory(
        organisation=CityOrganisationFactory(jurisdiction=small), role=MembershipRole.EDITOR
    ).user
    client.force_login(editor)
    response = client.post(
        reverse("assessments:start", args=[small.slug]),
        {"version": default_version().pk, "cycle": 2026},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "City Data Practices is for governments of at least 30,000 residents; Tinytown, TX has "
        "5,000 (Test data 2021). The Data Maturity Ladder and other frameworks without a size "
        "rule are open to you."
    ]


def test_answer_post_saves_checklist_and_radio(editor_client, world):
    url = reverse("assessments:answer", args=[world.home_draft.pk, "data-management"])
    response = editor_client.post(
        url,
        {
            "dm-inventory-checklist": ["method", "fresh", "coverage"],
            "dm-privacy-met": "yes",
            "dm-privacy-notes": "Adopted 2021",
            "next": "continue",
        },
    )
    saved = {
        r.criterion.key: (r.met, r.notes)
        for r in world.home_draft.responses.select_related("criterion")
    }
    assert response.url == reverse("assessments:answer", args=[world.home_draft.pk, "leadership"])
    assert (saved["dm-inventory"], saved["dm-privacy"]) == ((True, ""), (True, "Adopted 2021"))


def test_answer_post_leaves_untouched_criteria_unanswered(editor_client, world):
    url = reverse("assessments:answer", args=[world.home_draft.pk, "data-management"])
    editor_client.post(url, {"dm-privacy-met": "no", "next": "stay"})
    assert sorted(world.home_draft.responses.values_list("criterion__key", flat=True)) == [
        "dm-privacy",
        "od-policy",
    ]


def test_answer_page_shows_progress(editor_client, world):
    response = editor_client.get(
        reverse("assessments:answer", args=[world.home_draft.pk, "open-data"])
    )
    assert (response.context["answered"], response.context["total"]) == (1, 43)


def test_evidence_upload_through_the_page(editor_client, world):
    upload = SimpleUploadedFile("portal.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png")
    editor_client.post(
        reverse("assessments:evidence_add", args=[world.home_draft.pk, "od-portal"]),
        {"file": upload, "visibility": "peers", "title": "Portal screenshot"},
    )
    item = EvidenceItem.objects.get(title="Portal screenshot")
    assert (item.kind, item.visibility, item.content_type) == ("file", "peers", "image/png")


def test_evidence_download_serves_the_file_to_members(editor_client, world):
    response = editor_client.get(
        reverse("assessments:evidence", args=[world.home_private_evidence.pk])
    )
    assert (
        response.status_code,
        response["Content-Type"],
        b"".join(response.streaming_content),
    ) == (200, "application/pdf", b"%PDF-1.4 test")


def test_submit_complete_assessment_goes_to_result(editor_client, world):
    from citypeers.assessments import services

    services.record_answers(
        assessment=world.home_draft, answers=answers_meeting(default_version().spec, set())
    )
    response = editor_client.post(reverse("assessments:submit", args=[world.home_draft.pk]))
    world.home_draft.refresh_from_db()
    assert (response.url, world.home_draft.status) == (
        reverse("assessments:result", args=[world.home_draft.pk]),
        AssessmentStatus.SUBMITTED,
    )


def test_overview_lists_missing_evidence_and_holds_back_submission(editor_client, world):
    from citypeers.assessments import services

    services.record_answers(
        assessment=world.home_draft,
        answers=answers_meeting(default_version().spec, {"od-policy"}),
    )

    html = editor_client.get(reverse("assessments:detail", args=[world.home_draft.pk]))
    submitted = editor_client.post(
        reverse("assessments:submit", args=[world.home_draft.pk]), follow=True
    )

    page = html.content.decode()
    assert "Evidence still needed before submitting" in page
    assert "An adopted open data policy</a>: The adopted policy, ordinance or executive order" in (
        page
    )
    assert 'type="submit" disabled aria-disabled="true">Submit for review' in page
    assert [str(m) for m in submitted.context["messages"]] == [
        "Attach the required evidence for 1 criterion marked as met (An adopted open data "
        "policy: The adopted policy, ordinance or executive order)."
    ]
    world.home_draft.refresh_from_db()
    assert world.home_draft.status == AssessmentStatus.DRAFT


def test_result_page_chart_data_has_areas(editor_client, world):
    response = editor_client.get(reverse("assessments:result", args=[world.home_submitted.pk]))
    chart = response.context["chart"]
    assert (len(chart["labels"]), [s["label"] for s in chart["series"]]) == (8, ["Self-assessed"])


def test_result_page_explains_hidden_peer_median(editor_client, world):
    response = editor_client.get(reverse("assessments:result", args=[world.home_submitted.pk]))
    assert response.context["comparison"]["reason"].startswith(
        "The peer median is hidden: fewer than 5 comparable cities"
    )


def test_result_page_adds_peer_median_from_five_sharing_peers(editor_client, world):
    for _ in range(5):
        finished_assessment(
            JurisdictionFactory(state="TX", population=52_000), met_keys={"od-policy"}
        )
    response = editor_client.get(reverse("assessments:result", args=[world.home_submitted.pk]))
    labels = [s["label"] for s in response.context["chart"]["series"]]
    assert labels[-1].startswith("Peer median (") and len(labels) == 2


def test_roadmap_pdf_is_a_pdf(editor_client, world):
    response = editor_client.get(reverse("assessments:roadmap_pdf", args=[world.home_draft.pk]))
    assert (response["Content-Type"], response.content[:5]) == ("application/pdf", b"%PDF-")


def test_ask_peer_creates_request_and_emails_admins(
    client, world, django_capture_on_commit_callbacks
):
    MembershipFactory(organisation=world.other_org, role=MembershipRole.ADMIN)
    admins = sorted(
        world.other_org.memberships.filter(role=MembershipRole.ADMIN).values_list(
            "user__email", flat=True
        )
    )
    client.force_login(world.users["member"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("assessments:ask_peer", args=[world.home_draft.pk]),
            {"criterion": "od-policy", "peer": world.other.pk, "message": "Hello"},
        )
    assert (ConversationRequest.objects.count(), sorted(mail.outbox[-1].to)) == (1, admins)


def test_ask_peer_that_does_not_meet_criterion_is_refused(client, world):
    client.force_login(world.users["member"])
    client.post(
        reverse("assessments:ask_peer", args=[world.home_draft.pk]),
        {"criterion": "ev-launch", "peer": world.other.pk},
    )
    assert ConversationRequest.objects.count() == 0


def test_review_save_and_validate_flow(client, world):
    client.force_login(world.users["organiser"])
    spec = default_version().spec
    data = {}
    for criterion in spec.criteria:
        if criterion.checklist:
            data[f"r-{criterion.key}-checklist"] = [i.key for i in criterion.checklist]
        else:
            data[f"r-{criterion.key}-met"] = "yes"
    client.post(reverse("assessments:review", args=[world.home_submitted.pk]), data)
    response = client.post(
        reverse("assessments:validate", args=[world.home_submitted.pk]),
        {"summary": "Well documented."},
    )
    world.home_submitted.refresh_from_db()
    assert (
        response.url,
        world.home_submitted.status,
        world.home_submitted.certification.level_key,
    ) == (
        reverse("assessments:result", args=[world.home_submitted.pk]),
        AssessmentStatus.VALIDATED,
        "platinum",
    )


def test_profile_panel_shows_certification(world, rf):
    from citypeers.assessments.models import Certification

    Certification.objects.create(
        jurisdiction=world.home,
        assessment=world.home_submitted,
        framework_title="City Data Practices",
        version_label="2025.1",
        cycle=2024,
        level_key="gold",
        level_title="Gold",
        granted_at=world.home_submitted.created_at,
    )
    from django.contrib.auth.models import AnonymousUser

    from tests.profiles.panels import render_profile_panel

    html = render_profile_panel("certification", user=AnonymousUser(), jurisdiction=world.home)
    assert html.count("cp-level--gold") == 1


def test_profile_panel_query_count_is_constant(world, rf, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    from tests.profiles.panels import render_profile_panel

    with django_assert_num_queries(1):
        render_profile_panel("certification", user=AnonymousUser(), jurisdiction=world.home)


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_panel_query_count(world, count, django_assert_num_queries):
    for index in range(count):
        AssessmentFactory(jurisdiction=world.home, cycle=2010 + index)
    user = world.users["editor"]
    template = Template('{% include "assessments/_dashboard_panel.html" %}')
    with django_assert_num_queries(4):
        template.render(Context({"user": user}))


@pytest.mark.parametrize("count", [1, 3])
def test_review_queue_query_count(client, world, count, django_assert_num_queries):
    for _ in range(count):
        finished_assessment(JurisdictionFactory(), sharing=ResultSharing.PRIVATE)
    client.force_login(world.users["organiser"])
    client.get(reverse("assessments:queue"))  # warm the session and role caches
    with django_assert_num_queries(5):
        response = client.get(reverse("assessments:queue"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_index_query_count(client, world, count, django_assert_num_queries):
    for _ in range(count):
        finished_assessment(JurisdictionFactory(), sharing=ResultSharing.PUBLIC)
    client.force_login(world.users["editor"])
    client.get(reverse("assessments:index"))
    with django_assert_num_queries(9):
        response = client.get(reverse("assessments:index"))
    assert response.status_code == 200


# Evidence of every visibility on the home city's submitted result (kept private): the titles each
# persona may see on every page and in the API that lists evidence.
HOME_TITLES = [f"home {v} file" for v in ["private", "reviewers", "peers", "public"]]
SEES = {
    **dict.fromkeys(["member", "editor", "city_admin"], HOME_TITLES),
    **dict.fromkeys(["organiser", "site_admin"], HOME_TITLES[1:]),
}


def _titles_on_page(response) -> list[str]:
    content = response.content.decode()
    return [title for title in HOME_TITLES if title in content]


@pytest.mark.parametrize("persona", sorted(SEES))
@pytest.mark.parametrize("page", ["answer", "result", "review", "api"])
def test_evidence_lists_show_only_what_the_persona_may_open(client, world, persona, page):
    if page == "review" and persona not in ("organiser", "site_admin"):
        pytest.skip("only reviewers open the review page")
    pk = world.home_submitted.pk
    client.force_login(world.users[persona])

    if page == "api":
        rows = client.get(reverse("api:assessment_responses", kwargs={"pk": pk})).json()["results"]
        titles = {e["title"] for r in rows for e in r["evidence"]}
        # Only the items of each visibility this test adds (the world has other evidence).
        shown = [title for title in HOME_TITLES if title in titles]
    else:
        kwargs = {"pk": pk, "area": "open-data"} if page == "answer" else {"pk": pk}
        response = client.get(reverse(f"assessments:{page}", kwargs=kwargs))
        assert response.status_code == 200
        shown = _titles_on_page(response)

    assert shown == SEES[persona]
