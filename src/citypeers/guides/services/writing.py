"""Starting a guide, its consortium, and writing chapters, sections and blocks."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from citypeers.accounts.models import User
from citypeers.accounts.permissions import can_edit_jurisdiction
from citypeers.core.services import StaleEdit, claim_version, unique_slug
from citypeers.guides.engine.text import merge_texts, summarise
from citypeers.guides.enums import BlockKind, MemberRole, MemberStatus, NoticeKind
from citypeers.guides.models import (
    Block,
    Chapter,
    Guide,
    GuideFile,
    GuideMember,
    Revision,
    Section,
)
from citypeers.guides.permissions import (
    can_answer_invitation,
    can_create_guide,
    can_manage_guide,
    can_write_guide,
)
from citypeers.guides.services.common import require
from citypeers.knowledge.validators import attachment_content_type
from citypeers.notifications.services import notify

GUIDE_FIELDS = (
    "title",
    "purpose",
    "audience",
    "area",
    "criteria_keys",
    "required_approvals",
    "outside_approval_required",
)
RESERVED_SLUGS = frozenset({"new"})


@transaction.atomic
def create_guide(
    *,
    actor,
    title: str,
    purpose: str,
    audience: str,
    area,
    criteria_keys: list[str] | None = None,
    lead_city=None,
    lead_organisation=None,
    required_approvals: int = 2,
    outside_approval_required: bool = True,
    is_demo: bool = False,
    lead=None,
) -> Guide:
    """A new guide whose creator (or `lead`, for setup) is its accepted lead."""
    require(can_create_guide, actor, message="Only organisers and city editors start guides.")
    if actor is not None and lead_city is not None and not can_edit_jurisdiction(actor, lead_city):
        raise ValidationError({"lead_city": "You can lead only for a city whose editor you are."})
    guide = Guide(
        slug=unique_slug(Guide, title, max_length=140, reserved=RESERVED_SLUGS, fallback="guide"),
        title=title,
        purpose=purpose,
        audience=audience,
        area=area,
        criteria_keys=sorted(set(criteria_keys or [])),
        required_approvals=required_approvals,
        outside_approval_required=outside_approval_required,
        created_by=actor or lead,
        is_demo=is_demo,
    )
    guide.full_clean()
    guide.save()
    lead_user = lead or actor
    if lead_user is not None:
        GuideMember.objects.create(
            guide=guide,
            user=lead_user,
            role=MemberRole.LEAD,
            status=MemberStatus.ACCEPTED,
            jurisdiction=lead_city,
            organisation=lead_organisation,
            invited_by=lead_user,
            responded_at=timezone.now(),
        )
    return guide


@transaction.atomic
def update_guide(*, actor, guide: Guide, expected_version: int | None, **changes) -> Guide:
    require(can_manage_guide, actor, guide, message="Only the guide's lead changes its details.")
    unknown = set(changes) - set(GUIDE_FIELDS)
    if unknown:
        raise ValueError(f"Not guide fields: {sorted(unknown)}")
    claim_version(guide, expected_version=expected_version, noun="guide")
    if "criteria_keys" in changes:
        changes["criteria_keys"] = sorted(set(changes["criteria_keys"] or []))
    for name, value in changes.items():
        setattr(guide, name, value)
    guide.full_clean()
    guide.save(update_fields=[*changes, "version", "updated_at"])
    return guide


@transaction.atomic
def invite_member(
    *, actor, guide: Guide, user: User, role: str, jurisdiction=None, organisation=None
) -> GuideMember:
    require(can_manage_guide, actor, guide, message="Only the guide's lead invites people.")
    if role not in MemberRole.values:
        raise ValidationError({"role": f"Choose a role: {', '.join(MemberRole.values)}."})
    if (
        role == MemberRole.LEAD
        and GuideMember.objects.filter(guide=guide, role=MemberRole.LEAD).exists()
    ):
        raise ValidationError({"role": "The guide already has a lead."})
    if jurisdiction is None and organisation is None:
        jurisdiction, organisation = _affiliation(user)
    if GuideMember.objects.filter(guide=guide, user=user).exists():
        raise ValidationError({"user": f"{user} is already in this guide's consortium."})
    member = GuideMember(
        guide=guide,
        user=user,
        role=role,
        jurisdiction=jurisdiction,
        organisation=organisation,
        invited_by=actor,
    )
    member.full_clean()
    member.save()
    notify(
        user=user,
        kind=NoticeKind.INVITED,
        title=f"You are invited as {member.get_role_display().lower()} of “{guide.title}”",
        url=guide.get_absolute_url(),
        body=guide.purpose[:400],
    )
    return member


def _affiliation(user: User):
    """(city, None) for someone who works for a city, else (None, their first organisation)."""
    memberships = list(user.memberships.select_related("organisation__jurisdiction"))
    for membership in memberships:
        if membership.organisation.jurisdiction_id:
            return membership.organisation.jurisdiction, None
    return None, memberships[0].organisation if memberships else None


@transaction.atomic
def answer_invitation(*, actor, member: GuideMember, accept: bool) -> GuideMember:
    require(can_answer_invitation, actor, member, message="This invitation is not yours.")
    member.status = MemberStatus.ACCEPTED if accept else MemberStatus.DECLINED
    member.responded_at = timezone.now()
    member.save(update_fields=["status", "responded_at", "updated_at"])
    if hasattr(member.guide, "_roles"):
        del member.guide._roles
    return member


def _next_order(rows) -> int:
    return (rows.aggregate(top=Max("order"))["top"] or 0) + 1


@transaction.atomic
def add_chapter(*, actor, guide: Guide, title: str, lead_city=None) -> Chapter:
    require(can_write_guide, actor, guide, message="Only the guide's authors add chapters.")
    chapter = Chapter(
        guide=guide, title=title, lead_city=lead_city, order=_next_order(guide.chapters)
    )
    chapter.full_clean()
    chapter.save()
    return chapter


@transaction.atomic
def add_section(*, actor, chapter: Chapter, title: str, body: str = "") -> Section:
    require(can_write_guide, actor, chapter.guide, message="Only the guide's authors write.")
    section = Section(
        chapter=chapter,
        title=title,
        body=body,
        order=_next_order(chapter.sections),
        updated_by=actor,
    )
    section.full_clean()
    section.save()
    Revision.objects.create(
        section=section,
        number=section.version,
        title=title,
        body=body,
        author=actor,
        summary="Section started",
    )
    return section


def _merge(section: Section, *, base: Revision | None, title: str, body: str):
    """The text to save when the author started from an older version: both edits merged,
    or StaleEdit when they touched the same lines (nothing is written)."""
    if base is None:
        return None
    merged_body = merge_texts(base.body, body, section.body)
    if title == base.title or title == section.title:
        merged_title = section.title if title == base.title else title
    elif section.title == base.title:
        merged_title = title
    else:
        merged_title = None
    if merged_body is None or merged_title is None:
        return None
    return merged_title, merged_body


@transaction.atomic
def save_section(
    *, actor, section: Section, title: str, body: str, expected_version: int | None
) -> tuple[Section, bool]:
    """Save one section as a new revision. Returns (section, merged).

    From an older version: if the other save touched other lines, both are kept (merged);
    otherwise StaleEdit carries the current text, so the author sees both texts."""
    require(
        can_write_guide, actor, section.chapter.guide, message="Only the guide's authors write."
    )
    current = Section.objects.get(pk=section.pk)
    merged = False
    new_title, new_body = title, body
    if expected_version is not None and expected_version != current.version:
        base = Revision.objects.filter(section=current, number=expected_version).first()
        result = _merge(current, base=base, title=title, body=body)
        if result is None:
            raise StaleEdit(current, expected_version=expected_version, noun="section")
        new_title, new_body = result
        merged = True
    if new_title == current.title and new_body == current.body:
        return current, merged
    candidate = Section(pk=current.pk, chapter=current.chapter, title=new_title, body=new_body)
    candidate.clean_fields(exclude=["chapter", "order", "version", "updated_by"])
    # The conditional update is the lock: a save that raced past the read above finds the
    # version moved and is refused rather than written over.
    claim_version(current, expected_version=current.version, noun="section")
    Section.objects.filter(pk=current.pk).update(
        title=new_title, body=new_body, updated_by=actor, updated_at=timezone.now()
    )
    Revision.objects.create(
        section=current,
        number=current.version,
        title=new_title,
        body=new_body,
        author=actor,
        summary=_summary(current, new_title, new_body, merged),
        merged=merged,
    )
    section.refresh_from_db()
    return section, merged


def _summary(old: Section, title: str, body: str, merged: bool) -> str:
    parts = []
    if title != old.title:
        parts.append(f"title changed to “{title}”")
    if body != old.body:
        parts.append(str(summarise(old.body, body)))
    if merged:
        parts.append("merged with another author's save")
    return "; ".join(parts)[:300] or "no change"


def _record_block_change(actor, section: Section, summary: str) -> None:
    Section.objects.filter(pk=section.pk).update(version=F("version") + 1, updated_by=actor)
    section.refresh_from_db(fields=["version"])
    Revision.objects.create(
        section=section,
        number=section.version,
        title=section.title,
        body=section.body,
        author=actor,
        summary=summary[:300],
    )


BLOCK_NEEDS = {
    BlockKind.CASE_STUDY: ("solution", "Choose the solution this case study presents."),
    BlockKind.INSIGHT: ("insight", "Choose the workshop insight."),
    BlockKind.CHECKLIST: ("items", "Write at least one checklist item."),
    BlockKind.RESOURCE: ("url", "Give the resource's address (https://…) or attach a file."),
}


@transaction.atomic
def add_block(
    *,
    actor,
    section: Section,
    kind: str,
    title: str = "",
    solution=None,
    insight=None,
    items: list[str] | None = None,
    url: str = "",
    note: str = "",
    file=None,
) -> Block:
    require(
        can_write_guide, actor, section.chapter.guide, message="Only the guide's authors write."
    )
    if kind not in BlockKind.values:
        raise ValidationError({"kind": f"Choose a kind: {', '.join(BlockKind.values)}."})
    items = [item.strip() for item in (items or []) if item.strip()]
    block = Block(
        section=section,
        kind=kind,
        title=title,
        solution=solution if kind == BlockKind.CASE_STUDY else None,
        insight=insight if kind == BlockKind.INSIGHT else None,
        items=items if kind == BlockKind.CHECKLIST else [],
        url=url if kind == BlockKind.RESOURCE else "",
        note=note,
        order=_next_order(section.blocks),
    )
    if file is not None and kind == BlockKind.RESOURCE:
        block.attachment = _store_file(actor, section.chapter.guide, file)
        block.title = block.title or block.attachment.name[:200]
    field, message = BLOCK_NEEDS[BlockKind(kind)]
    if not getattr(block, field) and block.attachment is None:
        raise ValidationError({field: message})
    if solution is not None and kind == BlockKind.CASE_STUDY and not solution.is_published:
        raise ValidationError({"solution": "Only a published solution can be a case study."})
    block.full_clean()
    block.save()
    _record_block_change(actor, section, f"added {block.get_kind_display().lower()}: {block}")
    return block


def _store_file(actor, guide: Guide, upload) -> GuideFile:
    """Check the upload's type, content and size as solution attachments are checked."""
    try:
        content_type = attachment_content_type(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    stored = GuideFile(
        guide=guide, file=upload, content_type=content_type, size=upload.size, uploaded_by=actor
    )
    stored.full_clean()
    stored.save()
    return stored


@transaction.atomic
def remove_block(*, actor, block: Block) -> None:
    section = block.section
    require(
        can_write_guide, actor, section.chapter.guide, message="Only the guide's authors write."
    )
    label = f"removed {block.get_kind_display().lower()}: {block}"
    block.delete()
    _record_block_change(actor, section, label)
