"""The guides API (same rules and messages as the pages) and guides in the one search."""

import json

import pytest
from django.urls import reverse

from citypeers.guides import services
from citypeers.knowledge.models import ChallengeArea
from citypeers.knowledge.services import seed_taxonomy
from citypeers.search.backends import search
from citypeers.search.services import rebuild_index
from citypeers.workshops.enums import InsightAudience, InsightState, WebinarStatus
from tests.factories.workshops import InsightFactory, WebinarFactory
from tests.guides.conftest import start_guide

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _section_url(section):
    return reverse(
        "api:guide_section_update",
        kwargs={"slug": section.chapter.guide.slug, "section_id": section.pk},
    )


def test_a_section_read_then_saved_twice_from_the_same_version_is_refused_with_409(
    client, team, section
):
    client.force_login(team.author)
    read = client.get(_section_url(section))
    assert read["ETag"] == 'W/"1"'
    first = client.put(
        _section_url(section),
        {"title": section.title, "body": "First line.\nMine.\nThird line."},
        content_type=JSON,
        headers={"If-Match": read["ETag"]},
    )
    assert (first.status_code, first.json()["version"], first.json()["merged"]) == (200, 2, False)
    client.force_login(team.lead)
    second = client.put(
        _section_url(section),
        {"title": section.title, "body": "First line.\nTheirs.\nThird line."},
        content_type=JSON,
        headers={"If-Match": read["ETag"]},
    )
    assert second.status_code == 409
    assert second.json()["current_version"] == 2
    section.refresh_from_db()
    assert section.body == "First line.\nMine.\nThird line."


def test_a_stale_save_of_other_lines_is_merged_through_the_api(client, team, section):
    services.save_section(
        actor=team.author,
        section=section,
        title=section.title,
        body="First line!\nSecond line.\nThird line.",
        expected_version=1,
    )
    client.force_login(team.lead)
    response = client.put(
        _section_url(section),
        {"title": section.title, "body": "First line.\nSecond line.\nThird line!", "version": 1},
        content_type=JSON,
    )
    assert response.status_code == 200
    assert (response.json()["merged"], response.json()["body"]) == (
        True,
        "First line!\nSecond line.\nThird line!",
    )


def test_the_revision_api_gives_the_diff(client, team, section):
    services.save_section(
        actor=team.author, section=section, title=section.title, body="Only.", expected_version=1
    )
    client.force_login(team.lead)
    url = reverse(
        "api:guide_revision_detail",
        kwargs={"slug": section.chapter.guide.slug, "section_id": section.pk, "number": 2},
    )
    body = client.get(url).json()
    assert [(d["op"], d["text"]) for d in body["diff"]] == [
        ("removed", "First line."),
        ("removed", "Second line."),
        ("removed", "Third line."),
        ("added", "Only."),
    ]


def test_publishing_through_the_api_without_approvals_is_a_400_that_names_them(
    client, team, guide, section
):
    client.force_login(team.lead)
    created = client.post(
        reverse("api:guide_edition_create", kwargs={"slug": guide.slug}),
        {"release_notes": "First.", "reviewers": [team.peer_reviewer.email]},
        content_type=JSON,
    )
    assert created.status_code == 201
    assert created.json()["missing_for_publication"] == [
        "2 more reviewer approvals (the guide needs 2, it has 0).",
        "An approval from a reviewer outside the consortium.",
    ]
    response = client.post(
        reverse("api:guide_edition_publish", kwargs={"slug": guide.slug, "number": "1.0"})
    )
    assert response.status_code == 400
    assert "Missing: 2 more reviewer approvals" in json.dumps(response.json())


def test_a_whole_guide_through_the_api(client, team):
    client.force_login(team.lead)
    created = client.post(
        reverse("api:guide_create"),
        {
            "title": "API guide",
            "purpose": "Why",
            "audience": "Who",
            "area": team.area.slug,
            "lead_city": team.lead_city.slug,
            "required_approvals": 1,
            "outside_approval_required": False,
        },
        content_type=JSON,
    )
    assert created.status_code == 201
    slug = created.json()["slug"]
    chapter = client.post(
        reverse("api:guide_chapter_create", kwargs={"slug": slug}),
        {"title": "One"},
        content_type=JSON,
    ).json()
    section = client.post(
        reverse("api:guide_section_create", kwargs={"slug": slug, "chapter_id": chapter["id"]}),
        {"title": "Start", "body": "Text."},
        content_type=JSON,
    ).json()
    block = client.post(
        reverse("api:guide_block_create", kwargs={"slug": slug, "section_id": section["id"]}),
        {"kind": "case_study", "solution": team.solution.slug},
        content_type=JSON,
    )
    assert block.json()["blocks"][0]["solution"] == team.solution.slug
    client.post(
        reverse("api:guide_edition_create", kwargs={"slug": slug}),
        {"release_notes": "First.", "reviewers": [team.outside_reviewer.email]},
        content_type=JSON,
    )
    client.force_login(team.outside_reviewer)
    reviewed = client.post(
        reverse("api:guide_review", kwargs={"slug": slug, "number": "1.0"}),
        {"decision": "approved"},
        content_type=JSON,
    )
    assert reviewed.json()["missing_for_publication"] == []
    client.force_login(team.lead)
    published = client.post(
        reverse("api:guide_edition_publish", kwargs={"slug": slug, "number": "1.0"})
    )
    assert (published.status_code, published.json()["status"]) == (200, "published")
    client.logout()
    listed = client.get(reverse("api:guide_list")).json()
    assert [(g["slug"], g["current_edition"]) for g in listed["results"]] == [(slug, "1.0")]


def test_unknown_references_are_400s_not_500s(client, team, guide, section):
    client.force_login(team.lead)
    url = reverse("api:guide_block_create", kwargs={"slug": guide.slug, "section_id": section.pk})
    response = client.post(url, {"kind": "case_study", "solution": "nope"}, content_type=JSON)
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {"solution": ["No solution “nope”."]},
    )
    number = client.get(
        reverse("api:guide_edition_detail", kwargs={"slug": guide.slug, "number": "x.y"})
    )
    assert number.status_code == 404


def _publish(team, guide, section):
    edition = services.cut_edition(
        actor=team.lead,
        guide=guide,
        release_notes="First.",
        reviewers=[team.peer_reviewer, team.outside_reviewer],
    )
    for reviewer in (team.peer_reviewer, team.outside_reviewer):
        services.decide_review(actor=reviewer, edition=edition, decision="approved")
    services.publish_edition(actor=team.lead, edition=edition)
    return edition


def test_housing_finds_insights_webinars_and_guides_filed_under_it_after_a_rebuild(
    django_capture_on_commit_callbacks, team, guide, section
):
    seed_taxonomy()
    area = ChallengeArea.objects.get(slug="housing-affordability")
    guide.area = area
    guide.save()
    with django_capture_on_commit_callbacks(execute=True):
        _publish(team, guide, section)
    InsightFactory(
        title="Community land trusts keep homes within reach",
        area=area,
        state=InsightState.PUBLISHED,
        audience=InsightAudience.PUBLIC,
    )
    WebinarFactory(title="Shared equity in practice", area=area, status=WebinarStatus.PUBLISHED)
    start_guide(team, title="Unpublished guide on housing")
    rebuild_index()
    kinds = sorted((hit.kind, hit.title) for hit in search("housing").hits)
    assert kinds == [
        ("event", "Shared equity in practice"),
        ("guide", "Keeping homes affordable"),
        ("insight", "Community land trusts keep homes within reach"),
        ("solution", "Community land trust"),
    ]
