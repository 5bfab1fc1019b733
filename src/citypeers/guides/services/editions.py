"""Editions: cut from the working draft, reviewed by named reviewers, published when the
guide's review rules are met (`guides.engine.review`)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from citypeers.accounts.models import User
from citypeers.guides.engine.review import next_edition_number
from citypeers.guides.enums import (
    BlockKind,
    EditionStatus,
    MemberStatus,
    NoticeKind,
    ReviewDecision,
)
from citypeers.guides.indexing import refresh_guide
from citypeers.guides.models import Edition, Guide, GuideMember, ReviewComment, ReviewRequest
from citypeers.guides.permissions import (
    can_comment_edition,
    can_manage_edition,
    can_manage_guide,
    can_review_edition,
)
from citypeers.guides.selectors import edition_readiness, writer_ids
from citypeers.guides.services.common import require
from citypeers.notifications.services import notify


def snapshot(guide: Guide) -> dict:
    """The working draft as plain data: what an edition freezes."""
    chapters = guide.chapters.prefetch_related("sections__blocks__attachment").select_related(
        "lead_city"
    )
    return {
        "chapters": [
            {
                "id": chapter.pk,
                "title": chapter.title,
                "lead_city": f"{chapter.lead_city.name}, {chapter.lead_city.state}"
                if chapter.lead_city
                else "",
                "sections": [
                    {
                        "id": section.pk,
                        "title": section.title,
                        "body": section.body,
                        "revision": section.version,
                        "blocks": [
                            {
                                "kind": block.kind,
                                "title": block.title,
                                "solution_id": block.solution_id,
                                "insight_id": block.insight_id,
                                "items": block.items,
                                "url": block.url,
                                "file_id": block.attachment_id,
                                "file_name": block.attachment.name if block.attachment else "",
                                "note": block.note,
                            }
                            for block in section.blocks.all()
                        ],
                    }
                    for section in chapter.sections.all()
                ],
            }
            for chapter in chapters
        ]
    }


def cited_solution_ids(content: dict) -> set[int]:
    return {
        block["solution_id"]
        for chapter in content.get("chapters", [])
        for section in chapter["sections"]
        for block in section["blocks"]
        if block["kind"] == BlockKind.CASE_STUDY and block.get("solution_id")
    }


def _consortium_city_ids(guide: Guide) -> set[int]:
    return set(
        guide.members.filter(status=MemberStatus.ACCEPTED, jurisdiction__isnull=False).values_list(
            "jurisdiction_id", flat=True
        )
    )


@transaction.atomic
def cut_edition(
    *,
    actor,
    guide: Guide,
    release_notes: str,
    major: bool = False,
    reviewers: list[User] = (),  # type: ignore[assignment]
) -> Edition:
    """Freeze the draft as the next numbered edition and ask the named reviewers."""
    require(can_manage_guide, actor, guide, message="Only the guide's lead cuts an edition.")
    if not release_notes.strip():
        raise ValidationError({"release_notes": "Say what this edition contains or changes."})
    open_edition = guide.editions.filter(status=EditionStatus.IN_REVIEW).first()
    if open_edition is not None:
        raise ValidationError(
            f"Edition {open_edition.number} is still in review: publish or withdraw it first."
        )
    content = snapshot(guide)
    if not any(chapter["sections"] for chapter in content["chapters"]):
        raise ValidationError("Write at least one section before cutting an edition.")
    numbers = list(guide.editions.values_list("major", "minor"))
    major_n, minor_n = next_edition_number(numbers, major=major)
    edition = Edition.objects.create(
        guide=guide,
        major=major_n,
        minor=minor_n,
        release_notes=release_notes.strip(),
        content=content,
        created_by=actor,
    )
    for reviewer in reviewers:
        add_reviewer(actor=actor, edition=edition, reviewer=reviewer)
    return edition


@transaction.atomic
def add_reviewer(*, actor, edition: Edition, reviewer: User) -> ReviewRequest:
    require(can_manage_edition, actor, edition, message="Only the guide's lead asks reviewers.")
    if edition.status != EditionStatus.IN_REVIEW:
        raise ValidationError("Only an edition in review can get reviewers.")
    guide = edition.guide
    if reviewer.pk in writer_ids(guide):
        raise ValidationError(
            {"reviewer": f"{reviewer} writes this guide and cannot also review it."}
        )
    if edition.reviews.filter(reviewer=reviewer).exists():
        raise ValidationError({"reviewer": f"{reviewer} is already asked to review."})
    membership = GuideMember.objects.filter(guide=guide, user=reviewer).first()
    reviewer_cities = set(
        reviewer.memberships.values_list("organisation__jurisdiction_id", flat=True)
    )
    in_consortium = (membership is not None and membership.status == MemberStatus.ACCEPTED) or bool(
        reviewer_cities & _consortium_city_ids(guide)
    )
    affiliation = membership.affiliation if membership else ""
    if not affiliation:
        organisation = reviewer.memberships.select_related("organisation").first()
        affiliation = organisation.organisation.name if organisation else ""
    review = ReviewRequest.objects.create(
        edition=edition,
        reviewer=reviewer,
        affiliation=affiliation[:200],
        outside_consortium=not in_consortium,
        requested_by=actor,
    )
    notify(
        user=reviewer,
        kind=NoticeKind.REVIEW_REQUESTED,
        title=f"Please review “{guide.title}” {edition.number}",
        url=edition.get_absolute_url(),
        body=edition.release_notes[:400],
    )
    return review


@transaction.atomic
def decide_review(*, actor, edition: Edition, decision: str, note: str = "") -> ReviewRequest:
    require(can_review_edition, actor, edition, message="You are not asked to review this edition.")
    if decision not in (ReviewDecision.APPROVED, ReviewDecision.CHANGES_REQUESTED):
        raise ValidationError({"decision": "Approve or request changes."})
    if decision == ReviewDecision.CHANGES_REQUESTED and not note.strip():
        raise ValidationError({"note": "Say which changes you request."})
    review = edition.reviews.get(reviewer=actor)
    review.decision = decision
    review.note = note.strip()
    review.decided_at = timezone.now()
    review.save(update_fields=["decision", "note", "decided_at", "updated_at"])
    for lead in edition.guide.members.filter(role="lead", status=MemberStatus.ACCEPTED):
        notify(
            user=lead.user,
            kind=NoticeKind.REVIEWED,
            title=f"{actor}: {review.get_decision_display().lower()} on {edition}",
            url=edition.get_absolute_url(),
            body=review.note[:400],
        )
    return review


@transaction.atomic
def comment_on_edition(
    *, actor, edition: Edition, body: str, section_id: int | None = None
) -> ReviewComment:
    require(can_comment_edition, actor, edition, message="Only reviewers and authors comment.")
    if not body.strip():
        raise ValidationError({"body": "Write the comment."})
    section_title = ""
    if section_id is not None:
        titles = {
            section["id"]: section["title"]
            for chapter in edition.content.get("chapters", [])
            for section in chapter["sections"]
        }
        if section_id not in titles:
            raise ValidationError({"section": "That section is not in this edition."})
        section_title = titles[section_id]
    return ReviewComment.objects.create(
        edition=edition,
        section_id_in_edition=section_id,
        section_title=section_title,
        author=actor,
        body=body.strip(),
    )


@transaction.atomic
def resolve_comment(*, actor, comment: ReviewComment, resolution: str) -> ReviewComment:
    require(can_manage_edition, actor, comment.edition, message="Only the lead resolves comments.")
    if comment.resolved_at is not None:
        raise ValidationError("This comment is already resolved.")
    if not resolution.strip():
        raise ValidationError({"resolution": "Say how the comment was resolved."})
    comment.resolution = resolution.strip()[:400]
    comment.resolved_by = actor
    comment.resolved_at = timezone.now()
    comment.save(update_fields=["resolution", "resolved_by", "resolved_at", "updated_at"])
    return comment


@transaction.atomic
def publish_edition(*, actor, edition: Edition) -> Edition:
    """Publish an approved edition; refused with every missing approval named."""
    require(can_manage_edition, actor, edition, message="Only the guide's lead publishes.")
    edition = Edition.objects.select_for_update().select_related("guide").get(pk=edition.pk)
    if edition.status != EditionStatus.IN_REVIEW:
        raise ValidationError(
            f"Edition {edition.number} is {edition.get_status_display().lower()}."
        )
    ready = edition_readiness(edition, publisher_id=getattr(actor, "pk", None))
    if not ready.ready:
        raise ValidationError(
            ["This edition cannot be published yet. Missing: " + " ".join(ready.missing)]
        )
    edition.status = EditionStatus.PUBLISHED
    edition.published_by = actor
    edition.published_at = timezone.now()
    edition.save(update_fields=["status", "published_by", "published_at", "updated_at"])
    edition.cited_solutions.set(cited_solution_ids(edition.content))
    guide = edition.guide
    Guide.objects.filter(pk=guide.pk).update(current_edition=edition)
    guide.current_edition = edition
    transaction.on_commit(lambda: refresh_guide(guide.pk))
    for member in guide.members.filter(status=MemberStatus.ACCEPTED).select_related("user"):
        if member.user_id != getattr(actor, "pk", None):
            notify(
                user=member.user,
                kind=NoticeKind.PUBLISHED,
                title=f"“{guide.title}” {edition.number} is published",
                url=guide.get_absolute_url(),
            )
    return edition


@transaction.atomic
def withdraw_edition(*, actor, edition: Edition) -> Edition:
    require(can_manage_edition, actor, edition, message="Only the guide's lead withdraws.")
    if edition.status != EditionStatus.IN_REVIEW:
        raise ValidationError("Only an edition in review can be withdrawn.")
    edition.status = EditionStatus.WITHDRAWN
    edition.save(update_fields=["status", "updated_at"])
    return edition
