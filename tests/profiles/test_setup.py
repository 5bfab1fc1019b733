"""The setup step indexes every directory entry, and re-indexes an index that predates
challenge areas on documents."""

import io

import pytest

from citypeers.profiles.setup import setup_site
from citypeers.search.models import SearchDocument, SearchDocumentArea
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import ChallengeStatementFactory

pytestmark = pytest.mark.django_db


def test_every_entry_gets_a_profile_document_once():
    JurisdictionFactory.create_batch(3)

    setup_site(io.StringIO())
    setup_site(io.StringIO())

    assert SearchDocument.objects.filter(kind="profile").count() == 3


def test_an_index_from_before_the_facets_is_rebuilt_with_areas():
    statement = ChallengeStatementFactory()
    SearchDocument.objects.create(
        kind="challenge", object_id=statement.pk, title="Old", url="/old/", is_public=True
    )
    out = io.StringIO()

    setup_site(out)

    assert SearchDocumentArea.objects.filter(area=statement.area.slug).count() == 2
    assert SearchDocument.objects.get(kind="challenge").title != "Old"
    assert "challenge" in out.getvalue()
