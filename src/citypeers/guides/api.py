"""JSON API for guides, mounted under /api/v1/ by citypeers.api.urls.

The same selectors (so the same 404s and 403s) and services (so the same rules and messages)
as the pages. Section updates honour `If-Match`: a stale save is merged when the edits touched
different lines, else refused with 409 and the current version."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.urls import reverse
from ninja import Router, Status
from ninja.pagination import paginate

from citypeers.accounts.models import User
from citypeers.core.api.auth import REQUIRED_AUTH, current_user
from citypeers.core.api.pagination import MappedQuerySet, PagePagination
from citypeers.core.api.versions import StaleEditOut, expected_version, set_etag
from citypeers.directory.selectors import jurisdiction_by_key
from citypeers.guides import selectors, services
from citypeers.guides.engine.text import diff_lines
from citypeers.guides.permissions import can_view_draft
from citypeers.guides.schemas import (
    GuideBlockIn,
    GuideChapterIn,
    GuideChapterOut,
    GuideCommentIn,
    GuideCommentOut,
    GuideDecisionIn,
    GuideEditionIn,
    GuideEditionOut,
    GuideEditionSummaryOut,
    GuideIn,
    GuideInvitationAnswerIn,
    GuideListOut,
    GuideMemberIn,
    GuideMemberOut,
    GuideOut,
    GuidePatch,
    GuideResolveIn,
    GuideReviewerIn,
    GuideRevisionDetailOut,
    GuideRevisionOut,
    GuideSectionIn,
    GuideSectionOut,
    GuideSectionSaveOut,
    GuideSectionUpdateIn,
)
from citypeers.knowledge.models import ChallengeArea, Solution
from citypeers.workshops.models import Insight

router = Router(tags=["guides"])


def _list_out(guide) -> dict:
    edition = guide.current_edition
    return {
        "slug": guide.slug,
        "title": guide.title,
        "area": guide.area.slug,
        "url": guide.get_absolute_url(),
        "current_edition": edition.number if edition else None,
        "published_at": edition.published_at if edition else None,
        "is_demo": guide.is_demo,
    }


def _member_out(member) -> dict:
    return {
        "id": member.pk,
        "name": str(member.user),
        "role": member.role,
        "status": member.status,
        "city": member.jurisdiction.slug if member.jurisdiction_id else None,
        "organisation": member.organisation.name if member.organisation_id else None,
    }


def _section_out(section) -> dict:
    return {
        "id": section.pk,
        "title": section.title,
        "body": section.body,
        "version": section.version,
        "blocks": [
            {
                "kind": b.kind,
                "title": b.title,
                "solution": b.solution.slug if b.solution_id else None,
                "insight": b.insight.slug if b.insight_id else None,
                "items": b.items,
                "url": b.url,
                "file": reverse(
                    "guides:file",
                    kwargs={"slug": section.chapter.guide.slug, "pk": b.attachment_id},
                )
                if b.attachment_id
                else None,
                "note": b.note,
            }
            for b in section.blocks.all()
        ],
    }


def _guide_out(user, guide) -> dict:
    draft = None
    if can_view_draft(user, guide):
        draft = [
            {"id": c.pk, "title": c.title, "sections": [_section_out(s) for s in c.sections.all()]}
            for c in selectors.draft_chapters(guide)
        ]
    return {
        **_list_out(guide),
        "purpose": guide.purpose,
        "audience": guide.audience,
        "criteria_keys": guide.criteria_keys,
        "required_approvals": guide.required_approvals,
        "outside_approval_required": guide.outside_approval_required,
        "version": guide.version,
        "members": [_member_out(m) for m in selectors.consortium(guide)],
        "editions": [_edition_summary(e) for e in selectors.editions_of(user, guide)],
        "draft": draft,
    }


def _edition_summary(edition) -> dict:
    return {
        "number": edition.number,
        "status": edition.status,
        "published_at": edition.published_at,
        "release_notes": edition.release_notes,
    }


def _edition_out(user, edition) -> dict:
    missing = list(selectors.readiness_for(user, edition).missing)
    return {
        **_edition_summary(edition),
        "guide": edition.guide.slug,
        "content": edition.content,
        "reviews": [
            {
                "reviewer": str(r.reviewer),
                "affiliation": r.affiliation,
                "outside_consortium": r.outside_consortium,
                "decision": r.decision,
                "note": r.note,
                "decided_at": r.decided_at,
            }
            for r in selectors.reviews_of(edition)
        ],
        "comments": [
            {
                "id": c.pk,
                "author": str(c.author) if c.author else None,
                "section_id": c.section_id_in_edition,
                "section_title": c.section_title,
                "body": c.body,
                "resolved": c.resolved_at is not None,
                "resolution": c.resolution,
            }
            for c in selectors.comments_of(edition)
        ],
        "missing_for_publication": missing if edition.status == "in_review" else [],
        "citation": selectors.citation(edition),
    }


def _user_by_email(email: str, field: str) -> User:
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError({field: [f"No CityPeers account uses “{email}”."]})
    return user


def _area(slug: str) -> ChallengeArea:
    area = ChallengeArea.objects.filter(slug=slug[:80]).first()
    if area is None:
        raise ValidationError({"area": [f"No challenge area “{slug}”."]})
    return area


@router.get("/guides", response=list[GuideListOut], url_name="guide_list")
@paginate(PagePagination)
def list_guides(request, area: str = "", mine: bool = False):
    """Published guides, and the drafts you work on; `?area=` a challenge area's slug."""
    user = current_user(request)
    return MappedQuerySet(selectors.guide_list(user, area=area[:80], mine=mine), _list_out)


