"""`core.api.lookup.get_or_404`: the one way an API handler fetches the object a path names."""

import pytest
from django.http import Http404
from ninja.errors import HttpError

from citypeers.coalitions.enums import ReplicationVisibility
from citypeers.core.api.lookup import get_or_404
from citypeers.knowledge.models import Solution
from tests.factories.accounts import UserFactory
from tests.factories.coalitions import ReplicationFactory, ReplicationQuestionFactory
from tests.factories.knowledge import SolutionFactory

pytestmark = pytest.mark.integration


def _refusal(call) -> tuple[int, str]:
    with pytest.raises(HttpError) as caught:
        call()
    return caught.value.status_code, str(caught.value)


def test_a_model_and_a_lookup_give_the_object(db):
    solution = SolutionFactory(slug="land-trust")

    assert get_or_404(Solution, slug="land-trust") == solution


def test_a_queryset_that_finds_nothing_answers_404_naming_the_model(db):
    SolutionFactory(slug="land-trust")

    refusal = _refusal(lambda: get_or_404(Solution.objects.filter(pk=0), slug="land-trust"))

    assert refusal == (404, "No such solution.")


def test_a_key_of_the_wrong_type_is_a_404_not_a_crash(db):
    assert _refusal(lambda: get_or_404(Solution.objects, pk="abc")) == (404, "No such solution.")


def test_an_access_helper_is_called_with_the_key_and_its_404_gets_the_detail(db):
    def helper(user, key):
        raise Http404(f"{user} may not see {key}")

    refusal = _refusal(lambda: get_or_404(helper, "ann", "x", detail="No such thing."))

    assert refusal == (404, "No such thing.")


def test_an_access_helper_that_finds_the_object_returns_it(db):
    assert get_or_404(lambda user, key: (user, key), "ann", key="x") == ("ann", "x")


def _answer(client, question_id):
    return client.post(
        f"/api/v1/replication-questions/{question_id}/answer",
        data={"answer": "We used the state contract."},
        content_type="application/json",
    )


def test_a_missing_question_and_one_the_user_may_not_read_answer_alike(client, db):
    hidden = ReplicationQuestionFactory(
        replication=ReplicationFactory(visibility=ReplicationVisibility.NETWORK)
    )
    client.force_login(UserFactory())

    answers = [(r.status_code, r.json()) for r in (_answer(client, 0), _answer(client, hidden.pk))]

    missing = (404, {"detail": "No such replication question."})
    assert answers == [missing, missing]
