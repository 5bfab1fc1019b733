"""Pages: session proposals (list, propose, edit, detail), votes, reviews, decisions and
speakers' confirmations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from citypeers.convenings import permissions
from citypeers.convenings.enums import PROPOSAL_STATES, REVIEW_CRITERIA, ProposalStatus
from citypeers.convenings.forms_programme import DecisionForm, ProposalForm, ReviewForm
from citypeers.convenings.models import ProposalReview
from citypeers.convenings.selectors import programme as selectors
from citypeers.convenings.services import proposals as service
from citypeers.core.forms import apply_service_errors, stale_edit_context
from citypeers.core.pagination import paginate
from citypeers.core.services import StaleEdit


@login_required
def proposals(request, slug):
    convening = selectors.programme_convening_for_user(request.user, slug)
    return render(
        request,
        "convenings/proposals.html",
        {
            "convening": convening,
            "page_result": paginate(request, selectors.proposals_for(convening, request.user)),
            "can_review": permissions.can_review_proposal(request.user),
            "can_propose": convening.state in PROPOSAL_STATES,
        },
    )


def _form_data(form):
    data = dict(form.cleaned_data)
    data.pop("version", None)
    data["speakers"] = list(data["speakers"])
    return data


@login_required
def create(request, slug):
    convening = selectors.programme_convening_for_user(request.user, slug)
    form = ProposalForm(request.POST or None, convening=convening)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = service.propose_session(
                convening=convening, actor=request.user, **_form_data(form)
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Session proposed. Delegates can now vote on it.")
            return redirect(proposal)
    return render(
        request,
        "convenings/proposal_form.html",
        {"convening": convening, "form": form, "proposal": None},
    )


@login_required
def edit(request, slug, pk):
    convening = selectors.programme_convening_for_user(request.user, slug)
    proposal = selectors.proposal_for_user(request.user, convening, pk, for_edit=True)
    initial = {
        "title": proposal.title,
        "format": proposal.format,
        "challenge_area": proposal.challenge_area_id,
        "description": proposal.description,
        "needs": proposal.needs,
        "speakers": [row.delegate_id for row in proposal.speaker_rows.all()],
        "version": proposal.version,
    }
    form = ProposalForm(request.POST or None, initial=initial, convening=convening)
    stale: dict = {}
    if request.method == "POST" and form.is_valid():
        data = _form_data(form)
        speakers = data.pop("speakers")
        try:
            service.update_proposal(
                proposal=proposal,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                speakers=speakers,
                **data,
            )
        except StaleEdit as exc:
            current = exc.current
            theirs = {
                name: getattr(current, name) for name in ("title", "format", "description", "needs")
            }
            stale = stale_edit_context(form, exc, theirs)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Proposal saved.")
            return redirect(proposal)
    return render(
        request,
        "convenings/proposal_form.html",
        {"convening": convening, "form": form, "proposal": proposal, **stale},
    )


@login_required
def detail(request, slug, pk):
    convening = selectors.programme_convening_for_user(request.user, slug)
    proposal = selectors.proposal_for_user(request.user, convening, pk)
    user = request.user
    can_review = permissions.can_review_proposal(user, proposal)
    own_review = (
        ProposalReview.objects.filter(proposal=proposal, reviewer=user).first()
        if can_review
        else None
    )
    speaking = [row for row in proposal.speaker_rows.all() if row.delegate.user_id == user.pk]
    return render(
        request,
        "convenings/proposal.html",
        {
            "convening": convening,
            "proposal": proposal,
            "can_edit": permissions.can_edit_proposal(user, proposal),
            "can_vote": permissions.can_vote_on_proposal(user, proposal),
            "can_review": can_review,
            "criteria": REVIEW_CRITERIA,
            "reviews": list(proposal.reviews.select_related("reviewer")) if can_review else [],
            "review_form": ReviewForm(
                initial={
                    "relevance": own_review.relevance,
                    "feasibility": own_review.feasibility,
                    "comment": own_review.comment,
                }
                if own_review
                else None
            )
            if can_review
            else None,
            "decision_form": DecisionForm(initial={"version": proposal.version})
            if permissions.can_decide_proposal(user, proposal)
            else None,
            "my_speaker_row": speaking[0]
            if speaking and proposal.status == ProposalStatus.ACCEPTED
            else None,
        },
    )


@login_required
@require_POST
def vote(request, slug, pk):
    """Toggle the user's vote; an htmx request gets the vote button back, others a redirect."""
    convening = selectors.programme_convening_for_user(request.user, slug)
    proposal = selectors.proposal_for_user(request.user, convening, pk)
    error = ""
    try:
        if proposal.voted:
            service.unvote(proposal=proposal, actor=request.user)
        else:
            service.vote(proposal=proposal, actor=request.user)
    except PermissionDenied as exc:
        if not request.htmx:
            raise
        error = str(exc)
    except ValidationError as exc:
        error = " ".join(exc.messages)
        if not request.htmx:
            messages.error(request, error)
    if request.htmx:
        fresh = selectors.proposal_for_user(request.user, convening, pk)
        return render(
            request,
            "convenings/_vote.html",
            {"convening": convening, "proposal": fresh, "can_vote": True, "vote_error": error},
        )
    return redirect(proposal)


@login_required
@require_POST
def review(request, slug, pk):
    convening = selectors.programme_convening_for_user(request.user, slug)
    proposal = selectors.proposal_for_user(request.user, convening, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            service.review(proposal=proposal, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Review saved.")
    else:
        messages.error(request, "Score each criterion from 1 to 5.")
    return redirect(proposal)


@login_required
@require_POST
def decide(request, slug, pk):
    convening = selectors.programme_convening_for_user(request.user, slug)
    proposal = selectors.proposal_for_user(request.user, convening, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        selectors.require_decider(request.user, proposal)
        messages.error(request, "Choose accept or decline and write a message.")
        return redirect(proposal)
    try:
        service.decide(
            proposal=proposal,
            actor=request.user,
            accept=form.cleaned_data["decision"] == ProposalStatus.ACCEPTED,
            message=form.cleaned_data["message"],
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"Proposal {proposal.get_status_display().lower()}; the proposer is emailed."
        )
    return redirect(proposal)


@login_required
@require_POST
def confirm(request, slug, pk):
    convening = selectors.programme_convening_for_user(request.user, slug)
    proposal = selectors.proposal_for_user(request.user, convening, pk)
    try:
        service.confirm_speaking(proposal=proposal, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Thank you: you are confirmed as a speaker.")
    return redirect(proposal)
