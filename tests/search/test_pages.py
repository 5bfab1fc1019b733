import pytest
from django.core.management import call_command
from django.urls import reverse

from citypeers.core.enums import PublicationStatus
from citypeers.search.models import SearchDocument
from citypeers.search.registry import registered_sources
from citypeers.search.services import rebuild_index
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import ChallengeStatementFactory, SolutionFactory
from tests.factories.search import SearchDocumentFactory

pytestmark = pytest.mark.integration


def test_search_page_without_query_shows_help(client, db):
    response = client.get(reverse("search:search"))
    assert (response.status_code, response.context["q"]) == (200, "")


def test_search_page_groups_results_by_kind(client, db):
    SearchDocumentFactory(kind="solution", title="Heat pilot")
    SearchDocumentFactory(kind="challenge", title="Heat in Phoenix")
    response = client.get(reverse("search:search"), {"q": "heat"})
    assert [g.kind for g in response.context["groups"]] == ["challenge", "solution"]


def test_search_page_kind_filter_paginates(client, db):
    for n in range(25):
        SearchDocumentFactory(kind="solution", title=f"Heat pilot {n}")
    response = client.get(reverse("search:search"), {"q": "heat", "kind": "solution", "page": 2})
    assert (len(response.context["results"].hits), response.context["page"].number) == (5, 2)


def test_search_page_escapes_titles(client, db):
    SearchDocumentFactory(title="<img src=x onerror=alert(1)> heat")
    response = client.get(reverse("search:search"), {"q": "heat"})
    assert b"<img src=x" not in response.content


def test_search_page_htmx_renders_only_results(client, db):
    SearchDocumentFactory(title="Heat pilot")
    response = client.get(reverse("search:search"), {"q": "heat"}, headers={"HX-Request": "true"})
    assert response.content.decode().lstrip().startswith('<div id="search-results">')


@pytest.mark.parametrize("q", ['water"', "NEAR(", "*", "col:x", "AND", "page=abc"])
def test_search_page_junk_query_is_ok(client, db, q):
    response = client.get(reverse("search:search"), {"q": q, "kind": "solution", "page": "x"})
    assert response.status_code == 200


@pytest.mark.parametrize("item_count", [1, 3])
def test_search_page_query_count_is_constant(client, db, django_assert_num_queries, item_count):
    for n in range(item_count):
        SearchDocumentFactory(kind="solution", title=f"Heat pilot {n}")
        SearchDocumentFactory(kind="challenge", title=f"Heat challenge {n}")
    # counts, facets, then one page of hits per matching kind (no areas: no area names)
    with django_assert_num_queries(4):
        client.get(reverse("search:search"), {"q": "heat"})


@pytest.mark.parametrize("item_count", [1, 3])
def test_search_api_query_count_is_constant(client, db, django_assert_num_queries, item_count):
    for n in range(item_count):
        SearchDocumentFactory(kind="solution", title=f"Heat pilot {n}")
    with django_assert_num_queries(2):
        client.get("/api/v1/search", {"q": "heat"})


def test_search_api_returns_hits_with_counts(client, db):
    SearchDocumentFactory(kind="solution", title="Heat pilot", url="/s/1/")
    SearchDocumentFactory(kind="challenge", title="Heat challenge")
    body = client.get("/api/v1/search", {"q": "heat", "kind": "solution"}).json()
    assert (body["count"], body["counts"], [r["url"] for r in body["results"]]) == (
        1,
        {"solution": 1, "challenge": 1},
        ["/s/1/"],
    )


def test_search_api_rejects_oversized_page_size(client, db):
    assert client.get("/api/v1/search", {"q": "x", "page_size": 1000}).status_code == 422


def test_registry_has_knowledge_and_profile_sources():
    assert {s.kind for s in registered_sources()} >= {"challenge", "solution", "profile"}


def test_rebuild_index_indexes_published_content_only(db):
    city = JurisdictionFactory(name="Heatville", story_status=PublicationStatus.DRAFT)
    SolutionFactory(owner=city, title="Shade trees")
    SolutionFactory(owner=city, title="Secret draft", status=PublicationStatus.DRAFT)
    ChallengeStatementFactory(jurisdiction=city)
    written = rebuild_index(kinds=["solution", "challenge", "profile"])
    assert written == {"solution": 1, "challenge": 1, "profile": 1}


def test_rebuild_index_replaces_stale_documents(db):
    SearchDocumentFactory(kind="solution", object_id=999, title="Stale")
    rebuild_index(kinds=["solution"])
    assert SearchDocument.objects.filter(kind="solution").count() == 0


def test_rebuild_search_index_command_reports_counts(db, capsys):
    SolutionFactory(title="Shade trees")
    call_command("rebuild_search_index", "--kind", "solution")
    assert "solution: 1 documents" in capsys.readouterr().out


def test_profile_document_lists_stated_challenges(db):
    city = JurisdictionFactory(name="Heatville", story_status=PublicationStatus.DRAFT)
    ChallengeStatementFactory(jurisdiction=city)
    rebuild_index(kinds=["profile"])
    document = SearchDocument.objects.get(kind="profile")
    assert (document.title, document.jurisdiction_id) == ("Heatville, TX", city.pk)
