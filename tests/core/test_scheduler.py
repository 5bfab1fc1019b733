"""The scheduler runs each periodic job once per interval, and reminders go out once."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from django.core import mail
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from citypeers.core.models import ScheduledRun
from citypeers.core.schedule import (
    PeriodicJob,
    due_jobs,
    periodic_jobs,
    register_periodic,
    unregister_periodic,
)
from citypeers.core.services import run_due_jobs

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _job(name="probe", hours=1):
    return PeriodicJob(name=name, every=timedelta(hours=hours), run=lambda now: None)


@pytest.mark.unit
def test_a_job_never_run_is_due_and_then_waits_its_interval():
    job = _job()
    assert due_jobs([job], {}, T0) == [job]
    assert due_jobs([job], {"probe": T0}, T0 + timedelta(minutes=59)) == []
    assert due_jobs([job], {"probe": T0}, T0 + timedelta(hours=1)) == [job]


@pytest.mark.unit
@given(st.lists(st.integers(min_value=0, max_value=10_000), max_size=30))
def test_following_due_jobs_runs_a_job_at_most_once_per_interval(minutes):
    job, last, runs = _job(hours=2), {}, []
    for now in sorted(T0 + timedelta(minutes=m) for m in minutes):
        if due_jobs([job], last, now):
            last["probe"] = now
            runs.append(now)
    assert all(b - a >= job.every for a, b in pairwise(runs))


@pytest.mark.unit
def test_the_webinar_reminders_are_registered():
    assert "webinar-reminders" in [job.name for job in periodic_jobs()]


@pytest.mark.django_db
def test_run_due_jobs_records_each_run_and_skips_until_the_interval_passes():
    calls = []
    register_periodic("probe", every=timedelta(hours=1), run=calls.append)
    try:
        first = run_due_jobs(now=T0)
        early = run_due_jobs(now=T0 + timedelta(minutes=30))
        later = run_due_jobs(now=T0 + timedelta(minutes=61))
    finally:
        unregister_periodic("probe")
    row = ScheduledRun.objects.get(name="probe")
    assert ("probe" in first, "probe" in early, "probe" in later) == (True, False, True)
    assert (calls, row.runs, row.last_run_at) == (
        [T0, T0 + timedelta(minutes=61)],
        2,
        T0 + timedelta(minutes=61),
    )


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_does_not_stop_the_others():
    ran = []

    def broken(now):
        raise RuntimeError("mail server down")

    register_periodic("a-broken", every=timedelta(hours=1), run=broken)
    register_periodic("b-fine", every=timedelta(hours=1), run=ran.append)
    try:
        run_due_jobs(now=T0)
    finally:
        unregister_periodic("a-broken")
        unregister_periodic("b-fine")
    assert (ScheduledRun.objects.get(name="a-broken").last_error, ran) == (
        "RuntimeError: mail server down",
        [T0],
    )


@pytest.mark.django_db
def test_scheduler_sends_each_webinar_reminder_once_as_the_clock_moves(
    django_capture_on_commit_callbacks,
):
    from django.utils import timezone

    from tests.factories.workshops import RegistrationFactory, WebinarFactory

    now = timezone.now()
    webinar = WebinarFactory(
        status="published", starts_at=now + timedelta(hours=20), ends_at=now + timedelta(hours=21)
    )
    RegistrationFactory(webinar=webinar)
    RegistrationFactory(webinar=webinar)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        for hours in (0, 0.5, 1, 2, 3):
            run_due_jobs(now=now + timedelta(hours=hours))
    assert len([m for m in mail.outbox if webinar.title in m.subject]) == 2


@pytest.mark.django_db
def test_scheduler_command_once_runs_what_is_due(capsys):
    call_command("scheduler", "--once")
    assert "webinar-reminders" in capsys.readouterr().out


@pytest.mark.unit
def test_the_convening_follow_ups_are_registered():
    jobs = {job.name: job.every for job in periodic_jobs()}
    assert jobs["commitment-reminders"] == timedelta(hours=6)
