import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from citypeers.digests import services, tasks
from citypeers.digests.engine import period_for
from citypeers.digests.enums import DeliveryStatus
from citypeers.digests.models import DigestDelivery, DigestPreference
from tests.digests.conftest import NEXT_WEEK, member_of
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration


class WorkerKilled(BaseException):
    """Stands in for a worker process killed mid-run (not an Exception: nothing catches it)."""


def _period(now):
    return period_for("weekly", timezone.localdate(now)).key


def _deliver(user, city, now):
    return services.deliver_digest(
        user_id=user.pk, jurisdiction_id=city.pk, period=_period(now), now=now
    )


def test_a_digest_goes_out_as_text_and_html_with_one_click_unsubscribe(network):
    now = timezone.now() + NEXT_WEEK

    status = _deliver(network.housing_member, network.housing_city, now)

    assert status == DeliveryStatus.SENT
    [message] = mail.outbox
    assert message.to == [network.housing_member.email]
    assert message.subject == "Your CityPeers digest for Hometown, TX: 4 items"
    assert "Why: On your challenge: Housing affordability" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="en">' in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body
    assert "/digests/settings/" in message.body
    delivery = DigestDelivery.objects.get()
    assert (delivery.status, delivery.item_count, delivery.kinds) == (
        "sent",
        4,
        ["peer_criterion", "insight", "solution", "event"],
    )


def test_the_same_task_run_twice_sends_one_email(network):
    now = timezone.now() + NEXT_WEEK

    first = _deliver(network.housing_member, network.housing_city, now)
    second = _deliver(network.housing_member, network.housing_city, now)

    assert (first, second, len(mail.outbox)) == ("sent", "sent", 1)


def test_nothing_relevant_is_recorded_empty_and_not_sent(network):
    lonely = JurisdictionFactory(name="Quietville", slug="quietville-ks")
    member = member_of(lonely)
    much_later = timezone.now() + NEXT_WEEK * 3

    status = _deliver(member, lonely, much_later)

    assert (status, len(mail.outbox)) == ("empty", 0)
    assert DigestDelivery.objects.get().status == "empty"


def test_the_scheduler_job_sends_each_due_digest_once_however_often_it_runs(network):
    now = timezone.now() + NEXT_WEEK

    tasks.queue_due_digests(now=now)
    tasks.queue_due_digests(now=now)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [network.housing_member.email, network.transit_member.email]
    )


def test_a_run_killed_after_some_sends_then_rerun_sends_each_remaining_digest_once(
    network, monkeypatch
):
    now = timezone.now() + NEXT_WEEK
    members = [member_of(network.housing_city) for _ in range(4)]
    everyone = {network.housing_member, network.transit_member, *members}
    send = services.EmailMultiAlternatives.send
    handed = []

    def send_then_die(message, *args, **kwargs):
        if len(handed) == 3:
            raise WorkerKilled
        handed.append(message.to[0])
        return send(message, *args, **kwargs)

    def worker(jobs):
        services.deliver_digests(jobs=[tuple(job) for job in jobs], now=now)

    monkeypatch.setattr(services.EmailMultiAlternatives, "send", send_then_die)
    with pytest.raises(WorkerKilled):
        services.queue_due_digests(now=now, enqueue=worker, batch_size=2)
    monkeypatch.setattr(services.EmailMultiAlternatives, "send", send)
    # The killed worker's claim is gone with its transaction; the rest are still queued, and
    # the next scheduler run after they count as stale queues them again.
    later = now + (services.selectors.STALE_QUEUED * 2)
    tasks.queue_due_digests(now=later)

    sent = sorted(m.to[0] for m in mail.outbox)
    assert sent == sorted(u.email for u in everyone)
    assert len(handed) == 3
    assert set(DigestDelivery.objects.values_list("status", flat=True)) == {"sent"}


