"""What other cities did: criteria met in assessments, replications that moved, and help
requests still open."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse

from citypeers.assessments.enums import FINISHED_STATUSES, ResultSharing
from citypeers.assessments.models import Response
from citypeers.coalitions.enums import ReplicationStage
from citypeers.coalitions.models import Replication
from citypeers.digests.engine import Candidate
from citypeers.digests.sources.registry import Window, register_source
from citypeers.helpdesk.enums import ANSWERABLE, RequestStatus, RequestVisibility
from citypeers.helpdesk.models import HelpRequest

# Open help requests asked within this many days are offered to cities that could answer.
OPEN_REQUEST_DAYS = 60


def criterion_key(framework_id: int, key: str) -> str:
    """Criteria are compared across a framework's versions by their key."""
    return f"{framework_id}:{key}"


def criteria_met(window: Window) -> list[Candidate]:
    """Criteria met in assessments submitted or validated in the window and shared with peers
    (the reviewer's verdict when there is one). The item links to the city's profile."""
    rows = (
        Response.objects.filter(
            assessment__status__in=FINISHED_STATUSES,
            assessment__sharing__in=[ResultSharing.PEERS, ResultSharing.PUBLIC],
        )
        .filter(
            Q(assessment__submitted_at__gte=window.since, assessment__submitted_at__lt=window.until)
            | Q(
                assessment__validated_at__gte=window.since,
                assessment__validated_at__lt=window.until,
            )
        )
        .filter(Q(review_met=True) | Q(review_met__isnull=True, met=True))
        .values_list(
            "pk",
            "assessment__jurisdiction__slug",
            "assessment__jurisdiction_id",
            "assessment__jurisdiction__name",
            "assessment__jurisdiction__state",
            "assessment__submitted_at",
            "assessment__is_demo",
            "criterion__key",
            "criterion__title",
            "criterion__area__title",
            "criterion__version__framework_id",
        )
    )
    return [
        Candidate(
            kind="peer_criterion",
            key=str(pk),
            title=f"{name}, {state} met “{title}”",
            url=reverse("profiles:profile", kwargs={"slug": slug}),
            date=submitted or window.since,
            city_id=city_id,
            city_name=f"{name}, {state}",
            subject_id=criterion_key(framework_id, key),
            detail=area_title,
            is_demo=demo,
        )
        for (
            pk,
            slug,
            city_id,
            name,
            state,
            submitted,
            demo,
            key,
            title,
            area_title,
            framework_id,
        ) in rows
    ]


def moved_replications(window: Window) -> list[Candidate]:
    rows = Replication.objects.filter(
        stage_changed_on__gte=window.since.date(), stage_changed_on__lt=window.until.date()
    ).values_list(
        "pk",
        "solution_id",
        "solution__title",
        "adopter_id",
        "adopter__name",
        "adopter__state",
        "stage",
        "updated_at",
        "is_demo",
    )
    labels = dict(ReplicationStage.choices)
    return [
        Candidate(
            kind="replication",
            key=str(pk),
            title=f"{name}, {state}: {title}",
            url=reverse("coalitions:replication", kwargs={"pk": pk}),
            date=updated,
            city_id=adopter_id,
            city_name=f"{name}, {state}",
            subject_id=str(solution_id),
            detail=labels.get(stage, stage),
            is_demo=demo,
        )
        for pk, solution_id, title, adopter_id, name, state, stage, updated, demo in rows
    ]


def _request_candidates(requests, *, kind: str, url_name: str, prefix: str, date_field: str):
    """Help requests as candidates, filed under their area and its parent."""
    rows = requests.values_list(
        "pk",
        "title",
        "area_id",
        "area__parent_id",
        "jurisdiction_id",
        "jurisdiction__name",
        "jurisdiction__state",
        date_field,
        "is_demo",
    )
    return [
        Candidate(
            kind=kind,
            key=str(pk),
            title=f"{prefix}{title}",
            url=reverse(url_name, kwargs={"pk": pk}),
            date=date,
            area_ids=frozenset(a for a in (area_id, parent_id) if a),
            city_id=city_id,
            city_name=f"{name}, {state}",
            is_demo=demo,
        )
        for pk, title, area_id, parent_id, city_id, name, state, date, demo in rows
    ]


def open_help_requests(window: Window) -> list[Candidate]:
    requests = HelpRequest.objects.filter(
        status__in=ANSWERABLE,
        visibility=RequestVisibility.NETWORK,
        created_at__gte=window.now - timedelta(days=OPEN_REQUEST_DAYS),
    )
    return _request_candidates(
        requests,
        kind="help_request",
        url_name="helpdesk:request",
        prefix="",
        date_field="created_at",
    )


def answered_questions(window: Window) -> list[Candidate]:
    """Help requests published as Q&As in the window (the asker agreed; public)."""
    requests = HelpRequest.objects.filter(
        status=RequestStatus.PUBLISHED,
        published_at__gte=window.since,
        published_at__lt=window.until,
    )
    return _request_candidates(
        requests,
        kind="qa",
        url_name="helpdesk:qa-entry",
        prefix="Answered: ",
        date_field="published_at",
    )


register_source("criteria-met", criteria_met)
register_source("replications", moved_replications)
register_source("help-requests", open_help_requests)
register_source("answered-questions", answered_questions)
