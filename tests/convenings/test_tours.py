import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.urls import reverse

from citypeers.convenings.enums import ConveningState, TourSignupStatus
from citypeers.convenings.models import TourSignup
from citypeers.convenings.services import tours as service
from tests.factories.accounts import UserFactory
from tests.factories.convenings import (
    ConveningFactory,
    DelegateFactory,
    DelegationFactory,
    TourFactory,
)

pytestmark = pytest.mark.integration


def seat(convening, delegation=None):
    delegation = delegation or DelegationFactory(convening=convening)
    return DelegateFactory(delegation=delegation, user=UserFactory())


def statuses(tour):
    return list(
        TourSignup.objects.filter(tour=tour).order_by("pk").values_list("status", flat=True)
    )


def test_full_tour_puts_people_on_the_waitlist(db):
    tour = TourFactory(capacity=2, per_delegation=None)
    for _ in range(3):
        d = seat(tour.convening)
        service.sign_up(tour=tour, delegate=d, actor=d.user)
    assert statuses(tour) == ["confirmed", "confirmed", "waitlisted"]


def test_quota_keeps_places_for_other_cities(db):
    tour = TourFactory(capacity=3, per_delegation=1)
    delegation = DelegationFactory(convening=tour.convening)
    first, second = seat(tour.convening, delegation), seat(tour.convening, delegation)
    other = seat(tour.convening)
    for d in (first, second, other):
        service.sign_up(tour=tour, delegate=d, actor=d.user)
    assert statuses(tour) == ["confirmed", "waitlisted", "confirmed"]


def test_cancellation_promotes_the_longest_waiting_eligible_person(db):
    tour = TourFactory(capacity=1, per_delegation=1)
    people = [seat(tour.convening) for _ in range(3)]
    signups = [service.sign_up(tour=tour, delegate=d, actor=d.user) for d in people]
    promoted = service.cancel(signup=signups[0], actor=people[0].user)
    assert [p.delegate for p in promoted] == [people[1]]
    assert statuses(tour) == ["cancelled", "confirmed", "waitlisted"]


def test_signing_up_twice_keeps_one_place(db):
    tour = TourFactory()
    d = seat(tour.convening)
    first = service.sign_up(tour=tour, delegate=d, actor=d.user)
    assert service.sign_up(tour=tour, delegate=d, actor=d.user) == first
    assert TourSignup.objects.count() == 1


def test_someone_else_cannot_sign_a_delegate_up(db):
    tour = TourFactory()
    d = seat(tour.convening)
    with pytest.raises(PermissionDenied):
        service.sign_up(tour=tour, delegate=d, actor=UserFactory())


def test_sign_ups_close_after_the_convening(db):
    tour = TourFactory(convening=ConveningFactory(state=ConveningState.FOLLOW_UP))
    d = seat(tour.convening)
    with pytest.raises(ValidationError):
        service.sign_up(tour=tour, delegate=d, actor=d.user)


def test_delegate_signs_up_from_the_page(client, db):
    tour = TourFactory()
    d = seat(tour.convening)
    client.force_login(d.user)
    url = reverse("convenings:tour_signup", kwargs={"slug": tour.convening.slug, "pk": tour.pk})
    assert client.post(url).status_code == 302
    assert statuses(tour) == ["confirmed"]
    page = client.get(tour.convening.get_absolute_url()).content.decode()
    assert "Give up my place" in page


def _free_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int, count(*) FROM pg_stat_activity"
        )
        limit, used = cursor.fetchone()
    return max(4, min(60, limit - used - 20))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_300_simultaneous_sign_ups_for_40_places_confirm_exactly_40():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks only mean something on PostgreSQL; SQLite serialises writers.")
    tour = TourFactory(capacity=40, per_delegation=None)
    delegations = [DelegationFactory(convening=tour.convening) for _ in range(100)]
    people = [
        DelegateFactory(delegation=delegations[i % 100], user=UserFactory()) for i in range(300)
    ]
    barrier = threading.Barrier(len(people))
    connection_slots = threading.BoundedSemaphore(_free_connections())
    errors = []

    def sign_up(delegate):
        barrier.wait()
        with connection_slots:
            try:
                service.sign_up(tour=tour, delegate=delegate, actor=delegate.user)
            except Exception as exc:
                errors.append(exc)
            finally:
                connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(d,)) for d in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    rows = TourSignup.objects.filter(tour=tour)
    assert errors == []
    assert rows.filter(status=TourSignupStatus.CONFIRMED).count() == 40
    assert rows.filter(status=TourSignupStatus.WAITLISTED).count() == 260