@router.post("/guides", response={201: GuideOut}, auth=REQUIRED_AUTH, url_name="guide_create")
def create_guide(request, payload: GuideIn):
    """Start a guide (network organisers and city editors); you become its lead."""
    user = request.auth
    selectors.require_guide_creator(user)
    lead_city = None
    if payload.lead_city:
        try:
            lead_city = jurisdiction_by_key(payload.lead_city)
        except Http404:
            raise ValidationError({"lead_city": [f"No city “{payload.lead_city}”."]}) from None
    guide = services.create_guide(
        actor=user,
        title=payload.title,
        purpose=payload.purpose,
        audience=payload.audience,
        area=_area(payload.area),
        criteria_keys=[k[:80] for k in payload.criteria_keys],
        lead_city=lead_city,
        required_approvals=payload.required_approvals,
        outside_approval_required=payload.outside_approval_required,
    )
    return Status(201, _guide_out(user, selectors.guide_for_user(user, guide.slug)))


@router.get("/guides/{slug}", response=GuideOut, url_name="guide_detail")
def get_guide(request, slug: str, response: HttpResponse):
    """A guide; `draft` holds the working draft for its consortium. `ETag` is its version."""
    user = current_user(request)
    guide = selectors.guide_for_user(user, slug)
    set_etag(response, guide.version)
    return _guide_out(user, guide)