def test_a_refusing_mail_server_is_recorded_and_retried_later(network, monkeypatch):
    now = timezone.now() + NEXT_WEEK

    def refuse(message, *args, **kwargs):
        raise OSError("Connection refused")

    monkeypatch.setattr(services.EmailMultiAlternatives, "send", refuse)
    first = _deliver(network.housing_member, network.housing_city, now)
    monkeypatch.undo()
    second = _deliver(network.housing_member, network.housing_city, now)

    assert (first, second, len(mail.outbox)) == ("failed", "sent", 1)
    assert DigestDelivery.objects.get().attempts == 2


def test_a_person_who_chose_never_gets_nothing(network):
    now = timezone.now() + NEXT_WEEK
    services.set_digest_preference(
        actor=network.housing_member, jurisdiction=network.housing_city, frequency="never"
    )

    assert _deliver(network.housing_member, network.housing_city, now) == "empty"
    assert mail.outbox == []


def test_preferences_are_only_for_ones_own_cities(network):
    with pytest.raises(PermissionDenied):
        services.set_digest_preference(
            actor=network.housing_member, jurisdiction=network.transit_city, frequency="monthly"
        )


def test_an_unknown_frequency_is_refused_with_the_choices(network):
    with pytest.raises(ValidationError) as caught:
        services.set_digest_preference(
            actor=network.housing_member, jurisdiction=network.housing_city, frequency="daily"
        )

    assert caught.value.message_dict == {
        "frequency": ["Choose one of: weekly, fortnightly, monthly, never."]
    }


def test_the_unsubscribe_token_stops_that_citys_digest_only(network):
    token = services.unsubscribe_token(
        user_id=network.housing_member.pk, jurisdiction_id=network.housing_city.pk
    )

    services.unsubscribe(token=token)

    assert list(DigestPreference.objects.values_list("jurisdiction_id", "frequency")) == [
        (network.housing_city.pk, "never")
    ]


def test_a_forged_unsubscribe_token_is_refused(network):
    token = services.unsubscribe_token(user_id=network.housing_member.pk, jurisdiction_id=1)

    with pytest.raises(ValidationError):
        services.unsubscribe(token=token[:-2] + "xx")


def test_the_throttle_spaces_messages(settings, monkeypatch):
    settings.CITYPEERS_DIGEST_MAX_PER_SECOND = 4
    slept = []
    monkeypatch.setattr(services.time, "sleep", slept.append)
    throttle = services._Throttle()

    for _ in range(3):
        throttle.wait()

    assert len(slept) == 2
    assert all(0 < s <= 0.5 for s in slept)


def test_following_a_link_of_the_digest_records_it_opened_once_and_leads_on(client, network):
    import re

    now = timezone.now() + NEXT_WEEK
    _deliver(network.housing_member, network.housing_city, now)
    [message] = mail.outbox
    links = re.findall(r"http://[^\s\"<>]+/digests/open/[^\s\"<>]+", message.body)
    assert len(links) == DigestDelivery.objects.get().item_count + 1  # each item, the web version
    path = links[0].split("://", 1)[1].split("/", 1)[1]

    first = client.get("/" + path.replace("&amp;", "&"))
    opened = DigestDelivery.objects.get().opened_at
    client.get("/" + path.replace("&amp;", "&"))

    assert first.status_code == 302
    assert first["Location"].startswith("/") and "/digests/open/" not in first["Location"]
    assert opened is not None
    assert DigestDelivery.objects.get().opened_at == opened


def test_an_open_link_never_leads_off_the_site_and_a_forged_one_records_nothing(client, network):
    token = services.open_link(999, "/x/").split("/digests/open/")[1].split("/")[0]

    away = client.get(f"/digests/open/{token}/", {"next": "https://evil.example/"})
    protocol_relative = client.get(f"/digests/open/{token}/", {"next": "//evil.example/"})
    forged = client.get("/digests/open/forged/", {"next": "/guides/"})

    assert away["Location"] == "/digests/"
    assert protocol_relative["Location"] == "/digests/"
    assert forged["Location"] == "/guides/"
    assert services.record_open("forged") is False
