import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citypeers.search.backends import search
from citypeers.search.services import index_document, remove_document
from citypeers.web.search_selectors import sees_private_documents
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.search import SearchDocumentFactory

pytestmark = pytest.mark.integration

JUNK = ['water"', "AND", "NEAR(", "*", "col:x", "water AND", '"unclosed', "((", "-", "\x00x"]


def _titles(results):
    return [hit.title for hit in results.hits]


@pytest.fixture
def docs(db):
    return [
        SearchDocumentFactory(
            kind="solution",
            title="Cool pavement pilot",
            body="Reflective coating lowers street heat in summer.",
        ),
        SearchDocumentFactory(
            kind="challenge",
            title="Urban heat in Phoenix",
            body="Heat islands in dense neighbourhoods.",
        ),
        SearchDocumentFactory(kind="profile", title="Tucson, AZ", body="Water-wise landscaping."),
        SearchDocumentFactory(
            kind="guide", title="Private heat playbook", body="Heat plans.", is_public=False
        ),
    ]


def test_search_ranks_title_matches_first(docs):
    results = search("heat")
    assert _titles(results) == ["Urban heat in Phoenix", "Cool pavement pilot"]


def test_search_counts_matches_per_kind(docs):
    assert search("heat").counts == {"solution": 1, "challenge": 1}


def test_search_filters_by_kind(docs):
    results = search("heat", kinds=["solution"])
    assert (_titles(results), results.total) == (["Cool pavement pilot"], 1)


def test_search_private_documents_are_hidden_from_visitors(docs):
    assert "Private heat playbook" not in _titles(search("playbook"))


def test_search_private_documents_are_hidden_from_users_outside_the_network(docs):
    include_private = sees_private_documents(UserFactory())
    assert _titles(search("playbook", include_private=include_private)) == []


def test_search_private_documents_are_shown_to_network_members(docs):
    include_private = sees_private_documents(MembershipFactory().user)
    assert _titles(search("playbook", include_private=include_private)) == ["Private heat playbook"]


def test_search_matches_the_last_word_as_a_prefix_on_either_backend(docs):
    found = {raw: _titles(search(raw)) for raw in ("pave", "urban phoe", '"pave"')}

    assert found == {
        "pave": ["Cool pavement pilot"],
        "urban phoe": ["Urban heat in Phoenix"],
        '"pave"': [],
    }


def test_search_stems_words(docs):
    assert _titles(search("landscape")) == ["Tucson, AZ"]


def test_search_snippet_marks_matches_and_escapes_html(db):
    SearchDocumentFactory(title="<b>Heat</b> plan", body="<script>alert(1)</script> heat map")
    hit = search("heat").hits[0]
    assert str(hit.title_html) == "&lt;b&gt;<mark>Heat</mark>&lt;/b&gt; plan"
    assert "<script>" not in str(hit.snippet_html)
    assert "<mark>heat</mark>" in str(hit.snippet_html).lower()


def test_search_empty_query_returns_nothing(docs):
    assert search("  ").total == 0


def test_search_offset_pages_through_results(db):
    for n in range(5):
        SearchDocumentFactory(title=f"Heat plan {n}", body="heat")
    first = search("heat", limit=2)
    second = search("heat", limit=2, offset=2)
    assert (first.total, len(first.hits), len(second.hits)) == (5, 2, 2)
    assert set(_titles(first)).isdisjoint(_titles(second))


def test_index_document_keeps_the_index_in_step_on_update(db):
    index_document(
        kind="solution", object_id=7, title="Bike lanes", body="", url="/s/7/", is_public=True
    )
    index_document(
        kind="solution", object_id=7, title="Bus lanes", body="", url="/s/7/", is_public=True
    )
    assert (_titles(search("bike")), _titles(search("bus"))) == ([], ["Bus lanes"])


def test_remove_document_drops_it_from_the_index(db):
    index_document(
        kind="solution", object_id=8, title="Bike lanes", body="", url="/s/8/", is_public=True
    )
    remove_document(kind="solution", object_id=8)
    assert search("bike").total == 0


def test_index_document_strips_highlight_markers(db):
    document = index_document(
        kind="solution", object_id=9, title="A\ue000B\ue001", body="", url="/s/9/", is_public=True
    )
    assert document.title == "AB"


@pytest.mark.parametrize("raw", JUNK)
def test_search_junk_input_never_raises(docs, raw):
    assert search(raw).total >= 0


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.text(max_size=60))
def test_search_any_text_never_raises(docs, raw):
    assert search(raw).total >= 0


@pytest.mark.postgres
def test_search_vendor_has_its_index(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'search_fts'")
        else:
            cursor.execute(
                "SELECT count(*) FROM pg_indexes WHERE indexname = 'search_document_vector_gin'"
            )
        assert cursor.fetchone() == (1,)
