import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from citypeers.accounts.enums import OrganisationKind, PartnerType
from citypeers.core.enums import PublicationStatus
from citypeers.knowledge import services
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement, Solution
from citypeers.knowledge.selectors import history_of
from citypeers.knowledge.taxonomy import TAXONOMY
from citypeers.search.backends import search
from citypeers.search.models import SearchDocument
from tests.factories.accounts import OrganisationFactory

pytestmark = pytest.mark.integration


def _area(slug):
    return ChallengeArea.objects.get(slug=slug)


def _solution(city, **extra):
    data = {
        "owner": city,
        "title": "Cool pavement pilot",
        "problem": "Hot streets.",
        "approach": "Reflective coating.",
        "challenges": [_area("urban-heat-island")],
        "status": PublicationStatus.PUBLISHED,
    }
    return services.create_solution(**{**data, **extra})


def test_seed_taxonomy_is_idempotent(db):
    first = services.seed_taxonomy()
    second = services.seed_taxonomy()
    expected = sum(1 + len(children) for *_, children in TAXONOMY)
    assert (first, second) == ((expected, expected), (0, expected))


def test_seed_taxonomy_nests_sub_areas(taxonomy):
    assert _area("veteran-homelessness").parent.slug == "homelessness"


def test_create_statement_indexes_published_statement(taxonomy, city):
    services.create_statement(
        jurisdiction=city,
        area=_area("urban-heat-island"),
        narrative="Summer streets are far hotter than elsewhere.",
        status=PublicationStatus.PUBLISHED,
    )
    assert [h.kind for h in search("hotter").hits] == ["challenge"]


def test_create_statement_refreshes_the_profile_document(taxonomy, city):
    services.create_statement(
        jurisdiction=city,
        area=_area("urban-heat-island"),
        narrative="Summer streets are far hotter than elsewhere.",
        status=PublicationStatus.PUBLISHED,
    )
    assert SearchDocument.objects.get(kind="profile").body.endswith(
        "Challenges: Urban heat island effect"
    )


def test_create_statement_draft_is_not_indexed(taxonomy, city):
    services.create_statement(
        jurisdiction=city,
        area=_area("urban-heat-island"),
        narrative="Summer streets are far hotter than elsewhere.",
    )
    assert SearchDocument.objects.filter(kind="challenge").count() == 0


def test_create_statement_rejects_a_second_statement_for_the_area(taxonomy, city):
    services.create_statement(
        jurisdiction=city, area=_area("urban-heat-island"), narrative="First statement."
    )
    with pytest.raises(ValidationError):
        services.create_statement(
            jurisdiction=city, area=_area("urban-heat-island"), narrative="Second statement."
        )


def test_create_statement_rejects_empty_narrative(taxonomy, city):
    with pytest.raises(ValidationError) as error:
        services.create_statement(
            jurisdiction=city, area=_area("urban-heat-island"), narrative="   "
        )
    assert list(error.value.message_dict) == ["narrative"]


def test_update_statement_keeps_history(taxonomy, city, editor):
    statement = services.create_statement(
        jurisdiction=city, area=_area("urban-heat-island"), narrative="First version.", actor=editor
    )
    services.update_statement(
        statement=statement, narrative="Second version.", priority="high", actor=editor
    )
    entries = history_of(statement)
    assert [(e.action, e.fields, e.who) for e in entries] == [
        ("Changed", ["Priority", "Narrative"], editor.display_name),
        ("Created", [], editor.display_name),
    ]


def test_update_statement_unpublishing_removes_it_from_search(taxonomy, city):
    statement = services.create_statement(
        jurisdiction=city,
        area=_area("urban-heat-island"),
        narrative="Streets are hot.",
        status=PublicationStatus.PUBLISHED,
    )
    services.update_statement(statement=statement, status=PublicationStatus.DRAFT)
    assert SearchDocument.objects.filter(kind="challenge").count() == 0


def test_update_statement_rejects_unknown_fields(taxonomy, city):
    statement = services.create_statement(
        jurisdiction=city, area=_area("urban-heat-island"), narrative="Streets are hot."
    )
    with pytest.raises(TypeError):
        services.update_statement(statement=statement, jurisdiction=city)


