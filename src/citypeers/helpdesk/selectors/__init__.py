"""Reads for the help desk that depend on who is asking, the organisers' queue, the routing
facts handed to the engine, and the published Q&A library.

Lookups (`help_request_for_user`) raise the same 404 for a request that does not exist and one
this user may not see."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from citypeers.accounts.enums import MembershipRole
from citypeers.accounts.models import Membership, User
from citypeers.accounts.permissions import (
    can_organise_network,
    is_network_member,
    jurisdiction_ids_with_role,
)
from citypeers.assessments.enums import FINISHED_STATUSES
from citypeers.assessments.models import Response
from citypeers.coalitions.enums import ReplicationStage
from citypeers.coalitions.models import Replication
from citypeers.core.enums import PublicationStatus
from citypeers.directory.models import Jurisdiction
from citypeers.helpdesk.engine import (
    CityEvidence,
    Expert,
    ReplicationFact,
    RequestFacts,
    SolutionFact,
    Suggestion,
    rank_cities,
    rank_experts,
)
from citypeers.helpdesk.enums import RequestStatus, RequestVisibility
from citypeers.helpdesk.models import Answer, HelpRequest, Invitation
from citypeers.helpdesk.permissions import (
    can_publish_request,
    can_route_request,
    can_triage_request,
    can_view_queue,
)
from citypeers.knowledge.models import ChallengeArea, Solution

QUEUE_AGES = {"": None, "1": 1, "7": 7, "30": 30}


def requests_visible_to(user) -> QuerySet[HelpRequest]:
    """Requests this user may read (see `permissions.can_view_request`)."""
    if can_organise_network(user):
        return HelpRequest.objects.all()
    if not getattr(user, "is_authenticated", False):
        return HelpRequest.objects.none()
    own = jurisdiction_ids_with_role(user)
    mine = (
        Q(asked_by=user)
        | Q(jurisdiction_id__in=own)
        | Q(pk__in=Invitation.objects.filter(user=user).values("request_id"))
    )
    if is_network_member(user):
        mine |= Q(visibility=RequestVisibility.NETWORK)
    return HelpRequest.objects.filter(mine)


def _with_details(queryset: QuerySet[HelpRequest]) -> QuerySet[HelpRequest]:
    return queryset.select_related(
        "jurisdiction", "asked_by", "area", "area__parent", "criterion", "merged_into"
    ).prefetch_related(
        Prefetch(
            "answers",
            queryset=Answer.objects.select_related("author", "jurisdiction").order_by(
                "-is_accepted", "created_at", "pk"
            ),
        ),
        Prefetch(
            "invitations",
            queryset=Invitation.objects.select_related("user", "jurisdiction", "invited_by"),
        ),
        Prefetch("linked_solutions", queryset=Solution.objects.select_related("owner")),
    )


def help_request_for_user(user, pk, *, for_edit: bool = False) -> HelpRequest:
    """One request with what its page shows; the same 404 for missing and not yours (and, with
    `for_edit`, for a request this user may read but not triage)."""
    help_request = _with_details(requests_visible_to(user)).filter(pk=pk).first()
    if help_request is None or (for_edit and not can_triage_request(user, help_request)):
        raise Http404("No such help request.")
    help_request.invited_user_ids = {i.user_id for i in help_request.invitations.all()}
    return help_request


def help_request_for_routing(user, pk) -> HelpRequest:
    """A request an organiser routes: 404 if it is not theirs to triage, 403 with the reason
    if they may triage it but not route it."""
    help_request = help_request_for_user(user, pk, for_edit=True)
    if not can_route_request(user, help_request):
        raise PermissionDenied("Only network organisers route help requests.")
    return help_request


def help_request_for_publishing(user, pk) -> HelpRequest:
    """A resolved request its asker (or the city's editors) may publish; 403 with the reason
    for anyone else who can read it."""
    help_request = help_request_for_user(user, pk)
    if not can_publish_request(user, help_request):
        raise PermissionDenied("Only the asker or the city's editors publish a resolved request.")
    return help_request


def require_queue_viewer(user) -> None:
    """The help desk queue is for network organisers (403 with the reason for others)."""
    if not can_view_queue(user):
        raise PermissionDenied("The help desk queue is for network organisers.")


def cities_for_asking(user) -> QuerySet[Jurisdiction]:
    """The cities this person may ask on behalf of; 403 with the reason when none."""
    city_ids = jurisdiction_ids_with_role(user)
    if not city_ids:
        raise PermissionDenied("Only members of a city can ask for help on its behalf.")
    return Jurisdiction.objects.filter(pk__in=city_ids).order_by("name")


def answer_for_user(user, pk) -> Answer:
    """An answer on a request this user may read; 404 otherwise."""
    request_id = Answer.objects.filter(pk=pk).values_list("request_id", flat=True).first()
    if request_id is None:
        raise Http404("No such answer.")
    help_request = help_request_for_user(user, request_id)
    return next(a for a in help_request.answers.all() if a.pk == int(pk))


def list_for(user, *, status: str = "", mine: bool = False) -> QuerySet[HelpRequest]:
    queryset = requests_visible_to(user).select_related("jurisdiction", "area", "asked_by")
    if status:
        queryset = queryset.filter(status=status)
    if mine:
        # An anonymous visitor has asked nothing (and is not a user id to filter by).
        if not getattr(user, "is_authenticated", False):
            return HelpRequest.objects.none()
        queryset = queryset.filter(asked_by=user)
    return queryset.annotate(answer_count=Count("answers")).order_by("-created_at", "-pk")


def queue(
    *, status: str = "", older_than: str = "", area: str = "", now=None
) -> QuerySet[HelpRequest]:
    """The organisers' queue: every request, oldest waiting first, with its answer count.
    `status` "" means the active ones (someone still has to act); "all" means every status;
    `area` is a challenge area slug (a top-level area includes its sub-areas)."""
    queryset = HelpRequest.objects.select_related("jurisdiction", "area", "asked_by")
    if status == "all":
        pass
    elif status:
        queryset = queryset.filter(status=status)
    else:
        queryset = queryset.filter(
            status__in=[
                RequestStatus.NEW,
                RequestStatus.OPEN,
                RequestStatus.ROUTED,
                RequestStatus.ANSWERED,
            ]
        )
    if area:
        queryset = queryset.filter(Q(area__slug=area) | Q(area__parent__slug=area))
    days = QUEUE_AGES.get(older_than)
    if days:
        queryset = queryset.filter(created_at__lte=(now or timezone.now()) - timedelta(days=days))
    return queryset.annotate(
        answer_count=Count("answers", distinct=True),
        invitation_count=Count("invitations", distinct=True),
    ).order_by("created_at", "pk")


def duplicate_candidates(help_request: HelpRequest) -> QuerySet[HelpRequest]:
    """Other requests a triaged one could be merged into: same area, not merged or closed."""
    return (
        HelpRequest.objects.filter(area_id=help_request.area_id)
        .exclude(pk=help_request.pk)
        .exclude(status__in=[RequestStatus.MERGED, RequestStatus.CLOSED])
        .select_related("jurisdiction")
        .order_by("-created_at")[:20]
    )


# --- routing ------------------------------------------------------------------------------------


@dataclass
class CityRoute:
    suggestion: Suggestion
    jurisdiction: Jurisdiction
    contacts: list[User] = field(default_factory=list)


@dataclass
class ExpertRoute:
    suggestion: Suggestion
    user: User


@dataclass
class Routing:
    cities: list[CityRoute]
    experts: list[ExpertRoute]

    def reasons_for(self, user_id: int) -> tuple[str, int | None, list[str]]:
        """(kind, city id, reasons) under which this person was suggested."""
        for route in self.cities:
            if any(c.pk == user_id for c in route.contacts):
                return "city", route.jurisdiction.pk, list(route.suggestion.reasons)
        for expert in self.experts:
            if expert.user.pk == user_id:
                return "expert", None, list(expert.suggestion.reasons)
        return "expert", None, ["Chosen by the organiser"]


def _related_area_ids(area: ChallengeArea) -> frozenset[int]:
    if area.parent_id:
        siblings = ChallengeArea.objects.filter(parent_id=area.parent_id).values_list(
            "pk", flat=True
        )
        return frozenset([*siblings, area.parent_id]) - {area.pk}
    return frozenset(ChallengeArea.objects.filter(parent_id=area.pk).values_list("pk", flat=True))


def request_facts(help_request: HelpRequest) -> RequestFacts:
    area = help_request.area
    return RequestFacts(
        asking_city_id=help_request.jurisdiction_id,
        area_id=area.pk,
        area_name=area.name,
        area_slug=area.slug,
        sibling_area_ids=_related_area_ids(area),
        criterion_key=str(help_request.criterion_id or ""),
        criterion_title=help_request.criterion.title if help_request.criterion else "",
        text=f"{help_request.title} {help_request.question}",
    )


def city_evidence(facts: RequestFacts) -> list[CityEvidence]:
    """What each city did in the request's area: published solutions (with how many measured
    outcomes), replications under way, and the assessment criterion met."""
    area_ids = [facts.area_id, *facts.sibling_area_ids]
    solutions: dict[int, list[SolutionFact]] = {}
    names: dict[int, str] = {}
    rows = (
        Solution.objects.filter(status=PublicationStatus.PUBLISHED, challenges__in=area_ids)
        .distinct()
        .select_related("owner")
        .prefetch_related("challenges")
        .annotate(outcome_count=Count("outcomes", distinct=True))
    )
    for solution in rows:
        names[solution.owner_id] = solution.owner.name
        solutions.setdefault(solution.owner_id, []).append(
            SolutionFact(
                title=solution.title,
                area_ids=frozenset(c.pk for c in solution.challenges.all()),
                measured_outcomes=solution.outcome_count,
            )
        )
    replications: dict[int, list[ReplicationFact]] = {}
    live = (
        Replication.objects.filter(solution__challenges__in=area_ids)
        .exclude(stage__in=[ReplicationStage.PAUSED, ReplicationStage.DROPPED])
        .select_related("solution", "adopter")
        .distinct()
    )
    for replication in live:
        names[replication.adopter_id] = replication.adopter.name
        replications.setdefault(replication.adopter_id, []).append(
            ReplicationFact(solution_title=replication.solution.title, stage=replication.stage)
        )
    criteria: dict[int, set[str]] = {}
    if facts.criterion_key:
        met = (
            Response.objects.filter(
                criterion_id=int(facts.criterion_key), assessment__status__in=FINISHED_STATUSES
            )
            .filter(Q(review_met=True) | Q(review_met__isnull=True, met=True))
            .values_list("assessment__jurisdiction_id", "assessment__jurisdiction__name")
        )
        for city_id, name in met:
            names[city_id] = name
            criteria.setdefault(city_id, set()).add(facts.criterion_key)
    return [
        CityEvidence(
            city_id=city_id,
            name=name,
            solutions=tuple(solutions.get(city_id, ())),
            replications=tuple(replications.get(city_id, ())),
            criteria_met=frozenset(criteria.get(city_id, ())),
        )
        for city_id, name in names.items()
    ]


def experts() -> list[Expert]:
    """Active people with expertise tags, each with the city they answer for (if any)."""
    people = (
        User.objects.filter(is_active=True)
        .exclude(expertise="")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(
                    organisation__jurisdiction__isnull=False
                ).select_related("organisation"),
            )
        )
        .order_by("pk")
    )
    found = []
    for person in people:
        cities = [m.organisation.jurisdiction_id for m in person.memberships.all()]
        found.append(
            Expert(
                user_id=person.pk,
                name=person.display_name,
                tags=tuple(person.expertise_tags),
                city_id=cities[0] if cities else None,
            )
        )
    return found


def routing_for(help_request: HelpRequest, *, limit: int = 8) -> Routing:
    """Suggested peer cities (with the people who can answer for them) and experts, each with
    the reasons the engine gave."""
    facts = request_facts(help_request)
    city_suggestions = rank_cities(facts, city_evidence(facts), limit=limit)
    expert_suggestions = rank_experts(facts, experts(), limit=limit)
    city_ids = [s.key for s in city_suggestions]
    jurisdictions = Jurisdiction.objects.in_bulk(city_ids)
    contacts: dict[int, list[User]] = {}
    memberships = (
        Membership.objects.filter(
            organisation__jurisdiction_id__in=city_ids,
            role__in=[MembershipRole.EDITOR, MembershipRole.ADMIN],
            user__is_active=True,
        )
        .select_related("user", "organisation")
        .order_by("user__full_name", "user__pk")
    )
    for membership in memberships:
        city_id = membership.organisation.jurisdiction_id
        if city_id is not None:
            contacts.setdefault(city_id, []).append(membership.user)
    users = User.objects.in_bulk([s.key for s in expert_suggestions])
    return Routing(
        cities=[
            CityRoute(s, jurisdictions[s.key], contacts.get(s.key, []))
            for s in city_suggestions
            if s.key in jurisdictions
        ],
        experts=[ExpertRoute(s, users[s.key]) for s in expert_suggestions if s.key in users],
    )


# --- the published library ----------------------------------------------------------------------


def published_entries() -> QuerySet[HelpRequest]:
    return (
        HelpRequest.objects.filter(status=RequestStatus.PUBLISHED)
        .select_related("jurisdiction", "area")
        .order_by("-published_at", "-pk")
    )


def qa_entry(pk) -> HelpRequest:
    """A published Q&A (public); 404 for any request that is not published."""
    entry = (
        published_entries()
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.filter(is_accepted=True).select_related(
                    "author", "jurisdiction"
                ),
                to_attr="accepted_answers",
            ),
            Prefetch("linked_solutions", queryset=Solution.objects.select_related("owner")),
            "involved_cities",
        )
        .filter(pk=pk)
        .first()
    )
    if entry is None:
        raise Http404("No such Q&A.")
    return entry


def qa_for_city(jurisdiction) -> list[HelpRequest]:
    """Published Q&As that involve a city (asked, answered or linked): the profile panel."""
    return list(
        published_entries()
        .filter(involved_cities=jurisdiction)
        .select_related(None)
        .only("pk", "title", "is_demo", "published_at")[:10]
    )


def qa_for_criteria(keys: set[str], *, version_id: int) -> list[HelpRequest]:
    """Published Q&As about these criteria of one framework version: the roadmap panel."""
    if not keys:
        return []
    return list(
        published_entries()
        .filter(criterion__version_id=version_id, criterion__key__in=sorted(keys))
        .select_related(None)
        .select_related("criterion")
        .only("pk", "title", "is_demo", "published_at", "criterion__key", "criterion__title")[:10]
    )