@router.patch(
    "/guides/{slug}",
    response={200: GuideOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="guide_update",
)
def update_guide(request, slug: str, payload: GuidePatch, response: HttpResponse):
    """Change a guide's details (its lead and the organisers); `If-Match` refuses a stale copy."""
    user = request.auth
    guide = selectors.guide_for_user(user, slug, manage=True)
    changes = payload.dict(exclude_unset=True)
    version = expected_version(request, changes.pop("version", None))
    if changes.get("area") is not None:
        changes["area"] = _area(changes["area"])
    for name in ("title", "purpose", "audience", "area", "required_approvals"):
        if name in changes and changes[name] is None:
            raise ValidationError({name: ["This field cannot be empty."]})
    services.update_guide(actor=user, guide=guide, expected_version=version, **changes)
    guide = selectors.guide_for_user(user, slug)
    set_etag(response, guide.version)
    return _guide_out(user, guide)


@router.post(
    "/guides/{slug}/members",
    response={201: GuideMemberOut},
    auth=REQUIRED_AUTH,
    url_name="guide_member_invite",
)
def invite_member(request, slug: str, payload: GuideMemberIn):
    """Invite a person by email to the consortium with a role; they are notified."""
    user = request.auth
    guide = selectors.guide_for_user(user, slug, manage=True)
    invitee = _user_by_email(payload.email, "email")
    member = services.invite_member(actor=user, guide=guide, user=invitee, role=payload.role)
    return Status(201, _member_out(member))


@router.post(
    "/guides/{slug}/invitations/{member_id}",
    response=GuideMemberOut,
    auth=REQUIRED_AUTH,
    url_name="guide_invitation_answer",
)
def answer_invitation(request, slug: str, member_id: int, payload: GuideInvitationAnswerIn):
    member = selectors.invitation_for_user(request.auth, slug, member_id)
    return _member_out(
        services.answer_invitation(actor=request.auth, member=member, accept=payload.accept)
    )


@router.post(
    "/guides/{slug}/chapters",
    response={201: GuideChapterOut},
    auth=REQUIRED_AUTH,
    url_name="guide_chapter_create",
)
def create_chapter(request, slug: str, payload: GuideChapterIn):
    guide = selectors.guide_for_user(request.auth, slug, for_edit=True)
    chapter = services.add_chapter(actor=request.auth, guide=guide, title=payload.title)
    return Status(201, {"id": chapter.pk, "title": chapter.title, "sections": []})


@router.post(
    "/guides/{slug}/chapters/{chapter_id}/sections",
    response={201: GuideSectionOut},
    auth=REQUIRED_AUTH,
    url_name="guide_section_create",
)
def create_section(request, slug: str, chapter_id: int, payload: GuideSectionIn):
    guide = selectors.guide_for_user(request.auth, slug, for_edit=True)
    chapter = selectors.chapter_for_user(request.auth, guide, chapter_id)
    chapter.guide = guide
    section = services.add_section(
        actor=request.auth, chapter=chapter, title=payload.title, body=payload.body
    )
    return Status(201, _section_out(section))


@router.get(
    "/guides/{slug}/sections/{section_id}",
    response=GuideSectionOut,
    auth=REQUIRED_AUTH,
    url_name="guide_section_detail",
)
def get_section(request, slug: str, section_id: int, response: HttpResponse):
    section = selectors.section_for_user(request.auth, slug, section_id)
    set_etag(response, section.version)
    return _section_out(section)


@router.put(
    "/guides/{slug}/sections/{section_id}",
    response={200: GuideSectionSaveOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="guide_section_update",
)
def update_section(
    request, slug: str, section_id: int, payload: GuideSectionUpdateIn, response: HttpResponse
):
    """Save a section as a new revision. From an older version (`If-Match` or `version`), the
    two edits are merged when they touched different lines (`merged: true`), else 409."""
    section = selectors.section_for_user(request.auth, slug, section_id, for_edit=True)
    version = expected_version(request, payload.version)
    section, merged = services.save_section(
        actor=request.auth,
        section=section,
        title=payload.title,
        body=payload.body,
        expected_version=version,
    )
    set_etag(response, section.version)
    return {**_section_out(section), "merged": merged}


@router.get(
    "/guides/{slug}/sections/{section_id}/revisions",
    response=list[GuideRevisionOut],
    auth=REQUIRED_AUTH,
    url_name="guide_revision_list",
)
@paginate(PagePagination)
def list_revisions(request, slug: str, section_id: int):
    section = selectors.section_for_user(request.auth, slug, section_id)
    return MappedQuerySet(selectors.revisions(section), _revision_out)


def _revision_out(revision) -> dict:
    return {
        "number": revision.number,
        "title": revision.title,
        "author": str(revision.author) if revision.author else None,
        "created_at": revision.created_at,
        "summary": revision.summary,
        "merged": revision.merged,
    }


@router.get(
    "/guides/{slug}/sections/{section_id}/revisions/{number}",
    response=GuideRevisionDetailOut,
    auth=REQUIRED_AUTH,
    url_name="guide_revision_detail",
)
def get_revision(request, slug: str, section_id: int, number: int):
    """One revision with its line diff against the revision before it."""
    section = selectors.section_for_user(request.auth, slug, section_id)
    revision, previous = selectors.revision_pair(section, number)
    lines = diff_lines(previous.body if previous else "", revision.body)
    return {
        **_revision_out(revision),
        "body": revision.body,
        "diff": [{"op": line.op, "text": line.text} for line in lines],
    }


@router.post(
    "/guides/{slug}/sections/{section_id}/blocks",
    response={201: GuideSectionOut},
    auth=REQUIRED_AUTH,
    url_name="guide_block_create",
)
def create_block(request, slug: str, section_id: int, payload: GuideBlockIn):
    """Add a case study (`solution` slug), an insight (`insight` slug), a checklist (`items`)
    or a resource (`url`) after the section's text."""
    section = selectors.section_for_user(request.auth, slug, section_id, for_edit=True)
    solution = insight = None
    if payload.solution:
        solution = Solution.objects.filter(slug=payload.solution).first()
        if solution is None:
            raise ValidationError({"solution": [f"No solution “{payload.solution}”."]})
    if payload.insight:
        insight = Insight.objects.filter(slug=payload.insight).first()
        if insight is None:
            raise ValidationError({"insight": [f"No insight “{payload.insight}”."]})
    services.add_block(
        actor=request.auth,
        section=section,
        kind=payload.kind,
        title=payload.title,
        solution=solution,
        insight=insight,
        items=payload.items,
        url=payload.url,
        note=payload.note,
    )
    section = selectors.section_for_user(request.auth, slug, section_id)
    return Status(201, _section_out(section))


@router.get(
    "/guides/{slug}/editions", response=list[GuideEditionSummaryOut], url_name="guide_edition_list"
)
def list_editions(request, slug: str):
    """Published editions; every edition for the consortium."""
    user = current_user(request)
    guide = selectors.guide_for_user(user, slug)
    return [_edition_summary(e) for e in selectors.editions_of(user, guide)]


@router.post(
    "/guides/{slug}/editions",
    response={201: GuideEditionOut},
    auth=REQUIRED_AUTH,
    url_name="guide_edition_create",
)
def create_edition(request, slug: str, payload: GuideEditionIn):
    """Freeze the working draft as the next edition and ask the named reviewers (emails)."""
    user = request.auth
    guide = selectors.guide_for_user(user, slug, manage=True)
    reviewers = [_user_by_email(email, "reviewers") for email in payload.reviewers]
    edition = services.cut_edition(
        actor=user,
        guide=guide,
        release_notes=payload.release_notes,
        major=payload.major,
        reviewers=reviewers,
    )
    return Status(201, _edition_out(user, selectors.edition_for_user(user, slug, edition.number)))


@router.get(
    "/guides/{slug}/editions/{number}", response=GuideEditionOut, url_name="guide_edition_detail"
)
def get_edition(request, slug: str, number: str):
    """An edition's frozen content, reviews, comments and what publication still needs."""
    user = current_user(request)
    return _edition_out(user, selectors.edition_for_user(user, slug, number[:11]))


@router.post(
    "/guides/{slug}/editions/{number}/reviewers",
    response=GuideEditionOut,
    auth=REQUIRED_AUTH,
    url_name="guide_reviewer_add",
)
def add_reviewer(request, slug: str, number: str, payload: GuideReviewerIn):
    user = request.auth
    edition = selectors.edition_for_user(user, slug, number[:11], manage=True)
    services.add_reviewer(
        actor=user, edition=edition, reviewer=_user_by_email(payload.email, "email")
    )
    return _edition_out(user, selectors.edition_for_user(user, slug, number[:11]))


@router.post(
    "/guides/{slug}/editions/{number}/review",
    response=GuideEditionOut,
    auth=REQUIRED_AUTH,
    url_name="guide_review",
)
def review_edition(request, slug: str, number: str, payload: GuideDecisionIn):
    """A reviewer asked for this edition approves or requests changes (with a note)."""
    user = request.auth
    edition = selectors.edition_for_user(user, slug, number[:11], review=True)
    services.decide_review(
        actor=user, edition=edition, decision=payload.decision, note=payload.note
    )
    return _edition_out(user, selectors.edition_for_user(user, slug, number[:11]))


@router.post(
    "/guides/{slug}/editions/{number}/comments",
    response={201: GuideCommentOut},
    auth=REQUIRED_AUTH,
    url_name="guide_comment_create",
)
def comment_edition(request, slug: str, number: str, payload: GuideCommentIn):
    user = request.auth
    edition = selectors.edition_for_user(user, slug, number[:11], comment=True)
    comment = services.comment_on_edition(
        actor=user, edition=edition, body=payload.body, section_id=payload.section_id
    )
    return Status(201, _comment_out(comment))


def _comment_out(comment) -> dict:
    return {
        "id": comment.pk,
        "author": str(comment.author) if comment.author else None,
        "section_id": comment.section_id_in_edition,
        "section_title": comment.section_title,
        "body": comment.body,
        "resolved": comment.resolved_at is not None,
        "resolution": comment.resolution,
    }


@router.post(
    "/guides/{slug}/editions/{number}/comments/{comment_id}/resolve",
    response=GuideCommentOut,
    auth=REQUIRED_AUTH,
    url_name="guide_comment_resolve",
)
def resolve_comment(request, slug: str, number: str, comment_id: int, payload: GuideResolveIn):
    user = request.auth
    edition = selectors.edition_for_user(user, slug, number[:11], manage=True)
    comment = selectors.comment_for_user(user, edition, comment_id)
    return _comment_out(
        services.resolve_comment(actor=user, comment=comment, resolution=payload.resolution)
    )


@router.post(
    "/guides/{slug}/editions/{number}/publish",
    response=GuideEditionOut,
    auth=REQUIRED_AUTH,
    url_name="guide_edition_publish",
)
def publish_edition(request, slug: str, number: str):
    """Publish when the review rules are met; otherwise 400 naming every missing approval."""
    user = request.auth
    edition = selectors.edition_for_user(user, slug, number[:11], manage=True)
    services.publish_edition(actor=user, edition=edition)
    return _edition_out(user, selectors.edition_for_user(user, slug, number[:11]))


@router.post(
    "/guides/{slug}/editions/{number}/withdraw",
    response=GuideEditionOut,
    auth=REQUIRED_AUTH,
    url_name="guide_edition_withdraw",
)
def withdraw_edition(request, slug: str, number: str):
    user = request.auth
    edition = selectors.edition_for_user(user, slug, number[:11], manage=True)
    services.withdraw_edition(actor=user, edition=edition)
    return _edition_out(user, selectors.edition_for_user(user, slug, number[:11]))
