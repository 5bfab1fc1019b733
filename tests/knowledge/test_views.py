import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from citypeers.core.enums import PublicationStatus
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement, Solution
from citypeers.search.services import rebuild_index
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import (
    ChallengeStatementFactory,
    SolutionFactory,
    SolutionLinkFactory,
    SolutionOutcomeFactory,
)

pytestmark = pytest.mark.integration


def _area(slug):
    return ChallengeArea.objects.get(slug=slug)


def _solution_post(**extra):
    data = {
        "title": "Shade at bus stops",
        "challenges": [_area("tree-canopy").pk],
        "problem": "Riders wait in the sun.",
        "approach": "Trees and canopies at 40 stops.",
        "cost_band": "50k-250k",
        "started_on": "2023-04-01",
        "solution_status": "piloting",
        "evidence_level": "monitored",
        "source_note": "",
        "status": "published",
        "outcomes-TOTAL_FORMS": "2",
        "outcomes-INITIAL_FORMS": "0",
        "outcomes-0-name": "Stops with shade",
        "outcomes-0-baseline": "5",
        "outcomes-0-value": "40",
        "outcomes-0-unit": "stops",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-title": "Map",
        "links-0-url": "https://example.org/map",
    }
    return {**data, **extra}


def test_solution_create_form_saves_solution_with_outcomes(editor_client, taxonomy, city):
    response = editor_client.post(
        reverse("knowledge:solution-create", kwargs={"slug": city.slug}), _solution_post()
    )
    solution = Solution.objects.get()
    assert (response.status_code, response.url) == (302, "/knowledge/solutions/shade-at-bus-stops/")
    assert ([o.name for o in solution.outcomes.all()], solution.links.count()) == (
        ["Stops with shade"],
        1,
    )


def test_solution_create_form_shows_errors(editor_client, taxonomy, city):
    response = editor_client.post(
        reverse("knowledge:solution-create", kwargs={"slug": city.slug}),
        _solution_post(title="", challenges=[], **{"outcomes-0-value": "lots"}),
    )
    form = response.context["form"]
    assert (response.status_code, sorted(form.errors)) == (200, ["challenges", "title"])
    assert response.context["outcome_set"].errors[0] == {"value": ["Enter a number."]}


def test_solution_edit_form_updates_and_records_history(editor_client, taxonomy, city):
    editor_client.post(
        reverse("knowledge:solution-create", kwargs={"slug": city.slug}), _solution_post()
    )
    url = reverse("knowledge:solution-edit", kwargs={"slug": "shade-at-bus-stops"})
    editor_client.post(
        url,
        _solution_post(
            title="Shade for riders",
            version="1",
            **{
                "outcomes-TOTAL_FORMS": "1",
                "outcomes-INITIAL_FORMS": "1",
                "outcomes-0-value": "44",
                "links-INITIAL_FORMS": "1",
            },
        ),
    )
    history = editor_client.get(
        reverse("knowledge:solution-history", kwargs={"slug": "shade-at-bus-stops"})
    )
    latest = history.context["entries"][0]
    assert (latest.action, latest.fields, latest.note) == (
        "Changed",
        ["Title"],
        "Also changed: outcomes",
    )


def test_solution_delete_removes_it(editor_client, taxonomy, city):
    solution = SolutionFactory(owner=city, challenges=[_area("tree-canopy")])
    response = editor_client.post(
        reverse("knowledge:solution-delete", kwargs={"slug": solution.slug})
    )
    assert (response.status_code, Solution.objects.count()) == (302, 0)


def test_attachment_upload_and_download(editor_client, taxonomy, city):
    solution = SolutionFactory(owner=city, challenges=[_area("tree-canopy")])
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan")
    editor_client.post(
        reverse("knowledge:attachment-add", kwargs={"slug": solution.slug}),
        {"title": "Plan", "file": upload},
    )
    attachment = solution.attachments.get()
    response = editor_client.get(reverse("knowledge:attachment", kwargs={"pk": attachment.pk}))
    assert (response["Content-Type"], b"".join(response.streaming_content)) == (
        "application/pdf",
        b"%PDF-1.4 plan",
    )


def test_attachment_upload_rejects_wrong_type(editor_client, taxonomy, city):
    solution = SolutionFactory(owner=city, challenges=[_area("tree-canopy")])
    upload = SimpleUploadedFile("plan.html", b"<script>")
    response = editor_client.post(
        reverse("knowledge:attachment-add", kwargs={"slug": solution.slug}), {"file": upload}
    )
    assert list(response.context["form"].errors) == ["file"]


