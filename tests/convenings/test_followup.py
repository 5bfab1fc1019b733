from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from citypeers.convenings.engine.followup import add_months, due_milestones
from citypeers.convenings.enums import CommitmentStatus, ConveningState
from citypeers.convenings.models import ReminderSent
from citypeers.convenings.services import commitments as service
from citypeers.convenings.tasks import queue_due_reminders
from tests.factories.accounts import UserFactory
from tests.factories.convenings import CommitmentFactory, ConveningFactory, DelegationFactory
from tests.factories.knowledge import SolutionFactory

ENDED = date(2030, 5, 12)


@pytest.fixture
def organiser(db):
    return UserFactory(is_network_organiser=True)


@pytest.fixture
def commitment(db):
    convening = ConveningFactory(state=ConveningState.FOLLOW_UP, ends_on=ENDED)
    return CommitmentFactory(
        delegation=DelegationFactory(convening=convening), owner_email="owner@city.gov"
    )


@pytest.mark.unit
def test_add_months_clamps_to_the_shorter_month():
    assert add_months(date(2030, 11, 30), 3) == date(2031, 2, 28)
    assert add_months(date(2030, 5, 12), 12) == date(2031, 5, 12)


@pytest.mark.unit
@given(st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.integers(0, 800))
def test_a_milestone_already_sent_is_never_due_again(ended, days):
    from datetime import timedelta

    today = ended + timedelta(days=days)
    first = due_milestones(ended, today, [])
    assert due_milestones(ended, today, first) == []
    assert len(first) <= 1


@pytest.mark.integration
def test_moving_the_clock_sends_each_check_in_exactly_once(commitment):
    run_dates = [
        date(2030, 8, 11),  # before 3 months
        date(2030, 8, 12),  # 3 months
        date(2030, 8, 13),
        date(2030, 11, 12),  # 6 months
        date(2030, 12, 1),
        date(2031, 5, 12),  # 12 months
        date(2031, 6, 1),
        date(2032, 1, 1),
    ]
    for today in run_dates:
        call_command("send_commitment_reminders", f"--today={today.isoformat()}")
        call_command("send_commitment_reminders", f"--today={today.isoformat()}")
    assert [m.subject for m in mail.outbox] == [
        f"3-month check-in: {commitment.title}",
        f"6-month check-in: {commitment.title}",
        f"12-month check-in: {commitment.title}",
    ]
    assert [m.to for m in mail.outbox] == [["owner@city.gov"]] * 3
    assert sorted(ReminderSent.objects.values_list("months", flat=True)) == [3, 6, 12]


@pytest.mark.integration
def test_sending_the_same_reminder_twice_sends_one_email(commitment):
    assert service.send_reminder(commitment_id=commitment.pk, months=3) is True
    assert service.send_reminder(commitment_id=commitment.pk, months=3) is False
    assert len(mail.outbox) == 1


@pytest.mark.integration
def test_done_and_dropped_commitments_get_no_reminders(commitment, organiser):
    service.report_progress(commitment=commitment, actor=organiser, status="done", note="")
    assert queue_due_reminders(today=date(2031, 1, 1)) == []


@pytest.mark.integration
def test_closed_convening_sends_no_reminders(commitment):
    commitment.delegation.convening.state = ConveningState.CLOSED
    commitment.delegation.convening.save()
    assert queue_due_reminders(today=date(2031, 1, 1)) == []


@pytest.mark.integration
def test_progress_report_updates_status_and_keeps_history(commitment, organiser):
    service.report_progress(
        commitment=commitment, actor=organiser, status="in_progress", note="Hired"
    )
    service.report_progress(commitment=commitment, actor=organiser, status="done", note="Live")
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.DONE
    assert list(commitment.reports.values_list("status", "note")) == [
        ("done", "Live"),
        ("in_progress", "Hired"),
    ]


@pytest.mark.integration
def test_dropping_needs_a_reason(commitment, organiser):
    with pytest.raises(ValidationError) as exc:
        service.report_progress(commitment=commitment, actor=organiser, status="dropped")
    assert exc.value.message_dict == {
        "note": ["Say why the commitment was dropped; peers learn from it."]
    }


@pytest.mark.integration
def test_stale_progress_report_is_refused(commitment, organiser):
    service.report_progress(commitment=commitment, actor=organiser, status="in_progress")
    with pytest.raises(ValidationError) as exc:
        service.report_progress(commitment=commitment, actor=organiser, status="done", version=1)
    assert exc.value.message_dict["version"] == [
        "Someone else saved this commitment while you were editing: you started from "
        "version 1, it is now at version 2."
    ]


@pytest.mark.integration
def test_outsiders_cannot_commit_for_a_city(commitment):
    with pytest.raises(PermissionDenied):
        service.create_commitment(
            delegation=commitment.delegation,
            actor=UserFactory(),
            title="X",
            owner_name="Y",
            owner_email="y@x.org",
            due_on=date(2031, 1, 1),
        )


@pytest.mark.integration
def test_commitment_links_a_solution(commitment, organiser):
    solution = SolutionFactory()
    created = service.create_commitment(
        delegation=commitment.delegation,
        actor=organiser,
        title="Adapt the land bank model",
        owner_name="Ana",
        owner_email="ana@city.gov",
        due_on=date(2031, 1, 1),
        solution=solution,
    )
    assert created.solution == solution


@pytest.mark.integration
def test_follow_up_board_and_outcome_report(client, commitment, organiser):
    CommitmentFactory(delegation=commitment.delegation, status=CommitmentStatus.DONE)
    client.force_login(organiser)
    slug = commitment.delegation.convening.slug
    board = client.get(reverse("convenings:follow_up", kwargs={"slug": slug}))
    assert [len(items) for _, _, items in board.context["columns"]] == [1, 0, 1, 0]
    report = client.get(reverse("convenings:outcomes", kwargs={"slug": slug})).context["report"]
    assert (report["total"], report["done_percent"]) == (2, 50)
    assert report["cities"] == [(commitment.delegation.jurisdiction.name, [1, 0, 1, 0])]
