"""The regional dashboard's cached block: reused while nothing it shows has changed, rebuilt
at once when a membership, replication or anything else it reads changes, and never shared
between visitors who may see different records."""

import re

import pytest
from django.urls import reverse

from citypeers.accounts.services.member_cities import add_network_member, remove_member_city
from citypeers.coalitions import services
from tests.factories.accounts import CoalitionFactory, UserFactory
from tests.factories.coalitions import PartnershipFactory, ReplicationFactory
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import ChallengeAreaFactory, ChallengeStatementFactory

pytestmark = pytest.mark.integration


def _coalition(cities):
    coalition = CoalitionFactory()
    for city in cities:
        add_network_member(organisation=coalition, jurisdiction=city)
    return coalition


def _url(coalition, fmt=""):
    url = reverse("coalitions:coalition-dashboard", kwargs={"slug": coalition.slug})
    return url + ("?format=csv" if fmt == "csv" else "")


def _figures(response) -> tuple[list[str], list[str]]:
    """(member governments, replications in the region) as the page headings state them."""
    page = response.content.decode()
    return (
        re.findall(r"<h2>Member governments \((\d+)\)</h2>", page),
        re.findall(r"<h2>Replications in the region \((\d+)\)</h2>", page),
    )


def _stages(response) -> list[str]:
    return re.findall(r"(\w+): <strong>(\d+)</strong>", response.content.decode())


@pytest.mark.parametrize("count", [5, 100])
def test_repeat_visit_costs_one_query_and_shows_the_same_figures(
    client, db, django_assert_num_queries, count
):
    area = ChallengeAreaFactory()
    cities = [JurisdictionFactory() for _ in range(count)]
    for city in cities:
        ChallengeStatementFactory(jurisdiction=city, area=area)
        ReplicationFactory(adopter=city, visibility="public")
    coalition = _coalition(cities)
    first = client.get(_url(coalition))

    with django_assert_num_queries(1):  # the version query that keys the cached block
        second = client.get(_url(coalition))

    assert _figures(second) == _figures(first) == ([str(count)], [str(count)])
    assert str(second.wsgi_request.csp_nonce) in second.content.decode()
    assert str(first.wsgi_request.csp_nonce) not in second.content.decode()


