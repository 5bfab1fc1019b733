"""The guide list, the public guide page, and the consortium's working draft."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from citypeers.accounts.enums import MembershipRole
from citypeers.accounts.permissions import jurisdiction_ids_with_role
from citypeers.core.files import download_response
from citypeers.core.forms import apply_service_errors, stale_edit_context
from citypeers.core.pagination import paginate
from citypeers.core.services import StaleEdit
from citypeers.directory.models import Jurisdiction
from citypeers.guides import selectors, services
from citypeers.guides.engine.text import diff_lines
from citypeers.guides.forms import (
    BlockForm,
    ChapterForm,
    GuideForm,
    InviteMemberForm,
    NewSectionForm,
    SectionForm,
)
from citypeers.guides.permissions import can_create_guide, can_manage_guide, can_write_guide
from citypeers.guides.views.editions import edition_context, flash_errors


def index(request):
    area = request.GET.get("area", "")[:80]
    mine = request.GET.get("show") == "mine"
    return render(
        request,
        "guides/index.html",
        {
            "page_result": paginate(
                request, selectors.guide_list(request.user, area=area, mine=mine)
            ),
            "mine": mine,
            "can_create": can_create_guide(request.user),
            "invitations": list(selectors.my_invitations(request.user)),
        },
    )


def _editable_cities(user):
    return Jurisdiction.objects.filter(
        pk__in=jurisdiction_ids_with_role(user, MembershipRole.EDITOR)
    ).order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
def guide_new(request):
    selectors.require_guide_creator(request.user)
    form = GuideForm(request.POST or None, cities=_editable_cities(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.create_guide(
                actor=request.user,
                title=data["title"],
                purpose=data["purpose"],
                audience=data["audience"],
                area=data["area"],
                criteria_keys=data["criteria"],
                lead_city=data["lead_city"],
                required_approvals=data["required_approvals"],
                outside_approval_required=data["outside_approval_required"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Guide started. Invite your consortium and add chapters.")
            return redirect("guides:draft", slug=created.slug)
    return render(request, "guides/guide_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def guide_edit(request, slug):
    current = selectors.guide_for_user(request.user, slug, manage=True)
    initial = {
        "title": current.title,
        "purpose": current.purpose,
        "audience": current.audience,
        "area": current.area,
        "criteria": ", ".join(current.criteria_keys),
        "required_approvals": current.required_approvals,
        "outside_approval_required": current.outside_approval_required,
    }
    form = GuideForm(request.POST or None, initial=initial, cities=_editable_cities(request.user))
    form.fields.pop("lead_city")
    version = request.POST.get("version") if request.method == "POST" else current.version
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_guide(
                actor=request.user,
                guide=current,
                expected_version=int(version) if str(version).isdigit() else None,
                title=data["title"],
                purpose=data["purpose"],
                audience=data["audience"],
                area=data["area"],
                criteria_keys=data["criteria"],
                required_approvals=data["required_approvals"],
                outside_approval_required=data["outside_approval_required"],
            )
        except StaleEdit as error:
            messages.error(request, error.messages[0] + " Reload to see their changes.")
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Guide details saved.")
            return redirect("guides:draft", slug=current.slug)
    return render(
        request, "guides/guide_form.html", {"form": form, "guide": current, "version": version}
    )


def guide(request, slug):
    """The public page: the latest published edition."""
    found = selectors.guide_for_user(request.user, slug)
    if found.current_edition is None:
        return render(
            request,
            "guides/unpublished.html",
            {"guide": found, "editions": selectors.editions_of(request.user, found)},
        )
    context = edition_context(request, found.current_edition)
    return render(request, "guides/edition.html", {**context, "is_guide_page": True})


@login_required
def draft(request, slug):
    found = selectors.draft_for_user(request.user, slug)
    user = request.user
    return render(
        request,
        "guides/draft.html",
        {
            "guide": found,
            "chapters": selectors.draft_chapters(found),
            "members": selectors.consortium(found),
            "editions": selectors.editions_of(user, found),
            "can_write": can_write_guide(user, found),
            "can_manage": can_manage_guide(user, found),
            "chapter_form": ChapterForm(),
            "section_form": NewSectionForm(),
            "invite_form": InviteMemberForm(),
        },
    )


@login_required
@require_POST
def member_invite(request, slug):
    found = selectors.guide_for_user(request.user, slug, manage=True)
    form = InviteMemberForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return redirect("guides:draft", slug=slug)
    invitee = form.user
    try:
        services.invite_member(
            actor=request.user,
            guide=found,
            user=invitee,
            role=form.cleaned_data["role"],
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, f"{invitee} is invited and has been notified.")
    return redirect("guides:draft", slug=slug)


@login_required
@require_POST
def invitation_answer(request, slug, pk):
    member = selectors.invitation_for_user(request.user, slug, pk)
    accept = request.POST.get("answer") == "accept"
    services.answer_invitation(actor=request.user, member=member, accept=accept)
    if accept:
        messages.success(request, f"Welcome to the consortium of “{member.guide.title}”.")
        return redirect("guides:draft", slug=slug)
    messages.info(request, "Invitation declined.")
    return redirect("guides:index")


@login_required
@require_POST
def chapter_add(request, slug):
    found = selectors.guide_for_user(request.user, slug, for_edit=True)
    form = ChapterForm(request.POST)
    if form.is_valid():
        try:
            services.add_chapter(actor=request.user, guide=found, title=form.cleaned_data["title"])
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, "Chapter added.")
    else:
        messages.error(request, "Give the chapter a title (one line).")
    return redirect("guides:draft", slug=slug)


@login_required
@require_POST
def section_add(request, slug, pk):
    found = selectors.guide_for_user(request.user, slug, for_edit=True)
    chapter = selectors.chapter_for_user(request.user, found, pk)
    form = NewSectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the section a title (one line).")
        return redirect("guides:draft", slug=slug)
    chapter.guide = found
    section = services.add_section(
        actor=request.user, chapter=chapter, title=form.cleaned_data["title"]
    )
    return redirect("guides:section-edit", slug=slug, pk=section.pk)


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, slug, pk):
    section = selectors.section_for_user(request.user, slug, pk, for_edit=True)
    initial = {"title": section.title, "body": section.body, "version": section.version}
    form = SectionForm(request.POST or None, initial=initial)
    context: dict = {"guide": section.chapter.guide, "section": section, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _, merged = services.save_section(
                actor=request.user,
                section=section,
                title=data["title"],
                body=data["body"],
                expected_version=data["version"],
            )
        except StaleEdit as error:
            current = error.current
            context.update(
                stale_edit_context(form, error, {"title": current.title, "body": current.body})
            )
            context["their_body"] = current.body
            context["body_diff"] = diff_lines(current.body, data["body"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if merged:
                messages.success(
                    request,
                    "Saved. Someone else saved this section meanwhile; they changed other "
                    "lines, so both edits are kept.",
                )
            else:
                messages.success(request, "Section saved as a new revision.")
            draft_url = reverse("guides:draft", kwargs={"slug": slug})
            return redirect(f"{draft_url}#section-{section.pk}")
    context["block_form"] = BlockForm()
    context["blocks"] = list(section.blocks.select_related("solution", "insight"))
    return render(request, "guides/section_form.html", context)


@login_required
def section_history(request, slug, pk):
    section = selectors.section_for_user(request.user, slug, pk)
    return render(
        request,
        "guides/section_history.html",
        {
            "guide": section.chapter.guide,
            "section": section,
            "page_result": paginate(request, selectors.revisions(section)),
        },
    )


@login_required
def revision_diff(request, slug, pk, number):
    section = selectors.section_for_user(request.user, slug, pk)
    revision, previous = selectors.revision_pair(section, number)
    return render(
        request,
        "guides/revision.html",
        {
            "guide": section.chapter.guide,
            "section": section,
            "revision": revision,
            "previous": previous,
            "title_changed": previous is not None and previous.title != revision.title,
            "lines": diff_lines(previous.body if previous else "", revision.body),
        },
    )


@login_required
@require_POST
def block_add(request, slug, pk):
    section = selectors.section_for_user(request.user, slug, pk, for_edit=True)
    form = BlockForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_block(actor=request.user, section=section, **form.cleaned_data)
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, "Block added.")
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    return redirect("guides:section-edit", slug=slug, pk=section.pk)


@login_required
@require_POST
def block_remove(request, slug, pk):
    block = selectors.block_for_user(request.user, slug, pk)
    section_pk = block.section_id
    services.remove_block(actor=request.user, block=block)
    messages.success(request, "Block removed.")
    return redirect("guides:section-edit", slug=slug, pk=section_pk)


def file_download(request, slug, pk):
    """A resource's file, for those who may read a draft or an edition that offers it."""
    stored = selectors.file_for_user(request.user, slug, pk)
    return download_response(stored.file, content_type=stored.content_type)