def test_statement_create_form_saves(editor_client, taxonomy, city):
    response = editor_client.post(
        reverse("knowledge:statement-create", kwargs={"slug": city.slug}),
        {
            "area": _area("urban-heat-island").pk,
            "priority": "high",
            "narrative": "Summer surface temperatures are far above average.",
            "source_note": "City heat study 2023",
            "status": "published",
        },
    )
    assert (response.status_code, ChallengeStatement.objects.get().priority) == (302, "high")


def test_statement_create_form_rejects_duplicate_area(editor_client, taxonomy, city):
    ChallengeStatementFactory(jurisdiction=city, area=_area("urban-heat-island"))
    response = editor_client.post(
        reverse("knowledge:statement-create", kwargs={"slug": city.slug}),
        {
            "area": _area("urban-heat-island").pk,
            "priority": "high",
            "narrative": "Summer surface temperatures are far above average.",
            "status": "draft",
        },
    )
    assert response.context["form"].non_field_errors() == [
        "Challenge statement with this Jurisdiction and Area already exists."
    ]


def test_solution_list_filters_by_top_level_challenge_including_sub_areas(client, taxonomy):
    SolutionFactory(title="Veterans first", challenges=[_area("veteran-homelessness")])
    SolutionFactory(title="Bike lanes", challenges=[_area("active-mobility")])
    response = client.get(reverse("knowledge:solutions"), {"challenge": "homelessness"})
    assert [s.title for s in response.context["solutions"]] == ["Veterans first"]


def test_solution_list_filters_by_population_band_and_state(client, taxonomy):
    big = JurisdictionFactory(population=600_000, state="CA")
    small = JurisdictionFactory(population=20_000, state="CA")
    SolutionFactory(title="Big", owner=big)
    SolutionFactory(title="Small", owner=small)
    response = client.get(
        reverse("knowledge:solutions"), {"population_band": "500k-plus", "state": "ca"}
    )
    assert [s.title for s in response.context["solutions"]] == ["Big"]


def test_solution_list_search_uses_the_index_and_ranks(client, taxonomy):
    SolutionFactory(title="Land trust", problem="Rents rose.", approach="A community land trust.")
    SolutionFactory(title="Street trees", problem="Heat.", approach="Planting.")
    SolutionFactory(title="Trust fund", problem="Rents.", approach="Housing fund, no land.")
    rebuild_index(kinds=["solution"])
    response = client.get(reverse("knowledge:solutions"), {"q": "land trust"})
    assert [s.title for s in response.context["solutions"]] == ["Land trust", "Trust fund"]


def test_solution_list_search_with_sort_by_title(client, taxonomy):
    SolutionFactory(title="Zoning reform", approach="Land use.")
    SolutionFactory(title="Affordable land", approach="Land bank.")
    rebuild_index(kinds=["solution"])
    response = client.get(reverse("knowledge:solutions"), {"q": "land", "sort": "title"})
    assert [s.title for s in response.context["solutions"]] == ["Affordable land", "Zoning reform"]


def test_solution_list_hides_drafts_from_visitors(client, taxonomy):
    SolutionFactory(title="Draft", status=PublicationStatus.DRAFT)
    response = client.get(reverse("knowledge:solutions"))
    assert response.context["solutions"] == []


def test_solution_list_htmx_returns_results_partial(client, taxonomy):
    response = client.get(
        reverse("knowledge:solutions"), {"q": "x"}, headers={"HX-Request": "true"}
    )
    assert response.content.decode().lstrip().startswith('<div id="solution-results"')


def test_solution_list_empty_state(client, taxonomy):
    response = client.get(reverse("knowledge:solutions"), {"q": "nothing here"})
    assert b"No solutions found" in response.content


@pytest.mark.parametrize(
    "params",
    [
        {"q": 'water" NEAR( *'},
        {"state": "<>"},
        {"page": "abc"},
        {"challenge": "nope"},
        {"sort": "drop table"},
    ],
)
def test_solution_list_junk_input_is_ok(client, taxonomy, params):
    assert client.get(reverse("knowledge:solutions"), params).status_code == 200


def test_solution_detail_shows_demo_badge(client, taxonomy):
    solution = SolutionFactory(is_demo=True)
    response = client.get(solution.get_absolute_url())
    assert response.content.count(b'class="usa-tag cp-demo-tag"') == 1


