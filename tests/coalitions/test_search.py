"""Replication records in site search: public ones for everyone, network ones for network
members only, refreshed by the services that change a record."""

import pytest

from citypeers.coalitions import services
from citypeers.coalitions.enums import ReplicationVisibility
from citypeers.coalitions.search_sources import replication_documents
from citypeers.core.enums import PublicationStatus
from citypeers.search.backends import search
from citypeers.search.models import SearchDocument
from citypeers.search.services import rebuild_index

pytestmark = pytest.mark.integration


def _titles(query: str, *, include_private: bool) -> list[str]:
    results = search(query, kinds=["replication"], include_private=include_private)
    return [hit.title for hit in results.hits]


@pytest.fixture
def record(cities):
    return services.start_replication(
        solution=cities.solution,
        adopter=cities.adopter,
        actor=cities.editor,
        adapted="Bilingual outreach to renters",
    )


def test_network_record_is_found_only_with_private_documents(record):
    assert (
        _titles("bilingual", include_private=False),
        _titles("bilingual", include_private=True),
    ) == ([], ["Adopter Town replicating “Land trust”"])


def test_public_record_is_found_in_public_search(cities, record):
    services.update_replication(
        replication=record,
        actor=cities.editor,
        version=record.version,
        visibility=ReplicationVisibility.PUBLIC,
    )

    assert _titles("bilingual", include_private=False) == ["Adopter Town replicating “Land trust”"]


def test_stage_change_refreshes_the_document(cities, record):
    services.change_stage(replication=record, actor=cities.editor, stage="adapting")

    assert _titles("adapting", include_private=True) == ["Adopter Town replicating “Land trust”"]


def test_deleted_record_leaves_search(cities, record):
    services.delete_replication(replication=record, actor=cities.editor)

    assert SearchDocument.objects.filter(kind="replication").count() == 0


def test_record_of_an_unpublished_solution_is_not_indexed(cities, record):
    cities.solution.status = PublicationStatus.DRAFT
    cities.solution.save(update_fields=["status"])

    assert (list(replication_documents()), rebuild_index(kinds=["replication"])) == (
        [],
        {"replication": 0},
    )
