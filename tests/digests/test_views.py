import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from citypeers.digests import services
from citypeers.digests.engine import period_for
from citypeers.digests.models import DigestDelivery, DigestPreference
from tests.digests.conftest import NEXT_WEEK

pytestmark = pytest.mark.integration


def test_my_digest_page_shows_each_item_with_its_reason(client, network):
    client.force_login(network.housing_member)

    response = client.get(reverse("digests:index"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Community land trust" in page
    assert "On your challenge: Housing affordability (from Peerville, CO)" in page
    assert "Bus lanes" not in page


def test_the_settings_form_saves_a_choice_per_city(client, network):
    client.force_login(network.housing_member)
    field = f"city_{network.housing_city.pk}"

    response = client.post(reverse("digests:settings"), {field: "monthly"})

    assert response.status_code == 302
    assert DigestPreference.objects.get(user=network.housing_member).frequency == "monthly"


def test_the_settings_form_says_what_is_wrong(client, network):
    client.force_login(network.housing_member)
    field = f"city_{network.housing_city.pk}"

    response = client.post(reverse("digests:settings"), {field: "daily"})

    assert response.status_code == 200
    assert "Choose one of the options shown." in response.content.decode()
    assert DigestPreference.objects.count() == 0


def test_the_emailed_unsubscribe_link_asks_then_unsubscribes_signed_out(client, network):
    now = timezone.now() + NEXT_WEEK
    services.deliver_digest(
        user_id=network.housing_member.pk,
        jurisdiction_id=network.housing_city.pk,
        period=period_for("weekly", timezone.localdate(now)).key,
        now=now,
    )
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = link.split("://", 1)[1].split("/", 1)[1]

    asked = client.get(f"/{path}")
    done = client.post(f"/{path}", {"List-Unsubscribe": "One-Click"})

    assert asked.status_code == 200
    assert "Stop the digest for Hometown, TX?" in asked.content.decode()
    assert DigestPreference.objects.get().frequency == "never"
    assert (done.status_code, done.content) == (200, b"Unsubscribed.")


QUERIES_FOR_MY_DIGEST_PAGE = 26  # one per source, guides and answered questions included


def _record_deliveries(user, city, count):
    now = timezone.now()
    for weeks in range(count):
        DigestDelivery.objects.create(
            user=user,
            jurisdiction=city,
            period=f"weekly:2026-0{weeks + 1}-05",
            covers_from=now,
            covers_to=now,
            status="sent",
        )


@pytest.mark.parametrize("sent", [1, 3])
def test_my_digest_page_costs_the_same_queries_for_one_sent_digest_as_for_three(
    client, network, sent, django_assert_num_queries
):
    _record_deliveries(network.housing_member, network.housing_city, sent)
    client.force_login(network.housing_member)
    client.get(reverse("digests:index"))

    with django_assert_num_queries(QUERIES_FOR_MY_DIGEST_PAGE):
        client.get(reverse("digests:index"))
