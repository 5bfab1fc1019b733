"""JSON API for convenings, mounted under /api/v1/ by citypeers.api.urls.

Same selectors, permissions and services as the pages: a 404 for what the caller may not see,
a 403 for what they may see but not change, a 409 for a stale `version`.
"""

from django.core.exceptions import ValidationError
from ninja import Status
from ninja.pagination import paginate

from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import Organisation
from citypeers.convenings import selectors
from citypeers.convenings.api import (
    networking,  # noqa: F401 - registers its operations on `router`
    programme,  # noqa: F401 - registers its operations on `router`
)
from citypeers.convenings.api.routing import router
from citypeers.convenings.engine.composition import is_complete
from citypeers.convenings.models import Commitment
from citypeers.convenings.schemas import (
    CommitmentIn,
    CommitmentOut,
    ConveningIn,
    ConveningOut,
    ConveningPatch,
    ConveningTransitionIn,
    DelegationOut,
    ExceptionIn,
    InviteIn,
    OfficialIn,
    PartnerIn,
    ProgressIn,
    VersionIn,
)
from citypeers.convenings.services import commitments as commitment_service
from citypeers.convenings.services import convenings as convening_service
from citypeers.convenings.services import delegations as delegation_service
from citypeers.core.api.auth import REQUIRED_AUTH, current_user
from citypeers.core.api.lookup import get_or_404
from citypeers.core.api.pagination import PagePagination
from citypeers.core.api.versions import StaleEditOut
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge.models import Solution
from citypeers.workshops.models import Insight


def _city(slug: str, field: str = "host") -> Jurisdiction:
    city = Jurisdiction.objects.filter(slug=slug).first()
    if city is None:
        raise ValidationError({field: f"No city “{slug}” in the directory."})
    return city


def _delegation_out(delegation):
    checks = selectors.delegation_checks(delegation)
    return {
        "city": delegation.jurisdiction,
        "status": delegation.status,
        "version": delegation.version,
        "complete": is_complete(checks),
        "rules": [
            {
                "code": c.code,
                "label": c.label,
                "status": c.status,
                "detail": c.detail,
                "waived_reason": c.waived_reason,
            }
            for c in checks
        ],
        "delegates": list(delegation.delegates.select_related("organisation")),
        "url": delegation.get_absolute_url(),
    }


@router.get("/convenings", response=list[ConveningOut], url_name="convenings_list")
@paginate(PagePagination)
def list_convenings(request):
    return (
        selectors.convenings_visible_to(current_user(request))
        .prefetch_related("rooms")
        .order_by("-starts_on", "pk")
    )


@router.post(
    "/convenings", response={201: ConveningOut}, auth=REQUIRED_AUTH, url_name="convening_create"
)
def create_convening(request, payload: ConveningIn):
    data = payload.dict()
    data["host"] = _city(data["host"])
    convening = convening_service.create_convening(actor=request.auth, **data)
    return Status(201, convening)


@router.get("/convenings/{slug}", response=ConveningOut, url_name="convening_detail")
def get_convening(request, slug: str):
    return selectors.convening_for_user(current_user(request), slug)