@pytest.mark.parametrize("count", [5, 100])
def test_repeat_partnership_visit_costs_one_query(client, db, django_assert_num_queries, count):
    cities = [JurisdictionFactory() for _ in range(count)]
    partnership = PartnershipFactory(
        coalitions=[_coalition(cities[: count // 2]), _coalition(cities[count // 2 :])]
    )
    url = reverse("coalitions:partnership-dashboard", kwargs={"slug": partnership.slug})
    client.get(url)

    with django_assert_num_queries(1):
        response = client.get(url)

    assert _figures(response) == ([str(count)], ["0"])


def test_a_new_member_shows_at_once(client, db):
    coalition = _coalition([JurisdictionFactory(), JurisdictionFactory()])
    before = client.get(_url(coalition))

    add_network_member(organisation=coalition, jurisdiction=JurisdictionFactory())

    assert (_figures(before), _figures(client.get(_url(coalition)))) == (
        (["2"], ["0"]),
        (["3"], ["0"]),
    )


def test_a_removed_member_shows_at_once_in_the_page_and_the_csv(client, db):
    kept, leaving = JurisdictionFactory(name="Kept"), JurisdictionFactory(name="Leaving")
    coalition = _coalition([kept, leaving])
    client.get(_url(coalition))
    client.get(_url(coalition, "csv"))

    remove_member_city(organisation=coalition, jurisdiction=leaving)

    csv_names = [
        line.split(",")[1]
        for line in client.get(_url(coalition, "csv")).content.decode().splitlines()
        if line.startswith("member,")
    ]
    assert (_figures(client.get(_url(coalition))), csv_names) == ((["1"], ["0"]), ["Kept"])


def test_a_stage_change_shows_at_once(client, cities):
    coalition = _coalition([cities.adopter])
    replication = ReplicationFactory(
        solution=cities.solution, adopter=cities.adopter, visibility="public"
    )
    before = _stages(client.get(_url(coalition)))

    services.change_stage(replication=replication, actor=cities.editor, stage="adapting")

    assert (before, _stages(client.get(_url(coalition)))) == (
        [("Considering", "1")],
        [("Adapting", "1")],
    )


def test_a_new_replication_shows_at_once(client, cities):
    coalition = _coalition([cities.adopter])
    before = _figures(client.get(_url(coalition)))

    ReplicationFactory(solution=cities.solution, adopter=cities.adopter, visibility="public")

    assert (before, _figures(client.get(_url(coalition)))) == ((["1"], ["0"]), (["1"], ["1"]))


def test_a_coalition_joining_the_partnership_shows_at_once(client, db):
    organiser = UserFactory(is_network_organiser=True)
    first = _coalition([JurisdictionFactory()])
    joining = _coalition([JurisdictionFactory(), JurisdictionFactory()])
    partnership = PartnershipFactory(coalitions=[first])
    url = reverse("coalitions:partnership-dashboard", kwargs={"slug": partnership.slug})
    before = _figures(client.get(url))

    services.update_partnership(
        partnership=partnership, actor=organiser, coalitions=[first, joining]
    )

    assert (before, _figures(client.get(url))) == ((["1"], ["0"]), (["3"], ["0"]))


def test_the_cached_block_is_not_shared_between_audiences(client, cities):
    """A network record: the network member sees it, the anonymous visitor before and after
    does not (each audience has its own cached copy)."""
    coalition = _coalition([cities.adopter])
    ReplicationFactory(solution=cities.solution, adopter=cities.adopter, visibility="network")

    anonymous_before = _figures(client.get(_url(coalition)))
    client.force_login(cities.outsider)
    member = _figures(client.get(_url(coalition)))
    client.logout()
    anonymous_after = _figures(client.get(_url(coalition)))

    assert (anonymous_before, member, anonymous_after) == (
        (["1"], ["0"]),
        (["1"], ["1"]),
        (["1"], ["0"]),
    )


def test_replication_rows_link_the_record_and_the_solution(client, cities):
    coalition = _coalition([cities.adopter])
    replication = ReplicationFactory(
        solution=cities.solution, adopter=cities.adopter, visibility="public"
    )
    services.change_stage(replication=replication, actor=cities.editor, stage="adapting")
    services.change_stage(replication=replication, actor=cities.editor, stage="piloting")
    replication.refresh_from_db()

    page = client.get(_url(coalition)).content.decode()

    row = re.search(r"<tbody><tr><th scope=\"row\"><a href=\"/coalitions/repl.*?</tr>", page)
    since = replication.stage_changed_on.strftime("%b %Y")
    assert row.group(0) == (
        f'<tbody><tr><th scope="row"><a href="{replication.get_absolute_url()}">'
        "Adopter Town, TX</a></th>"
        f'<td><a href="{cities.solution.get_absolute_url()}">Land trust</a> (Origin City, CO)</td>'
        '<td><span class="usa-tag cp-stage cp-stage--piloting bg-primary">Piloting</span></td>'
        f"<td>{since}</td></tr>"
    )


@pytest.mark.parametrize("count", [5, 100])
def test_csv_costs_the_figures_queries_then_one(client, db, django_assert_num_queries, count):
    """The CSV holds figures only: the version query and six more (members, statements,
    areas, replication stages, certifications, solution count), none of the lists."""
    cities = [JurisdictionFactory() for _ in range(count)]
    for city in cities:
        ReplicationFactory(adopter=city, visibility="public")
    coalition = _coalition(cities)

    with django_assert_num_queries(7):
        cold = client.get(_url(coalition, "csv"))
    with django_assert_num_queries(1):
        warm = client.get(_url(coalition, "csv"))

    assert warm.content == cold.content
    assert cold.content.decode().count("\nmember,") == count