def test_challenge_area_page_lists_cities_and_solutions(client, taxonomy):
    statement = ChallengeStatementFactory(area=_area("veteran-homelessness"))
    solution = SolutionFactory(challenges=[_area("chronic-homelessness")])
    response = client.get(reverse("knowledge:challenge-area", kwargs={"slug": "homelessness"}))
    assert (
        [s.pk for s in response.context["statements"]],
        [s.pk for s in response.context["solutions"]],
    ) == ([statement.pk], [solution.pk])


def test_challenge_area_list_counts_roll_up(client, taxonomy):
    ChallengeStatementFactory(area=_area("veteran-homelessness"))
    ChallengeStatementFactory(area=_area("chronic-homelessness"))
    response = client.get(reverse("knowledge:challenges"))
    area = next(a for a in response.context["areas"] if a.slug == "homelessness")
    assert (area.statement_count, area.solution_count) == (2, 0)


# --- query counts -----------------------------------------------------------------------------


def _make_solutions(n, city=None):
    for i in range(n):
        solution = SolutionFactory(
            owner=city or JurisdictionFactory(),
            challenges=[_area("tree-canopy"), _area("urban-heat-island")],
        )
        SolutionOutcomeFactory(solution=solution)
        SolutionLinkFactory(solution=solution)
        ChallengeStatementFactory(jurisdiction=solution.owner, area=_area("urban-heat-island"))
        del i


@pytest.mark.parametrize("item_count", [1, 3])
def test_solution_list_query_count_is_constant(
    client, taxonomy, django_assert_num_queries, item_count
):
    _make_solutions(item_count)
    with django_assert_num_queries(4):  # filter choices, count, page, challenges
        client.get(reverse("knowledge:solutions"))


@pytest.mark.parametrize("item_count", [1, 3])
def test_solution_list_search_query_count_is_constant(
    client, taxonomy, django_assert_num_queries, item_count
):
    _make_solutions(item_count)
    rebuild_index(kinds=["solution"])
    with django_assert_num_queries(6):  # + the area and its sub-areas
        client.get(reverse("knowledge:solutions"), {"q": "land trust", "challenge": "urban-heat"})


@pytest.mark.parametrize("item_count", [1, 3])
def test_challenge_area_list_query_count_is_constant(
    client, taxonomy, django_assert_num_queries, item_count
):
    _make_solutions(item_count)
    with django_assert_num_queries(3):
        client.get(reverse("knowledge:challenges"))


@pytest.mark.parametrize("item_count", [1, 3])
def test_challenge_area_detail_query_count_is_constant(
    client, taxonomy, django_assert_num_queries, item_count
):
    _make_solutions(item_count)
    # + the guides that apps above register on the "challenge-area" page
    with django_assert_num_queries(6):
        client.get(reverse("knowledge:challenge-area", kwargs={"slug": "urban-heat"}))


@pytest.mark.parametrize("item_count", [1, 3])
def test_city_page_query_count_is_constant(
    client, taxonomy, city, django_assert_num_queries, item_count
):
    for slug in ["tree-canopy", "urban-heat-island", "heat-health"][:item_count]:
        ChallengeStatementFactory(jurisdiction=city, area=_area(slug))
        SolutionFactory(owner=city, challenges=[_area(slug)])
    with django_assert_num_queries(3):
        client.get(reverse("knowledge:city", kwargs={"slug": city.slug}))


@pytest.mark.parametrize("item_count", [1, 3])
def test_solution_detail_query_count_is_constant(
    client, taxonomy, django_assert_num_queries, item_count
):
    solution = SolutionFactory(challenges=[_area("tree-canopy")])
    for _ in range(item_count):
        SolutionOutcomeFactory(solution=solution)
        SolutionLinkFactory(solution=solution)
    # solution + 5 prefetched relations + the (empty) replication and guides panels that
    # coalitions and guides register on the "solution" page
    with django_assert_num_queries(8):
        client.get(solution.get_absolute_url())


@pytest.mark.parametrize("item_count", [1, 3])
def test_solution_history_query_count_is_constant(
    editor_client, taxonomy, city, editor, django_assert_num_queries, item_count
):
    from citypeers.knowledge.services import update_solution

    solution = SolutionFactory(owner=city, challenges=[_area("tree-canopy")])
    for n in range(item_count):
        update_solution(solution=solution, title=f"Version {n}", actor=editor)
    url = reverse("knowledge:solution-history", kwargs={"slug": solution.slug})
    editor_client.get(url)  # warm the session
    with django_assert_num_queries(10):  # session, user, roles, solution (+5), history
        editor_client.get(url)
