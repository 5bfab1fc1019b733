"""One city's audit trail: every recorded change to the objects that belong to it.

Each model with django-simple-history that belongs to a city is a `Source`: its history table
and how to find the city's rows there (a jurisdiction column, or a parent's id found in the
parent's history table, so objects deleted since still count as the city's). The list is one
UNION ALL over those tables, ordered by date, counted and sliced in the database; only the page
is then read in full to name the changed fields: two queries per kind of object on the page and
one for the people, whatever the number of rows.

Only field *names* are shown, never values: the trail is for organisers, who may not read
everything a city keeps private (evidence marked "only our members", for instance).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import CharField, OuterRef, Q, QuerySet, Subquery, Value

from citypeers.accounts.models import (
    Invitation,
    JurisdictionMembership,
    Membership,
    Organisation,
    User,
)
from citypeers.assessments.models import (
    Assessment,
    Certification,
    ConversationRequest,
    EvidenceItem,
    Response,
)
from citypeers.coalitions.models import (
    Replication,
    ReplicationBarrier,
    ReplicationCost,
    ReplicationOutcome,
    ReplicationQuestion,
)
from citypeers.convenings.models import (
    Commitment,
    Delegate,
    Delegation,
    ProgressReport,
    RuleException,
    TourSignup,
)
from citypeers.directory.models import Jurisdiction, ProfilePerson
from citypeers.knowledge.models import (
    ChallengeStatement,
    Solution,
    SolutionAttachment,
    SolutionLink,
    SolutionOutcome,
)
from citypeers.workshops.models import CohortMember, PreWork, Statement

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
# Bookkeeping, not a change anyone made.
UNSHOWN_FIELDS = {"id", "created_at", "updated_at", "version", "story_version", "name_normalised"}
COLUMNS = [
    "history_id",
    "history_date",
    "history_type",
    "history_user_id",
    "history_change_reason",
    "id",
    "audit_kind",
]


def _ids_in_history(model, **lookup) -> QuerySet:
    """Ids of `model` objects that ever matched `lookup` (deleted ones included)."""
    return model.history.filter(**lookup).values("id")


@dataclass(frozen=True)
class Source:
    model: type
    rows: Callable[[int], Q]  # the city's rows in the model's history table, by city id
    label_field: str = ""  # a field whose value names the object (only public ones)

    @property
    def kind(self) -> str:
        return self.model._meta.label_lower


def _city_organisations(city: int) -> QuerySet:
    return _ids_in_history(Organisation, jurisdiction_id=city)


def _city_solutions(city: int) -> QuerySet:
    return _ids_in_history(Solution, owner_id=city)


def _city_assessments(city: int) -> QuerySet:
    return _ids_in_history(Assessment, jurisdiction_id=city)


def _city_delegations(city: int) -> QuerySet:
    return _ids_in_history(Delegation, jurisdiction_id=city)


def _city_replications(city: int) -> QuerySet:
    return _ids_in_history(Replication, adopter_id=city)


SOURCES = [
    Source(Jurisdiction, lambda c: Q(id=c), "name"),
    Source(ProfilePerson, lambda c: Q(jurisdiction_id=c), "name"),
    Source(Organisation, lambda c: Q(jurisdiction_id=c), "name"),
    Source(Membership, lambda c: Q(organisation_id__in=_city_organisations(c))),
    Source(Invitation, lambda c: Q(organisation_id__in=_city_organisations(c))),
    Source(JurisdictionMembership, lambda c: Q(jurisdiction_id=c)),
    Source(ChallengeStatement, lambda c: Q(jurisdiction_id=c)),
    Source(Solution, lambda c: Q(owner_id=c), "title"),
    Source(SolutionOutcome, lambda c: Q(solution_id__in=_city_solutions(c))),
    Source(SolutionLink, lambda c: Q(solution_id__in=_city_solutions(c))),
    Source(SolutionAttachment, lambda c: Q(solution_id__in=_city_solutions(c))),
    Source(Assessment, lambda c: Q(jurisdiction_id=c)),
    Source(Response, lambda c: Q(assessment_id__in=_city_assessments(c))),
    Source(
        EvidenceItem,
        lambda c: Q(
            response_id__in=_ids_in_history(Response, assessment_id__in=_city_assessments(c))
        ),
    ),
    Source(Certification, lambda c: Q(jurisdiction_id=c)),
    Source(ConversationRequest, lambda c: Q(from_jurisdiction_id=c)),
    Source(CohortMember, lambda c: Q(jurisdiction_id=c)),
    Source(PreWork, lambda c: Q(jurisdiction_id=c)),
    Source(Statement, lambda c: Q(jurisdiction_id=c)),
    Source(Delegation, lambda c: Q(jurisdiction_id=c)),
    Source(Delegate, lambda c: Q(delegation_id__in=_city_delegations(c))),
    Source(RuleException, lambda c: Q(delegation_id__in=_city_delegations(c))),
    Source(TourSignup, lambda c: Q(delegation_id__in=_city_delegations(c))),
    Source(Commitment, lambda c: Q(delegation_id__in=_city_delegations(c)), "title"),
    Source(
        ProgressReport,
        lambda c: Q(
            commitment_id__in=_ids_in_history(Commitment, delegation_id__in=_city_delegations(c))
        ),
    ),
    Source(Replication, lambda c: Q(adopter_id=c)),
    Source(ReplicationBarrier, lambda c: Q(replication_id__in=_city_replications(c))),
    Source(ReplicationCost, lambda c: Q(replication_id__in=_city_replications(c))),
    Source(ReplicationOutcome, lambda c: Q(replication_id__in=_city_replications(c))),
    Source(ReplicationQuestion, lambda c: Q(replication_id__in=_city_replications(c))),
]
SOURCES_BY_KIND = {source.kind: source for source in SOURCES}


@dataclass
class AuditEntry:
    when: datetime
    who: str
    action: str
    model: str  # the kind of object, in words ("solution outcome")
    kind: str  # "knowledge.solutionoutcome"
    object_id: int
    object_label: str
    reason: str
    changed_fields: list[str] = field(default_factory=list)


def _branch(source: Source, city: int) -> QuerySet:
    return (
        source.model.history.filter(source.rows(city))
        .order_by()
        .annotate(audit_kind=Value(source.kind, output_field=CharField()))
        .values_list(*COLUMNS)
    )


def _shown_fields(source: Source) -> list[tuple[str, str]]:
    historical = {f.name for f in source.model.history.model._meta.fields}
    return [
        (f.attname, str(f.verbose_name))
        for f in source.model._meta.fields
        if f.name in historical and f.name not in UNSHOWN_FIELDS
    ]


class CityAuditTrail:
    """The city's changes, newest first, as a sliceable sequence for a paginator: `count()` and
    `[a:b]` each ask the database once for the union, then the page is described."""

    def __init__(self, jurisdiction: Jurisdiction):
        self.jurisdiction = jurisdiction
        branches = [_branch(source, jurisdiction.pk) for source in SOURCES]
        self.union = branches[0].union(*branches[1:], all=True)

    def count(self) -> int:
        return self.union.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("CityAuditTrail supports slices only.")
        rows = list(self.union.order_by("-history_date", "-history_id")[item])
        return describe(rows)


def describe(rows: list[tuple]) -> list[AuditEntry]:
    """AuditEntry for each union row: per kind, the rows themselves and each one's previous
    version (two queries), and the people who made them (one query)."""
    by_kind: dict[str, list[int]] = {}
    for row in rows:
        by_kind.setdefault(row[6], []).append(row[0])
    records, previous = {}, {}
    for kind, history_ids in by_kind.items():
        historical = SOURCES_BY_KIND[kind].model.history
        earlier = historical.filter(
            id=OuterRef("id"), history_date__lt=OuterRef("history_date")
        ).order_by("-history_date", "-history_id")
        found = list(
            historical.filter(history_id__in=history_ids).annotate(
                previous_id=Subquery(earlier.values("history_id")[:1])
            )
        )
        for record in found:
            records[(kind, record.history_id)] = record
        wanted = [r.previous_id for r in found if r.previous_id is not None]
        for record in historical.filter(history_id__in=wanted) if wanted else []:
            previous[(kind, record.history_id)] = record
    user_ids = {row[3] for row in rows if row[3] is not None}
    users = {u.pk: u for u in User.objects.filter(pk__in=user_ids)} if user_ids else {}
    entries = []
    for history_id, when, action, user_id, reason, object_id, kind in rows:
        source = SOURCES_BY_KIND[kind]
        record = records[(kind, history_id)]
        before = previous.get((kind, record.previous_id))
        changed = []
        if action == "~" and before is not None:
            changed = [
                label
                for attname, label in _shown_fields(source)
                if getattr(record, attname) != getattr(before, attname)
            ]
        user = users.get(user_id)
        label = getattr(record, source.label_field, "") if source.label_field else ""
        entries.append(
            AuditEntry(
                when=when,
                who=user.display_name if user is not None else "System (import, setup or job)",
                action=ACTIONS.get(action, action),
                model=str(source.model._meta.verbose_name),
                kind=kind,
                object_id=object_id,
                object_label=f"{label} (#{object_id})" if label else f"#{object_id}",
                reason=reason or "",
                changed_fields=changed,
            )
        )
    return entries


def city_audit_trail(jurisdiction: Jurisdiction) -> CityAuditTrail:
    return CityAuditTrail(jurisdiction)
