"""Reads of guides for a user. Lookups raise the same 404 for "missing" and "not yours", and
403 with the reason where the user may read the guide but not do the action."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from citypeers.accounts.permissions import can_organise_network, is_site_admin
from citypeers.guides.engine.review import Review, ReviewRules, readiness
from citypeers.guides.enums import WRITING_ROLES, EditionStatus, MemberStatus
from citypeers.guides.models import (
    Block,
    Chapter,
    Edition,
    Guide,
    GuideFile,
    GuideMember,
    ReviewComment,
    Revision,
    Section,
)
from citypeers.guides.permissions import (
    can_comment_edition,
    can_create_guide,
    can_manage_edition,
    can_manage_guide,
    can_review_edition,
    can_view_draft,
    can_view_edition,
    can_write_guide,
    consortium_roles,
)
from citypeers.knowledge.models import Solution
from citypeers.workshops.models import Insight


def guides_visible_to(user) -> QuerySet[Guide]:
    """Published guides for everyone; drafts for their consortium and the organisers."""
    guides = Guide.objects.all()
    if can_organise_network(user) or is_site_admin(user):
        return guides
    published = Q(current_edition__isnull=False)
    if not getattr(user, "is_authenticated", False):
        return guides.filter(published)
    mine = Q(members__user=user, members__status=MemberStatus.ACCEPTED)
    reviewing = Q(editions__reviews__reviewer=user)
    return guides.filter(published | mine | reviewing).distinct()


def guide_list(user, *, area: str = "", mine: bool = False) -> QuerySet[Guide]:
    guides = guides_visible_to(user).select_related("area", "current_edition")
    if area:
        guides = guides.filter(Q(area__slug=area) | Q(area__parent__slug=area))
    if mine and getattr(user, "is_authenticated", False):
        guides = guides.filter(members__user=user).distinct()
    return guides.prefetch_related(
        Prefetch(
            "members",
            queryset=GuideMember.objects.filter(status=MemberStatus.ACCEPTED).select_related(
                "user", "jurisdiction", "organisation"
            ),
            to_attr="consortium",
        )
    ).order_by("title", "pk")


def my_invitations(user) -> QuerySet[GuideMember]:
    if not getattr(user, "is_authenticated", False):
        return GuideMember.objects.none()
    return GuideMember.objects.filter(user=user, status=MemberStatus.INVITED).select_related(
        "guide", "invited_by"
    )


def _preload_roles(guide: Guide) -> Guide:
    consortium_roles(guide)
    return guide


def guide_for_user(user, slug: str, *, for_edit: bool = False, manage: bool = False) -> Guide:
    """A guide the user may read. `for_edit`: its writers only; `manage`: its lead and the
    organisers. Either refusal is a 403 with the reason for someone who can read it."""
    guide = (
        guides_visible_to(user)
        .select_related("area", "current_edition", "created_by")
        .filter(slug=slug)
        .first()
    )
    if guide is None:
        raise Http404("No such guide.")
    _preload_roles(guide)
    if for_edit and not can_write_guide(user, guide):
        raise PermissionDenied("Only the guide's lead, authors and editors write it.")
    if manage and not can_manage_guide(user, guide):
        raise PermissionDenied("Only the guide's lead and the network organisers manage it.")
    return guide


def draft_for_user(user, slug: str) -> Guide:
    guide = guide_for_user(user, slug)
    if not can_view_draft(user, guide):
        raise PermissionDenied("The working draft is for the guide's consortium.")
    return guide


def require_guide_creator(user) -> None:
    if not can_create_guide(user):
        raise PermissionDenied("Network organisers and city editors start guides.")


def consortium(guide: Guide) -> list[GuideMember]:
    return list(
        guide.members.select_related("user", "jurisdiction", "organisation").order_by(
            "status", "role", "pk"
        )
    )


def draft_chapters(guide: Guide) -> list[Chapter]:
    return list(
        guide.chapters.select_related("lead_city").prefetch_related(
            Prefetch(
                "sections",
                queryset=Section.objects.select_related("updated_by").prefetch_related(
                    Prefetch(
                        "blocks",
                        queryset=Block.objects.select_related(
                            "solution__owner", "insight", "attachment"
                        ),
                    )
                ),
            )
        )
    )


def chapter_for_user(user, guide: Guide, pk: int) -> Chapter:
    chapter = guide.chapters.filter(pk=pk).first()
    if chapter is None:
        raise Http404("No such chapter.")
    if not can_write_guide(user, guide):
        raise PermissionDenied("Only the guide's lead, authors and editors write it.")
    return chapter


def section_for_user(user, slug: str, pk: int, *, for_edit: bool = False) -> Section:
    guide = draft_for_user(user, slug)
    section = (
        Section.objects.select_related("chapter", "updated_by")
        .filter(pk=pk, chapter__guide=guide)
        .first()
    )
    if section is None:
        raise Http404("No such section.")
    section.chapter.guide = guide
    if for_edit and not can_write_guide(user, guide):
        raise PermissionDenied("Only the guide's lead, authors and editors write it.")
    return section


def block_for_user(user, slug: str, pk: int) -> Block:
    guide = draft_for_user(user, slug)
    block = (
        Block.objects.select_related("section__chapter")
        .filter(pk=pk, section__chapter__guide=guide)
        .first()
    )
    if block is None:
        raise Http404("No such block.")
    block.section.chapter.guide = guide
    if not can_write_guide(user, guide):
        raise PermissionDenied("Only the guide's lead, authors and editors write it.")
    return block


def revisions(section: Section) -> QuerySet[Revision]:
    return section.revisions.select_related("author").order_by("-number")


def revision_pair(section: Section, number: int) -> tuple[Revision, Revision | None]:
    """A revision and the one before it (None for the first)."""
    found = {r.number: r for r in section.revisions.filter(number__in=[number, number - 1])}
    if number not in found:
        raise Http404("No such revision.")
    return found[number], found.get(number - 1)


def invitation_for_user(user, slug: str, pk: int) -> GuideMember:
    if not getattr(user, "is_authenticated", False):
        raise Http404("No such invitation.")
    member = (
        GuideMember.objects.select_related("guide")
        .filter(pk=pk, guide__slug=slug, user_id=user.pk)
        .first()
    )
    if member is None or member.status != MemberStatus.INVITED:
        raise Http404("No such invitation.")
    return member


def _parse_number(number: str) -> tuple[int, int] | None:
    major, _, minor = number.partition(".")
    if not (major.isdigit() and minor.isdigit()) or len(number) > 11:
        return None
    return int(major), int(minor)


def edition_for_user(
    user,
    slug: str,
    number: str,
    *,
    review: bool = False,
    manage: bool = False,
    comment: bool = False,
) -> Edition:
    parsed = _parse_number(number)
    edition = None
    if parsed is not None:
        edition = (
            Edition.objects.select_related("guide__area", "guide__current_edition", "published_by")
            .filter(guide__slug=slug, major=parsed[0], minor=parsed[1])
            .first()
        )
    if edition is None:
        raise Http404("No such edition.")
    _preload_roles(edition.guide)
    # Read by `permissions.is_asked_to_review` (not a column).
    edition.reviewer_ids = set(edition.reviews.values_list("reviewer_id", flat=True))  # type: ignore[attr-defined]
    if not can_view_edition(user, edition):
        raise Http404("No such edition.")
    if review and not can_review_edition(user, edition):
        raise PermissionDenied(
            "Only a reviewer asked for this edition reviews it, while in review."
        )
    if manage and not can_manage_edition(user, edition):
        raise PermissionDenied("Only the guide's lead and the network organisers do this.")
    if comment and not can_comment_edition(user, edition):
        raise PermissionDenied(
            "Only reviewers and authors comment, while the edition is in review."
        )
    return edition


def comment_for_user(user, edition: Edition, pk: int) -> ReviewComment:
    comment = edition.comments.filter(pk=pk).first()
    if comment is None:
        raise Http404("No such comment.")
    if not can_manage_edition(user, edition):
        raise PermissionDenied("Only the guide's lead resolves comments.")
    return comment


def editions_of(user, guide: Guide) -> list[Edition]:
    """Published editions for everyone; all of them for those who read the draft."""
    editions = guide.editions.select_related("published_by").order_by("-major", "-minor")
    if not can_view_draft(user, guide):
        editions = editions.filter(status=EditionStatus.PUBLISHED)
    return list(editions)


def reviews_of(edition: Edition) -> list:
    return list(edition.reviews.select_related("reviewer").order_by("pk"))


def comments_of(edition: Edition) -> list[ReviewComment]:
    return list(edition.comments.select_related("author", "resolved_by").order_by("pk"))


def edition_chapters(edition: Edition) -> list[dict]:
    """The frozen content with its case studies' solutions (and live outcomes) and insights
    looked up now: two queries whatever the size."""
    chapters = edition.content.get("chapters", [])
    blocks = [b for c in chapters for s in c["sections"] for b in s["blocks"]]
    solution_ids = {b["solution_id"] for b in blocks if b.get("solution_id")}
    insight_ids = {b["insight_id"] for b in blocks if b.get("insight_id")}
    solutions = (
        {
            s.pk: s
            for s in Solution.objects.filter(pk__in=solution_ids)
            .select_related("owner")
            .prefetch_related("outcomes")
        }
        if solution_ids
        else {}
    )
    insights = {i.pk: i for i in Insight.objects.filter(pk__in=insight_ids)} if insight_ids else {}
    out = []
    for c_index, chapter in enumerate(chapters, start=1):
        sections = []
        for s_index, section in enumerate(chapter["sections"], start=1):
            resolved = [
                {
                    **block,
                    "solution": solutions.get(block.get("solution_id")),
                    "insight": insights.get(block.get("insight_id")),
                }
                for block in section["blocks"]
            ]
            sections.append(
                {
                    **section,
                    "number": f"{c_index}.{s_index}",
                    "anchor": f"s{section['id']}",
                    "blocks": resolved,
                }
            )
        out.append(
            {**chapter, "number": c_index, "anchor": f"c{chapter['id']}", "sections": sections}
        )
    return out


def published_guides_for_city(jurisdiction) -> list[Guide]:
    return list(
        Guide.objects.filter(
            current_edition__isnull=False,
            members__jurisdiction=jurisdiction,
            members__status=MemberStatus.ACCEPTED,
        )
        .select_related("area", "current_edition")
        .distinct()
        .order_by("title")
    )


def published_guides_citing(solution) -> list[Guide]:
    return list(
        Guide.objects.filter(current_edition__cited_solutions=solution)
        .select_related("area", "current_edition")
        .order_by("title")
    )


def published_guides_for_area(area) -> list[Guide]:
    return list(
        Guide.objects.filter(current_edition__isnull=False)
        .filter(Q(area=area) | Q(area__parent=area))
        .select_related("area", "current_edition")
        .order_by("title")
    )


def published_guides_for_criteria(keys: set[str]) -> list[tuple[Guide, list[str]]]:
    """Published guides addressing any of these criteria, each with the keys it addresses."""
    if not keys:
        return []
    guides = Guide.objects.filter(current_edition__isnull=False).select_related(
        "area", "current_edition"
    )
    found = []
    for guide in guides.order_by("title"):
        shared = sorted(set(guide.criteria_keys) & keys)
        if shared:
            found.append((guide, shared))
    return found


def credited_reviewers(edition: Edition) -> list:
    return [r for r in reviews_of(edition) if r.decision == "approved"]


def citation(edition: Edition, members: list[GuideMember] | None = None) -> str:
    """How to cite an edition: the consortium's cities, year, title, edition number."""
    members = consortium(edition.guide) if members is None else members
    cities = sorted(
        {
            f"{m.jurisdiction.name}, {m.jurisdiction.state}"
            for m in members
            if m.status == MemberStatus.ACCEPTED and m.jurisdiction is not None
        }
    )
    year = (edition.published_at or edition.created_at).year
    authors = "; ".join(cities) or "CityPeers network"
    return f"{authors} ({year}). {edition.guide.title}, edition {edition.number}. CityPeers."


