"""An edition: its page (the guide page shows the latest published one), review, comments,
publication and the PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods, require_POST

from citypeers.core.forms import apply_service_errors
from citypeers.guides import selectors, services
from citypeers.guides.enums import EditionStatus
from citypeers.guides.forms import CommentForm, DecisionForm, EditionForm, ResolveForm, ReviewerForm
from citypeers.guides.permissions import (
    can_comment_edition,
    can_manage_edition,
    can_review_edition,
    can_view_draft,
)


def flash_errors(request, error: ValidationError) -> None:
    """A service's refusal as messages on the page the user is sent back to."""
    for text in error.messages:
        messages.error(request, text)


def edition_context(request, edition) -> dict:
    guide = edition.guide
    user = request.user
    chapters = selectors.edition_chapters(edition)
    members = selectors.consortium(guide)
    reviews = selectors.reviews_of(edition)
    context = {
        "guide": guide,
        "edition": edition,
        "chapters": chapters,
        "members": [m for m in members if m.status == "accepted"],
        "reviews": reviews,
        "credited_reviewers": [r for r in reviews if r.decision == "approved"],
        "editions": selectors.editions_of(user, guide),
        "citation": selectors.citation(edition, members),
        "can_read_draft": can_view_draft(user, guide),
    }
    if edition.status == EditionStatus.IN_REVIEW:
        sections = [
            (s["id"], f"{s['number']} {s['title']}") for c in chapters for s in c["sections"]
        ]
        context.update(
            {
                "comments": selectors.comments_of(edition),
                "readiness": selectors.readiness_for(user, edition),
                "can_review": can_review_edition(user, edition),
                "can_comment": can_comment_edition(user, edition),
                "can_manage": can_manage_edition(user, edition),
                "decision_form": DecisionForm(),
                "comment_form": CommentForm(sections=sections),
                "reviewer_form": ReviewerForm(),
                "resolve_form": ResolveForm(),
            }
        )
    return context


def edition(request, slug, number):
    found = selectors.edition_for_user(request.user, slug, number)
    return render(request, "guides/edition.html", edition_context(request, found))


def edition_pdf(request, slug, number):
    from weasyprint import HTML  # noqa: PLC0415 - loads Pango; only needed for this download

    found = selectors.edition_for_user(request.user, slug, number)
    html = render_to_string("guides/edition_pdf.html", edition_context(request, found), request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{found.guide.slug}-{found.number}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def edition_new(request, slug):
    guide = selectors.guide_for_user(request.user, slug, manage=True)
    form = EditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.cut_edition(
                actor=request.user,
                guide=guide,
                release_notes=data["release_notes"],
                major=data["major"],
                reviewers=data["reviewers"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, f"Edition {created.number} is frozen for review; reviewers are notified."
            )
            return redirect(created.get_absolute_url())
    return render(request, "guides/edition_form.html", {"guide": guide, "form": form})


def _back(edition):
    return redirect(edition.get_absolute_url())


@login_required
@require_POST
def reviewer_add(request, slug, number):
    found = selectors.edition_for_user(request.user, slug, number, manage=True)
    form = ReviewerForm(request.POST)
    if not form.is_valid():
        for text in form.errors.get("email", ["Give the reviewer's email address."]):
            messages.error(request, text)
        return _back(found)
    try:
        services.add_reviewer(actor=request.user, edition=found, reviewer=form.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, f"{form.user} is asked to review and has been notified.")
    return _back(found)


@login_required
@require_POST
def review_decide(request, slug, number):
    found = selectors.edition_for_user(request.user, slug, number, review=True)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Approve or request changes.")
        return _back(found)
    try:
        review = services.decide_review(actor=request.user, edition=found, **form.cleaned_data)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, f"Your review is recorded: {review.get_decision_display()}.")
    return _back(found)


@login_required
@require_POST
def comment_add(request, slug, number):
    found = selectors.edition_for_user(request.user, slug, number, comment=True)
    sections = [
        (s["id"], s["title"]) for c in found.content.get("chapters", []) for s in c["sections"]
    ]
    form = CommentForm(request.POST, sections=sections)
    if not form.is_valid():
        messages.error(request, "Write the comment.")
        return _back(found)
    try:
        services.comment_on_edition(
            actor=request.user,
            edition=found,
            body=form.cleaned_data["body"],
            section_id=form.cleaned_data["section"],
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, "Comment added.")
    return _back(found)


@login_required
@require_POST
def comment_resolve(request, slug, number, pk):
    found = selectors.edition_for_user(request.user, slug, number, manage=True)
    comment = selectors.comment_for_user(request.user, found, pk)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say how the comment was resolved.")
        return _back(found)
    try:
        services.resolve_comment(
            actor=request.user, comment=comment, resolution=form.cleaned_data["resolution"]
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, "Comment resolved.")
    return _back(found)


@login_required
@require_POST
def edition_publish(request, slug, number):
    found = selectors.edition_for_user(request.user, slug, number, manage=True)
    try:
        services.publish_edition(actor=request.user, edition=found)
    except ValidationError as error:
        flash_errors(request, error)
        return _back(found)
    messages.success(request, f"Edition {found.number} is published.")
    return redirect(found.guide.get_absolute_url())


@login_required
@require_POST
def edition_withdraw(request, slug, number):
    found = selectors.edition_for_user(request.user, slug, number, manage=True)
    try:
        services.withdraw_edition(actor=request.user, edition=found)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.info(request, f"Edition {found.number} is withdrawn; the draft goes on.")
    return redirect("guides:draft", slug=slug)
