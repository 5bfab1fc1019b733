import pytest

from citypeers.search.backends import search
from tests.factories.knowledge import SolutionFactory

pytestmark = pytest.mark.integration


@pytest.mark.django_db
def test_search_hit_carries_demo_flag_of_demo_solution():
    from citypeers.knowledge.services.indexing import reindex_solution

    demo = SolutionFactory(title="Pothole triage (demo)", is_demo=True)
    real = SolutionFactory(title="Pothole triage")
    reindex_solution(demo)
    reindex_solution(real)

    hits = search("pothole", kinds=["solution"], limit=10).hits

    assert sorted((h.title, h.is_demo) for h in hits) == [
        ("Pothole triage", False),
        ("Pothole triage (demo)", True),
    ]
