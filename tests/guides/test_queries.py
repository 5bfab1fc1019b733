"""Every list (page and API) costs the same number of queries for 1 guide as for 3, and a
guide's pages do not grow with its chapters, sections or revisions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from citypeers.guides import services
from tests.guides.conftest import start_guide

pytestmark = pytest.mark.django_db


def _published_guides(team, n):
    made = []
    for i in range(n):
        guide = start_guide(team, title=f"Guide {i}")
        chapter = services.add_chapter(actor=team.lead, guide=guide, title="One")
        services.add_section(actor=team.lead, chapter=chapter, title="A", body="Text.")
        edition = services.cut_edition(
            actor=team.lead,
            guide=guide,
            release_notes="First.",
            reviewers=[team.peer_reviewer, team.outside_reviewer],
        )
        for reviewer in (team.peer_reviewer, team.outside_reviewer):
            services.decide_review(actor=reviewer, edition=edition, decision="approved")
        services.publish_edition(actor=team.lead, edition=edition)
        made.append(guide)
    return made


def _grown_guide(team, n):
    """One guide with n chapters of n sections, each saved n times, with n blocks."""
    guide = start_guide(team, title="Big guide")
    for c in range(n):
        chapter = services.add_chapter(actor=team.lead, guide=guide, title=f"Chapter {c}")
        for s in range(n):
            section = services.add_section(actor=team.lead, chapter=chapter, title=f"S{s}")
            for k in range(n):
                services.save_section(
                    actor=team.lead,
                    section=section,
                    title=f"S{s}",
                    body=f"v{k}",
                    expected_version=None,
                )
                services.add_block(
                    actor=team.lead, section=section, kind="case_study", solution=team.solution
                )
    return guide


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", [reverse("guides:index"), reverse("api:guide_list")], ids=["page", "api"]
)
def test_the_guide_list_costs_the_same_for_one_and_three(client, team, url):
    _published_guides(team, 1)
    one = _count(client, url)
    _published_guides(team, 2)
    assert _count(client, url) == one


@pytest.mark.parametrize("name", ["guides:draft", "api:guide_detail"])
def test_a_draft_costs_the_same_whatever_its_size(client, team, name):
    client.force_login(team.lead)
    small = _grown_guide(team, 1)
    one = _count(client, reverse(name, kwargs={"slug": small.slug}))
    big = _grown_guide(team, 3)
    assert _count(client, reverse(name, kwargs={"slug": big.slug})) == one


def test_the_edition_page_costs_the_same_whatever_its_size(client, team):
    pages = []
    for n in (1, 3):
        guide = _grown_guide(team, n)
        edition = services.cut_edition(actor=team.lead, guide=guide, release_notes="All.")
        client.force_login(team.lead)
        pages.append(_count(client, edition.get_absolute_url()))
    assert pages[0] == pages[1]


def test_the_revision_list_costs_the_same_for_one_and_three(client, team):
    client.force_login(team.lead)
    counts = []
    for n in (1, 3):
        guide = _grown_guide(team, n)
        section = guide.chapters.first().sections.first()
        url = reverse(
            "api:guide_revision_list", kwargs={"slug": guide.slug, "section_id": section.pk}
        )
        counts.append(_count(client, url))
        page = reverse("guides:section-history", kwargs={"slug": guide.slug, "pk": section.pk})
        counts.append(_count(client, page))
    assert counts[0:2] == counts[2:4]