def test_delete_statement_removes_row_and_document(taxonomy, city):
    statement = services.create_statement(
        jurisdiction=city,
        area=_area("urban-heat-island"),
        narrative="Streets are hot.",
        status=PublicationStatus.PUBLISHED,
    )
    services.delete_statement(statement=statement)
    assert (
        ChallengeStatement.objects.count(),
        SearchDocument.objects.filter(kind="challenge").count(),
    ) == (0, 0)


def test_create_solution_saves_related_rows(taxonomy, city):
    partner = OrganisationFactory(
        kind=OrganisationKind.PARTNER, partner_type=PartnerType.UNIVERSITY
    )
    solution = _solution(
        city,
        partners=[partner],
        outcomes=[
            services.OutcomeData(
                name="Surface temperature",
                baseline=62,
                value=56,
                unit="°C",
                measured_on=dt.date(2023, 8, 1),
            )
        ],
        links=[services.LinkData(title="Report", url="https://example.org/report")],
    )
    assert (
        solution.slug,
        [p.pk for p in solution.partners.all()],
        [o.change for o in solution.outcomes.all()],
        solution.links.count(),
    ) == ("cool-pavement-pilot", [partner.pk], [-6], 1)


def test_create_solution_makes_slugs_unique(taxonomy, city):
    _solution(city)
    assert _solution(city).slug == "cool-pavement-pilot-2"


def test_create_solution_requires_a_challenge(taxonomy, city):
    with pytest.raises(ValidationError) as error:
        _solution(city, challenges=[])
    assert list(error.value.message_dict) == ["challenges"]


def test_create_solution_rejects_non_partner_organisations(taxonomy, city):
    other_city = OrganisationFactory(kind=OrganisationKind.LOCAL_GOVERNMENT, partner_type="")
    with pytest.raises(ValidationError) as error:
        _solution(city, partners=[other_city])
    assert list(error.value.message_dict) == ["partners"]


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_create_solution_rejects_non_finite_outcomes(taxonomy, city, value):
    with pytest.raises(ValidationError):
        _solution(city, outcomes=[services.OutcomeData(name="x", value=value)])


def test_create_solution_rejects_bad_link(taxonomy, city):
    with pytest.raises(ValidationError) as error:
        _solution(city, links=[services.LinkData(title="x", url="javascript:alert(1)")])
    assert list(error.value.message_dict) == ["links"]


def test_create_solution_rejects_unknown_choice(taxonomy, city):
    with pytest.raises(ValidationError) as error:
        _solution(city, evidence_level="magic")
    assert list(error.value.message_dict) == ["evidence_level"]


def test_create_solution_indexes_with_owner_and_challenges(taxonomy, city):
    _solution(city)
    document = SearchDocument.objects.get(kind="solution")
    assert (document.title, document.state, document.jurisdiction_id) == (
        "Cool pavement pilot",
        "AZ",
        city.pk,
    )
    assert "Challenges: Urban heat island effect" in document.body


def test_update_solution_records_related_changes_in_history(taxonomy, city, editor):
    solution = _solution(city, actor=editor)
    services.update_solution(
        solution=solution,
        actor=editor,
        title="Cool streets pilot",
        outcomes=[services.OutcomeData(name="Streets coated", value=12)],
    )
    latest = history_of(solution)[0]
    assert (latest.fields, latest.note) == (["Title"], "Also changed: outcomes")


def test_update_solution_unchanged_related_rows_are_not_noted(taxonomy, city):
    solution = _solution(city)
    services.update_solution(solution=solution, challenges=[_area("urban-heat-island")], links=[])
    assert history_of(solution)[0].note == ""


def test_delete_solution_removes_row_and_document(taxonomy, city):
    solution = _solution(city)
    services.delete_solution(solution=solution)
    assert (Solution.objects.count(), SearchDocument.objects.filter(kind="solution").count()) == (
        0,
        0,
    )


def test_add_attachment_checks_content(taxonomy, city):
    solution = _solution(city)
    fake = SimpleUploadedFile("report.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.add_attachment(solution=solution, title="", file=fake)
    assert list(error.value.message_dict) == ["file"]


def test_add_attachment_stores_type_and_size(taxonomy, city):
    solution = _solution(city)
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.7 hello", content_type="text/html")
    attachment = services.add_attachment(solution=solution, title="", file=upload)
    assert (attachment.title, attachment.content_type, attachment.size) == (
        "report.pdf",
        "application/pdf",
        14,
    )
