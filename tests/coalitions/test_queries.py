"""Every list (page, panel and API) costs the same number of queries for 1 item as for 3."""

import pytest
from django.urls import reverse

from citypeers.coalitions import services
from citypeers.coalitions.models import BarrierKind
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.factories.coalitions import (
    ReplicationBarrierFactory,
    ReplicationFactory,
    ReplicationOutcomeFactory,
    ReplicationQuestionFactory,
)
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration


def _replications(cities, n):
    kinds = list(BarrierKind.objects.all())
    for i in range(n):
        replication = ReplicationFactory(solution=cities.solution, adopter=JurisdictionFactory())
        ReplicationBarrierFactory(replication=replication, kind=kinds[i])
        ReplicationOutcomeFactory(replication=replication)
        replication.partners.set([OrganisationFactory()])


def _record_rows(cities, n):
    replication = ReplicationFactory(solution=cities.solution, adopter=cities.adopter)
    kinds = list(BarrierKind.objects.all())
    for i in range(n):
        ReplicationBarrierFactory(replication=replication, kind=kinds[i])
        ReplicationOutcomeFactory(replication=replication)
        ReplicationQuestionFactory(
            replication=replication, answered_by=UserFactory(), answer="Yes."
        )
        replication.partners.add(OrganisationFactory())
        services.change_stage(
            replication=replication,
            actor=cities.editor,
            stage="adapting" if i % 2 == 0 else "considering",
        )
    return replication


# (name, maker, url builder, expected queries) — signed in as the adopting city's editor.
CASES = [
    ("api:replication_list", _replications, lambda c, made: reverse("api:replication_list"), 5),
    (
        "api:solution_lineage",
        _replications,
        lambda c, made: reverse("api:solution_lineage", kwargs={"slug": c.solution.slug}),
        12,
    ),
    (
        "knowledge:solution (panel)",
        _replications,
        lambda c, made: c.solution.get_absolute_url(),
        13,  # with the guides that cite the solution
    ),
    (
        "coalitions:replication",
        _record_rows,
        lambda c, made: reverse("coalitions:replication", kwargs={"pk": made.pk}),
        13,
    ),
    (
        "api:replication_detail",
        _record_rows,
        lambda c, made: reverse("api:replication_detail", kwargs={"replication_id": made.pk}),
        13,
    ),
]


@pytest.mark.parametrize(("name", "maker", "url", "expected"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_is_constant(
    client, cities, django_assert_num_queries, name, maker, url, expected, count
):
    made = maker(cities, count)
    client.force_login(cities.editor)
    target = url(cities, made)
    client.get(target)  # warm the session

    with django_assert_num_queries(expected):
        response = client.get(target)

    assert response.status_code == 200