@router.patch(
    "/convenings/{slug}",
    response={200: ConveningOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="convening_update",
)
def update_convening(request, slug: str, payload: ConveningPatch):
    convening = selectors.convening_for_user(request.auth, slug, for_edit=True)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    if "host" in changes:
        changes["host"] = _city(changes["host"])
    return convening_service.update_convening(
        convening=convening, actor=request.auth, version=version, **changes
    )


@router.post(
    "/convenings/{slug}/transition",
    response=ConveningOut,
    auth=REQUIRED_AUTH,
    url_name="convening_transition",
)
def transition_convening(request, slug: str, payload: ConveningTransitionIn):
    convening = selectors.convening_for_user(request.auth, slug, for_edit=True)
    return convening_service.transition_convening(
        convening=convening, to_state=payload.to_state, actor=request.auth, note=payload.note
    )


@router.post(
    "/convenings/{slug}/invitations",
    response=list[DelegationOut],
    auth=REQUIRED_AUTH,
    url_name="convening_invite",
)
def invite_cities(request, slug: str, payload: InviteIn):
    convening = selectors.convening_for_user(request.auth, slug, for_edit=True)
    cities = [_city(key, "cities") for key in payload.cities]
    created = convening_service.invite_cities(
        convening=convening, actor=request.auth, jurisdictions=cities
    )
    return [_delegation_out(d) for d in created]


@router.get(
    "/convenings/{slug}/delegations/{city}",
    response=DelegationOut,
    auth=REQUIRED_AUTH,
    url_name="delegation_detail",
)
def get_delegation(request, slug: str, city: str):
    convening = selectors.convening_for_user(request.auth, slug)
    return _delegation_out(selectors.delegation_for_user(request.auth, convening, city))


@router.post(
    "/convenings/{slug}/delegations/{city}/officials",
    response={201: DelegationOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="delegation_add_official",
)
def add_official(request, slug: str, city: str, payload: OfficialIn):
    convening = selectors.convening_for_user(request.auth, slug)
    delegation = selectors.delegation_for_user(request.auth, convening, city, for_edit=True)
    delegation_service.add_official(delegation=delegation, actor=request.auth, **payload.dict())
    return Status(201, _delegation_out(delegation))


@router.post(
    "/convenings/{slug}/delegations/{city}/partners",
    response={201: DelegationOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="delegation_invite_partner",
)
def invite_partner(request, slug: str, city: str, payload: PartnerIn):
    convening = selectors.convening_for_user(request.auth, slug)
    delegation = selectors.delegation_for_user(request.auth, convening, city, for_edit=True)
    data = payload.dict()
    data["organisation"] = Organisation.objects.filter(
        slug=data["organisation"], kind=OrganisationKind.PARTNER
    ).first()
    delegation_service.invite_partner(delegation=delegation, actor=request.auth, **data)
    return Status(201, _delegation_out(delegation))


@router.post(
    "/convenings/{slug}/delegations/{city}/submit",
    response={200: DelegationOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="delegation_submit",
)
def submit_delegation(request, slug: str, city: str, payload: VersionIn):
    convening = selectors.convening_for_user(request.auth, slug)
    delegation = selectors.delegation_for_user(request.auth, convening, city, for_edit=True)
    submitted = delegation_service.submit_delegation(
        delegation=delegation, actor=request.auth, version=payload.version
    )
    return _delegation_out(submitted)


@router.post(
    "/convenings/{slug}/delegations/{city}/exceptions",
    response=DelegationOut,
    auth=REQUIRED_AUTH,
    url_name="delegation_exception",
)
def grant_exception(request, slug: str, city: str, payload: ExceptionIn):
    convening = selectors.convening_for_user(request.auth, slug)
    delegation = selectors.delegation_for_user(request.auth, convening, city, for_edit=True)
    delegation_service.grant_exception(
        delegation=delegation, actor=request.auth, rule=payload.rule, reason=payload.reason
    )
    delegation.refresh_from_db()
    return _delegation_out(delegation)


# ---- follow-up --------------------------------------------------------------------------------


def _commitments(queryset):
    return queryset.select_related(
        "delegation__jurisdiction", "solution", "insight"
    ).prefetch_related("reports")


@router.get(
    "/convenings/{slug}/delegations/{city}/commitments",
    response=list[CommitmentOut],
    auth=REQUIRED_AUTH,
    url_name="commitments_list",
)
@paginate(PagePagination)
def list_commitments(request, slug: str, city: str):
    convening = selectors.convening_for_user(request.auth, slug)
    delegation = selectors.delegation_for_user(request.auth, convening, city)
    return _commitments(delegation.commitments.order_by("due_on", "pk"))


@router.post(
    "/convenings/{slug}/delegations/{city}/commitments",
    response={201: CommitmentOut},
    auth=REQUIRED_AUTH,
    url_name="commitment_create",
)
def create_commitment(request, slug: str, city: str, payload: CommitmentIn):
    convening = selectors.convening_for_user(request.auth, slug)
    delegation = selectors.delegation_for_user(request.auth, convening, city, for_edit=True)
    data = payload.dict()
    data["solution"] = _linked(Solution, data["solution"], "solution")
    data["insight"] = _linked(Insight, data["insight"], "insight")
    commitment = commitment_service.create_commitment(
        delegation=delegation, actor=request.auth, **data
    )
    return Status(201, _commitments(delegation.commitments).get(pk=commitment.pk))


def _linked(model, slug, field):
    if not slug:
        return None
    found = model.objects.filter(slug=slug).first()
    if found is None:
        raise ValidationError({field: f"No {field} “{slug}”."})
    return found


@router.post(
    "/convenings/{slug}/delegations/{city}/commitments/{pk}/progress",
    response={200: CommitmentOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="commitment_progress",
)
def report_progress(request, slug: str, city: str, pk: int, payload: ProgressIn):
    convening = selectors.convening_for_user(request.auth, slug)
    delegation = selectors.delegation_for_user(request.auth, convening, city, for_edit=True)
    commitment = get_or_404(delegation.commitments, pk=pk)
    commitment_service.report_progress(commitment=commitment, actor=request.auth, **payload.dict())
    return _commitments(delegation.commitments).get(pk=pk)


@router.get(
    "/convenings/{slug}/commitments",
    response=list[CommitmentOut],
    auth=REQUIRED_AUTH,
    url_name="convening_commitments",
)
@paginate(PagePagination)
def follow_up_list(request, slug: str, status: str = ""):
    """Every commitment of the convening, for organisers (the follow-up board as data)."""
    convening = selectors.convening_for_user(request.auth, slug, for_edit=True)
    queryset = _commitments(
        Commitment.objects.filter(delegation__convening=convening).order_by("due_on", "pk")
    )
    return queryset.filter(status=status) if status else queryset