def readiness_for(user, edition: Edition):
    """What publication still needs, as seen by `user`: if they may publish, their own approval
    does not count; for anyone else, as it stands for the guide's lead."""
    publisher = getattr(user, "pk", None) if can_manage_edition(user, edition) else None
    return edition_readiness(edition, publisher_id=publisher)


def writer_ids(guide: Guide) -> set[int]:
    """The accepted lead, authors and editors: their approvals never count as reviews."""
    return set(
        guide.members.filter(status=MemberStatus.ACCEPTED, role__in=WRITING_ROLES).values_list(
            "user_id", flat=True
        )
    )


def edition_readiness(edition: Edition, *, publisher_id: int | None):
    """What the edition still needs (`guides.engine.review.readiness`), from the database.
    `publisher_id`: who would publish (their own approval does not count), None for anyone."""
    guide = edition.guide
    reviews = [
        Review(
            reviewer_id=r.reviewer_id,
            reviewer_name=str(r.reviewer),
            decision=r.decision,
            outside_consortium=r.outside_consortium,
        )
        for r in edition.reviews.select_related("reviewer")
    ]
    return readiness(
        ReviewRules(guide.required_approvals, guide.outside_approval_required),
        reviews,
        author_ids=frozenset(writer_ids(guide)),
        publisher_id=publisher_id,
        open_comments=edition.comments.filter(resolved_at__isnull=True).count(),
    )


def file_for_user(user, slug: str, pk: int) -> GuideFile:
    """A guide's file for someone who may read the working draft, or an edition that offers
    it (a published one, or one they were asked to review); the same 404 otherwise."""
    guide = guide_for_user(user, slug)
    stored = GuideFile.objects.filter(pk=pk, guide=guide).first()
    if stored is None:
        raise Http404("No such file.")
    if can_view_draft(user, guide):
        return stored
    readable = Q(status=EditionStatus.PUBLISHED)
    if getattr(user, "is_authenticated", False):
        readable |= Q(reviews__reviewer=user)
    for content in guide.editions.filter(readable).values_list("content", flat=True):
        if pk in _file_ids(content):
            return stored
    raise Http404("No such file.")


def _file_ids(content: dict) -> set[int]:
    return {
        block.get("file_id")
        for chapter in content.get("chapters", [])
        for section in chapter["sections"]
        for block in section["blocks"]
        if block.get("file_id")
    }
