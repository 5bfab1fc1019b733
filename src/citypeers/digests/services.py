"""Writes for digests: a person's preferences, unsubscribing by signed link, and delivering
one digest exactly once.

`deliver_digest` is what the background task runs. It builds the message, then claims the
person's `DigestDelivery` row for the period (created if missing, then locked with SELECT …
FOR UPDATE), checks again that it is not finished, hands the message to the mail backend and
records "sent" before the lock goes. So:
- a retried or duplicated job finds the row "sent" (or "empty") and does nothing;
- two workers on the same row wait for each other, the second finds it finished;
- a worker killed before it commits leaves no record, and the next scheduler run sends it.
The only message that could go out twice is one accepted by the mail server in the instant
between its answer and the commit."""

import logging
import threading
import time
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from citypeers.accounts.models import Membership, User
from citypeers.digests import selectors
from citypeers.digests.engine import Period, period_for
from citypeers.digests.enums import FINAL_STATUSES, DeliveryStatus, Frequency
from citypeers.digests.models import DigestDelivery, DigestPreference
from citypeers.digests.permissions import can_choose_digest
from citypeers.digests.sources import CandidatePool
from citypeers.directory.models import Jurisdiction

log = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "citypeers.digests.unsubscribe"


# Preferences -----------------------------------------------------------------------------------


@transaction.atomic
def set_digest_preference(*, actor, jurisdiction: Jurisdiction, frequency: str) -> DigestPreference:
    """Choose how often `actor` gets the digest of `jurisdiction` (a city they belong to)."""
    if not can_choose_digest(actor, jurisdiction):
        raise PermissionDenied("You can choose digests only for cities you are a member of.")
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": [f"Choose one of: {', '.join(Frequency.values)}."]})
    return _save_preference(user=actor, jurisdiction=jurisdiction, frequency=frequency)


def _save_preference(*, user, jurisdiction, frequency: str) -> DigestPreference:
    preference = DigestPreference.objects.filter(user=user, jurisdiction=jurisdiction).first()
    if preference is None:
        preference = DigestPreference(user=user, jurisdiction=jurisdiction, frequency=frequency)
        preference.full_clean()
        preference.save()
    elif preference.frequency != frequency:
        preference.frequency = frequency
        preference.full_clean()
        preference.save(update_fields=["frequency", "updated_at"])
    return preference


