"""Prepared queries: compiled once per database, run with new values, converted like the ORM."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured

from citypeers.core.prepared import NUMBER_MARKS, TEXT_MARKS, PreparedQuery, instance
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge.models import Solution
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import SolutionFactory


def _counting(build):
    calls = []

    def counted(*marks):
        calls.append(marks)
        return build(*marks)

    return counted, calls


def test_a_prepared_query_is_compiled_once_and_run_with_each_value(db):
    JurisdictionFactory(slug="alpha-tx", name="Alpha")
    JurisdictionFactory(slug="beta-tx", name="Beta")
    build, calls = _counting(lambda slug: Jurisdiction.objects.filter(slug=slug))
    query = PreparedQuery(build, [TEXT_MARKS[0]])

    names = [[j.name for j in query.raw(slug)] for slug in ("alpha-tx", "beta-tx", "gamma-tx")]

    assert names == [["Alpha"], ["Beta"], []]
    assert len(calls) == 1


def test_constant_parameters_stay_and_marked_ones_are_replaced(db):
    city = JurisdictionFactory()
    SolutionFactory(owner=city, title="Published one", status="published")
    SolutionFactory(owner=city, title="Draft one", status="draft")
    query = PreparedQuery(
        lambda owner: (
            Solution.objects.filter(owner_id=owner, status="published")
            .order_by("title")
            .values_list("title")
        ),
        [NUMBER_MARKS[0]],
    )

    assert query.rows(city.pk) == [("Published one",)]
    assert query.rows(city.pk + 1000) == []


def test_rows_are_converted_as_the_orm_converts_them(db):
    city = JurisdictionFactory()
    SolutionFactory(owner=city, is_demo=True)
    query = PreparedQuery(
        lambda owner: Solution.objects.filter(owner_id=owner).values_list("is_demo", "updated_at"),
        [NUMBER_MARKS[0]],
    )

    [(is_demo, updated_at)] = query.rows(city.pk)

    assert is_demo is True
    assert isinstance(updated_at, datetime.datetime)
    assert updated_at.tzinfo is not None


def test_a_marker_the_field_cannot_carry_is_refused_when_compiled(db):
    # A marker the query changes (here: cut short) never reaches the SQL parameters, so the
    # caller's value could not be bound: the query must fail at once, not run without it.
    query = PreparedQuery(lambda owner: Solution.objects.filter(title=owner[:3]), [TEXT_MARKS[0]])

    with pytest.raises(ImproperlyConfigured, match="lost its markers"):
        query.rows("anything")


def test_instance_builds_a_partial_model_whatever_the_order_of_its_columns():
    solution = instance(
        Solution, ("title", "id", "is_demo", "owner_id"), ("Rain gardens", 7, True, 3), "default"
    )

    assert (solution.pk, solution.title, solution.is_demo, solution.owner_id) == (
        7,
        "Rain gardens",
        True,
        3,
    )
    assert solution.get_deferred_fields() >= {"problem", "approach", "slug"}
    assert solution._state.adding is False