def unsubscribe_token(*, user_id: int, jurisdiction_id: int) -> str:
    """A signed, unexpiring token that stops one person's digest for one city."""
    return signing.dumps({"u": user_id, "j": jurisdiction_id}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[User, Jurisdiction]:
    """The person and city a token names; ValidationError when it is forged or names nobody."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        user = User.objects.get(pk=int(data["u"]))
        city = Jurisdiction.objects.get(pk=int(data["j"]))
    except (
        signing.BadSignature,
        KeyError,
        TypeError,
        ValueError,
        User.DoesNotExist,
        Jurisdiction.DoesNotExist,
    ):
        raise ValidationError("This unsubscribe link is not valid.") from None
    return user, city


OPEN_SALT = "citypeers.digests.open"


def open_link(delivery_id: int, path: str) -> str:
    """An email link that records the digest as opened, then leads to `path` (on this site)."""
    token = signing.dumps(delivery_id, salt=OPEN_SALT)
    return (
        _absolute(reverse("digests:open", kwargs={"token": token}))
        + "?"
        + urlencode({"next": path})
    )


def record_open(token: str) -> bool:
    """Mark the digest a link belongs to as opened (the first time only). False for a link
    that is forged or names no digest; the reader is sent on either way."""
    try:
        delivery_id = int(signing.loads(token, salt=OPEN_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return False
    DigestDelivery.objects.filter(pk=delivery_id, opened_at__isnull=True).update(
        opened_at=timezone.now()
    )
    return True


@transaction.atomic
def unsubscribe(*, token: str) -> DigestPreference:
    """Stop the digest a signed link names. The token is the authority (the link came in the
    person's own mail), so it works signed out and even after the person left the city."""
    user, city = read_unsubscribe_token(token)
    return _save_preference(user=user, jurisdiction=city, frequency=Frequency.NEVER)


# Rendering -------------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def digest_message(
    digest: selectors.Digest, user, *, delivery_id: int | None = None
) -> EmailMultiAlternatives:
    """The digest as an email: plain text with an HTML alternative, a one-click unsubscribe
    (RFC 8058 headers and a link) and a link to the person's preferences. With `delivery_id`,
    the item links and the web-version link record the digest as opened when followed."""

    def link(path: str) -> str:
        return open_link(delivery_id, path) if delivery_id is not None else _absolute(path)

    token = unsubscribe_token(user_id=user.pk, jurisdiction_id=digest.jurisdiction.pk)
    unsubscribe_url = _absolute(reverse("digests:unsubscribe", kwargs={"token": token}))
    context = {
        "digest": digest,
        "user": user,
        "city": digest.jurisdiction,
        "items": [{"item": item, "link": link(item.candidate.url)} for item in digest.items],
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": _absolute(reverse("digests:settings")),
        "digest_url": link(reverse("digests:index")),
        "frequency_label": Frequency(digest.frequency).label.lower(),
    }
    subject = f"Your CityPeers digest for {digest.jurisdiction}: {len(digest.items)} " + (
        "item" if len(digest.items) == 1 else "items"
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("digests/emails/digest.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("digests/emails/digest.html", context), "text/html")
    return message


# Delivery --------------------------------------------------------------------------------------


class _Throttle:
    """At most `CITYPEERS_DIGEST_MAX_PER_SECOND` messages a second from this process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self) -> None:
        rate = float(getattr(settings, "CITYPEERS_DIGEST_MAX_PER_SECOND", 0) or 0)
        if rate <= 0:
            return
        with self._lock:
            now = time.monotonic()
            delay = self._next - now
            self._next = max(now, self._next) + 1.0 / rate
        if delay > 0:
            time.sleep(delay)


throttle = _Throttle()
_pool = CandidatePool()
_pool_built = 0.0
POOL_SECONDS = 600
# Digests per background task: their people, cities and agendas are read together.
DIGEST_BATCH = 50


def _shared_pool() -> CandidatePool:
    """One pool per worker process, renewed every ten minutes, so a worker running thousands
    of digests of the same period runs each source once."""
    global _pool, _pool_built
    if time.monotonic() - _pool_built > POOL_SECONDS:
        _pool, _pool_built = CandidatePool(), time.monotonic()
    return _pool


def parse_period(key: str) -> Period:
    try:
        frequency, start = key.split(":", 1)
        return period_for(frequency, datetime.fromisoformat(start).date())
    except ValueError:
        raise ValidationError(f"Not a digest period: {key!r}.") from None


def deliver_digest(*, user_id: int, jurisdiction_id: int, period: str, now=None, pool=None) -> str:
    """Build and send one person's digest of one city for one period, at most once.

    Returns the delivery's status: "sent", "empty" (nothing relevant, or the person no longer
    gets it: nothing is mailed), "failed" (the mail server refused; retried later) or the
    status it already had."""
    [status] = deliver_digests(jobs=[(user_id, jurisdiction_id, period)], now=now, pool=pool)
    return status


def _recipients(jobs: list[tuple[int, int, str]]) -> set[tuple[int, int]]:
    """The (person, city) pairs of `jobs` that still get the digest: an active account with
    an email, still a member of the city (`can_read_digest`, read for the whole batch at once),
    and not "never"."""
    user_ids = {user_id for user_id, _, _ in jobs}
    city_ids = {city_id for _, city_id, _ in jobs}
    members = set(
        Membership.objects.filter(
            user_id__in=user_ids,
            organisation__jurisdiction_id__in=city_ids,
            user__is_active=True,
        )
        .exclude(user__email="")
        .values_list("user_id", "organisation__jurisdiction_id")
    )
    never = set(
        DigestPreference.objects.filter(
            user_id__in=user_ids, jurisdiction_id__in=city_ids, frequency=Frequency.NEVER
        ).values_list("user_id", "jurisdiction_id")
    )
    return members - never


def deliver_digests(*, jobs: list[tuple[int, int, str]], now=None, pool=None) -> list[str]:
    """`deliver_digest` for a batch of (user id, city id, period) jobs; their statuses in order.

    What every job needs is read for the batch at once (the people, the cities, their agendas);
    then each delivery is claimed, sent and recorded in its own transaction, so a batch killed
    half-way keeps what it sent and the rest is sent by the next run."""
    now = now or timezone.now()
    spans = {period: parse_period(period) for _, _, period in jobs}
    final = {
        (user_id, city_id, period): status
        for user_id, city_id, period, status, attempts in DigestDelivery.objects.filter(
            user_id__in={u for u, _, _ in jobs},
            jurisdiction_id__in={c for _, c, _ in jobs},
            period__in=[span.key for span in spans.values()],
        ).values_list("user_id", "jurisdiction_id", "period", "status", "attempts")
        if status in FINAL_STATUSES or attempts >= selectors.MAX_ATTEMPTS
    }
    todo = [job for job in jobs if (job[0], job[1], spans[job[2]].key) not in final]
    statuses: dict[tuple[int, int, str], str] = {}
    if todo:
        users = User.objects.in_bulk({user_id for user_id, _, _ in todo})
        cities = Jurisdiction.objects.in_bulk({city_id for _, city_id, _ in todo})
        receiving = _recipients(todo)
        agendas = selectors.city_agendas(
            [cities[c] for c in sorted({c for u, c, _ in todo if (u, c) in receiving})]
        )
        pool = pool or _shared_pool()
        for user_id, city_id, period in todo:
            span = spans[period]
            window = selectors.period_window(span, now=now)
            digest = None
            if (user_id, city_id) in receiving:
                digest = selectors.build_digest(
                    cities[city_id],
                    frequency=span.frequency,
                    window=window,
                    pool=pool,
                    agenda=agendas[city_id],
                )
            statuses[(user_id, city_id, period)] = _claim_and_send(
                user=users[user_id], city_id=city_id, span=span, window=window, digest=digest
            )
    return [final.get((u, c, spans[p].key)) or statuses[(u, c, p)] for u, c, p in jobs]


@transaction.atomic
def _claim_and_send(*, user, city_id: int, span: Period, window, digest) -> str:
    # The scheduler recorded the row; a task run by hand (or a lost row) creates it.
    key = {"user_id": user.pk, "jurisdiction_id": city_id, "period": span.key}
    delivery = DigestDelivery.objects.select_for_update().filter(**key).first()
    if delivery is None:
        DigestDelivery.objects.get_or_create(
            **key, defaults={"covers_from": window.since, "covers_to": window.until}
        )
        delivery = DigestDelivery.objects.select_for_update().get(**key)
    if delivery.status in FINAL_STATUSES or delivery.attempts >= selectors.MAX_ATTEMPTS:
        return delivery.status
    if digest is None:
        return _finish(delivery, DeliveryStatus.EMPTY, error="Not a recipient any more.")
    if digest.is_empty:
        return _finish(delivery, DeliveryStatus.EMPTY)
    message = digest_message(digest, user, delivery_id=delivery.pk)
    delivery.attempts += 1
    try:
        throttle.wait()
        message.send()
    except Exception as exc:  # the mail server's refusal is recorded and retried later
        log.exception("Could not send digest %s", delivery.pk)
        return _finish(delivery, DeliveryStatus.FAILED, error=str(exc)[:400])
    delivery.item_count = len(digest.items)
    delivery.kinds = [item.candidate.kind for item in digest.items]
    delivery.sent_at = timezone.now()
    return _finish(delivery, DeliveryStatus.SENT)


def _finish(delivery: DigestDelivery, status: str, *, error: str = "") -> str:
    delivery.status = status
    delivery.error = error
    delivery.save(
        update_fields=[
            "status",
            "error",
            "attempts",
            "item_count",
            "kinds",
            "sent_at",
            "updated_at",
        ]
    )
    return status


def queue_due_digests(*, now=None, enqueue, batch_size: int = DIGEST_BATCH) -> int:
    """Record a "queued" delivery for every due (person, city, period) and hand them to
    `enqueue(jobs)` in batches of `batch_size` [user id, city id, period] jobs. Safe to run as
    often as wanted: what is sent, empty, given up on or freshly queued is left alone."""
    now = now or timezone.now()
    due = selectors.due_recipients(now=now)
    DigestDelivery.objects.bulk_create(
        [
            DigestDelivery(
                user_id=r.user_id,
                jurisdiction_id=r.jurisdiction_id,
                period=r.period.key,
                covers_from=selectors.period_window(r.period, now=now).since,
                covers_to=selectors.period_window(r.period, now=now).until,
            )
            for r in due
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    DigestDelivery.objects.filter(
        period__in={r.period.key for r in due}, status=DeliveryStatus.QUEUED
    ).update(updated_at=now)
    jobs = [[r.user_id, r.jurisdiction_id, r.period.key] for r in due]
    for start in range(0, len(jobs), batch_size):
        enqueue(jobs[start : start + batch_size])
    return len(due)
